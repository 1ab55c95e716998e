"""First tries lead on learner screens (issue 14.2) and the checks are fair (issue 12.6).

The quiz end and the results screen say "right first time" first and name the confident
wrong first answers as misconceptions to revisit, with the source; the pre-check's marks stay
hidden until the post-check; a post-check without a pre-check says there is nothing to compare.
"""

from __future__ import annotations

import pytest
from textual.widgets import Static

from explainer.course.model import Misconception
from explainer.learning.quiz import correct_answer
from tests.builders import make_course
from tests.pilot import open_quiz

SIZE = (80, 24)
BELIEF = "Everything a speaker hears is uploaded."


@pytest.fixture
def quiz_app(course_app):
    misconceptions = (Misconception(1, BELIEF, "Only what follows the wake word.", ("src-a",)),)
    return lambda **config: course_app(make_course(quiz=True, misconceptions=misconceptions), **config)


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)  # the words, unwrapped


def _results_text(app) -> str:
    body = app.screen.query_one("#results-body", Static)
    lines = [strip.text.strip() for strip in body.render_lines(body.region.reset_offset)]
    return " ".join(line for line in lines if line)  # wrapped lines joined: sentences read whole


async def _finish(app, pilot, wrong: dict[str, tuple[object, str | None]]) -> None:
    session = app.screen.session
    while not session.done:
        q = session.current
        given, sure = wrong.get(q.id, (correct_answer(q), None))
        result = session.check(given, sure)
        while not result.finished:
            result = session.check(correct_answer(q), sure)
        session.advance()
    await app.screen._show_current()
    await pilot.pause()


async def test_quiz_end_leads_with_first_tries_and_names_the_misconception(quiz_app):
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        # t1 (misconception 1) wrong and sure; s1 wrong first but not marked: a slip, not named
        await _finish(app, pilot, {"t1": ("true", "sure"), "s1": ("cloud", None)})
        text = _text(app, "#quiz-prompt") + "\n" + _text(app, "#quiz-feedback")  # beliefs after the keys
        assert text.startswith("Right first time: 3 of 5.")
        assert "In the end: 4 of 5 answered correctly." in text
        assert "To revisit: you were sure, but your first answer was wrong." in text
        assert f"“{BELIEF}” — you answered: “True”" in text
        assert "Source: Publisher src-a" in text
        assert "Where is the wake word spotted" not in text  # the unmarked slip is not a misconception
        await pilot.press("r")
        await pilot.pause()
        body = _results_text(app)
        assert body.startswith("Right first time: 3 of 5 questions tried.")
        assert body.index("Misconceptions to revisit") < body.index("By station")
        assert "Misconceptions to revisit" in body and BELIEF in body
        assert "What the sources show: Only what follows the wake word." in body
        assert "Those you did not get right first time:" in body


async def test_pre_check_marks_stay_hidden_until_the_post_check(quiz_app):
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "pre")
        await _finish(app, pilot, {"t1": ("true", None)})
        app.open_results()
        await pilot.pause()
        body = _results_text(app)
        assert "Its answers stay hidden until the post-check" in body
        assert "✓" not in body and "✗" not in body and "/3" not in body.split("By station")[0]


async def test_post_check_without_a_pre_check_says_there_is_nothing_to_compare(quiz_app):
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "post")
        assert "nothing to compare yet" in _text(app, "#quiz-prompt")
        await _finish(app, pilot, {})
        body = _results_text(app)  # the post-check's end opens the results
        assert "There is no pre-check to compare it with." in body


def test_two_questions_on_one_belief_name_it_once():
    from dataclasses import replace

    from explainer.tui.widgets.questions.texts import revisit_groups
    from tests.builders import SINGLE, TRUEFALSE

    also = replace(SINGLE, misconception=TRUEFALSE.misconception)
    groups = revisit_groups([(TRUEFALSE, "True"), (SINGLE, "In the cloud"), (also, "By a person")])
    assert [[q.id for q, _a in group] for group in groups] == [["t1", "s1"], ["s1"]]


async def test_a_sorting_or_ordering_misconception_names_the_misplaced_item(quiz_app):
    """The quiz end reads back what a wrong arrangement got wrong (the item and where it went),
    not the whole arrangement cut at 50 characters."""
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        o1 = next(q for q in app.course.questions if q.id == "o1")
        order = list(o1.order)
        moved = [order[1], order[0], *order[2:]]
        await _finish(app, pilot, {"x1": ({"buffer": "device", "asr": "device", "nlu": "device"}, "sure"),
                                   "o1": (moved, "sure")})
        text = " ".join(_text(app, "#quiz-feedback").split())
        assert "you put “asr” in “device” (and 1 more)" in text
        assert f"you had “{order[0]}” out of order" in text
        assert "buffer → device" not in text


async def test_the_way_on_stays_on_screen_above_three_beliefs_to_revisit(app):
    """QA walk, the real final quiz: with three confident wrong first answers the lines 'n: go on
    …' fell below the edge at 80x24 with no cue; they now come before the beliefs to revisit."""
    from tests.classroom.class_fixtures import wrong_answer
    from tests.pilot import screen_text

    made = app()
    async with made.run_test(size=SIZE) as pilot:
        await pilot.pause()
        made.open_quiz("final")
        await pilot.pause()
        await pilot.pause()
        session = made.screen.session
        while not session.done:
            q = session.current
            if session.index < 3:  # three confident wrong first answers
                session.check(wrong_answer(q), "sure")
            while not session.last or not session.last.finished:
                session.check(correct_answer(q), None)
            session.advance()
        await made.screen._show_current()
        await pilot.pause()
        shown = screen_text(made)
        assert "Right first time: 8 of 11." in shown and "To revisit" in shown
        assert "n: go on:" in shown and "p: take the post-check" in shown
