"""The app as a workshop kiosk (``explainer --kiosk``): one visitor after another, nothing kept.

A subclass rather than flags inside the App, so the normal app stays thin and everything a kiosk
does differently is here: an extra "attract" mode (the welcome screen), an idle timer that sends
the kiosk back to it and rebuilds every mode from scratch for the next visitor, a hidden host
panel (Ctrl+K and a code) with anonymous day tallies, and a quit key that only the host can use.
Progress and settings live in memory (``config.memory_only``); the rules are in
``explainer.classroom.kiosk``.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress

from textual import events, on
from textual.app import SystemCommand, UnknownModeError
from textual.binding import Binding
from textual.screen import Screen

from explainer.classroom.kiosk import DayTallies, IdlePolicy, Scratch
from explainer.i18n import _
from explainer.tui.app import ExplainerApp
from explainer.tui.config import AppConfig
from explainer.tui.screens.kiosk_attract import AttractScreen
from explainer.tui.services import Startup
from explainer.voice.lab_service import LabService

ATTRACT = "attract"
VISITOR_INPUT = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)


class KioskApp(ExplainerApp):
    BINDINGS = [Binding("ctrl+k", "host_panel", "Host panel", show=False, priority=True)]

    def __init__(self, config: AppConfig, startup: Startup, scratch: Scratch | None = None,
                 lab: LabService | None = None) -> None:
        super().__init__(config, startup, lab=lab)
        self.scratch = scratch
        self.idle_policy = IdlePolicy(config.idle_minutes)
        self.tallies = DayTallies()
        self.visiting = False
        self.add_mode(ATTRACT, AttractScreen)

    # -- the visitor's cycle ----------------------------------------------------------------
    def on_mount(self) -> None:
        self.call_later(self.show_attract, False)  # the first visitor gets the screens just built
        self.set_interval(self.idle_policy.check_every(), self.check_visitor_idle, name="kiosk-idle")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, VISITOR_INPUT):
            self.idle_policy.touch()
        await super().on_event(event)

    def check_visitor_idle(self) -> None:
        """Called every few seconds: a visit nobody has touched for N minutes is over."""
        if self.visiting and self.idle_policy.expired() and not self._host_busy():
            self.run_worker(self.show_attract(), group="kiosk-reset", exclusive=True)

    def _host_busy(self) -> bool:
        return any(screen.id in ("host-code-screen", "host-panel-screen") for screen in self.screen_stack)

    @on(AttractScreen.VisitorArrived)
    def start_visit(self) -> None:
        """A new visitor pressed a key on the welcome screen."""
        if self.visiting:
            return
        self.visiting = True
        self.idle_policy.touch()
        self.tallies.start_visit()
        self.open_map()

    async def show_attract(self, rebuild: bool = True) -> None:
        """End the visit (if any), rebuild every mode and wait for the next visitor."""
        if self.visiting:
            self.tallies.end_visit(self.course, self.progress)
        self.visiting = False
        await self.switch_mode(ATTRACT)
        if not rebuild:
            return
        for mode, build in type(self).MODES.items():
            with suppress(UnknownModeError):  # every mode is there, unless a rebuild failed half-way
                await self.remove_mode(mode)
            self.add_mode(mode, build)
        self.reset_progress()
        self.apply_settings(self._startup.settings, save=False)
        self.lab.close()  # the next visitor starts with no history open and an empty shopping list
        if self.scratch is not None:
            self.scratch.clear_visitor_data()
        self.idle_policy.touch()

    # -- the host -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.current_mode == ATTRACT and action not in ("host_panel", "quit"):
            return False  # every key on the welcome screen starts a visit
        return super().check_action(action, parameters)

    def action_host_panel(self) -> None:
        from explainer.tui.screens.kiosk_host import HostCodeScreen

        if not self._host_busy():
            self.push_screen(HostCodeScreen(self.config.host_code), self._code_checked)

    def _code_checked(self, ok: bool | None) -> None:
        from explainer.tui.screens.kiosk_host import HostPanelScreen

        if ok:
            summary = self.tallies.summary(self.course, self.progress if self.visiting else None)
            self.push_screen(HostPanelScreen(summary, self.course), self._host_chose)

    def _host_chose(self, choice: str | None) -> None:
        if choice == "end":
            self.end_kiosk()
        elif choice == "reset":
            self.run_worker(self.show_attract(), group="kiosk-reset", exclusive=True)

    def end_kiosk(self) -> None:
        self._saver.flush()
        self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette without "Screenshot" (it would write a file) and without "Quit"."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Quit"):
                yield command

    def deliver_screenshot(self, *args: object, **kwargs: object) -> None:
        self.notify(_("This session keeps nothing on disk."), timeout=3)

    async def action_quit(self) -> None:
        self.notify(_("This is a shared kiosk: please ask the host to close it."), timeout=4)

    def on_unmount(self) -> None:
        if self.scratch is not None:
            self.scratch.remove()

