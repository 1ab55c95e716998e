"""Help lists keys exactly as typed and leaves out system keys that only confuse (QA S6, S17)."""

from __future__ import annotations

from explainer.tui.screens.help import binding_rows, key_label


def test_keys_show_as_typed() -> None:
    assert key_label("d") == "d"
    assert key_label("D") == "shift+d"
    assert key_label("shift+d") == "shift+d"
    assert key_label("d,delete") == "d / Delete"
    assert key_label("ctrl+o") == "Ctrl+O"
    assert key_label("question_mark,f1") == "? / F1"


async def test_lesson_help_tells_d_from_shift_d_and_hides_refresh(app) -> None:
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        made.open_station("kept-on-file")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.pause()
        rows = dict((desc, keys) for keys, desc in binding_rows(made.screen, made))
        assert "Read aloud" not in rows  # the model is not a page: only keys that work here are listed
        assert rows["Back to reading"].startswith("n")  # m from page 1 is a detour: n goes on to page 2
        assert rows["Map"] == "q"
        if "Delete all" in rows:  # the history browser is station 5's model
            assert rows["Delete all"] == "shift+d"
            assert rows["Delete"].startswith("d")
        assert "Refresh" not in rows or rows["Refresh"] == "shift+r"  # r does nothing else at the model


async def test_map_help_does_not_offer_the_map(app) -> None:
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = dict((desc, keys) for keys, desc in binding_rows(made.screen, made))
        assert "Map" not in rows
        assert rows["Continue"] == "c"
