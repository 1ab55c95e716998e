"""The lesson mode: a station's pages, its model, then a pause with what you now know.

A learner reads a few short pages (each fits 80x24), plays with the station's model, and is
then asked what next -- the station quiz, the next station or the map -- rather than being
scrolled on unasked (learners dislike that in terminal tutors). Where the learner is inside a
station (a page, the model, or the model opened from a page with m, which goes back to reading
with n) is ``learning.station_walk``; what counts as done is ``learning.journey``; the body
(page view or model) is ``widgets.lesson_body``. This screen shows them and answers the keys.

Keys never surprise: n, p, m, s, q and ? work whenever no text field has the focus; a model's
field takes the focus only when the learner asks for it, Esc leaves the field and never the
station, and the footer and the header say what n does here ("On to page 2"). On a page
taller than the terminal, n first shows the rest ("More below"), so the "Try it" line at the
end of a page is on screen before the page turns.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from explainer.course.model import Course, Page, Station
from explainer.i18n import _
from explainer.learning.station_walk import StationWalk, record_seen
from explainer.tui.host import Host
from explainer.tui.narration import Narrator, narration_text
from explainer.tui.screens.lesson_keys import LESSON_BINDINGS, enabled
from explainer.tui.screens.station_end import StationEndDialog
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.glossary_popup import GlossaryPopup
from explainer.tui.widgets.lesson_body import LessonBody
from explainer.tui.widgets.models import ModelInteracted
from explainer.tui.widgets.page_text import page_citations, page_terms
from explainer.tui.widgets.page_view import PageView
from explainer.tui.widgets.sources_panel import SourcesPanel
from explainer.tui.widgets.text_fields import text_field_focused


class LessonScreen(Screen[None]):
    HELP_TITLE = "Lesson"
    BINDINGS = list[Binding | tuple[str, str] | tuple[str, str, str]](LESSON_BINDINGS)

    app = getters.app(Host)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.walk: StationWalk | None = None
        self.narrator = Narrator(self)

    @property
    def course(self) -> Course:
        return self.app.course

    @property
    def station(self) -> Station | None:
        return None if self.walk is None else self.walk.station

    @property
    def at_model(self) -> bool:
        return self.walk is not None and self.walk.at_model

    @property
    def short_tour(self) -> bool:
        return self.walk is not None and self.walk.tour

    def compose(self) -> ComposeResult:
        yield Static("", id="lesson-header", markup=False)
        yield LessonBody(self.course, id="lesson-body")
        yield Footer(screen_first=True)  # n, p, q first: a model's own keys are named on the model too

    def on_mount(self) -> None:
        self.call_after_refresh(self._show_something)

    def _show_something(self) -> None:
        """Opened as a mode without a station (e.g. from the command palette): where the learner was."""
        if self.walk is None and self.course.stations:
            last = self.app.progress.last if isinstance(self.app.progress.last, dict) else {}
            ids = [s.id for s in self.course.stations]
            wanted = last.get("station")
            station_id = wanted if isinstance(wanted, str) and wanted in ids else ids[0]
            page = last.get("page")
            self.show_station(station_id, page if isinstance(page, str) else None, short_tour=bool(last.get("tour")))

    # -- what is shown --------------------------------------------------------------------
    def show_station(self, station_id: str, page_slug: str | None = None, short_tour: bool = False) -> None:
        try:
            station = self.course.station(station_id)
        except KeyError:
            self.notify(_("There is no station called {id}.").format(id=station_id), severity="error", markup=False)
            return
        self.walk = StationWalk(station, tour=short_tour)
        self.walk.go_to(page_slug)
        self._show_current()

    @property
    def body(self) -> LessonBody:
        return self.query_one(LessonBody)

    @property
    def page(self) -> Page | None:
        return None if self.walk is None else self.walk.page

    def _show_current(self) -> None:
        walk = self.walk
        if walk is None:
            return
        self.narrator.stop()
        self.body.hold(walk.station)
        page = walk.page
        if page is None:
            self.call_later(self.body.show_model, walk.station)
        else:
            self.call_later(self.body.show_page, page)
            if self.app.settings.narration:
                self.narrator.start(narration_text(page), automatic=True)
        self._record()
        self._update_header()
        self.refresh_bindings()

    def _update_header(self) -> None:
        walk = self.walk
        if walk is None:
            return
        number = self.course.stations.index(walk.station) + 1
        parts = [_("Station {n}/{total}").format(n=number, total=len(self.course.stations)),
                 walk.station.title, walk.position()]
        if walk.tour:
            parts.append(_("short tour"))
        header = Text(" · ".join(parts))
        if walk.at_model:
            header.append("  ")
            header.append(_("n: {what}").format(what=walk.next_words()), "bold")
        elif self._more_below():
            header.append("  ")
            header.append(_("n: more below ↓"), "bold")
        self.query_one("#lesson-header", Static).update(header)

    def _record(self) -> None:
        """What the learner saw, saved (``learning.station_walk.record_seen``)."""
        if self.walk is not None:
            record_seen(self.walk, self.app.progress)
            self.app.save_progress()

    # -- which keys apply here ------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return enabled(action, parameters, self.walk, in_field=text_field_focused(self), more_below=self._more_below)

    # -- moving ---------------------------------------------------------------------------
    def _more_below(self) -> bool:
        """The page on show has lines below the bottom edge that the learner has not seen."""
        if self.walk is None or self.walk.at_model or not self.is_mounted:
            return False
        view = self.body.page_view
        return view is not None and view.more_below

    @on(PageView.MoreBelowChanged)
    def _more_below_changed(self) -> None:
        self._update_header()
        self.refresh_bindings()

    def action_next_page(self, _meaning: str = "") -> None:
        walk = self.walk
        if walk is None:
            return
        view = self.body.page_view
        if self._more_below() and view is not None:
            view.show_more()  # the rest of this page first: its "Try it" line is at the end
            return
        if walk.next():
            self._show_current()
            return
        self.narrator.stop()
        dialog = StationEndDialog(walk.station, self.course, self.app.progress, tour=walk.tour)
        self.app.push_screen(dialog, self._after_station)

    def action_previous_page(self) -> None:
        if self.walk is not None and self.walk.previous():
            self._show_current()

    def action_open_model(self) -> None:
        if self.walk is not None and self.walk.open_model():
            self._show_current()

    def action_leave_field(self) -> None:
        """Esc in a model's text field: back to the model, where n and p turn pages again."""
        model = self.body.model
        if model is not None and model.display:
            model.focus()
        else:
            self.set_focus(None)

    def action_stay(self) -> None:
        self.notify(_("Esc leaves a text field; q goes back to the map."), timeout=3)

    def action_back_to_map(self) -> None:
        self.narrator.stop()
        self.app.open_map()

    def _after_station(self, choice: str | None) -> None:
        walk = self.walk
        if choice is None or walk is None:
            return
        if choice == "quiz":
            self.app.open_quiz(walk.station.id)
        elif choice == "final":
            self.app.open_quiz("final")
        elif choice == "map":
            self.action_back_to_map()
        elif choice == "tour-end":
            self.app.open_tour_end()
        elif choice.startswith("station:"):
            self.show_station(choice.partition(":")[2], short_tour=walk.tour)

    # -- sources, words, narration ---------------------------------------------------------
    def _station_citations(self) -> list[str]:
        """At the model: every source the station's pages cite, in order of first use."""
        found: dict[str, None] = {}
        for page in self.walk.pages if self.walk else ():
            found.update(dict.fromkeys(page_citations(page)))
        return list(found)

    def _open_sources(self, selected_id: str | None = None) -> None:
        page = self.page
        ids = page_citations(page) if page is not None else self._station_citations()
        selected = ids.index(selected_id) if selected_id in ids else 0
        panel = SourcesPanel([(n, self.course.sources.get(sid), sid) for n, sid in enumerate(ids, start=1)], selected)
        if page is None:
            panel.popup_title = _("Sources for this station")
        self.app.push_screen(panel)

    def action_sources(self) -> None:
        view = self.body.page_view
        mark = view.current_mark if view is not None and self.page is not None else None
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
        view = self.body.page_view
        mark = view.current_mark if view is not None else None
        if term_id is None and mark is not None and mark.kind == "term":
            term_id = mark.key
        ids = [t.id for t in terms]
        self.app.push_screen(GlossaryPopup(terms, self.course, ids.index(term_id) if term_id in ids else 0))

    def action_read_aloud(self) -> None:
        page = self.page
        if page is not None:
            self.narrator.toggle(narration_text(page))  # the narrator says what happens next

    def action_open_mark_at(self, index: int) -> None:
        """A click on a citation marker or a glossary word."""
        view = self.body.page_view
        if view is not None:
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
        if not self.short_tour:  # the tour keeps its own record: stations stay as they were
            self.app.progress.mark_model_tried(event.station_id)
            self.app.save_progress()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # into or out of a text field: the footer changes

    def on_screen_suspend(self) -> None:
        self.narrator.stop()

