"""The learner's progress file on disk: loaded and saved without ever raising or losing work.

``explainer.learning.progress`` says what progress *is* (``Progress``, its JSON and how two
copies merge); this module is the file: reading it (a corrupt file, the wrong shape or one
from a newer version is set aside with a copy kept, and the learner starts fresh, told so in
one line), repairing values that do not fit, and saving -- under a lock, merged with what is
on disk, written atomically, slimmed if it grew too large, and a read-only folder or a full
disk answered with ``SaveResult(ok=False, notice=...)`` while the app keeps the progress in
memory.  ``path=None`` keeps everything in memory (a kiosk writes nothing).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explainer.learning import schema, storage
from explainer.learning.progress import FORMAT, VERSION, Progress, WrongShape, progress_from_json
from explainer.learning.progress_schema import PROGRESS
from explainer.privacy import private_folder

log = logging.getLogger("explainer.learning.progress")  # the name its warnings always had


@dataclass(frozen=True)
class LoadResult:
    progress: Progress
    notice: str | None = None  # one line for the learner when the file had to be set aside


@dataclass(frozen=True)
class SaveResult:
    ok: bool
    notice: str | None = None  # why it could not be saved, in one line


class ProgressStore:
    """Reads and writes one learner's progress file. ``path=None`` keeps everything in memory (kiosk)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def load(self) -> LoadResult:
        if self.path is None:
            return LoadResult(Progress())
        try:
            data = storage.read_json(self.path)
            if data is None:
                return LoadResult(Progress())
            problems: list[str] = []
            progress = self._parse(data, problems)
            return LoadResult(progress, self._repaired(problems, progress) if problems else None)
        except _SetAside as aside:
            return LoadResult(Progress(), self._set_aside(aside.label, aside.reason))
        except storage.Unreadable as error:
            return LoadResult(Progress(), self._set_aside("corrupt", error.reason))

    def _repaired(self, problems: list[str], progress: Progress) -> str:
        """One line for values that did not fit; the file as it was is kept beside it and the
        repaired one written at once, so the notice is not repeated at every start."""
        assert self.path is not None
        kept = storage.keep_copy(self.path, "repaired")
        if kept is not None:
            self.save(progress)  # merges with the file (repaired the same way): nothing is lost
        where = f" The file as it was is kept as {kept.name}." if kept else ""
        return (f"Some values in your progress file did not fit and were reset ({schema.describe(problems)}); "
                f"everything else is kept.{where}")

    def _parse(self, data: Any, problems: list[str] | None = None) -> Progress:
        assert self.path is not None
        version = data.get("version") if isinstance(data, dict) else None
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            if isinstance(data, dict) and data.get("format") == FORMAT:
                raise _SetAside("from-future", "it was written by a newer version")
        try:
            return progress_from_json(data, problems)
        except WrongShape as error:
            raise _SetAside("corrupt", str(error)) from None

    def _set_aside(self, label: str, reason: str) -> str:
        """Keep a copy of an unusable file; the file itself stays until a save replaces it."""
        assert self.path is not None
        kept = storage.keep_copy(self.path, label)
        where = kept.name if kept else "(no copy could be made)"
        return f"Your progress file could not be used ({reason}); it was kept as {where} and you start fresh."

    def save(self, progress: Progress, *, replace: bool = False) -> SaveResult:
        """Merge with what is on disk (unless ``replace``), write atomically, and update ``progress``."""
        if self.path is None:
            return SaveResult(True)
        folder = self.path.parent
        try:
            private_folder(folder)
            with storage.locked(self.path):
                storage.remove_stale_temps(self.path)
                merged = progress if replace else progress.merged_with(self._on_disk())
                data = _bounded(merged.to_json())
                try:
                    storage.write_json_atomic(self.path, data)
                except storage.TooLarge:  # only a file grown far past any real course does this
                    storage.write_json_atomic(self.path, _slimmed(data))
        except OSError as error:
            reason = storage.describe_os_error(error, folder)
            return SaveResult(False, f"Progress cannot be saved: {reason}. It is kept until you quit.")
        except storage.TooLarge as error:
            return SaveResult(False, f"Progress cannot be saved: {error}. Your last saved progress is kept.")
        except (TypeError, ValueError, RecursionError) as error:  # a feature stored something odd
            return SaveResult(False, f"Progress cannot be saved: it holds data JSON cannot store ({error}).")
        progress.pages_read, progress.models_tried = merged.pages_read, merged.models_tried
        progress.models_seen, progress.tour_seen = merged.models_seen, merged.tour_seen
        progress.answers, progress.sections = merged.answers, merged.sections
        progress.attempts = merged.attempts
        return SaveResult(True)

    def _on_disk(self) -> Progress:
        """The file's current contents for merging; an unusable file is set aside and ignored."""
        assert self.path is not None
        try:
            data = storage.read_json(self.path)
            return Progress() if data is None else self._parse(data)
        except (_SetAside, storage.Unreadable):
            # A copy is kept aside, the file itself stays until the new one replaces it:
            # a kill between the two must never leave no progress file at all.
            storage.keep_copy(self.path, "corrupt")
            return Progress()


class _SetAside(Exception):
    def __init__(self, label: str, reason: str) -> None:
        super().__init__(reason)
        self.label, self.reason = label, reason


def _bounded(data: dict[str, Any]) -> dict[str, Any]:
    """What is written goes through the same shapes as what is read (caps included), so the
    app can always read back its own file; anything dropped here is a bug, so it is logged."""
    fitted, problems = schema.conform(PROGRESS, data)
    if problems:
        log.warning("progress: not saved, did not fit its shape: %s", schema.describe(problems, 10))
    return fitted if isinstance(fitted, dict) else data


def _slimmed(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with what can be spared dropped, when it is too large to write: each question keeps
    its first and last try (what the results and class report use), the reviewer its current
    shift and summaries. Logged: reaching this means a cap is too loose."""
    log.warning("progress: over %s bytes, keeping only first and last tries", storage.MAX_BYTES)
    slim = dict(data)
    slim["attempts"] = {qid: ([tries[0], tries[-1]] if len(tries) > 1 else tries)
                        for qid, tries in data.get("attempts", {}).items()}
    sections = dict(data.get("sections", {}))
    reviewer = sections.get("reviewer")
    if isinstance(reviewer, dict) and isinstance(reviewer.get("shifts"), dict):
        current = reviewer.get("current")
        shifts = reviewer["shifts"]
        sections["reviewer"] = {**reviewer, "shifts": {current: shifts[current]} if current in shifts else {}}
    slim["sections"] = sections
    return slim
