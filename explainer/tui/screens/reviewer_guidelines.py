"""The full reviewer guidelines, a key away from the task (Label Studio's "instructions").

The text is content -- ``content/guidelines.md``, which a teacher can edit -- shown as
Markdown. If the file is missing or unreadable the short guidelines are shown instead, with
one sentence saying why, so the seat never breaks over a missing document.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from explainer.i18n import _
from explainer.learning.shift_score import guidelines

GUIDELINES_FILE = "guidelines.md"


def read_guidelines(content_root: str | Path) -> str:
    """The full guidelines as Markdown, or the short ones with a note when the file is missing."""
    path = Path(content_root) / GUIDELINES_FILE
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        short = "\n".join(f"- {g.short}" for g in guidelines())
        note = _("The full guidelines ({path}) could not be read; here are the short ones.")
        return f"# {_('Reviewer guidelines')}\n\n{note.format(path=path)}\n\n{short}\n"


class ReviewerGuidelinesScreen(ModalScreen[None]):
    """Scrollable guidelines; Esc, q or the guidelines key closes them."""

    HELP_TITLE = "Reviewer guidelines"
    BINDINGS = [Binding("escape,q,f2", "dismiss", _("Close"))]

    def __init__(self, markdown: str) -> None:
        super().__init__(id="reviewer-guidelines-screen")
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reviewer-guidelines-scroll"):
            yield Markdown(self.markdown, id="reviewer-guidelines")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reviewer-guidelines-scroll").focus()
