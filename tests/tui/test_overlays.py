"""Help, palette and the too-small notice opened and closed in any order, at any size.

The reproductions from issue 15 first (help or palette open, shrink, press the key again:
``DuplicateIds``), then a fuzz test: random resizes mixed with the overlay keys, checking after
every step that nothing is on the stack twice and that the notice covers exactly a small window.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.command import CommandPalette

from explainer.tui.screens.help import HelpScreen
from explainer.tui.screens.too_small import TooSmallScreen


@pytest.fixture
def map_app(course_app):
    return course_app


def _count(app, kind) -> int:
    return sum(isinstance(screen, kind) for screen in app.screen_stack)


def _assert_sane(app) -> None:
    assert _count(app, HelpScreen) <= 1
    assert _count(app, CommandPalette) <= 1
    assert _count(app, TooSmallScreen) <= 1
    width, height = app.size
    small = width < 80 or height < 24
    assert isinstance(app.screen, TooSmallScreen) == small, (app.size, app.screen_stack)


@pytest.mark.parametrize(("first", "again"), [("question_mark", "f1"), ("f1", "question_mark"), ("ctrl+p", "ctrl+p")])
async def test_overlay_then_shrink_then_key_again(map_app, first, again):
    """Issue 15's reproductions: the second press used to push a second copy and crash."""
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(first)
        await pilot.resize_terminal(60, 20)
        await pilot.press(again)
        await pilot.pause()
        _assert_sane(app)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        _assert_sane(app)
        await pilot.press(again)  # the overlay from before the shrink is still there; the key works on it
        await pilot.pause()
        _assert_sane(app)
    assert app.return_code in (None, 0)


async def test_help_key_closes_help(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert _count(app, HelpScreen) == 0


SIZES = st.tuples(st.integers(20, 140), st.integers(6, 50))
STEP = st.one_of(SIZES, st.sampled_from(["question_mark", "f1", "ctrl+p", "escape"]))


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=4, max_size=24))
async def test_resize_fuzz_with_overlay_keys(map_app, steps):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for step in steps:
            if isinstance(step, tuple):
                await pilot.resize_terminal(*step)
            else:
                await pilot.press(step)
            await pilot.pause()
            _assert_sane(app)
    assert app.return_code in (None, 0)
