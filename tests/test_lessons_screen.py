"""Pilot tests of the lesson screen: paging, sources, glossary, progress, end-of-station pause."""

from __future__ import annotations

from lessons_harness import HarnessApp
from textual.widgets import Static

from explainer.tui.screens.station_end import StationEndDialog
from explainer.tui.widgets.glossary_popup import GlossaryPopup
from explainer.tui.widgets.page_view import PageView
from explainer.tui.widgets.sources_panel import SourcesPanel


def header(app) -> str:
    return str(app.screen.query_one("#lesson-header", Static).render())


async def test_page_through_a_station_and_record_progress():
    app = HarnessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await app.open_lesson("wake-word")
        await pilot.pause()
        assert "Station 1/6" in header(app) and "Page 1/3" in header(app)
        assert "wake-word/first" in app.progress.pages_read
        text = str(screen.query_one("#page-text", Static).render())
        assert "[bold]Alexa[/bold]" in text  # content is shown literally, never as markup
        assert "[1]" in text and "[2]" in text and "[@" not in text and "{wake word}" not in text
        await pilot.press("right")
        await pilot.pause()
        assert "Page 2/3" in header(app)
        assert "wake-word/second" in app.progress.pages_read
        await pilot.press("p")
        await pilot.press("n", "n")
        await pilot.pause()
        assert "Model 3/3" in header(app)
        assert app.progress.last["page"] == "model"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StationEndDialog)
        await pilot.press("1")  # next station
        await pilot.pause()
        assert screen.station.id == "listening-window"
        assert app.saves >= 4


async def test_sources_panel_and_glossary_popup():
    app = HarnessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_lesson("wake-word")
        await pilot.pause()
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


async def test_short_tour_and_quiz_choice():
    app = HarnessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await app.open_lesson("your-controls", short_tour=True)
        await pilot.pause()
        assert [p.slug for p in screen.pages] == ["first"]
        assert "Page 1/2" in header(app)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StationEndDialog)
        labels = [label for _v, label in app.screen.choices]
        assert any("final quiz" in label for label in labels)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StationEndDialog)
        await pilot.press("q")
        await pilot.pause()
        assert ("map", "") in app.opened


async def test_clicking_a_citation_marker_opens_its_source():
    app = HarnessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await app.open_lesson("wake-word", "second")
        await pilot.pause()
        view = screen.query_one(PageView)
        mark = view.marks[0]
        text = str(view.query_one("#page-text", Static).render())
        line_no = text[: mark.start].count("\n")
        column = mark.start - (text.rfind("\n", 0, mark.start) + 1)
        await pilot.click("#page-text", offset=(column + 1, line_no))
        await pilot.pause()
        assert isinstance(app.screen, SourcesPanel)
        assert "Wake Word Verification Requirements" in str(app.screen.query_one(".popup-detail", Static).render())
