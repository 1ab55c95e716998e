"""Everything the app loads before its first screen (course, progress, settings), and the
background saver and lazy screen loading it uses afterwards.

Kept out of ``app.py`` so the App stays a thin shell and so each failure has one place where
it becomes a readable message: broken content becomes a list of ``path:line`` problems (shown
on a screen, never a traceback); a corrupt progress file becomes a one-line notice. A kiosk
keeps progress and settings in memory only, so nothing a visitor does is written to disk.
"""

from __future__ import annotations

import copy
import gc
import importlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explainer import privacy
from explainer.learning.old_tour import adopt_old_tour
from explainer.learning.progress import Progress
from explainer.learning.progress_store import ProgressStore, SaveResult
from explainer.learning.settings import Settings, SettingsStore
from explainer.tui.textual_private import mark_css_current

if TYPE_CHECKING:
    from textual.screen import Screen

    from explainer.course.model import Course
    from explainer.tui.config import AppConfig
    from explainer.voice.lab_service import LocalLab


@dataclass
class Startup:
    """What the app starts with. ``course`` is None when the content could not be loaded."""

    course: Course | None
    problems: list[str]
    progress_store: ProgressStore
    progress: Progress
    settings_store: SettingsStore
    settings: Settings
    notices: list[str] = field(default_factory=list)


STARTUP_GC_THRESHOLD = 50_000  # allocations between young-generation collections until the first frame
_gc_before: tuple[int, int, int] | None = None


def defer_gc() -> None:
    """Collect garbage less often until the app's first frame (``resume_gc``).

    Start-up only makes objects that live as long as the app (screens, widgets, styles), so
    collecting before the first frame is wasted work (~28 M instructions, 2 % of start-up,
    measured with callgrind). Only the command line asks, for a process that is about to run the
    app: building an app (tests, the factory) never changes the process's GC settings.
    """
    global _gc_before
    if _gc_before is None:
        _gc_before = gc.get_threshold()
        gc.set_threshold(STARTUP_GC_THRESHOLD, *_gc_before[1:])


def resume_gc() -> None:
    """Back to the process's own thresholds (the app calls it at its first frame and at exit)."""
    global _gc_before
    if _gc_before is not None:
        gc.set_threshold(*_gc_before)
        _gc_before = None


def load_course_or_problems(config: AppConfig) -> tuple[Course | None, list[str]]:
    """The course, or the reasons it cannot be used as ``path:line: message`` lines."""
    try:
        from explainer.course.cache import load_course_cached
        from explainer.course.problems import ContentError
    except ImportError as error:  # a broken install, not broken content
        return None, [f"{config.content_dir}:1: the course loader is missing ({error})"]
    try:
        # A stored copy of the validated course when nothing changed (~50 ms less per start).
        cache = None if config.memory_only else config.data.cache_dir
        return load_course_cached(config.content_dir, config.lang, cache), []
    except ContentError as error:
        return None, [str(problem) for problem in error.problems] or [str(error)]
    except OSError as error:
        return None, [f"{config.content_dir}:1: cannot read the content folder ({error.strerror or error})"]


def local_lab(config: AppConfig) -> LocalLab:
    """The real voice lab on the app's content and data folders (nothing heavy is loaded yet)."""
    from explainer.voice.lab_service import LocalLab

    return LocalLab(config.content_dir, config.data)


def start(config: AppConfig, course: Course | None = None) -> Startup:
    """Load what the app starts with; a given ``course`` (tests) is used instead of loading one."""
    course, problems = (course, []) if course is not None else load_course_or_problems(config)
    memory_only = config.memory_only
    repaired = 0 if memory_only else privacy.make_private(config.data)
    progress_store = ProgressStore(None if memory_only else config.data.progress_file)
    settings_store = SettingsStore(None if memory_only else config.data.settings_file)
    loaded = progress_store.load()
    tour_notice = None
    if course is not None and adopt_old_tour(course, loaded.progress):  # once: a tour of an older version
        tour_notice = progress_store.save(loaded.progress, replace=True).notice  # merging would undo the move
    if config.student:  # remembered, so a later `explainer results export` is labelled too
        loaded.progress.remember_learner(config.student)
    settings_loaded = settings_store.load()
    notices = [notice for notice in (privacy.notice(repaired), loaded.notice, tour_notice, settings_loaded.notice,
                                     terminal_charset_notice()) if notice]
    return Startup(
        course=course,
        problems=problems,
        progress_store=progress_store,
        progress=loaded.progress,
        settings_store=settings_store,
        settings=settings_loaded.settings,
        notices=notices,
    )


