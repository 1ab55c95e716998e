"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

The lab's voice-history screen: what this app's pretend smart speaker "sent" and kept,
pushed on top of the trace view with h. A real assistant's app has the same page; here
the file is on the learner's own disk, and deleting it really deletes it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from explainer.i18n import _
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.lab_controls import LAB_HELP, LabHelp
from explainer.tui.widgets.lab_history import HistoryBrowser


class HistoryScreen(LabHelp, Screen[None]):
    HELP_TITLE = "Voice history"
    BINDINGS = [
        Binding("p", "play", "Play"),
        Binding("escape", "back", "Back to the lab"),
        LAB_HELP,
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(_("Voice history: every recording the lab's device sent and kept, as a real assistant's "
                            "app lists them. p plays one · d deletes one · D deletes all")), id="lab-history-intro")
        yield HistoryBrowser(id="lab-history")
        yield Footer(compact=True)

    def action_play(self) -> None:
        self.query_one(HistoryBrowser).action_play()

    def action_back(self) -> None:
        self.dismiss()
