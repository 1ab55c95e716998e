"""The app shell: modes, app-wide keys, and the services every screen shares.

Kept thin on purpose. Each part of the course is a mode with its own screen stack (map,
lesson, quiz, reviewer, lab); screens change ``app.progress`` and call ``app.save_progress()``,
which writes in a thread and announces the change on ``app.progress_changed``. Loading lives
in ``services.py``, the palette in ``commands.py``, the looks in ``app.tcss``.
"""

from __future__ import annotations

import gc
import inspect
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.signal import Signal

from explainer.i18n import _, set_language
from explainer.learning.progress import Progress
from explainer.learning.settings import Settings
from explainer.tui import css_cache, services
from explainer.tui.commands import JourneyCommands
from explainer.tui.config import AppConfig
from explainer.tui.screens.too_small import MIN_SIZE, TooSmallScreen
from explainer.tui.themes import HIGH_CONTRAST

if TYPE_CHECKING:
    from explainer.voice.lab_service import LabService

MIN_WIDTH, MIN_HEIGHT = MIN_SIZE
STARTUP_GC_THRESHOLD = 50_000  # allocations between young-generation collections until on_ready
NORMAL_GC_THRESHOLDS = gc.get_threshold()  # the process's own, restored after start-up


class ExplainerApp(App[None]):
    TITLE = "Who's Listening?"
    CSS_PATH = "app.tcss"
    COMMANDS = {JourneyCommands}  # it lists Textual's system commands too, after the course's
    BINDINGS = [
        Binding("question_mark", "help", _("Help")),
        Binding("f1", "help", "Help", show=False, priority=True),  # works inside modals and fields too
        Binding("escape", "open_map", "Map", show=False),
    ]
    MODES = {
        "map": services.lazy_screen("explainer.tui.screens.map:MapScreen"),
        "lesson": services.lazy_screen("explainer.tui.screens.lesson:LessonScreen"),
        "quiz": services.lazy_screen("explainer.tui.screens.quiz:QuizScreen"),
        "reviewer": services.lazy_screen("explainer.tui.screens.reviewer:ReviewerScreen"),
        "lab": services.lazy_screen("explainer.tui.screens.lab:LabScreen"),
    }

    def __init__(self, config: AppConfig, startup: services.Startup, lab: LabService | None = None) -> None:
        # Start-up only makes objects that live as long as the app (screens, widgets, styles), so
        # collecting garbage before the first frame is wasted work (~6 ms, 2 % of start-up).
        # Back to normal in on_ready (or on_unmount, if the first frame never came); the normal
        # values are the process's, so a second app built before the first ran cannot keep them raised.
        gc.set_threshold(STARTUP_GC_THRESHOLD, *NORMAL_GC_THRESHOLDS[1:])
        if startup.course is not None:
            # Start straight on the map rather than on Textual's blank default screen and then
            # switching: one screen composed and styled at start-up instead of two.
            self.DEFAULT_MODE = "map"
        super().__init__()
        self._css_store = css_cache.install(self, None if config.memory_only else config.data.css_cache_dir)
        self.title = _(self.TITLE)  # the header, in the learner's language
        self.config = config
        self.course = startup.course
        self.progress: Progress = startup.progress
        self.settings: Settings = startup.settings
        self._startup = startup
        self.lab: LabService = lab or services.local_lab(config)  # the voice lab (explainer.voice.lab_service)
        self._saver = services.ProgressSaver(startup.progress_store)
        self._warned: set[str] = set()
        self._default_animation = self.animation_level
        self.progress_changed: Signal[Progress] = Signal(self, "progress-changed")
        self.settings_changed: Signal[Settings] = Signal(self, "settings-changed")
        self.register_theme(HIGH_CONTRAST)

    def on_load(self) -> None:
        self.apply_settings(self.settings, save=False)  # the theme, before the first screen is styled

    def on_mount(self) -> None:
        if self.course is None:
            from explainer.tui.screens.problems import ContentProblemsScreen

            self.push_screen(ContentProblemsScreen(self._startup.problems))
        for notice in self._startup.notices:
            self.notify(notice, title=_("Notice"), severity="warning", timeout=12, markup=False)
        self._check_size(self.size.width, self.size.height)

    def on_ready(self) -> None:
        gc.set_threshold(*NORMAL_GC_THRESHOLDS)
        # After the first frame, so start-up does not wait for it (see services.prewarm_screens).
        if self.course is not None:
            self.set_timer(0.5, self._prewarm)

    def _prewarm(self) -> None:
        self.run_worker(services.prewarm_screens, thread=True, group="prewarm", exit_on_error=False)
        self._save_parsed_css()

    def _save_parsed_css(self) -> None:
        """Keep what the CSS parser made this run for the next start (see css_cache)."""
        if self._css_store.has_pending:
            self.run_worker(self._css_store.write_pending, thread=True, group="css-cache", exit_on_error=False)

    def on_unmount(self) -> None:
        gc.set_threshold(*NORMAL_GC_THRESHOLDS)
        self.lab.close()
        self._css_store.write_pending()  # what was parsed since the last write: a few small files

    def on_resize(self, event: Any) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small and not isinstance(self.screen, TooSmallScreen):
            self.push_screen(TooSmallScreen())
        elif not small and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    # -- progress and settings ------------------------------------------------------------
    def save_progress(self) -> None:
        """Announce a change to the learner's progress and write it in the background."""
        self._saver.stage(self.progress)
        self.progress_changed.publish(self.progress)
        self._write_pending()

    def reset_progress(self) -> None:
        """Start over (kiosk idle reset, "forget me"): the file is replaced, not merged."""
        self.progress = Progress()
        self._saver.stage(self.progress, replace=True)
        self.progress_changed.publish(self.progress)
        self._write_pending()

    @work(thread=True, group="save-progress", exit_on_error=False)
    def _write_pending(self) -> None:
        result = self._saver.flush()
        if result is not None and not result.ok and result.notice:
            self.call_from_thread(self._warn_once, result.notice)

    def _warn_once(self, notice: str) -> None:
        if notice not in self._warned:
            self._warned.add(notice)
            self.notify(notice, severity="warning", timeout=12, markup=False)

    def apply_settings(self, settings: Settings, save: bool = True) -> None:
        """Use new settings at once (theme, motion) and remember them for next time."""
        self.settings = settings
        self.theme = settings.effective_theme if settings.effective_theme in self.available_themes else "textual-dark"
        self.animation_level = "none" if settings.reduced_motion else self._default_animation
        if save and (notice := self._startup.settings_store.save(settings)):
            self._warn_once(notice)
        self.settings_changed.publish(settings)

    async def action_quit(self) -> None:
        self._saver.flush()  # whatever a background save has not written yet
        self.exit()

    # -- navigation ---------------------------------------------------------------------
    def _open(self, mode: str, method: str | None, *args: Any, **kwargs: Any) -> None:
        if self.course is None:
            return

        async def go() -> None:
            await self.switch_mode(mode)
            if method and (call := getattr(self.screen, method, None)):
                result = call(*args, **kwargs)
                if inspect.isawaitable(result):
                    await result

        self.call_later(go)

    def open_map(self) -> None:
        self._open("map", None)

    def open_station(self, station_id: str, page_slug: str | None = None, short_tour: bool = False) -> None:
        if page_slug or self.progress.last.get("station") != station_id:
            self.progress.last = {"mode": "lesson", "station": station_id, "page": page_slug}
        self._open("lesson", "show_station", station_id, page_slug, short_tour=short_tour)

    def open_quiz(self, quiz_id: str) -> None:
        self._open("quiz", "show_quiz", quiz_id)

    def open_reviewer(self) -> None:
        self._open("reviewer", None)

    def open_lab(self) -> None:
        self._open("lab", None)

    def open_results(self) -> None:
        from explainer.tui.screens.results import ResultsScreen

        if self.course is not None:
            self.push_screen(ResultsScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_map" and self.course is None:
            return False  # nothing to go back to while the content is broken
        return True

    def action_open_map(self) -> None:
        self.open_map()

    def action_help(self) -> None:
        from explainer.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen.for_screen(self.screen, self))

    def action_settings(self) -> None:
        from explainer.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())


def make_app(config: AppConfig, *, lab: LabService | None = None) -> ExplainerApp:
    """Build the app from a config (tests and the snapshot harness call this directly).

    ``lab``: the voice lab's service; None builds the real one on the config's folders (tests
    pass a fake through this same door)."""
    set_language(config.lang)
    if config.memory_only:  # kiosk / browser: nothing on disk but a scratch folder removed at the end
        from explainer.tui.kiosk_app import memory_only_app

        return memory_only_app(config, lab=lab)
    return ExplainerApp(config, services.start(config), lab=lab)
