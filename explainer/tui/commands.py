"""Command-palette entries (Ctrl+P): jump straight to any station or part of the course.

A teacher moving a class along ("everyone go to station 6") types a few letters instead of
walking the map. The provider only calls the app's public ``open_*`` methods.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from explainer.i18n import _
from explainer.tui.widgets.journey_map import numbered


class JourneyCommands(Provider):
    """Go to station: <title>, and the quizzes, reviewer seat, lab, map and settings."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app: Any = self.app
        course = getattr(app, "course", None)
        if course is None:
            return []
        commands: list[tuple[str, Callable[[], Any], str]] = [
            (_("Go to the journey map"), app.open_map, _("All nine stations and your progress")),
        ]
        for station in course.stations:
            commands.append(
                (
                    _("Go to station: {title}").format(title=numbered(course.stations, station)),
                    partial(app.open_station, station.id),
                    station.summary,
                )
            )
        commands += [
            (_("Quiz: pre-check"), partial(app.open_quiz, "pre"), _("What do you think before the course?")),
            (_("Quiz: final"), partial(app.open_quiz, "final"), _("Questions across the whole journey")),
            (_("Quiz: post-check"), partial(app.open_quiz, "post"), _("The pre-check again, to compare")),
            (_("Reviewer seat"), app.open_reviewer, _("Transcribe and label synthetic clips")),
            (_("Voice lab"), app.open_lab, _("An offline voice assistant you can take apart")),
            (_("Settings"), app.action_settings, _("Theme, high contrast, narration, reduced motion")),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Text(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=escape(help_text))
