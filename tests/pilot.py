"""Driving the real app in Pilot tests: open a mode and wait for it, count saves, collect notices.

Every TUI test runs the real ``ExplainerApp`` (built by the ``app`` fixture through
``factory.make_app``, usually over ``tests.builders.make_course()``); these helpers only wait for
what the app does and watch what it says, so a test reads like a learner's steps.
"""

from __future__ import annotations

from typing import Any

from explainer.tui.textual_private import notices_shown as notices_shown
from explainer.tui.textual_private import screen_lines as screen_lines
from explainer.tui.textual_private import screen_text as _screen_text

TRIES = 200  # pauses before giving up on a screen that never opened (about 2-4 s)


async def wait_until(pilot: Any, done: Any, what: str) -> None:
    """Pause until ``done()`` is true; fail with ``what`` if it never becomes true."""
    for _ in range(TRIES):
        await pilot.pause()
        if done():
            return
    raise AssertionError(f"never happened: {what}")


async def open_lesson(pilot: Any, station_id: str, page: str | None = None, short_tour: bool = False) -> Any:
    """``app.open_station(...)`` and wait until the lesson screen shows that station."""
    app = pilot.app
    app.open_station(station_id, page, short_tour=short_tour)

    def shown() -> bool:
        screen = app.screen
        station = getattr(screen, "station", None)
        if app.current_mode != "lesson" or station is None or station.id != station_id:
            return False
        body = ".station-model, .model-missing" if screen.at_model else "#page-view"
        return bool(screen.query(body)) and screen.focused is not None

    await wait_until(pilot, shown, f"lesson {station_id} at {page or 'its first page'}")
    await pilot.pause()
    return app.screen


async def open_quiz(pilot: Any, quiz_id: str) -> Any:
    """``app.open_quiz(quiz_id)`` and wait until its first question (or summary) is shown."""
    app = pilot.app
    app.open_quiz(quiz_id)

    def shown() -> bool:
        session = getattr(app.screen, "session", None)
        return app.current_mode == "quiz" and session is not None and session.quiz_id == quiz_id

    await wait_until(pilot, shown, f"quiz {quiz_id}")
    await pilot.pause()
    return app.screen


async def open_reviewer(pilot: Any) -> Any:
    app = pilot.app
    app.open_reviewer()
    await wait_until(pilot, lambda: app.current_mode == "reviewer", "the reviewer seat")
    await pilot.pause()
    return app.screen


async def settle(pilot: Any, app: Any) -> None:
    """Let queued messages and every worker finish."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


class Saves:
    """Counts ``app.save_progress()`` calls (the real save still happens)."""

    def __init__(self, app: Any) -> None:
        self.count = 0
        save = app.save_progress

        def counted() -> None:
            self.count += 1
            save()

        app.save_progress = counted


def record_notices(app: Any) -> list[str]:
    """Collect the messages the app shows with ``notify()`` (they are still shown)."""
    seen: list[str] = []
    original = app.notify

    def notify(message: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return seen


def screen_text(app: Any) -> str:
    """What the terminal shows right now, as plain text (see ``textual_private.screen_text``)."""
    return _screen_text(app)
