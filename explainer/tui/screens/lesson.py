"""The lesson mode: a station's pages, then its model, then a pause before moving on.

A learner reads a few short pages (each fits 80x24), plays with the station's model (the
last "page"), and is then asked what next -- the station quiz, the next station or the map --
rather than being scrolled on unasked (learners dislike that in terminal tutors). Reading a
page and trying a model are recorded in progress. The short tour shows one page per station
plus the model, for ten-minute workshop visits. Filling the body with the page view or the
model (and keeping the model's state while paging) is ``lesson_body.LessonBody``.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Input, Static

from explainer.course.model import Course, Page, Station
from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.narration import Narrator, narration_text
from explainer.tui.screens.lesson_body import MODEL_SLUG, LessonBody
from explainer.tui.screens.station_end import StationEndDialog
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.glossary_popup import GlossaryPopup
from explainer.tui.widgets.models import ModelInteracted
from explainer.tui.widgets.page_view import PageView, page_citations, page_terms
from explainer.tui.widgets.sources_panel import SourcesPanel


def tour_pages(station: Station, short_tour: bool) -> list[Page]:
    """The pages shown for a station: all of them, or the short-tour ones (at least one)."""
    if not short_tour:
        return list(station.pages)
    chosen = [page for page in station.pages if page.short_tour]
    return chosen or list(station.pages[:1])


class LessonScreen(LessonBody, Screen[None]):
    BINDINGS = [
        Binding("right,n", "next_page", _("Next")),
        Binding("left,p", "previous_page", _("Back")),
        Binding("m", "open_model", _("Model")),
        Binding("s", "sources", _("Sources")),
        Binding("g", "glossary", _("Words")),
        Binding("r", "read_aloud", _("Read aloud")),
        Binding("q", "back_to_map", _("Map")),
        Binding("escape", "escape", _("Map")),
        # one description for all nine, so the help screen lists them as one row
        *[Binding(str(n), f"source({n})", _("Open source {n}").format(n="1-9"), show=False) for n in range(1, 10)],
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.station: Station | None = None
        self.pages: list[Page] = []
        self.index = 0
        self.short_tour = False
        self.narrator = Narrator(self)

    app = getters.app(Host)

    @property
    def course(self) -> Course:
        return self.app.course

    def compose(self) -> ComposeResult:
        yield Static("", id="lesson-header", markup=False)
        yield Container(id="lesson-body")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._show_something)

    def _show_something(self) -> None:
        """Opened as a mode without a station (e.g. from the command palette): resume or start."""
        if self.station is None and self.course.stations:
            last = self.app.progress.last
            station_id = last.get("station") or self.course.stations[0].id
            if station_id not in {s.id for s in self.course.stations}:
                station_id = self.course.stations[0].id
            self.show_station(station_id, last.get("page"))

    # -- what is shown --------------------------------------------------------------------
    def show_station(self, station_id: str, page_slug: str | None = None, short_tour: bool = False) -> None:
        try:
            station = self.course.station(station_id)
        except KeyError:
            self.notify(_("There is no station called {id}.").format(id=station_id), severity="error", markup=False)
            return
        self.station, self.short_tour = station, short_tour
        self.pages = tour_pages(station, short_tour)
        slugs = [page.slug for page in self.pages]
        if page_slug == MODEL_SLUG:
            self.index = len(self.pages)
        else:
            self.index = slugs.index(page_slug) if page_slug in slugs else 0
        self._show_current()

    @property
    def at_model(self) -> bool:
        return self.index >= len(self.pages)

    @property
    def page(self) -> Page | None:
        return None if self.at_model else self.pages[self.index]

    def _show_current(self) -> None:
        self.narrator.stop()
        self._keep_body_for(self.station)
        page = self.page
        if page is None:
            self._show_model()
        else:
            self.call_later(self._show_page, page)
            self._record(page.slug, page_id=page.id)
            if self.app.settings.narration:
                self.narrator.start(narration_text(page), automatic=True)
        self._update_header()

    def _update_header(self) -> None:
        if self.station is None:
            return
        number = self.course.stations.index(self.station) + 1
        total = len(self.course.stations)
        step = f"{_('Model')} {len(self.pages) + 1}/{len(self.pages) + 1}" if self.at_model else (
            f"{_('Page')} {self.index + 1}/{len(self.pages) + 1}"
        )
        tour = f" · {_('short tour')}" if self.short_tour else ""
        header = f"{_('Station')} {number}/{total} · {self.station.title} · {step}{tour}"
        self.query_one("#lesson-header", Static).update(Text(header))

    def _record(self, slug: str, page_id: str | None = None) -> None:
        progress = self.app.progress
        if self.station is None:
            return
        if page_id:
            progress.mark_page_read(page_id)
        progress.last = {"mode": "lesson", "station": self.station.id, "page": slug}
        self.app.save_progress()

    # -- moving ---------------------------------------------------------------------------
    def action_next_page(self) -> None:
        if self.station is None:
            return
        if self.at_model:
            self.narrator.stop()
            self.app.push_screen(StationEndDialog(self.station, self.course, self.short_tour), self._after_station)
            return
        self.index += 1
        self._show_current()

    def action_previous_page(self) -> None:
        if self.station is not None and self.index > 0:
            self.index -= 1
            self._show_current()

    def action_open_model(self) -> None:
        if self.station is not None and not self.at_model:
            self.index = len(self.pages)
            self._show_current()

    def action_escape(self) -> None:
        """Escape first leaves a model's text field (so n/p turn pages again), then the station."""
        if isinstance(self.focused, Input):
            self.set_focus(None)
            self.notify(_("Left the field: n and p turn pages again; tab goes back in."), timeout=4)
            return
        self.action_back_to_map()

    def action_back_to_map(self) -> None:
        self.narrator.stop()
        self.app.open_map()

    def _after_station(self, choice: str | None) -> None:
        if choice is None or self.station is None:
            return
        if choice == "quiz":
            self.app.open_quiz(self.station.id)
        elif choice == "final":
            self.app.open_quiz("final")
        elif choice == "map":
            self.action_back_to_map()
        elif choice.startswith("station:"):
            self.show_station(choice.partition(":")[2], short_tour=self.short_tour)

    # -- sources, words, narration ---------------------------------------------------------
    def _sources_list(self, page: Page) -> list:
        return [(n, self.course.sources.get(sid), sid) for n, sid in enumerate(page_citations(page), start=1)]

    def _open_sources(self, selected_id: str | None = None) -> None:
        page = self.page
        if page is None:
            self.notify(_("The model shows its own sources on screen."), timeout=4)
            return
        ids = page_citations(page)
        selected = ids.index(selected_id) if selected_id in ids else 0
        self.app.push_screen(SourcesPanel(self._sources_list(page), selected))

    def action_sources(self) -> None:
        view = self.query(PageView)
        mark = view.first().current_mark if view else None
        self._open_sources(mark.key if mark and mark.kind == "citation" else None)

    def action_source(self, number: int) -> None:
        page = self.page
        if page is not None:
            ids = page_citations(page)
            if number <= len(ids):
                self._open_sources(ids[number - 1])

    def action_glossary(self, term_id: str | None = None) -> None:
        page = self.page
        if page is None:
            return
        terms = page_terms(page, self.course)
        view = self.query(PageView)
        mark = view.first().current_mark if view else None
        if term_id is None and mark is not None and mark.kind == "term":
            term_id = mark.key
        ids = [t.id for t in terms]
        self.app.push_screen(GlossaryPopup(terms, self.course, ids.index(term_id) if term_id in ids else 0))

    def action_read_aloud(self) -> None:
        page = self.page
        if page is None:
            self.notify(_("Narration reads lesson pages; this is the station's model."), timeout=4)
            return
        self.narrator.toggle(narration_text(page))  # the narrator says what happens next

    def action_open_mark_at(self, index: int) -> None:
        """A click on a citation marker or a glossary word."""
        for view in self.query(PageView):
            view.open_mark_at(index)

    @on(PageView.SourceRequested)
    def _source_requested(self, event: PageView.SourceRequested) -> None:
        self._open_sources(event.source_id)

    @on(PageView.TermRequested)
    def _term_requested(self, event: PageView.TermRequested) -> None:
        if not event.term_id:
            self.notify(_("This word is not in the glossary yet."), timeout=3)
            return
        self.action_glossary(event.term_id)

    def on_model_interacted(self, event: ModelInteracted) -> None:
        self.app.progress.mark_model_tried(event.station_id)
        self.app.save_progress()

    def on_screen_suspend(self) -> None:
        self.narrator.stop()
