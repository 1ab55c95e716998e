"""The course ending's numbers and the certificate files made from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explainer.learning.course_summary import (
    certificate_html,
    certificate_markdown,
    save_certificate,
    summarize,
)
from explainer.learning.progress import Progress
from tests.learning.test_journey import answer, course_with_extras, finish_station


def finished_progress() -> Progress:
    course = course_with_extras()
    progress = Progress()
    for index in range(9):
        finish_station(progress, course, index)
    progress.answers["wake-word-q1"] = {"correct": True, "tries": 2}  # right, but at the second try
    progress.answers["cloud-check-q1"] = {"correct": False, "tries": 3}
    for n in range(3):
        answer(progress, f"final-{n}")
    progress.section("prepost")["pre"] = {"pp-1": {"correct": False, "tries": 1}}
    progress.section("prepost")["post"] = {"pp-1": {"correct": True, "tries": 1}}
    progress.section("reviewer")["summary"] = {"clips_done": 6, "seconds_per_clip": 41.26, "started_at": "x"}
    return progress


def test_the_summary_counts_first_tries_change_and_pace() -> None:
    summary = summarize(course_with_extras(), finished_progress(), learner="Ada", today=date(2026, 12, 5))
    assert summary.stations_done == 9 and summary.stations_total == 9
    assert summary.questions == 10 + 3 and summary.first_try == 11  # two station questions missed at first try
    assert summary.quizzes[0].title == "1. The wake word" and summary.quizzes[0].first_try == 1
    assert summary.quizzes[-1].title == "Final quiz" and summary.quizzes[-1].first_try == 3
    assert dict(summary.lines()) == {
        "Stations done": "9 of 9",
        "Quiz questions right at the first try": "11 of 13",
        "Before and after (pre-check → post-check)": "0 → 1 of 1 (+1)",
        "Your pace in the reviewer seat": "6 clips, about 41 seconds each (reviewers reported about 32)",
    }


def test_nothing_to_compare_and_no_clips_are_said_in_words() -> None:
    progress = Progress()
    summary = summarize(course_with_extras(), progress)
    lines = dict(summary.lines())
    assert lines["Before and after (pre-check → post-check)"] == "no pre-check taken, so there is nothing to compare"
    assert lines["Your pace in the reviewer seat"] == "no clips reviewed yet"
    assert lines["Stations done"] == "0 of 9"
    progress.section("prepost")["pre"] = {"pp-1": {"correct": True}}
    assert "the post-check is still to take" in summarize(course_with_extras(), progress).prepost_words()


def test_a_stored_first_try_flag_wins() -> None:
    progress = finished_progress()
    progress.answers["final-0"] = {"correct": True, "tries": 1, "first_try": False}
    assert summarize(course_with_extras(), progress).quizzes[-1].first_try == 2


def test_certificate_files_are_written_and_escaped(tmp_path: Path) -> None:
    summary = summarize(course_with_extras(), finished_progress(), learner="<b>Ada</b>", today=date(2026, 12, 5))
    markdown, page = tmp_path / "data" / "certificate.md", tmp_path / "data" / "certificate.html"
    save_certificate(summary, markdown, page)
    text = markdown.read_text(encoding="utf-8")
    assert text == certificate_markdown(summary)
    assert "Completed by <b>Ada</b>, 2026-12-05." in text and "| Final quiz | 3 / 3 |" in text
    body = page.read_text(encoding="utf-8")
    assert body == certificate_html(summary)
    assert "&lt;b&gt;Ada&lt;/b&gt;" in body and "<b>Ada" not in body
    assert "http" not in body.replace('lang="en"', "")  # nothing to fetch
    assert not list(tmp_path.glob("data/*.tmp*"))
