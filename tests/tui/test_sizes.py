"""Every mode at terminal sizes from 40x12 to 250x80, and while the window is resized.

Below 80x24 the app shows its "please enlarge the terminal" screen; at or above it, the mode
is usable. Nothing crashes either way. (The map alone, on a small made-up course, is also in
tests/tui/test_app_robustness.py; this walks the real course through every mode.)
"""

from __future__ import annotations

import pytest

from tests.pilot import settle

SIZES = [(40, 12), (80, 24), (250, 80)]
RESIZES = [(250, 80), (40, 12), (79, 24), (120, 40), (80, 23), (80, 24)]


async def visit_every_mode(pilot, made):
    """Open each mode the way the palette does, press a harmless key, and come back."""
    visits = [
        (made.open_station, ("wake-word",), "right"),
        (made.open_station, ("sampled-for-review", "model"), "down"),
        (made.open_quiz, ("final",), "down"),
        (made.open_reviewer, (), "tab"),
        (made.open_lab, (), "tab"),
        (made.open_map, (), "down"),
    ]
    for opener, args, key in visits:
        opener(*args)
        await settle(pilot, made)
        await pilot.press(key, "question_mark")
        await settle(pilot, made)
        await pilot.press("escape")
        await settle(pilot, made)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_mode_at_size(app, size):
    made = app()
    async with made.run_test(size=size) as pilot:
        await settle(pilot, made)
        await visit_every_mode(pilot, made)
        small = size[0] < 80 or size[1] < 24
        assert (type(made.screen).__name__ == "TooSmallScreen") == small
    assert made.return_code in (None, 0)


async def test_resizing_in_every_mode(app):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await settle(pilot, made)
        for opener, args in (
            (made.open_station, ("wake-word",)),
            (made.open_quiz, ("wake-word",)),
            (made.open_reviewer, ()),
            (made.open_map, ()),
        ):
            opener(*args)
            await settle(pilot, made)
            for width, height in RESIZES:
                await pilot.resize_terminal(width, height)
                await settle(pilot, made)
                small = width < 80 or height < 24
                assert (type(made.screen).__name__ == "TooSmallScreen") == small
    assert made.return_code in (None, 0)
