"""The full reviewer guidelines, a key away from the task (Label Studio's "instructions").

The text is content -- ``content/guidelines.md``, which a teacher can edit -- shown as
Markdown, with each ``[@source]`` citation turned into "(publisher, date)". If the file is missing or unreadable the short guidelines are shown instead, with
one sentence saying why, so the seat never breaks over a missing document.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from explainer.course.markup import CITATION_RE, split_front_matter
from explainer.course.model import Course
from explainer.i18n import _
from explainer.learning.shift_score import guidelines
from explainer.tui.widgets.footer import Footer

GUIDELINES_FILE = "guidelines.md"


def _cite(course: Course, match: re.Match[str]) -> str:
    source = course.sources.get(match.group(1))
    if source is None:
        return ""
    return f"({source.publisher}, {source.date})"


def read_guidelines(course: Course) -> str:
    """The full guidelines as Markdown (citations as "(publisher, date)"), or the short ones."""
    path = Path(course.root) / GUIDELINES_FILE
    try:
        page = getattr(course, "guidelines", None)  # loaded and checked with the course
        if page is not None:
            body = page.body
        else:
            _meta, body, _line = split_front_matter(path.read_text(encoding="utf-8"))
        return CITATION_RE.sub(lambda m: _cite(course, m), body)
    except (OSError, UnicodeDecodeError, ValueError):
        short = "\n".join(f"- {g.short}" for g in guidelines())
        note = _("The full guidelines ({path}) could not be read; here are the short ones.")
        return f"# {_('Reviewer guidelines')}\n\n{note.format(path=path)}\n\n{short}\n"


class ReviewerGuidelinesScreen(ModalScreen[None]):
    """Scrollable guidelines; Esc, q or the guidelines key closes them."""

    HELP_TITLE = "Reviewer guidelines"
    BINDINGS = [Binding("escape,q,f2", "dismiss", "Close")]

    def __init__(self, markdown: str) -> None:
        super().__init__(id="reviewer-guidelines-screen")
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reviewer-guidelines-scroll"):
            yield Markdown(self.markdown, id="reviewer-guidelines")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reviewer-guidelines-scroll").focus()
