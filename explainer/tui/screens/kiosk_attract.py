"""The kiosk's welcome screen: what a passer-by sees before starting and after the last visitor left.

Any key (or a click) starts a visit. A short hint changes every few seconds to catch the eye;
with reduced motion on, all hints are shown at once and nothing moves. The screen holds no
state, so showing it again is safe at any time.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, getters
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from explainer.i18n import _
from explainer.tui.host import Host

HINT_SECONDS = 4.0


def attract_hints() -> list[str]:
    return [
        _("Follow one voice command from the wake word to a human reviewer."),
        _("About ten minutes. The arrow keys and Enter are all you need."),
        _("Press ? at any time to see every key."),
        _("Nothing you do here is saved: the next visitor starts afresh."),
    ]


class AttractScreen(Screen[None]):
    """Title, "press any key", and a gently changing hint. Starting is the app's job."""

    HELP_TITLE = "Welcome"

    class VisitorArrived(Message):
        """A key or a click on the welcome screen: the kiosk starts a visit."""

    app = getters.app(Host)

    def __init__(self) -> None:
        super().__init__(id="attract-screen")
        self._hint = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="attract-box"):
            yield Static(Text(_("Who's Listening?"), justify="center"), id="attract-title")
            yield Static(Text(_("Press any key to start"), justify="center"), id="attract-prompt")
            yield Static(id="attract-hint")

    def on_screen_resume(self) -> None:
        self._hint = 0
        self._show_hints()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._reduced_motion():
            self._timer = self.set_interval(HINT_SECONDS, self._next_hint)

    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _reduced_motion(self) -> bool:
        return self.app.settings.reduced_motion

    def _show_hints(self) -> None:
        hints = attract_hints()
        shown = "\n".join(hints) if self._reduced_motion() else hints[self._hint % len(hints)]
        self.query_one("#attract-hint", Static).update(Text(shown, justify="center"))

    def _next_hint(self) -> None:
        self._hint += 1
        self._show_hints()

    def _start(self) -> None:
        self.post_message(self.VisitorArrived())

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self._start()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self._start()