SYMBOLS = "▶→↓○◐●╭─"  # what the map and Textual's frames draw with


def terminal_charset_notice(stream: object = None) -> str:
    """A notice when the terminal's character set cannot show the app's symbols, else "".

    On a machine whose locale is not UTF-8 (an old school image, ``LANG=en_US.ISO-8859-1``),
    the app still works, but arrows and frames show as codes like ``\\u2192``; say why and how
    to fix it, once, instead of leaving a learner to guess.
    """
    stream = stream if stream is not None else sys.__stdout__
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        SYMBOLS.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        from explainer.i18n import _

        return _(
            "This terminal's character set ({encoding}) has no arrows or frames, so some show as "
            "codes like \\u2192. Start the app with a UTF-8 locale, for example "
            "LANG=C.UTF-8 explainer, or read a station as plain text with: explainer read"
        ).format(encoding=encoding)
    return ""


class ProgressSaver:
    """Saves the newest snapshot of progress, one save at a time, from any thread.

    The UI thread stages a deep copy (so a save never reads a set that is being changed), and
    whichever worker runs next writes the newest staged copy; an older copy is never written
    after a newer one.
    """

    def __init__(self, store: ProgressStore) -> None:
        self.store = store
        self._pending: Progress | None = None
        self._replace = False
        self._lock = threading.Lock()

    def stage(self, progress: Progress, replace: bool = False) -> None:
        """Queue a copy of ``progress``; ``replace`` overwrites the file instead of merging (reset)."""
        self._pending = copy.deepcopy(progress)
        self._replace = self._replace or replace

    def flush(self) -> SaveResult | None:
        with self._lock:
            snapshot, self._pending = self._pending, None
            replace, self._replace = self._replace, False
            return None if snapshot is None else self.store.save(snapshot, replace=replace)


# Mode screens worth importing ahead of the first visit (see ``prewarm_screens``). Not the lab:
# its speech recogniser is big, and only learners who open the lab should pay for it.
PREWARM_MODULES = (
    "explainer.tui.screens.lesson",
    "explainer.tui.screens.quiz",
    "explainer.tui.screens.reviewer",
)


def prewarm_screens(modules: tuple[str, ...] = PREWARM_MODULES, content_dir: Path | None = None) -> None:
    """Import the mode screens' modules in the background, once the map has been painted.

    Measured with ``explainer bench``: the first key press into the reviewer seat took ~1.5 s,
    nearly all of it importing numpy, jiwer and the Markdown widget; the quiz and lessons paid
    ~100 ms the same way. Imports are thread-safe, and a failure here is only reported when the
    learner really opens that mode.
    """
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the visit itself shows what is wrong
            continue
    if content_dir is not None:
        prewarm_seat(content_dir)


def prewarm_seat(content_dir: Path) -> None:
    """Work out, ahead of the first shift, what the seat checks its stored machine guesses against.

    ``shift_guess.recogniser_fingerprint`` hashes the recogniser's source files and the intents
    (~0.05 s alone, then cached for the process). Measured with ``explainer bench``: left to the
    seat's first clip it took 5-19 s, because its hundreds of small file reads each waited for the
    interpreter lock while the UI thread was busy drawing; the learner watched "Loading" meanwhile.
    """
    try:
        from explainer.learning.shift_guess import recogniser_fingerprint

        recogniser_fingerprint(Path(content_dir) / "intents")
    except Exception:  # noqa: BLE001 - the seat computes it (and reports any failure) when it needs it
        return


def lazy_screen(target: str) -> Callable[[], Screen[Any]]:
    """A mode's screen ("module:Class"), imported only when first opened (keeps start-up fast)."""

    def build() -> Screen[Any]:
        module_name, _colon, class_name = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            from explainer.tui.screens.problems import MissingPartScreen

            return MissingPartScreen(module_name)
        screen: Screen[Any] = getattr(module, class_name)()
        # The stylesheet is current when the screen is made: saying so spares two full re-parses
        # on the mode's first two visits (see textual_private.mark_css_current).
        mark_css_current(screen)
        return screen

    return build
