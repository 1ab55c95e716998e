"""What a screen or widget may ask of the app: the one typed door between them.

A screen or widget that needs the app declares ``app = getters.app(Host)`` and then uses only
what is listed here (plus Textual's own ``App`` methods: ``push_screen``, ``notify``,
``call_from_thread``...):

- read: ``course``, ``progress``, ``settings``, ``config`` (start-up choices, data folders);
- ask: ``lab``, the voice lab's service (``explainer.voice.lab_service.LabService``): its lists
  (wake words, rooms, stages), traces, N-best, the voice history, the microphone;
- announce: ``save_progress()`` after changing ``progress``; ``apply_settings()``;
- listen: ``progress_changed`` and ``settings_changed`` (Textual signals);
- tell: a widget that keeps a value of its own in progress (the checklist's ticks, the lab
  history's auto-delete) posts ``Host.SectionChanged``; the app records it and saves;
- go: ``open_map()``, ``open_station()``, ``open_quiz()``, ``open_reviewer()``, ``open_lab()``,
  ``open_results()``, ``open_settings()``; and along the learner's path (``learning.journey``):
  ``open_step()``, ``open_course_ending()``, ``open_tour_end()``.

``ExplainerApp`` (``app.py``) is the one implementation, and tests build it with
``factory.make_app(config, course=...)`` over a test course, so nothing here is optional and no
screen needs ``getattr(self.app, ..., None)`` or a stand-in app.

Why a base class and not a ``Protocol``: screens need the App's own methods as well, and
Textual's ``getters.app`` checks ``isinstance``; a Protocol cannot be mixed into an App (the
metaclasses differ). This module imports no screen, so screens can import it while ``app.py``
imports the screens: the dependency points one way (app -> screens -> host).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.message import Message

if TYPE_CHECKING:
    from textual.signal import Signal

    from explainer.course.model import Course
    from explainer.learning.journey import Step
    from explainer.learning.progress import Progress
    from explainer.learning.settings import Settings
    from explainer.tui.config import AppConfig
    from explainer.voice.lab_service import LabService


class Host(App[None]):
    """The app as its screens and widgets see it (implemented by ``ExplainerApp``)."""

    class SectionChanged(Message):
        """A widget changed a value in its own section of progress; the app records and saves it.

        Widgets only read progress: writing (and saving) is the app's, so a widget can never
        leave progress changed but unsaved, and no widget needs to know how saving works.
        """

        def __init__(self, section: str, key: str, value: Any) -> None:
            super().__init__()
            self.section, self.key, self.value = section, key, value

    config: AppConfig
    """How the app was started: data folders, seed, language, kiosk, sound on or off."""
    course: Course
    """The loaded course. Always there: broken content starts a different app (see factory)."""
    progress: Progress
    """The learner's record. Change it, then call ``save_progress()``."""
    settings: Settings
    """Display and sound preferences. Change them through ``apply_settings()``."""
    lab: LabService
    """The voice lab: every screen that shows or runs the lab asks this (tests pass a fake)."""
    progress_changed: Signal[Progress]
    """Published after every ``save_progress()`` (the map redraws on it)."""
    settings_changed: Signal[Settings]
    """Published after every ``apply_settings()``."""

    # -- saving -------------------------------------------------------------------------
    def save_progress(self) -> None:
        """Announce a change to ``progress`` and write it in the background."""
        raise NotImplementedError

    def apply_settings(self, settings: Settings, save: bool = True) -> None:
        """Use new settings at once (theme, motion) and, with ``save``, remember them."""
        raise NotImplementedError

    # -- going places -------------------------------------------------------------------
    def open_map(self) -> None:
        """The journey map."""
        raise NotImplementedError

    def open_station(self, station_id: str, page_slug: str | None = None, short_tour: bool = False) -> None:
        """A station's lesson, at ``page_slug`` (or where the learner left it)."""
        raise NotImplementedError

    def open_quiz(self, quiz_id: str) -> None:
        """A station's quiz by station id, or "pre", "final", "post"."""
        raise NotImplementedError

    def open_reviewer(self) -> None:
        """The reviewer seat."""
        raise NotImplementedError

    def open_lab(self) -> None:
        """The voice lab."""
        raise NotImplementedError

    def open_step(self, step: Step) -> None:
        """A place on the learner's path (``learning.journey``): a page, a model, a quiz, an ending."""
        raise NotImplementedError

    def open_course_ending(self) -> None:
        """The course ending: the learner's summary and certificate."""
        raise NotImplementedError

    def open_tour_end(self) -> None:
        """The end of the short tour, and the way on to the full journey."""
        raise NotImplementedError

    def open_results(self) -> None:
        """The learner's results so far (a screen over the current one)."""
        raise NotImplementedError

    def open_settings(self) -> None:
        """The settings dialog."""
        raise NotImplementedError
