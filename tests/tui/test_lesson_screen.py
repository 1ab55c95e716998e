"""Pilot tests of the lesson screen: paging, the model as a detour, sources, glossary, progress,
keys around a model's text field, and the end-of-station pause -- on the real app."""


from __future__ import annotations

from textual.widgets import Input, Static

from explainer.tui.screens.map import MapScreen
from explainer.tui.screens.station_end import StationEndDialog
from explainer.tui.widgets.glossary_popup import GlossaryPopup
from explainer.tui.widgets.page_view import PageView
from explainer.tui.widgets.sources_panel import SourcesPanel
from tests.pilot import open_lesson, screen_text


def header(app) -> str:
    return str(app.screen.query_one("#lesson-header", Static).render())


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_page_through_a_station_and_record_progress(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "wake-word")
        assert "Station 1/9" in header(app) and "Page 1 of 3" in header(app)
        assert "wake-word/first" in app.progress.pages_read
        text = str(screen.query_one("#page-text", Static).render())
        assert "[bold]Alexa[/bold]" in text  # content is shown literally, never as markup
        assert "[1]" in text and "[2]" in text and "[@" not in text and "{wake word}" not in text
        await pilot.press("right")
        await pilot.pause()
        assert "Page 2 of 3" in header(app) and " n Next " in footer(app) and " q Map " in footer(app)
        assert "wake-word/second" in app.progress.pages_read
        await pilot.press("p")
        await pilot.press("n", "n")
        await pilot.pause()
        assert "Model (3 of 3)" in header(app) and "n: End of station" in header(app)
        assert " n End of station " in footer(app)
        assert app.progress.last["page"] == "model" and "wake-word" in app.progress.models_seen
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StationEndDialog)
        await pilot.press("1")  # next station
        await pilot.pause()
        assert screen.walk is not None and screen.walk.station.id == "listening-window"


async def test_try_it_m_is_a_detour_that_returns_to_the_pages(course_app):
    """Page 1 says "press m": the model opens, and n goes on to page 2, not to the station's end."""
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, "wake-word")
        await pilot.press("m")
        await pilot.pause()
        assert "Model · from page 1" in header(app) and "n: On to page 2" in header(app)
        assert " n Back to reading " in footer(app)
        assert "wake-word" in app.progress.models_seen
        await pilot.press("n")
        await pilot.pause()
        assert "Page 2 of 3" in header(app)
        assert app.progress.pages_read >= {"wake-word/first", "wake-word/second"}


async def test_sources_panel_and_glossary_popup(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, "wake-word")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourcesPanel)
        detail = str(app.screen.query_one(".popup-detail", Static).render())
        assert "Alexa FAQ [red]copy[/red]" in detail and "primary" in detail
        await pilot.press("tab")
        await pilot.pause()
        detail = str(app.screen.query_one(".popup-detail", Static).render())
        assert "Wake Word Verification Requirements" in detail
        await pilot.press("escape")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryPopup)
        assert "device start sending audio" in str(app.screen.query_one(".popup-detail", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        # tab walks the marks on the page; enter opens the focused one
        view = app.screen.query_one(PageView)
        await pilot.press("tab")  # the term
        await pilot.press("tab")  # citation [1]
        assert view.current_mark.kind == "citation"
        await pilot.press("tab", "tab")  # citation [2] (second use of [1] first)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourcesPanel)


async def test_short_tour_keeps_its_own_record(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "your-controls", short_tour=True)
        assert screen.walk is not None and [p.slug for p in screen.walk.pages] == ["first"]
        assert "Page 1 of 2" in header(app) and "short tour" in header(app)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StationEndDialog)
        labels = [f"{choice.number} {choice.label}" for choice in app.screen.choices]
        assert labels == ["1 Finish the short tour", "2 This station's quiz (1 question)", "3 Back to the map"]
        assert app.progress.tour_seen == {"your-controls/first", "your-controls/model"}
        assert not app.progress.pages_read and not app.progress.models_seen  # the stations stay untouched
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StationEndDialog)
        await pilot.press("q")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, MapScreen)


async def test_clicking_a_citation_marker_opens_its_source(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "wake-word", "second")
        view = screen.query_one(PageView)
        for _ in range(50):  # the page is laid out a frame or two after it opens
            await pilot.pause()
            if view.query_one("#page-text", Static).region.height:
                break
        mark = view.marks[0]
        text = str(view.query_one("#page-text", Static).render())
        line_no = text[: mark.start].count("\n")
        column = mark.start - (text.rfind("\n", 0, mark.start) + 1)
        await pilot.click("#page-text", offset=(column + 1, line_no))
        await pilot.pause()
        assert isinstance(app.screen, SourcesPanel)
        assert "Wake Word Verification Requirements" in str(app.screen.query_one(".popup-detail", Static).render())


# --- QA walk-through regressions in the lesson screen: a model keeps its state, escape leaves a field.
async def test_model_keeps_its_state_when_paging_back_and_forth(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "wake-word", "model")
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
        for _ in range(3):
            await pilot.pause()
        assert len(screen.query(".station-model")) == 1
        assert screen.query_one(".station-model") is not model


async def test_a_field_takes_keys_only_when_asked_and_escape_never_leaves_the_station(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "sampled-for-review", "model")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.focused, Input)  # opened fresh: no field has the focus
        await pilot.press("a")  # ask for the fields
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input) and field.id == "sampling-users"
        await pilot.press("5")
        assert field.value == "5"  # asked for: the number is selected, and typing replaces it
        line = footer(app)
        assert "esc Leave the field" in line and "F1 Help" in line and " n " not in line and "? Help" not in line
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not isinstance(app.focused, Input)
        assert " n End of station " in footer(app) and "? Help" in footer(app)
        await pilot.press("n")  # turns the page now instead of typing "n"
        await pilot.pause()
        assert isinstance(app.screen, StationEndDialog)
        await pilot.press("escape")  # closes the dialog
        await pilot.pause()
        await pilot.press("escape")  # nothing being typed: Esc still never leaves the station
        await pilot.pause()
        assert app.screen is screen and app.current_mode == "lesson"


def test_list_items_and_asides_wrap_with_a_hanging_indent():
    from rich.style import Style

    from explainer.course.model import Page
    from explainer.tui.widgets.page_text import build_page_text
    from tests.builders import make_course

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


async def test_switching_the_wake_word_shows_the_list_from_the_top(course_app):
    from textual.widgets import OptionList

    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "wake-word", "model")
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
