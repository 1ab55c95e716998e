"""Command-palette entries (Ctrl+P): jump straight to any station or part of the course.

A teacher moving a class along ("everyone go to station 6") types a few letters instead of
walking the map. The provider only calls the app's public ``open_*`` methods.

It is the app's only provider, and it lists Textual's own system commands (theme, keys,
screenshot, quit) too -- *after* the course's: with two providers the palette shows whichever
answers first, and a newcomer met "Maximize" and "Screenshot" before any station.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.widgets.journey_map import numbered


class JourneyCommands(Provider):
    """Go to station: <title>, and the quizzes, reviewer seat, lab, map and settings."""

    @property
    def host(self) -> Host:
        """The app, as screens see it (a Provider is not a widget, so no ``getters.app``)."""
        assert isinstance(self.app, Host)
        return self.app

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app, course = self.host, self.host.course
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
        for station in course.stations:
            commands.append(
                (
                    _("Quiz: {title}").format(title=numbered(course.stations, station)),
                    partial(app.open_quiz, station.id),
                    _("The questions for this station"),
                )
            )
        commands += [
            (_("Quiz: pre-check"), partial(app.open_quiz, "pre"), _("What do you think before the course?")),
            (_("Quiz: final"), partial(app.open_quiz, "final"), _("Questions across the whole journey")),
            (_("Quiz: post-check"), partial(app.open_quiz, "post"), _("The pre-check again, to compare")),
            (_("Results"), app.open_results, _("Your answers so far, pre-check and post-check side by side")),
            (_("Reviewer seat"), app.open_reviewer, _("Transcribe and label synthetic clips")),
            (_("Voice lab"), app.open_lab, _("An offline voice assistant you can take apart")),
            (_("Settings"), app.open_settings, _("Theme, high contrast, narration, reduced motion")),
        ]
        return commands

    def _system_commands(self) -> list[tuple[str, Callable[[], Any], str, bool]]:
        """Textual's own commands (as the app filters them, e.g. the kiosk), alphabetical."""
        found = self.app.get_system_commands(self.screen)
        return sorted(((c.title, c.callback, c.help, c.discover) for c in found), key=lambda c: c[0])

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Text(name), callback, text=name, help=escape(help_text))
        for name, callback, help_text, discover in self._system_commands():
            if discover:
                yield DiscoveryHit(Text(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=escape(help_text))
        for name, callback, help_text, _discover in self._system_commands():
            score = matcher.match(name)
            if score > 0:  # halved: an equally good course command comes first
                yield Hit(score / 2, matcher.highlight(name), callback, text=name, help=help_text)
