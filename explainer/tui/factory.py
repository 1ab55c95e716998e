"""Build the app: the one place that decides which app a start gets, from a config and a course.

``make_app(config)`` is what the command line, the benchmark and the browser sessions call;
tests call ``make_app(config, course=...)`` to get the REAL app over a small test course (no
argv, no content folder, no stand-in app). Which app:

- the content cannot be loaded: ``ContentProblemsApp``, which lists every ``path:line`` problem;
- a kiosk (``--kiosk``): ``KioskApp``, in a scratch folder removed at the end;
- a browser session (``explainer serve``): ``ExplainerApp`` in a scratch folder;
- otherwise ``ExplainerApp`` over the learner's data folder.

Kept out of ``app.py`` so that the App, the kiosk and the screens never import each other in a
circle: the factory imports them all, nothing imports the factory but the front ends.
"""

from __future__ import annotations

import sys
import weakref
from dataclasses import replace
from typing import TYPE_CHECKING

from explainer.i18n import set_language
from explainer.tui import services
from explainer.tui.app import ExplainerApp
from explainer.tui.config import AppConfig

if TYPE_CHECKING:
    from explainer.classroom.kiosk import Scratch
    from explainer.course.model import Course
    from explainer.tui.problems_app import ContentProblemsApp
    from explainer.voice.lab_service import LabService


def make_app(config: AppConfig, course: Course | None = None,
             lab: LabService | None = None) -> ExplainerApp | ContentProblemsApp:
    """The app for ``config``; ``course`` replaces loading one from ``config.content_dir``;
    ``lab`` replaces the real voice lab (``explainer.voice.lab_service.LocalLab``)."""
    set_language(config.lang)
    scratch = None
    if config.memory_only:  # kiosk / browser: nothing on disk but a scratch folder removed at the end
        config, scratch = _in_scratch(config)
    startup = services.start(config, course)
    if startup.course is None:
        from explainer.tui.problems_app import ContentProblemsApp

        if scratch is not None:
            scratch.remove()
        return ContentProblemsApp(startup.problems, startup.notices, startup.settings)
    if config.kiosk:
        from explainer.tui.kiosk_app import KioskApp

        return KioskApp(config, startup, scratch, lab=lab)
    app = ExplainerApp(config, startup, lab=lab)
    if scratch is not None:
        weakref.finalize(app, scratch.remove)
    return app


def _in_scratch(config: AppConfig) -> tuple[AppConfig, Scratch]:
    """A kiosk or browser session: its files go to a private scratch folder deleted at the end.

    ``config.data`` is pointed into the scratch folder, so clip renders, narration and lab
    history follow it there; progress and settings are never written at all.
    """
    from explainer.classroom.kiosk import Scratch, idle_minutes, valid_host_code

    if config.kiosk and valid_host_code(config.host_code) != (config.host_code or "").strip():
        sys.stderr.write(f"explainer: the host code must be four digits; using {valid_host_code(None)}\n")
    scratch = Scratch()
    scratch.activate()
    config = replace(config, data=scratch.paths, idle_minutes=idle_minutes(config.idle_minutes),
                     host_code=valid_host_code(config.host_code))
    return config, scratch
