"""QA walk-through regressions in the lesson screen: a model keeps its state, escape leaves a field."""

from __future__ import annotations

from lessons_harness import HarnessApp
from textual.widgets import Input

from explainer.tui.screens.station_end import StationEndDialog


async def test_model_keeps_its_state_when_paging_back_and_forth():
    app = HarnessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await app.open_lesson("wake-word", "model")
        await pilot.pause()
        await app.workers.wait_for_complete()
        model = screen.query_one(".station-model")
        before = model.threshold
        await pilot.press("right", "right")
        await pilot.pause()
        assert model.threshold != before
        changed = model.threshold
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert screen.query_one(".station-model") is model
        assert model.threshold == changed
        # another station starts with its own, fresh model
        screen.show_station("listening-window", "model")
        await pilot.pause()
        assert len(screen.query(".station-model")) == 1
        assert screen.query_one(".station-model") is not model


async def test_escape_in_a_model_field_leaves_the_field_not_the_station():
    app = HarnessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await app.open_lesson("sampled-for-review", "model")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not isinstance(app.focused, Input)
        assert ("map", "") not in app.opened
        await pilot.press("n")  # turns the page now instead of typing "n"
        await pilot.pause()
        assert isinstance(app.screen, StationEndDialog)
        await pilot.press("escape")  # closes the dialog
        await pilot.pause()
        screen.set_focus(None)
        await pilot.press("escape")  # nothing being typed: back to the map
        await pilot.pause()
        assert ("map", "") in app.opened


def test_list_items_and_asides_wrap_with_a_hanging_indent():
    from lessons_harness import make_course
    from rich.style import Style

    from explainer.course.model import Page
    from explainer.tui.widgets.page_view import build_page_text

    course = make_course()
    body = (
        "- one two three four five six seven eight nine ten eleven twelve {wake word} [@amazon-faq]\n\n"
        "> Try it: alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu\n"
    )
    page = Page("wake-word/x", "wake-word", "x", "Title", body)
    text, marks = build_page_text(page, course, {}, width=40)
    lines = text.plain.splitlines()
    item = [line for line in lines if line.strip() and not line.startswith(("Title", "▌"))]
    assert item[0].startswith("  • ") and all(line.startswith("    ") for line in item[1:])
    assert len(item) > 1 and all(len(line) <= 40 for line in lines)
    assert sum(line.startswith("▌ ") for line in lines) > 1  # the aside's bar runs down every line
    for mark in marks:  # marks still point at what the page shows
        assert text.plain[mark.start : mark.end].split() == mark.label.split()
    unwrapped, _marks = build_page_text(page, course, {"title": Style(bold=True)}, width=None)
    assert "\n    " not in unwrapped.plain


async def test_switching_the_wake_word_shows_the_list_from_the_top():
    from textual.widgets import OptionList

    app = HarnessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await app.open_lesson("wake-word", "model")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = screen.query_one("#wake-list", OptionList)
        options.focus()
        await pilot.press("end")
        await pilot.press("w")
        await pilot.pause()
        assert options.highlighted is not None and options.highlighted <= 1
        assert options.scroll_offset.y == 0


def test_sources_panel_lists_titles_on_one_line():
    from explainer.course.model import Source
    from explainer.tui.widgets.sources_panel import source_label

    source = Source("a", "Amazon", "Alexa & Echo FAQ, as reproduced in a manual " * 3, "n.d.", "https://x", "primary")
    label = source_label(1, source)
    assert "Alexa & Echo FAQ" in label.plain and len(label.plain) <= 68 and label.plain.endswith("…")
