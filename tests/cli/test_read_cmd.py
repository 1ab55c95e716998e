"""The plain reader: lessons as clean linear text, quizzes as numbered prompts on stdin."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from explainer.cli import run
from explainer.course.load import load_course
from explainer.learning.progress_store import ProgressStore
from explainer.learning.quiz import correct_answer, shuffled_options
from explainer.learning.quiz_session import QuizSession
from explainer.paths import packaged_content_dir
from explainer.plain.quiz_prompt import PlainQuiz
from explainer.plain.reader import station_lines

ANSI = re.compile(r"\x1b\[")


def test_read_station_piped_is_clean_text():
    out = subprocess.run(
        [sys.executable, "-m", "explainer", "read", "wake-word"],
        capture_output=True, check=True, timeout=60,
    ).stdout.decode("utf-8")
    assert not ANSI.search(out), "no colour or cursor codes when piped"
    assert "Station 1 of 9: The wake word" in out
    assert "[@" not in out and "{" not in out, "citations and glossary marks are rendered, not raw"
    assert "Sources:" in out and "https://" in out
    assert all(len(line) <= 78 or "://" in line for line in out.splitlines())


def test_every_station_reads_and_every_citation_has_its_source():
    course = load_course(packaged_content_dir())
    for station in course.stations:
        text = "\n".join(station_lines(course, station))
        cited = set(re.findall(r"\[(\d+)\]", text))
        listed = set(re.findall(r"^  \[(\d+)\] ", text, re.M))
        assert cited <= listed, station.id


def test_read_by_number_and_unknown_station(capsys):
    assert run(["read", "2"]) == 0
    assert "The listening window" in capsys.readouterr().out
    assert run(["read", "no-such-station"]) == 2
    assert "no station" in capsys.readouterr().err


def _answers_for(session: QuizSession) -> str:
    """Type the right answer for every question, as a learner would on stdin."""
    lines = []
    for question in session.questions:
        given = correct_answer(question)
        if question.type in ("single", "truefalse", "multi", "spot"):
            options = shuffled_options(question, session.seed)
            ids = [given] if isinstance(given, str) else given
            lines.append(" ".join(str(i + 1) for i, o in enumerate(options) if o.id in ids))
        elif question.type == "ordering":
            from explainer.learning.quiz import shuffled_order

            shown = list(shuffled_order(question, session.seed))
            lines.append(" ".join(str(shown.index(item) + 1) for item in question.order))
        elif question.type == "matching":
            from explainer.learning.quiz import shuffled_items

            for item in shuffled_items(question, session.seed):
                lines.append(str(question.groups.index(item.group) + 1))
        else:
            lines.append(str(given))
    return "\n".join(lines) + "\n"


def test_plain_quiz_all_correct_is_saved(tmp_path):
    course = load_course(packaged_content_dir())
    store = ProgressStore(tmp_path / "progress.json")
    progress = store.load().progress
    session = QuizSession(course, "wake-word", progress, seed=7)
    said: list[str] = []
    PlainQuiz(session, course, io.StringIO(_answers_for(session)), said.append).run()
    assert session.correct_count == len(session.questions)
    assert f"Score: {len(session.questions)} of {len(session.questions)}" in said[-1]
    store.save(progress)
    again = QuizSession(course, "wake-word", store.load().progress, seed=7)
    assert again.done, "answers given in the plain reader count in the app too"


def test_plain_quiz_survives_junk_and_end_of_input():
    course = load_course(packaged_content_dir())
    progress = ProgressStore(None).load().progress
    session = QuizSession(course, "wake-word", progress, seed=1)
    said: list[str] = []
    from explainer.plain.quiz_prompt import StopQuiz

    try:
        PlainQuiz(session, course, io.StringIO("[bold]x[/]\n99\n"), said.append).run()
    except StopQuiz:
        pass
    assert any("Please type" in line or "not a number" in line or "Use each" in line for line in said)


def test_read_numbers_pages_as_the_app_leaves_out_app_prompts_and_ends_with_the_recap():
    course = load_course(packaged_content_dir())
    for station in course.stations:
        text = "\n".join(station_lines(course, station))
        total = len(station.pages) + 1  # the model is the app's last page
        assert f"Page 1 of {total}" in text and f"Page {total} of {total}" in text, station.id
        assert "in the app only" in text
        assert "Try it" not in text and "press m" not in text, station.id
        assert text.rstrip().splitlines()[0] != "What you now know"
        assert "What you now know" in text and text.index("What you now know") > text.index(f"Page {total} of {total}")


def test_read_list_says_how_to_read_a_station(capsys):
    assert run(["read", "--list"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "1. The wake word  (read it with: explainer read wake-word; 6 pages)"
