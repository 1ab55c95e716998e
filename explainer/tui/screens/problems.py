"""Screens for when part of the app cannot start: broken content, or a part not installed.

A teacher who breaks a lesson file must see exactly what to fix (``path:line: message``),
the same lines ``explainer check`` prints -- never a traceback.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from explainer.i18n import _
from explainer.tui.widgets.footer import Footer


class ContentProblemsScreen(Screen[None]):
    """The course could not be loaded: list every problem and how to check again."""

    HELP_TITLE = "Content problems"
    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems"):
            yield Static(
                Text(_("The course content has problems, so the course cannot start:"), style="bold"),
                classes="problems-title",
            )
            yield Static(Text("\n".join(self.problems)), id="problem-list")
            yield Static(
                Text(_("Fix these lines, then run `explainer check` to confirm, and start again.")),
                classes="problems-hint",
            )
        yield Footer()


class MissingPartScreen(Screen[None]):
    """A mode whose screen is not part of this installation."""

    BINDINGS = [Binding("escape", "app.open_map", "Back to the map")]

    def __init__(self, module_name: str) -> None:
        super().__init__()
        self.module_name = module_name

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text(_("This part of the course is not available in this installation ({name}).").format(name=self.module_name)),
            id="missing-part",
        )
        yield Footer()
