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


def test_keys_a_text_field_takes_are_left_out_and_the_free_one_is_named() -> None:
    from explainer.tui.widgets.footer import free_keys, taken_by_field

    assert taken_by_field("n") and taken_by_field("n,right") and not taken_by_field("enter")
    assert taken_by_field("question_mark") and taken_by_field("space")
    assert not taken_by_field("q,escape") and free_keys("q,escape") == ["escape"]
    assert free_keys("f1") == ["f1"] and free_keys("ctrl+p") == ["ctrl+p"] and free_keys("tab") == ["tab"]


def test_whole_keys_are_dropped_from_the_right_and_help_stays() -> None:
    from rich.text import Text

    from explainer.tui.widgets.footer import fit

    pieces = [(key, Text(f" {key} {name} "), name == "Help")
              for key, name in (("n", "Next"), ("p", "Back"), ("q", "Map"), ("?", "Help"), ("x", "Extra"))]
    kept, tail = fit(pieces, Text("▏^p palette "), 30)
    assert tail is None  # the palette hint goes first
    assert [key for key, _piece, _help in kept] == ["n", "p", "?"]
    assert sum(len(piece) for _key, piece, _help in kept) <= 30
    kept, tail = fit(pieces, Text("▏^p palette "), 200)
    assert len(kept) == 5 and tail is not None
