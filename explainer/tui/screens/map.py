"""Home: the journey map, with "continue" one key away.

A returning learner should be back at work in one key press, at the first unfinished thing on
the path (``learning.journey``: an unread page, the model, the quiz at the question they left,
the next station, the final quiz, the post-check, the course ending), and the button says
where that is. A new one should see the whole path at a glance: all nine stations fit at 80x24
without scrolling, each unfinished one saying what is left ("2 pages · quiz"). A brand-new
learner is offered the pre-check before station 1, so the post-check has something to compare
with. The short tour is a path of its own with its own progress, shown on its button.

The map itself is ONE widget (``JourneyMap``: a single render, see its docstring for why); the
screen adds the action row above it, the hint line and the row of extras below, and moves the
keyboard focus between them with the arrow keys, so nothing needs tab or the mouse; the voice lab, the
extras row's last button and 15 Tab stops away, also has a letter (``v``). The screen
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
from explainer.learning.journey import Journey
from explainer.tui.host import Host
from explainer.tui.widgets.action_button import ActionButton
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.journey_map import JourneyMap

if TYPE_CHECKING:
    from textual import events
    from textual.widget import Widget

EXTRAS = (  # (button id, label, how to open it)
    ("open-pre", "Pre-check", ("quiz", "pre")),
    ("open-final", "Final quiz", ("quiz", "final")),
    ("open-post", "Post-check", ("quiz", "post")),
    ("open-reviewer", "Reviewer seat", ("reviewer", None)),
    ("open-lab", "Voice lab", ("lab", None)),
)
QUIZ_NAMES = {"pre": "Pre-check", "final": "Final quiz", "post": "Post-check"}

HINTS = {  # what the focused button does, in the line under the map
    "continue": "Go on with the first thing you have not finished yet.",
    "start": "Begin at station 1; the first time, you can take the short pre-check before it.",
    "short-tour": "About ten minutes: one page and the model at each station, kept apart from the journey.",
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
        Binding("c", "continue", "Continue"),
        Binding("t", "short_tour", "Short tour"),
        # the extras row's last button, 15 Tab stops away; "Lab" (Spanish "Laboratorio") keeps q Quit on the line at 80
        Binding("v", "lab", "Lab"),
        Binding("down,j", "move(1)", "Next", show=False),
        Binding("up,k", "move(-1)", "Previous", show=False),
        Binding("right,l", "along(1)", "Next zone", show=False),
        Binding("left,h", "along(-1)", "Previous zone", show=False),
        Binding("s", "app.settings", "Settings"),
        Binding("q", "app.quit", "Quit"),
    ]

    app = getters.app(Host)
    _shown_texts: tuple[str, str, str] = ("", "", "")

    def compose(self) -> ComposeResult:
        course = self.app.course
        yield Static(self.app.title, id="map-title", markup=False)
        journey = self.journey
        intro, label, tour = self._shown_texts = self._texts(journey)
        with Vertical(id="map-body"):
            yield Static(intro, id="map-intro", markup=False)
            with Horizontal(id="map-actions"):
                yield ActionButton(label, id="continue", primary=True)
                short_tour = ActionButton(tour, id="short-tour")
                short_tour.display = not self.prefers_short_tour  # no twin buttons
                yield short_tour
            yield JourneyMap(course.stations, journey.states(), self._left(journey))
            yield Static(id="map-hint", markup=False)
            with Horizontal(id="map-extras"):
                for button_id, label, target in EXTRAS:
                    yield ActionButton(self._extra_label(journey, label, target), id=button_id)
        yield Footer()

    def on_mount(self) -> None:
        self.app.progress_changed.subscribe(self, lambda _progress: self.refresh_states())
        self.query_one("#continue", ActionButton).focus()

    def on_screen_resume(self) -> None:
        self.refresh_states()

    @property
    def journey(self) -> Journey:
        course = self.app.course
        return Journey(course, self.app.progress)

    @staticmethod
    def _left(journey: Journey) -> dict[str, str]:
        """What each unfinished station still needs, in words, for the map to show."""
        return {station.id: journey.station_left(station).words() for station in journey.course.stations
                if journey.station_state(station) == "in progress"}

    def _texts(self, journey: Journey) -> tuple[str, str, str]:
        """The intro line ("Done: n of 9"), the Continue button's label and the tour button's."""
        course = journey.course
        intro = (
            _("From wake word to human reviewer: one voice command's journey.")
            + "  "
            + _("Done: {done} of {total}.").format(done=journey.stations_done(), total=len(course.stations))
        )
        if self.prefers_short_tour:
            step = journey.tour_next()
            verb = _("Start the short tour") if not journey.progress.tour_seen else _("Continue the short tour")
        else:
            step = journey.next_step()
            verb = _("Start the journey") if journey.untouched and step.kind == "page" else _("Continue")
        if journey.tour_done:
            tour = _("Short tour (t): done")
        elif journey.progress.tour_seen:
            tour = _("Short tour (t): {n} of {total}").format(n=journey.tour_stations_done(), total=len(course.stations))
        else:
            tour = _("Short tour (t)")
        return intro, f"▶ {verb}: {journey.describe(step)}", tour

    @staticmethod
    def _extra_label(journey: Journey, label: str, target: tuple[str, str | None]) -> str:
        """ "Final quiz ✓" once every question of it is answered: the map says that too is done."""
        mode, quiz_id = target
        done = mode == "quiz" and quiz_id is not None and journey.quiz_done(quiz_id)
        return _(label) + (" ✓" if done else "")

    def refresh_states(self) -> None:
        """Redraw states and labels -- only what changed, so showing the map costs no extra layout."""
        journey = self.journey
        for button_id, label, target in EXTRAS:
            button = self.query_one(f"#{button_id}", ActionButton)
            wanted = self._extra_label(journey, label, target)
            if str(button.label) != wanted:
                button.label = wanted
        self.query_one(JourneyMap).update_states(journey.states(), self._left(journey))
        texts = self._texts(journey)
        if self.focused is not None and self.focused.id == "continue":
            self._hint_for(self.focused)  # "start" becomes "continue" once anything is done
        if texts != self._shown_texts:
            self._shown_texts = texts
            self.query_one("#map-intro", Static).update(texts[0])
            self.query_one("#continue", ActionButton).label = texts[1]
            self.query_one("#short-tour", ActionButton).label = texts[2]

    @property
    def prefers_short_tour(self) -> bool:
        """Workshops (``--tour short``, ``--kiosk``) offer the ~10 minute path first."""
        return self.app.config.tour == "short" or self.app.config.kiosk

    def action_continue(self) -> None:
        journey = self.journey
        if self.prefers_short_tour:
            self.app.open_step(journey.tour_next())
            return
        if journey.untouched and self._has_precheck():
            from explainer.tui.screens.map_precheck import PrecheckOffer

            course = self.app.course
            self.app.push_screen(PrecheckOffer(course.stations[0].title), self._first_start_chosen)
            return
        self.app.open_step(journey.next_step())

    def _has_precheck(self) -> bool:
        course = self.app.course
        return course is not None and any(q.prepost for q in course.questions)

    def _first_start_chosen(self, choice: str | None) -> None:
        course = self.app.course
        if choice == "pre":
            self.app.open_quiz("pre")
        elif choice == "station":
            self.app.open_station(course.stations[0].id)

    def action_short_tour(self) -> None:
        """One page and the model per station, about ten minutes: its first step not yet seen."""
        self.app.open_step(self.journey.tour_next())

    def action_lab(self) -> None:
        self.app.open_lab()

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
        if not isinstance(event.widget, JourneyMap):
            self._hint_for(event.widget)

    def _hint_for(self, widget: Widget) -> None:
        key = "start" if widget.id == "continue" and self.journey.untouched else widget.id or ""
        self.query_one("#map-hint", Static).update(_(HINTS.get(key, "")))

    @on(JourneyMap.Highlighted)
    def station_highlighted(self, event: JourneyMap.Highlighted) -> None:
        hint = event.station.summary
        journey = self.journey
        if journey.station_state(event.station) == "in progress":
            hint += "  " + _("Left: {what}.").format(what=journey.station_left(event.station).words())
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
                if mode == "quiz" and arg is not None:
                    self.app.open_quiz(arg)
                elif mode == "reviewer":
                    self.app.open_reviewer()
                else:
                    self.app.open_lab()
