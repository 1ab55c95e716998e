"""The one-line footer shows the screen's keys, follows binding changes, and a click presses a key."""

from __future__ import annotations

from explainer.tui.widgets.footer import Footer
from tests.pilot import screen_text


def _footer_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_footer_lists_keys_and_presses_them_on_click(app) -> None:
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = _footer_line(made)
        assert " c Continue " in line and "s Settings" in line and line.rstrip().endswith("^p palette")
        footer = made.screen.query_one(Footer)
        assert not footer.children  # one widget, no per-key children
        x = line.index(" s ") + 1
        await pilot.click(Footer, offset=(x, 0))
        await pilot.pause()
        assert made.screen.__class__.__name__ == "SettingsScreen"


async def test_footer_follows_the_screen(app) -> None:
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        made.open_station("wake-word")
        for _ in range(3):
            await pilot.pause()
        line = _footer_line(made)
        assert "n Next" in line and "r Read aloud" in line
        made.open_map()
        for _ in range(3):
            await pilot.pause()
        assert "c Continue" in _footer_line(made)
