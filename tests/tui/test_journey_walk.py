"""The whole course as a class walks it (issue 12), on the real app and the real content at 80x24.

* Every model, opened fresh: each course key (n, p, m, s, ?, q) does what the footer says, and
  no text field gains a character.
* A learner who follows every "Try it" on every page, takes every quiz, the final quiz and the
  post-check ends with "Done: 9 of 9" and the course ending.
* Quitting in the middle of a quiz and pressing Continue in a new session reopens that question.
"""

from __future__ import annotations

import re

import pytest
from textual.widgets import Input

from explainer.learning.quiz import correct_answer
from explainer.tui.screens.course_end import CourseEndScreen
from explainer.tui.screens.help import HelpScreen
from explainer.tui.screens.lesson import LessonScreen
from explainer.tui.screens.map import MapScreen
from explainer.tui.screens.station_end import StationEndDialog
from explainer.tui.widgets.sources_panel import SourcesPanel
from tests.pilot import open_lesson, wait_until

SIZE = (80, 24)
TRY_IT = re.compile(r"^> Try it: (.*)$", re.M)


def header(app) -> str:
    return str(app.screen.query_one("#lesson-header").render())


def fields(app) -> dict[str, str]:
    return {str(field.id): field.value for field in app.screen.query(Input)}


async def model_ready(pilot, app) -> None:
    await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.at_model
                     and bool(app.screen.query(".station-model")) and app.screen.focused is not None, "the model")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def on_page(pilot, app, number: int) -> None:
    await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen) and f"Page {number} of" in header(app),
                     f"page {number}")


@pytest.mark.slow
async def test_every_model_fresh_answers_each_course_key_and_no_field_gains_a_character(app):
    made = app()
    async with made.run_test(size=SIZE) as pilot:
        for station in made.course.stations:
            await open_lesson(pilot, station.id, station.pages[0].slug)
            await pilot.press("m")
            await model_ready(pilot, made)
            assert not isinstance(made.focused, Input), station.id  # a field waits until asked
            before = fields(made)
            await pilot.press("n")  # m was a detour from page 1: n goes on to page 2
            await on_page(pilot, made, 2)
            await pilot.press("m")
            await model_ready(pilot, made)
            await pilot.press("p")  # back to the page the model was opened from
            await on_page(pilot, made, 2)
            await pilot.press("m")
            await model_ready(pilot, made)
            await pilot.press("m")  # already there: nothing moves
            await pilot.pause()
            assert made.screen.at_model
            await pilot.press("s")
            await wait_until(pilot, lambda: isinstance(made.screen, SourcesPanel), "the station's sources")
            await pilot.press("escape")
            await pilot.press("question_mark")
            await wait_until(pilot, lambda: isinstance(made.screen, HelpScreen), "help")
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(made.screen, LessonScreen), "back from help")
            assert fields(made) == before, station.id  # not one letter typed into a field
            await pilot.press("q")
            await wait_until(pilot, lambda: isinstance(made.screen, MapScreen), "the map")


def fill(screen) -> None:
    """Put the right answer to the current question into its widget."""
    widget, answer = screen.widget, correct_answer(screen.session.current)
    kind = screen.session.current.type
    if kind == "numeric":
        widget.query_one(Input).value = str(answer)
    elif kind == "ordering":
        widget.items = list(answer)
    elif kind == "matching":
        widget.placed = dict(answer)
    else:
        widget.chosen = set(answer) if isinstance(answer, list) else {answer}


async def _answer_quiz(pilot, app) -> None:
    """Every question right, by putting the answer into the widget (its keys are tested elsewhere)."""
    screen = app.screen
    await wait_until(pilot, lambda: getattr(screen, "session", None) is not None and screen.widget is not None,
                     "a question")
    while not screen.session.done:
        widget = screen.widget
        fill(screen)
        await pilot.press("enter")
        await pilot.pause()
        if widget.focusable:
            widget.focus()
        else:
            screen.set_focus(None)
        await pilot.press("enter")
        await pilot.pause()


