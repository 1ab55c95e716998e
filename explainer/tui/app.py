"""The app shell: modes, app-wide keys, and the services every screen shares.

Kept thin on purpose. Each part of the course is a mode with its own screen stack (map,
lesson, quiz, reviewer, lab). What screens may ask of the app is the typed ``host.Host``
interface this class implements: screens change ``app.progress`` and call
``app.save_progress()``, which writes in a thread and announces the change on
``app.progress_changed``. Building the app is ``factory.make_app``; loading lives in
``services.py``, the palette in ``commands.py``, the looks in ``app.tcss``.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.binding import Binding
from textual.signal import Signal

from explainer.i18n import _
from explainer.learning.progress import Progress
from explainer.learning.settings import Settings
from explainer.tui import css_cache, overlays, services, textual_private
from explainer.tui.commands import JourneyCommands
from explainer.tui.config import AppConfig
from explainer.tui.host import Host
from explainer.tui.themes import HIGH_CONTRAST
from explainer.tui.worker_watch import WatchedWorkers, append_to_log, describe

if TYPE_CHECKING:
    from explainer.learning.journey import Step
    from explainer.voice.lab_service import LabService



class ExplainerApp(Host):
    TITLE = "Who's Listening?"
    CSS_PATH = "app.tcss"
    COMMANDS = {JourneyCommands}  # it lists Textual's system commands too, after the course's
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False, priority=True),  # works inside modals and fields too
        Binding("escape", "open_map", "Map", show=False),
    ]
    DEFAULT_MODE = "map"  # straight onto the map: one screen composed at start-up, not a blank one too
    MODES = {
        "map": services.lazy_screen("explainer.tui.screens.map:MapScreen"),
        "lesson": services.lazy_screen("explainer.tui.screens.lesson:LessonScreen"),
        "quiz": services.lazy_screen("explainer.tui.screens.quiz:QuizScreen"),
        "reviewer": services.lazy_screen("explainer.tui.screens.reviewer:ReviewerScreen"),
        "lab": services.lazy_screen("explainer.tui.screens.lab:LabScreen"),
    }

    def __init__(self, config: AppConfig, startup: services.Startup, lab: LabService | None = None) -> None:
        if startup.course is None:
            raise ValueError("ExplainerApp needs a course (factory.make_app shows the problems instead)")
        super().__init__()
        textual_private.replace_worker_manager(self, WatchedWorkers(self, self._worker_failed))
        self._css_store = css_cache.install(self, None if config.memory_only else config.data.css_cache_dir)
        self.title = _(self.TITLE)  # the header, in the learner's language
        self.config = config
        self.course = startup.course
        self.progress: Progress = startup.progress
        self.settings: Settings = startup.settings
        self._startup = startup
        self.lab = lab or services.local_lab(config)  # the voice lab (explainer.voice.lab_service)
        self._saver = services.ProgressSaver(startup.progress_store)
        self._warned: set[str] = set()
        self._default_animation = self.animation_level
        self.progress_changed: Signal[Progress] = Signal(self, "progress-changed")
        self.settings_changed: Signal[Settings] = Signal(self, "settings-changed")
        self.register_theme(HIGH_CONTRAST)

    def on_load(self) -> None:
        self.apply_settings(self.settings, save=False)  # the theme, before the first screen is styled

    def on_mount(self) -> None:
        for notice in self._startup.notices:
            self.notify(notice, title=_("Notice"), severity="warning", timeout=12, markup=False)
        self._check_size(self.size.width, self.size.height)

    def on_ready(self) -> None:
        services.resume_gc()  # if the command line deferred it for the start (services.defer_gc)
        # After the first frame, so start-up does not wait for it (see services.prewarm_screens).
        self.set_timer(0.5, self._prewarm)

    def _prewarm(self) -> None:
        content_dir = Path(self.course.root)
        self.run_worker(lambda: services.prewarm_screens(content_dir=content_dir), thread=True, group="prewarm",
                        exit_on_error=False)
        self._save_parsed_css()

    def _save_parsed_css(self) -> None:
        """Keep what the CSS parser made this run for the next start (see css_cache)."""
        if self._css_store.has_pending:
            self.run_worker(self._css_store.write_pending, thread=True, group="css-cache", exit_on_error=False)

    def on_unmount(self) -> None:
        services.resume_gc()
        self.lab.close()
        self._css_store.write_pending()  # what was parsed since the last write: a few small files

    def on_resize(self, event: Any) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        overlays.fit_to_size(self, width, height)  # help/palette/too-small rules: tui/overlays.py

    # -- progress and settings ------------------------------------------------------------
    def save_progress(self) -> None:
        """Announce a change to the learner's progress and write it in the background."""
        self._saver.stage(self.progress)
        self.progress_changed.publish(self.progress)
        self._write_pending()

    @on(Host.SectionChanged)
    def _section_changed(self, event: Host.SectionChanged) -> None:
        self.progress.section(event.section)[event.key] = event.value
        self.save_progress()

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

    def _worker_failed(self, worker: Any, error: BaseException) -> None:
        """Background work failed: into the error log, and one notice per kind of failure."""
        log_file = self.config.data.error_log
        logged = append_to_log(log_file, worker, error)
        key = f"{worker.name}:{type(error).__name__}"
        if key in self._warned:
            return
        self._warned.add(key)
        where = _("Details are in {path}.").format(path=log_file) if logged else ""
        self.notify(_("Something went wrong in the background ({what}); the course goes on.").format(
            what=describe(worker, error)) + " " + where, severity="error", timeout=15, markup=False)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A browser visitor (explainer serve) leaves by closing the tab. Their progress lives only
        # in this session's memory, so a stray q on the map (q twice from a lesson) must not end it.
        return not (action == "quit" and self.config.served)

    # -- navigation ---------------------------------------------------------------------
    _switching = False  # inside ``_open``'s own switch_mode call (see ``delay_update``)

    def _open(self, mode: str, method: str | None, *args: Any, **kwargs: Any) -> None:
        async def go() -> None:
            # Paints wait until the new mode's screen is mounted and showing what was asked
            # for -- exactly as long as that takes (instead of Textual's fixed 50 ms, below).
            with self.batch_update():
                self._switching = True
                try:
                    mounted = self.switch_mode(mode)
                finally:
                    self._switching = False
                await mounted
                self._check_size(*self.size)  # the new mode's stack has no too-small notice yet
                if method and (call := getattr(self.screen, method, None)):
                    result = call(*args, **kwargs)
                    if inspect.isawaitable(result):
                        await result
            self.screen.refresh()

        self.call_later(go)

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual's switch_mode holds every paint for a fixed 50 ms to hide a half-built frame;
        ``_open`` holds them just until the switch is done, so that wait is skipped there
        (measured: a mode change took ~60 ms of wall time for ~16 ms of CPU)."""
        if not self._switching:
            super().delay_update(delay)

    def open_map(self) -> None:
        self._open("map", None)

    def open_station(self, station_id: str, page_slug: str | None = None, short_tour: bool = False) -> None:
        last = self.progress.last if isinstance(self.progress.last, dict) else {}
        if page_slug or last.get("station") != station_id or bool(last.get("tour")) != short_tour:
            self.progress.last = {"mode": "lesson", "station": station_id, "page": page_slug}
            if short_tour:
                self.progress.last["tour"] = True
        self._open("lesson", "show_station", station_id, page_slug, short_tour=short_tour)

    def open_quiz(self, quiz_id: str) -> None:
        self._open("quiz", "show_quiz", quiz_id)

    def open_reviewer(self) -> None:
        self._open("reviewer", None)

    def open_lab(self) -> None:
        self._open("lab", None)

    def open_step(self, step: Step) -> None:
        """A place on the learner's path (``learning.journey``): a page, a model, a quiz, an ending."""
        if step.kind in ("page", "model"):
            self.open_station(step.station_id, step.page_slug or "model", short_tour=step.tour)
        elif step.kind == "quiz":
            self.open_quiz(step.quiz_id)
        elif step.kind == "tour-end":
            self.open_tour_end()
        else:
            self.open_course_ending()

    def open_course_ending(self) -> None:
        """The course ending: the learner's summary and certificate (a screen over the current one)."""
        from explainer.tui.screens.course_end import CourseEndScreen

        self.push_screen(CourseEndScreen())

    def open_tour_end(self) -> None:
        """The end of the short tour, and the way on to the full journey."""
        from explainer.tui.screens.course_end import TourEndDialog

        self.push_screen(TourEndDialog())

    def open_results(self) -> None:
        from explainer.tui.screens.results import ResultsScreen

        self.push_screen(ResultsScreen())

    def action_open_map(self) -> None:
        self.open_map()

    def action_help(self) -> None:
        from explainer.tui.screens.help import HelpScreen

        overlays.toggle_help(self, HelpScreen, lambda: HelpScreen.for_screen(self.screen, self))

    def action_show_help_panel(self) -> None:
        """The palette's "Keys": the app's own help screen, which lists keys in the learner's language."""
        self.action_help()

    def action_command_palette(self) -> None:
        if overlays.can_open_palette(self):
            super().action_command_palette()

    def open_settings(self) -> None:
        from explainer.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_settings(self) -> None:
        self.open_settings()

