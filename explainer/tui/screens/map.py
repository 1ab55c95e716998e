"""Home: the journey map, with "continue where you left off" one key away.

A returning learner should be back at work in one key press, and a new one should see the
whole path at a glance -- all nine stations fit at 80x24 without scrolling. The screen reads
progress from the app and redraws when ``app.progress_changed`` fires.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from explainer.course.model import ZONES
from explainer.i18n import _
from explainer.tui.app import ExplainerApp
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.journey_map import JourneyMap, StationTile, numbered

if TYPE_CHECKING:
    from explainer.course.model import Station

EXTRAS = (  # (button id, label, how to open it)
    ("open-pre", "Pre-check", ("quiz", "pre")),
    ("open-final", "Final quiz", ("quiz", "final")),
    ("open-post", "Post-check", ("quiz", "post")),
    ("open-reviewer", "Reviewer seat", ("reviewer", None)),
    ("open-lab", "Voice lab", ("lab", None)),
)

HINTS = {  # what the focused button does, in the line under the map
    "continue": "Pick up at the page you last read.",
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
        Binding("right,l", "zone(1)", "Next zone", show=False),
        Binding("left,h", "zone(-1)", "Previous zone", show=False),
        Binding("s", "app.settings", _("Settings")),
        Binding("q", "app.quit", _("Quit")),
    ]

    app = getters.app(ExplainerApp)

    def compose(self) -> ComposeResult:
        course = self.app.course
        assert course is not None
        yield Header()
        with Vertical(id="map-body"):
            yield Static(id="map-intro", markup=False)
            with Horizontal(id="map-actions"):
                yield Button("", id="continue", compact=True, variant="primary")
                yield Button(_("Short tour (t)"), id="short-tour", compact=True)
            yield JourneyMap(course.stations, self._states())
            yield Static(id="map-hint", markup=False)
            with Horizontal(id="map-extras"):
                for button_id, label, _target in EXTRAS:
                    yield Button(_(label), id=button_id, compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.app.progress_changed.subscribe(self, lambda _progress: self.refresh_states())
        self.refresh_states()
        self.query_one("#continue", Button).focus()

    def on_screen_resume(self) -> None:
        self.refresh_states()

    def _states(self) -> dict[str, str]:
        course = self.app.course
        assert course is not None
        return {station.id: self.app.progress.station_state(station) for station in course.stations}

    def next_station(self) -> Station:
        """Where "continue" goes: the last station opened unless done, else the first unfinished one."""
        course = self.app.course
        assert course is not None
        states = self._states()
        last = self.app.progress.last.get("station")
        if last in states and states[last] != "done":
            return course.station(last)
        for station in course.stations:
            if states[station.id] != "done":
                return station
        return course.stations[-1]

    def refresh_states(self) -> None:
        states = self._states()
        self.query_one(JourneyMap).update_states(states)
        done = sum(1 for state in states.values() if state == "done")
        started = any(state != "not started" for state in states.values())
        self.query_one("#map-intro", Static).update(
            _("From wake word to human reviewer: one voice command's journey.")
            + "  "
            + _("Done: {done} of {total}.").format(done=done, total=len(states))
        )
        if started:
            verb = _("Continue where you left off")
        else:
            verb = _("Start the short tour") if self.prefers_short_tour else _("Start the journey")
        course = self.app.course
        assert course is not None
        label = numbered(course.stations, self.next_station())
        self.query_one("#continue", Button).label = f"▶ {verb}: {label}"
        self.query_one("#short-tour", Button).display = not self.prefers_short_tour  # no twin buttons

    @property
    def prefers_short_tour(self) -> bool:
        """Workshops (``--tour short``, ``--kiosk``) offer the ~10 minute path first."""
        return self.app.config.tour == "short" or self.app.config.kiosk

    def action_continue(self) -> None:
        station = self.next_station()
        last = self.app.progress.last
        page = last.get("page") if last.get("station") == station.id else None
        self.app.open_station(station.id, page, short_tour=self.prefers_short_tour)

    def action_short_tour(self) -> None:
        """One page and the model per station, about ten minutes, starting where the learner is."""
        self.app.open_station(self.next_station().id, short_tour=True)

    def action_move(self, step: int) -> None:
        """Down/up: from the action row into the map, through the stations in order, to the extras."""
        focused = self.focused
        tiles = list(self.query(StationTile))
        if focused is not None and focused.parent is self.query_one("#map-actions") and step > 0:
            tiles[0].focus()
        elif focused is tiles[0] and step < 0:
            self.query_one("#continue", Button).focus()
        elif focused is not None and focused.parent is self.query_one("#map-extras") and step < 0:
            tiles[-1].focus()
        else:
            (self.focus_next if step > 0 else self.focus_previous)()

    def action_zone(self, step: int) -> None:
        """Move to the neighbouring zone, keeping the row (left/right on the map)."""
        focused = self.focused
        if isinstance(focused, Button):  # along a row of buttons
            (self.focus_next if step > 0 else self.focus_previous)()
            return
        if not isinstance(focused, StationTile):
            self.query(StationTile).first().focus()
            return
        here = ZONES.index(focused.station.zone)
        neighbours = ZONES[here + 1 :] if step > 0 else ZONES[:here][::-1]
        for zone in neighbours:
            column = list(self.query(f"#zone-{zone} StationTile"))
            if column:
                row = list(self.query(f"#zone-{focused.station.zone} StationTile")).index(focused)
                column[min(row, len(column) - 1)].focus()
                return

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Say what the focused thing is, so the map needs no mouse hover to explain itself."""
        widget = event.widget
        if isinstance(widget, StationTile):
            hint = widget.station.summary
        else:
            hint = _(HINTS.get(widget.id or "", ""))
        self.query_one("#map-hint", Static).update(hint)

    @on(StationTile.Chosen)
    def open_station(self, event: StationTile.Chosen) -> None:
        self.app.open_station(event.station_id)

    @on(Button.Pressed, "#continue")
    def continue_pressed(self) -> None:
        self.action_continue()

    @on(Button.Pressed, "#short-tour")
    def short_tour_pressed(self) -> None:
        self.action_short_tour()

    @on(Button.Pressed, "#map-extras Button")
    def extra_pressed(self, event: Button.Pressed) -> None:
        for button_id, _label, (mode, arg) in EXTRAS:
            if event.button.id == button_id:
                if mode == "quiz":
                    self.app.open_quiz(arg)
                elif mode == "reviewer":
                    self.app.open_reviewer()
                else:
                    self.app.open_lab()