async def _follow_try_it(pilot, app, prompt: str) -> None:
    """Do what a page's "Try it" says, keyboard only: m, then the model's own keys."""
    await pilot.press("m")
    await model_ready(pilot, app)
    if "press a" in prompt or "then a" in prompt:
        await pilot.press("a")
        await pilot.press(*"five")
        await pilot.press("escape")  # leaves the field, never the station
    elif "press w" in prompt:
        await pilot.press("w")
    elif "← and →" in prompt:
        await pilot.press("right", "left")
    elif "press d" in prompt:
        await pilot.press("d")
    elif "space ticks" in prompt:
        await pilot.press("space")
    await pilot.pause()
    assert isinstance(app.screen, LessonScreen) and app.screen.at_model


@pytest.mark.slow
async def test_following_every_try_it_and_every_quiz_ends_with_done_9_of_9(app):
    made = app()
    async with made.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(made.screen, MapScreen), "the map")
        await pilot.press("c")
        await pilot.press("1")  # the pre-check first, as recommended
        await _answer_quiz(pilot, made)
        await pilot.press("n")  # "n: go on: 1. The wake word · page 1 of 7"
        for number, station in enumerate(made.course.stations, start=1):
            await wait_until(pilot, lambda station=station: isinstance(made.screen, LessonScreen)
                             and made.screen.station is station, f"station {number}")
            while not isinstance(made.screen, StationEndDialog):
                page = made.screen.walk.page
                prompt = TRY_IT.search(page.body) if page is not None else None
                if prompt and ("(m)" in prompt.group(1) or "press m" in prompt.group(1)):
                    await _follow_try_it(pilot, made, prompt.group(1))
                await pilot.press("n")
                await pilot.pause()
                await pilot.pause()
            assert [c.number for c in made.screen.choices][:3] in ([1, 2, 3], [2, 3, 4])
            await pilot.press("2")  # this station's quiz: the same number at every station
            await wait_until(pilot, lambda: made.current_mode == "quiz", "the quiz")
            await _answer_quiz(pilot, made)
            await pilot.press("n")  # go on along the path
        await wait_until(pilot, lambda: made.current_mode == "quiz"
                         and made.screen.session.quiz_id == "final", "the final quiz")
        await _answer_quiz(pilot, made)
        await pilot.press("n")
        await wait_until(pilot, lambda: made.screen.session.quiz_id == "post", "the post-check")
        await _answer_quiz(pilot, made)
        await wait_until(pilot, lambda: type(made.screen).__name__ == "ResultsScreen", "the results")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(made.screen, CourseEndScreen), "the course ending")
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(made.screen, MapScreen), "the map")
        await pilot.pause()
        intro = str(made.screen.query_one("#map-intro").render())
        assert "Done: 9 of 9." in intro
        for button in ("#open-pre", "#open-final", "#open-post"):  # the quizzes around the stations too
            assert made.screen.query_one(button).label.endswith(" ✓"), button
        assert "The course ending" in str(made.screen.query_one("#continue").render())


async def test_continue_after_quitting_mid_quiz_reopens_that_question(app, tmp_path):
    from explainer.paths import data_paths

    data = data_paths(tmp_path / "learner")
    first = app(data=data)
    async with first.run_test(size=SIZE) as pilot:
        first.open_quiz("cloud-check")
        await wait_until(pilot, lambda: first.current_mode == "quiz" and first.screen.widget is not None, "quiz")
        screen = first.screen
        for number in range(3):  # three questions answered, then the learner quits on the fourth
            await wait_until(pilot, lambda number=number: screen.session.index == number and screen.widget is not None
                             and screen.session.last is None, f"question {number + 1}")
            fill(screen)
            await pilot.press("enter")  # check
            await wait_until(pilot, lambda: screen.session.last is not None, "the answer checked")
            screen.widget.focus() if screen.widget.focusable else screen.set_focus(None)
            await pilot.press("enter")  # next question
        await wait_until(pilot, lambda: screen.session.index == 3 and screen.widget is not None, "question 4")
        question = screen.session.current
        await pilot.press("ctrl+q")
    second = app(data=data)
    async with second.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(second.screen, MapScreen), "the map")
        assert "Quiz: 3. The cloud check · question 4 of" in str(second.screen.query_one("#continue").render())
        await pilot.press("c")
        await wait_until(pilot, lambda: second.current_mode == "quiz" and second.screen.widget is not None, "quiz")
        assert second.screen.session.quiz_id == "cloud-check"
        assert second.screen.session.current.id == question.id
