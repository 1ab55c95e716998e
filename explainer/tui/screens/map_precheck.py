"""First start: offer the pre-check before station 1.

The post-check only means something if there is a pre-check to compare it with, and most
learners never noticed the pre-check button under the map -- "Start the journey" went straight
to station 1. So the first time a learner starts (nothing read, nothing answered) the map asks,
once, with the pre-check first and marked as recommended. Returns "pre", "station" or None
(escape: stay on the map).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from explainer.i18n import _
from explainer.tui.screens.choice_dialog import ChoiceDialog, choice_moves


class PrecheckOffer(ChoiceDialog):
    """"Take the 2-minute pre-check first (recommended) / Skip to station 1"."""

    HELP_TITLE = "Before you start"
    BINDINGS = [
        Binding("escape", "choose('')", "Back to the map"),
        Binding("1", "choose('pre')", "Pre-check first", show=False),
        Binding("2", "choose('station')", "Skip to station 1", show=False),
        *choice_moves(vi_keys=True),  # j/k too: the map behind it moves with them
    ]

    def __init__(self, first_station: str) -> None:
        super().__init__()
        self.first_station = first_station

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup-frame station-end precheck-offer"):
            yield Static(Text(_("Before you start")), classes="popup-title")
            yield Static(
                Text(_("A few quick questions now let the post-check show you what you learned.")),
                classes="popup-help",
            )
            yield Button(Text("1  " + _("Take the 2-minute pre-check first (recommended)")), id="offer-pre", name="pre")
            yield Button(
                Text("2  " + _("Skip to station 1: {title}").format(title=self.first_station)),
                id="offer-skip",
                name="station",
            )
            yield Static(Text(_("1 or 2, or ↑ ↓ and enter · esc: back to the map")), classes="popup-help")

    def on_mount(self) -> None:
        self.query_one("#offer-pre", Button).focus()
