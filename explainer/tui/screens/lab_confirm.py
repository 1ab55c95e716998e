"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

A yes/no question in a dialog (``ModalScreen[bool]``), for the lab's two decisions the learner
must make first: deleting every upload in the voice history (deleting is real here -- the rows
go and the file is compacted) and recording from the microphone (consent, once per session).
Escape or "n" means no.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from explainer.i18n import _


class LabConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "Cancel"),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes = yes or _("Yes, delete")
        self.no = no or _("No, keep them")

    def compose(self) -> ComposeResult:
        with Vertical(id="lab-confirm-box"):
            yield Static(Text(self.question), id="lab-confirm-question")
            with Horizontal(id="lab-confirm-buttons"):
                yield Button(Text(self.yes), variant="error", id="lab-confirm-yes", compact=True)
                yield Button(Text(self.no), variant="primary", id="lab-confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#lab-confirm-no", Button).focus()  # the safe answer is the default

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "lab-confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
