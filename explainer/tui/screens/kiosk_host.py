"""The kiosk host's hidden panel: Ctrl+K, then the four-digit host code.

It shows anonymous counts for the day (visitors, how many reached each station, and per quiz
the average share right first time -- what visitors knew -- beside the share right in the
end) and lets the host send the kiosk back to its welcome screen or end it. Visitors see
nothing of this: the key is not listed anywhere in the app, only in the teacher guide and
``explainer --help``.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from explainer.i18n import _

MAX_TRIES = 3


class HostCodeScreen(ModalScreen[bool]):
    """Asks for the host code; dismisses with True when it is right."""

    HELP_TITLE = "Host code"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, code: str) -> None:
        super().__init__(id="host-code-screen")
        self._code = code
        self._tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="host-code-box") as box:
            box.border_title = _("Host")
            yield Static(_("Type the four-digit host code."), markup=False)
            yield Input(password=True, max_length=4, restrict=r"[0-9]*", id="host-code-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if len(event.value) == 4:
            self._try(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self._try(event.value)

    def _try(self, value: str) -> None:
        if value == self._code:
            self.dismiss(True)
            return
        self._tries += 1
        if self._tries >= MAX_TRIES:
            self.dismiss(False)
            return
        self.query_one(Input).value = ""
        self.notify(_("That is not the host code."), severity="warning", timeout=3)

    def action_cancel(self) -> None:
        self.dismiss(False)


def tallies_renderable(tallies: Any, course: Any) -> Group:
    """The day's counts as two small tables (stations reached, quiz averages)."""
    visitors = tallies.visitors
    head = Text(_("Visitors today: {count}").format(count=visitors), style="bold")
    stations = Table(box=None, expand=True, padding=(0, 2, 0, 0))
    stations.add_column(_("Station"))
    stations.add_column(_("Visitors who reached it"), justify="right")
    titles: dict[str, str] = {}
    for number, station in enumerate(getattr(course, "stations", ()) or (), start=1):
        titles[station.id] = station.title
        stations.add_row(Text(f"{number}. {station.title}"), Text(str(tallies.stations.get(station.id, 0))))
    quizzes = Table(box=None, expand=True, padding=(0, 2, 0, 0))
    quizzes.add_column(_("Quiz"))
    quizzes.add_column(_("Visitors"), justify="right")
    quizzes.add_column(_("Right first time"), justify="right")
    quizzes.add_column(_("In the end"), justify="right")
    for quiz_id, tally in tallies.quizzes.items():
        title = titles.get(quiz_id) or (_("Final quiz") if quiz_id == "final" else quiz_id)
        quizzes.add_row(Text(title), Text(str(tally.attempts)), Text(f"{tally.average_first:.0%}"),
                        Text(f"{tally.average:.0%}"))
    if not tallies.quizzes:
        quizzes.add_row(Text(_("No quiz answered yet.")), Text(""), Text(""), Text(""))
    return Group(head, Text(""), stations, Text(""), quizzes)


class HostPanelScreen(ModalScreen[str | None]):
    """Today's anonymous counts. Dismisses with "reset", "end" or None (back to the visitor)."""

    HELP_TITLE = "Host panel"
    BINDINGS = [
        Binding("escape", "back", "Back to the visitor"),
        Binding("r", "reset", "Welcome screen for the next visitor"),
        Binding("x", "end", "End the kiosk"),
    ]

    def __init__(self, tallies: Any, course: Any) -> None:
        super().__init__(id="host-panel-screen")
        self._tallies = tallies
        self._course = course

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="host-panel-box") as box:
            box.border_title = _("Host panel: today, anonymous")
            box.border_subtitle = _("Esc back · r next visitor · x end the kiosk")
            yield Static(tallies_renderable(self._tallies, self._course), id="host-tallies")

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reset(self) -> None:
        self.dismiss("reset")

    def action_end(self) -> None:
        self.dismiss("end")
