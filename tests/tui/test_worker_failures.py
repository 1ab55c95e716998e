"""Failures inside workers never vanish (issue 15.6): logged with their traceback, shown once.

Before, a worker started with ``exit_on_error=False`` that raised left no trace: a non-number
``lab.traces`` meant the lab's progress never saved, silently.
"""

from __future__ import annotations

import os
import stat

from explainer.tui.worker_watch import WatchedWorkers
from tests.pilot import notices_shown


def _messages(app) -> list[str]:
    return notices_shown(app)


async def test_a_failing_worker_is_logged_and_shown_once(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.workers, WatchedWorkers)

        def count_lab_runs() -> None:  # what the lab did with a damaged counter
            int("many")

        for _ in range(2):
            worker = app.screen.run_worker(count_lab_runs, name="save_lab_progress", thread=True, exit_on_error=False)
            while not worker.is_finished:
                await pilot.pause(0.01)
            await pilot.pause()
            await pilot.pause()
        shown = [m for m in _messages(app) if "save lab progress" in m]
        assert len(shown) == 1 and "ValueError" in shown[0] and "errors.log" in shown[0]
        assert "\n" not in shown[0]
    log = app.config.data.error_log
    text = log.read_text()
    assert text.count("save lab progress: ValueError") == 2 and "Traceback" in text and "count_lab_runs" in text
    if os.name == "posix":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600


async def test_a_cancelled_worker_is_not_a_failure(course_app):
    import asyncio

    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        async def slow() -> None:
            await asyncio.sleep(30)

        worker = app.screen.run_worker(slow, name="slow", exit_on_error=False)
        await pilot.pause()
        worker.cancel()
        await pilot.pause()
        await pilot.pause()
        assert not [m for m in _messages(app) if "background" in m]
    assert not app.config.data.error_log.exists()
