"""Shown instead of a broken layout when the terminal is smaller than 80x24.

The app checks the size on every resize and pushes this screen when the window is too small,
then pops it as soon as the window is big enough again: nothing underneath is lost.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from explainer.i18n import _

MIN_SIZE = (80, 24)


class TooSmallScreen(Screen[None]):
    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-message")

    def on_mount(self) -> None:
        self._describe(self.app.size.width, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._describe(event.size.width, event.size.height)

    def on_screen_resume(self) -> None:
        """Left behind in another mode's stack while the window grew: step aside at once."""
        width, height = self.app.size
        if width >= MIN_SIZE[0] and height >= MIN_SIZE[1] and self.is_current:
            self.dismiss()

    def _describe(self, width: int, height: int) -> None:
        message = _("Please enlarge the terminal to at least 80×24 (now {width}×{height}).")
        self.query_one("#too-small-message", Static).update(
            Text(message.format(width=width, height=height) + "\n" + _("Ctrl+Q quits."), justify="center")
        )
