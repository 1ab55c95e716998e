"""The app a start gets when the course content cannot be loaded: the problems, nothing else.

A teacher who breaks a lesson file must see exactly what to fix (``path:line: message``, the
lines ``explainer check`` prints), never a traceback. A separate small app rather than an
``ExplainerApp`` without a course, so the real app can count on its course being there (see
``host.Host.course``) and no screen has to ask.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from explainer.i18n import _
from explainer.learning.settings import Settings
from explainer.tui import overlays
from explainer.tui.screens.problems import ContentProblemsScreen
from explainer.tui.themes import HIGH_CONTRAST


class ContentProblemsApp(App[None]):
    TITLE = "Who's Listening?"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False, priority=True),
    ]

    def __init__(self, problems: list[str], notices: list[str], settings: Settings) -> None:
        super().__init__()
        self.title = _(self.TITLE)
        self.problems = problems
        self.notices = notices
        self.register_theme(HIGH_CONTRAST)
        if settings.effective_theme in self.available_themes:
            self.theme = settings.effective_theme

    def get_default_screen(self) -> Screen[Any]:
        return ContentProblemsScreen(self.problems)

    def on_mount(self) -> None:
        for notice in self.notices:
            self.notify(notice, title=_("Notice"), severity="warning", timeout=12, markup=False)
        overlays.fit_to_size(self, self.size.width, self.size.height)

    def on_resize(self, event: Any) -> None:
        overlays.fit_to_size(self, event.size.width, event.size.height)

    def action_help(self) -> None:
        from explainer.tui.screens.help import HelpScreen

        overlays.toggle_help(self, HelpScreen, lambda: HelpScreen.for_screen(self.screen, self))
