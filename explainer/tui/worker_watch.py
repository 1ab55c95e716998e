"""Failures inside workers never vanish: each is logged with its traceback and shown once.

Most of the app's background work runs in workers started with ``exit_on_error=False`` (a
failed save or probe must not close the course). Textual then keeps the exception on the
worker and tells only the widget that started it -- which never asked -- so a failure was
silent: a non-number ``lab.traces`` meant lab progress never saved, and nobody knew.

``WatchedWorkers`` replaces the app's worker manager (through ``textual_private``): every
worker it starts is awaited by a small task, and a failure is handed to ``report``, which
appends the traceback to the learner's error log (``DataPaths.error_log``, in the cache folder,
bounded, 0600, listed by ``explainer where``) and shows one notice per kind of failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.worker import Worker, WorkerCancelled, WorkerFailed
from textual.worker_manager import WorkerManager

from explainer.i18n import _
from explainer.privacy import FILE_MODE, private_folder

log = logging.getLogger(__name__)
MAX_LOG_BYTES = 256 * 1024  # the log keeps its newest half when it grows past this

Report = Callable[[Worker[Any], BaseException], None]


class WatchedWorkers(WorkerManager):
    """A worker manager that awaits every worker and reports the ones that fail."""

    def __init__(self, app: Any, report: Report) -> None:
        super().__init__(app)
        self._report = report
        self._watchers: set[asyncio.Task[None]] = set()

    def add_worker(self, worker: Worker[Any], start: bool = True, exclusive: bool = True) -> None:
        super().add_worker(worker, start=start, exclusive=exclusive)
        if not start:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # started from a thread: nothing here can await it
            return
        task = loop.create_task(self._watch(worker))
        self._watchers.add(task)
        task.add_done_callback(self._watchers.discard)

    async def _watch(self, worker: Worker[Any]) -> None:
        try:
            await worker.wait()
        except WorkerFailed as failed:
            self._report(worker, failed.error)
        except (WorkerCancelled, asyncio.CancelledError):
            pass
        except Exception as error:  # noqa: BLE001 - watching must never become a failure itself
            log.debug("worker watch: %s", error)


def describe(worker: Worker[Any], error: BaseException) -> str:
    """'save progress: ValueError: ...' -- which work failed and how, in one line."""
    what = (worker.name or worker.group or "background work").replace("_", " ").strip()
    return f"{what}: {type(error).__name__}: {error}"[:300]


def append_to_log(path: Path, worker: Worker[Any], error: BaseException) -> bool:
    """Append the failure with its traceback to ``path``; False when it could not be written."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return append_note(path, describe(worker, error), text)


def append_note(path: Path, what: str, detail: str) -> bool:
    """Append one entry, ``what`` on its heading line and ``detail`` below it (a device's own
    error, say, that the learner's screen puts in plain words); False when it could not be written."""
    entry = f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {what}\n{detail.rstrip()}\n\n"
    try:
        private_folder(path.parent)
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_size > MAX_LOG_BYTES:
                kept = path.read_bytes()[-MAX_LOG_BYTES // 2:]
                path.write_bytes(kept[kept.find(b"\n--- ") + 1:] if b"\n--- " in kept else b"")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write(entry)
    except OSError:
        return False
    return True


def log_detail(node: Any, what: str, words: str, detail: str) -> str:
    """``words`` for the learner, plus where the detail went when there is one: ``detail`` (a
    device's own error, say) is appended to the error log on a thread of ``node`` (a screen)."""
    if not detail:
        return words
    log = node.app.config.data.error_log
    node.run_worker(lambda: append_note(log, what, detail), thread=True, group="log-detail", exit_on_error=False)
    return words + " " + _("Details are in {path}.").format(path=log)
