"""Markup-looking text, typed into the app's inputs or written into the content, shows as typed.

A student who types ``[bold]`` or ``[red`` into a field, or a teacher whose page contains
``[link=...]``, must see exactly those characters -- never styling, never a MarkupError.

Covered elsewhere (not repeated here): the reviewer's transcript field
(tests/tui/test_reviewer_screen.py::test_markup_typed_into_the_transcript_shows_literally), the
wake-word explorer's phrase (tests/tui/test_station_models.py), station titles on the map
(tests/tui/test_app_robustness.py), lesson pages over the test course (tests/tui/test_lesson_screen.py).
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from explainer.course.check import check_content
from tests.pilot import screen_text, settle
from tests.robust_support import OPTION_TEXT, PROMPT_PREFIX, TYPED, odd_content


@pytest.fixture(scope="module")
def odd_course(tmp_path_factory):
    root = odd_content(tmp_path_factory.mktemp("odd") / "content")
    report = check_content(root)
    assert not report.problems, report.problems  # the markup itself is valid content
    return root


async def test_markup_in_a_lesson_page_shows_literally(app, odd_course):
    made = app(content_dir=odd_course)
    async with made.run_test(size=(100, 40)) as pilot:
        await settle(pilot, made)
        made.open_station("wake-word", "listening-for-one-word")
        await settle(pilot, made)
        text = " ".join(screen_text(made).split())
        assert "[bold]stays[/] [/] [link=https://x]plain [red as typed" in text
        await pilot.press("tab", "enter", "escape", "s", "escape")  # a source popup and back
        await settle(pilot, made)
        assert type(made.screen).__name__ == "LessonScreen"


async def test_markup_in_a_quiz_prompt_and_option_shows_literally(app, odd_course):
    made = app(content_dir=odd_course)
    async with made.run_test(size=(100, 40)) as pilot:
        await settle(pilot, made)
        made.open_quiz("wake-word")
        await settle(pilot, made)
        assert OPTION_TEXT in " ".join(screen_text(made).split())
        made.open_quiz("listening-window")
        await settle(pilot, made)
        assert PROMPT_PREFIX.strip() in " ".join(screen_text(made).split())


async def test_markup_typed_into_the_numeric_answer(app, odd_course):
    made = app(content_dir=odd_course)
    async with made.run_test(size=(100, 40)) as pilot:
        await settle(pilot, made)
        made.open_quiz("listening-window")
        await settle(pilot, made)
        field = made.screen.query_one("#numeric-input", Input)
        field.focus()
        await pilot.press(*TYPED)
        assert field.value == TYPED
        assert "https://x]y [red" in screen_text(made)  # the narrow field shows the end, as typed
        await pilot.press("enter")  # not a number: a clear message, no crash
        await settle(pilot, made)
        assert made.screen.query_one("#numeric-input", Input).value in (TYPED, "")
        assert type(made.screen).__name__ == "QuizScreen"


async def test_markup_typed_into_the_sampling_calculator(app):
    made = app()
    async with made.run_test(size=(100, 40)) as pilot:
        await settle(pilot, made)
        made.open_station("sampled-for-review", "model")
        await settle(pilot, made)
        fields = list(made.screen.query(Input))
        assert fields, "the sampling calculator has input fields"
        for field in fields:
            field.focus()
            await pilot.press("ctrl+u", *TYPED, "enter")
            await settle(pilot, made)
            assert field.value == TYPED
        assert "[bold]x[/]" in screen_text(made)


async def test_markup_typed_into_the_command_palette(app):
    made = app()
    async with made.run_test(size=(100, 40)) as pilot:
        await settle(pilot, made)
        await pilot.press("ctrl+p", *TYPED)
        await settle(pilot, made)
        assert TYPED in screen_text(made)
        await pilot.press("escape")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "MapScreen"


@pytest.mark.real_lab
async def test_markup_typed_into_every_input_of_the_voice_lab(app):
    pytest.importorskip("explainer.tui.screens.lab", reason="the voice lab screen is not built yet")
    made = app()
    async with made.run_test(size=(100, 40)) as pilot:
        await settle(pilot, made)
        made.open_lab()
        await settle(pilot, made)
        fields = [field for field in made.screen.query(Input) if not field.disabled and field.display]
        assert fields, "the lab has a text field"
        for field in fields:
            field.focus()
            await pilot.press(*TYPED)
            assert TYPED in field.value
            await pilot.press("enter")
            await settle(pilot, made)
        assert type(made.screen).__name__ == "LabScreen"
