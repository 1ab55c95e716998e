"""Home: the journey map, with "continue where you left off" one key away.

A returning learner should be back at work in one key press -- at the page (or quiz, seat or
lab) they last had open, not at "the first unfinished station" -- and a new one should see the
whole path at a glance: all nine stations fit at 80x24 without scrolling. A brand-new learner
is offered the pre-check before station 1, so the post-check has something to compare with.

The map itself is ONE widget (``JourneyMap``: a single render, see its docstring for why); the
screen adds the action row above it, the hint line and the row of extras below, and moves the
keyboard focus between them with the arrow keys, so nothing needs tab or the mouse. The screen
reads progress from the app and redraws when ``app.progress_changed`` fires.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.widgets.action_button import ActionButton
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.journey_map import JourneyMap, numbered

if TYPE_CHECKING:
    from textual import events

    from explainer.course.model import Station

EXTRAS = (  # (button id, label, how to open it)
    ("open-pre", "Pre-check", ("quiz", "pre")),
    ("open-final", "Final quiz", ("quiz", "final")),
    ("open-post", "Post-check", ("quiz", "post")),
    ("open-reviewer", "Reviewer seat", ("reviewer", None)),
    ("open-lab", "Voice lab", ("lab", None)),
)
QUIZ_NAMES = {"pre": "Pre-check", "final": "Final quiz", "post": "Post-check"}

HINTS = {  # what the focused button does, in the line under the map
    "continue": "Pick up at the page you last read.",
    "start": "Begin at station 1; the first time, you can take the short pre-check before it.",
    "short-tour": "About ten minutes: one page and the model at each station.",
    "open-pre": "A few questions before you start: what do you think happens?",
    "open-final": "Questions across the whole journey, with sources for every answer.",
    "open-post": "The pre-check again, to see what changed.",
    "open-reviewer": "Sit in a reviewer's seat: transcribe and label synthetic clips.",
    "open-lab": "An offline voice assistant you can take apart.",
}


class MapScreen(Screen[None]):
    """The nine stations grouped by zone, their states, and the way back in."""

    HELP_TITLE = "Journey map"
    BINDINGS = [
        Binding("c", "continue", _("Continue")),
        Binding("t", "short_tour", _("Short tour")),
        Binding("down,j", "move(1)", "Next", show=False),
        Binding("up,k", "move(-1)", "Previous", show=False),
        Binding("right,l", "along(1)", "Next zone", show=False),
        Binding("left,h", "along(-1)", "Previous zone", show=False),
        Binding("s", "app.settings", _("Settings")),
        Binding("q", "app.quit", _("Quit")),
    ]

    app = getters.app(Host)
    _shown_texts: tuple[str, str] = ("", "")

    def compose(self) -> ComposeResult:
        course = self.app.course
        yield Static(self.app.title, id="map-title", markup=False)
        states = self._states()
        intro, label = self._shown_texts = self._texts(states)
        with Vertical(id="map-body"):
            yield Static(intro, id="map-intro", markup=False)
            with Horizontal(id="map-actions"):
                yield ActionButton(label, id="continue", primary=True)
                short_tour = ActionButton(_("Short tour (t)"), id="short-tour")
                short_tour.display = not self.prefers_short_tour  # no twin buttons
                yield short_tour
            yield JourneyMap(course.stations, states)
            yield Static(id="map-hint", markup=False)
            with Horizontal(id="map-extras"):
                for button_id, label, _target in EXTRAS:
                    yield ActionButton(_(label), id=button_id)
        yield Footer()

    def on_mount(self) -> None:
        self.app.progress_changed.subscribe(self, lambda _progress: self.refresh_states())
        self.query_one("#continue", ActionButton).focus()

    def on_screen_resume(self) -> None:
        self.refresh_states()

    def _states(self) -> dict[str, str]:
        course = self.app.course
        return {station.id: self.app.progress.station_state(station) for station in course.stations}

    # -- where "continue" goes ------------------------------------------------------------
    def resume_point(self) -> dict[str, str | None]:
        """Where the learner was (``progress.last``), checked against the course; {} if nowhere."""
        course = self.app.course
        last = self.app.progress.last if isinstance(self.app.progress.last, dict) else {}
        mode = last.get("mode")
        if mode == "quiz" and last.get("quiz") in ({"pre", "final", "post"} | {s.id for s in course.stations}):
            return {"mode": "quiz", "quiz": str(last["quiz"])}
        if mode in ("reviewer", "lab"):
            return {"mode": mode}
        station = last.get("station")
        if any(s.id == station for s in course.stations):
            page = last.get("page")
            return {"mode": "lesson", "station": station, "page": page if isinstance(page, str) else None}
        return {}

    def next_station(self) -> Station:
        """The station "continue" (and the short tour) start at: the last one open, else station 1."""
        course = self.app.course
        station = self.resume_point().get("station")
        return course.station(station) if station else course.stations[0]

    def _resume_label(self) -> str:
        course = self.app.course
        point = self.resume_point()
        if point.get("mode") == "quiz":
            quiz = str(point["quiz"])
            return _(QUIZ_NAMES[quiz]) if quiz in QUIZ_NAMES else _("Quiz") + ": " + course.station(quiz).title
        if point.get("mode") in ("reviewer", "lab"):
            return _("Reviewer seat") if point["mode"] == "reviewer" else _("Voice lab")
        return numbered(course.stations, self.next_station())

    def _texts(self, states: dict[str, str]) -> tuple[str, str]:
        """The intro line (with "Done: n of 9") and the Continue button's label."""
        done = sum(1 for state in states.values() if state == "done")
        intro = (
            _("From wake word to human reviewer: one voice command's journey.")
            + "  "
            + _("Done: {done} of {total}.").format(done=done, total=len(states))
        )
        if self.resume_point():
            verb = _("Continue where you left off")
        else:
            verb = _("Start the short tour") if self.prefers_short_tour else _("Start the journey")
        return intro, f"▶ {verb}: {self._resume_label()}"

    def refresh_states(self) -> None:
        """Redraw states and labels -- only what changed, so showing the map costs no extra layout."""
        states = self._states()
        self.query_one(JourneyMap).update_states(states)
        texts = self._texts(states)
        if texts != self._shown_texts:
            self._shown_texts = texts
            self.query_one("#map-intro", Static).update(texts[0])
            self.query_one("#continue", ActionButton).label = texts[1]

    @property
    def prefers_short_tour(self) -> bool:
        """Workshops (``--tour short``, ``--kiosk``) offer the ~10 minute path first."""
        return self.app.config.tour == "short" or self.app.config.kiosk

    @property
    def is_first_start(self) -> bool:
        """Nothing read, answered or opened yet: the moment to offer the pre-check."""
        progress = self.app.progress
        return not (progress.pages_read or progress.answers or progress.models_tried or self.resume_point()
                    or progress.sections.get("prepost"))

    def action_continue(self) -> None:
        point = self.resume_point()
        if not point and self.is_first_start and not self.prefers_short_tour and self._has_precheck():
            from explainer.tui.screens.map_precheck import PrecheckOffer

            course = self.app.course
            self.app.push_screen(PrecheckOffer(course.stations[0].title), self._first_start_chosen)
            return
        if point.get("mode") == "quiz":
            self.app.open_quiz(str(point["quiz"]))
        elif point.get("mode") == "reviewer":
            self.app.open_reviewer()
        elif point.get("mode") == "lab":
            self.app.open_lab()
        else:
            station = self.next_station()
            page = point.get("page") if point.get("station") == station.id else None
            self.app.open_station(station.id, page, short_tour=self.prefers_short_tour)

    def _has_precheck(self) -> bool:
        course = self.app.course
        return any(q.prepost for q in course.questions)

    def _first_start_chosen(self, choice: str | None) -> None:
        course = self.app.course
        if choice == "pre":
            self.app.open_quiz("pre")
        elif choice == "station":
            self.app.open_station(course.stations[0].id)

    def action_short_tour(self) -> None:
        """One page and the model per station, about ten minutes, starting where the learner is."""
        self.app.open_station(self.next_station().id, short_tour=True)

    # -- moving around with the arrow keys ------------------------------------------------
    def _row_of(self, widget: object) -> list[ActionButton] | None:
        for row_id in ("#map-actions", "#map-extras"):
            row = self.query_one(row_id)
            if getattr(widget, "parent", None) is row:
                return [button for button in row.query(ActionButton) if button.display]
        return None

    def action_move(self, step: int) -> None:
        """Down/up between the action row, the map and the extras (the map moves within itself)."""
        journey = self.query_one(JourneyMap)
        focused = self.focused
        if focused is not None and focused.parent is self.query_one("#map-actions"):
            if step > 0:
                journey.enter_from(1)
        elif focused is not None and focused.parent is self.query_one("#map-extras"):
            if step < 0:
                journey.enter_from(-1, focused.region.x + focused.region.width // 2)
        else:
            self.set_focus(journey)

    def action_along(self, step: int) -> None:
        """Left/right along a row of buttons (no wrapping, so the ends are easy to find)."""
        row = self._row_of(self.focused)
        if not row:
            self.set_focus(self.query_one(JourneyMap))
            return
        index = row.index(self.focused) + step  # type: ignore[arg-type]
        if 0 <= index < len(row):
            self.set_focus(row[index])

    @on(JourneyMap.LeftEdge)
    def leave_map(self, event: JourneyMap.LeftEdge) -> None:
        """Up from the top of a zone: the action row; down from its bottom: the extra below it."""
        if event.direction < 0:
            self.set_focus(self.query_one("#continue", ActionButton))
            return
        extras = self._row_of(self.query_one("#open-pre")) or []
        if extras:
            nearest = min(extras, key=lambda b: abs(b.region.x + b.region.width // 2 - event.x))
            self.set_focus(nearest)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Say what the focused thing is, so the map needs no mouse hover to explain itself."""
        widget = event.widget
        if not isinstance(widget, JourneyMap):
            key = "start" if widget.id == "continue" and not self.resume_point() else widget.id or ""
            self.query_one("#map-hint", Static).update(_(HINTS.get(key, "")))

    @on(JourneyMap.Highlighted)
    def station_highlighted(self, event: JourneyMap.Highlighted) -> None:
        hint = event.station.summary
        if self.app.progress.station_state(event.station) == "in progress":
            hint += "  " + still_to_do(*self.app.progress.station_left(event.station))
        self.query_one("#map-hint", Static).update(hint)

    @on(JourneyMap.Chosen)
    def open_station(self, event: JourneyMap.Chosen) -> None:
        self.app.open_station(event.station_id)

    @on(ActionButton.Pressed, "#continue")
    def continue_pressed(self) -> None:
        self.action_continue()

    @on(ActionButton.Pressed, "#short-tour")
    def short_tour_pressed(self) -> None:
        self.action_short_tour()

    @on(ActionButton.Pressed, "#map-extras ActionButton")
    def extra_pressed(self, event: ActionButton.Pressed) -> None:
        for button_id, _label, (mode, arg) in EXTRAS:
            if event.button.id == button_id:
                if mode == "quiz":
                    self.app.open_quiz(arg)
                elif mode == "reviewer":
                    self.app.open_reviewer()
                else:
                    self.app.open_lab()


def still_to_do(pages: int, model: bool, questions: int) -> str:
    """What an "in progress" station still needs, so "done" is never a mystery (QA S4)."""
    items = []
    if pages:
        items.append(_("1 page") if pages == 1 else _("{n} pages").format(n=pages))
    if model:
        items.append(_("the model"))
    if questions:
        items.append(_("the quiz"))
    return _("Still to do: {items}.").format(items=", ".join(items)) if items else ""
