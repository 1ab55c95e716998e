"""`explainer class report` on a class's worth of real exports, two of them broken."""

from __future__ import annotations

import json
import random

import pytest

from explainer.classroom.report import build_report
from explainer.cli import run
from explainer.cli.results_cmd import build_payload, to_csv
from explainer.course.load import load_course
from explainer.learning.progress import ProgressStore
from explainer.learning.quiz import correct_answer
from explainer.learning.quiz_session import QuizSession
from explainer.paths import packaged_content_dir


@pytest.fixture(scope="module")
def course():
    return load_course(packaged_content_dir())


def _learner_payload(course, name: str, skill: float, rng: random.Random) -> dict:
    """A learner who answers each question right with probability ``skill`` (else picks a wrong option)."""
    progress = ProgressStore(None).load().progress
    for quiz_id in ("wake-word", "listening-window", "final"):
        session = QuizSession(course, quiz_id, progress, seed=1, max_tries=1)
        while not session.done:
            question = session.current
            given = correct_answer(question)
            if rng.random() > skill and question.type in ("single", "truefalse"):
                wrong = [o.id for o in question.options if not o.correct]
                given = wrong[0]
            session.check(given)
            session.advance()
    return build_payload(course, progress, name)


def _write_class(course, folder, learners: int = 28):
    rng = random.Random(42)
    paths = []
    for n in range(learners):
        payload = _learner_payload(course, f"Student {n + 1:02d}", rng.uniform(0.3, 0.95), rng)
        path = folder / f"student-{n + 1:02d}.json"
        path.write_text(json.dumps(payload), encoding="utf-8")
        paths.append(path)
    broken = folder / "student-29.json"
    broken.write_text(paths[0].read_text(encoding="utf-8")[:200], encoding="utf-8")  # cut off mid-way
    wrong_format = folder / "student-30.json"
    wrong_format.write_text(to_csv(json.loads(paths[1].read_text(encoding="utf-8"))), encoding="utf-8")
    return paths + [broken, wrong_format]


def test_report_merges_thirty_exports_and_names_skipped_files(course, tmp_path, capsys):
    files = _write_class(course, tmp_path)
    out_dir = tmp_path / "report"
    code = run(["class", "report", *map(str, files), "--out-dir", str(out_dir)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "Learners: 28" in printed
    assert "student-29.json is not valid JSON" in printed
    assert "student-30.json is not valid JSON" in printed or "student-30.json is not a" in printed
    markdown = (out_dir / "class-report.md").read_text(encoding="utf-8")
    page = (out_dir / "class-report.html").read_text(encoding="utf-8")
    assert "Most common wrong answer" in markdown and "Files skipped" in markdown
    assert "<svg" in page and "student-29.json" in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', ""), "the page fetches nothing"


def test_share_correct_and_most_common_wrong_answer(course, tmp_path):
    report = build_report(_write_class(course, tmp_path, learners=6))
    hardest = report.hardest()
    assert hardest[0].share_correct <= hardest[-1].share_correct
    wrong = [q for q in hardest if q.most_common_wrong]
    assert wrong, "wrong answers are counted"
    text, count = wrong[0].most_common_wrong
    assert count >= 1 and not text.startswith("[")  # option text, not an id list


def test_duplicates_and_junk_are_skipped_not_fatal(course, tmp_path):
    payload = _learner_payload(course, "Ada", 0.5, random.Random(1))
    first, again = tmp_path / "ada.json", tmp_path / "ada-copy.json"
    first.write_text(json.dumps(payload), encoding="utf-8")
    again.write_text(json.dumps(payload), encoding="utf-8")
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\xff\xfe\x00garbage")
    other = tmp_path / "other.json"
    other.write_text('{"format": "something-else"}', encoding="utf-8")
    missing = tmp_path / "missing.json"
    report = build_report([first, again, junk, other, missing])
    assert report.learners == ["Ada"]
    reasons = " ".join(s.reason for s in report.skipped)
    assert "repeats ada.json" in reasons and "not UTF-8" in reasons
    assert "not a Who's Listening? results export" in reasons and "cannot be read" in reasons


def test_no_readable_file_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert run(["class", "report", str(bad), "--out-dir", str(tmp_path)]) == 1
    assert "nothing to report" in capsys.readouterr().out


def test_markup_in_names_is_escaped(course, tmp_path):
    payload = _learner_payload(course, "<script>x</script> [bold]", 0.5, random.Random(3))
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert run(["class", "report", str(path), "--out-dir", str(tmp_path)]) == 0
    page = (tmp_path / "class-report.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
