"""Everything the app loads before its first screen: the course, the learner's progress, settings.

Kept out of ``app.py`` so the App stays a thin shell and so each failure has one place where
it becomes a readable message: broken content becomes a list of ``path:line`` problems (shown
on a screen, never a traceback); a corrupt progress file becomes a one-line notice. A kiosk
keeps progress and settings in memory only, so nothing a visitor does is written to disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explainer.learning.progress import Progress, ProgressStore
from explainer.learning.settings import Settings, SettingsStore

if TYPE_CHECKING:
    from explainer.course.model import Course
    from explainer.tui.config import AppConfig


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


def load_course_or_problems(config: AppConfig) -> tuple[Course | None, list[str]]:
    """The course, or the reasons it cannot be used as ``path:line: message`` lines."""
    try:
        from explainer.course.load import load_course
        from explainer.course.problems import ContentError
    except ImportError as error:  # a broken install, not broken content
        return None, [f"{config.content_dir}:1: the course loader is missing ({error})"]
    try:
        return load_course(config.content_dir), []
    except ContentError as error:
        return None, [str(problem) for problem in error.problems] or [str(error)]
    except OSError as error:
        return None, [f"{config.content_dir}:1: cannot read the content folder ({error.strerror or error})"]


def start(config: AppConfig) -> Startup:
    course, problems = load_course_or_problems(config)
    memory_only = config.kiosk
    progress_store = ProgressStore(None if memory_only else config.data.progress_file)
    settings_store = SettingsStore(None if memory_only else config.data.settings_file)
    loaded = progress_store.load()
    settings_loaded = settings_store.load()
    notices = [notice for notice in (loaded.notice, settings_loaded.notice) if notice]
    return Startup(
        course=course,
        problems=problems,
        progress_store=progress_store,
        progress=loaded.progress,
        settings_store=settings_store,
        settings=settings_loaded.settings,
        notices=notices,
    )
