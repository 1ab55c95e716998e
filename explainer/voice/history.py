"""Voice history: every lab "upload" kept in a SQLite file in the learner's data folder.

Real assistants keep recordings with the transcript, what was understood, the time and
device details, and let the user review and delete them.  The lab does the same on the
learner's own disk — and deleting here really deletes the rows (and VACUUMs the file),
so the browser is an honest demonstration.  A corrupt database is moved aside (never
silently overwritten) and a locked one is left alone; either way ``notice`` tells the
learner what happened and the lab keeps working.  Rows with ``example`` set are made-up
uploads (see ``history_examples``), never the learner's own: readers say so.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at REAL NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    wake_word TEXT NOT NULL DEFAULT '',
    transcript TEXT NOT NULL DEFAULT '',
    intent TEXT,
    slots TEXT NOT NULL DEFAULT '{}',
    reply TEXT NOT NULL DEFAULT '',
    device TEXT NOT NULL DEFAULT '{}',
    selected_for_review INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    audio BLOB,
    said TEXT NOT NULL DEFAULT '',
    example INTEGER NOT NULL DEFAULT 0
);
"""

# Fictional: what a real device sends along with the audio (serial, account, app version...).
DEFAULT_DEVICE = {
    "device": "Lab Speaker (fictional)",
    "serial": "G0LAB-0000-DEMO",
    "account": "learner@example.invalid",
    "app_version": "lab-1.0",
    "location": "this computer",
}


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    created_at: float
    source: str
    wake_word: str
    transcript: str
    intent: str | None
    slots: dict = field(default_factory=dict)
    reply: str = ""
    device: dict = field(default_factory=dict)
    selected_for_review: bool = False
    seconds: float = 0.0
    audio: bytes | None = None
    said: str = ""  # what the learner typed (the reference a human reviewer would aim for)
    example: bool = False  # a made-up upload added to try the browser, not one the learner made


class HistoryError(Exception):
    """The history could not be written even after reopening it; ``str()`` is for the learner."""


class VoiceHistory:
    """The history file.  Thread-safe (one connection, one lock); ``notice`` is set when it had to recover."""

    def __init__(self, path: Path | str | None, *, timeout: float = 2.0) -> None:
        self.path = Path(path) if path is not None else None
        self.notice: str | None = None
        self.persistent = True
        self._lock = threading.Lock()
        self._timeout = timeout
        self._conn = self._open(timeout)

    def _connect(self, target: str, timeout: float) -> sqlite3.Connection:
        conn = sqlite3.connect(target, timeout=timeout, check_same_thread=False)
        conn.executescript(_SCHEMA)
        columns = {row[1] for row in conn.execute("PRAGMA table_info(uploads)")}
        if "said" not in columns:  # files from before the column: what was typed is unknown there
            conn.execute("ALTER TABLE uploads ADD COLUMN said TEXT NOT NULL DEFAULT ''")
        if "example" not in columns:  # files from before examples existed: every row there is real
            conn.execute("ALTER TABLE uploads ADD COLUMN example INTEGER NOT NULL DEFAULT 0")
        ok = conn.execute("PRAGMA quick_check").fetchone()
        if not ok or ok[0] != "ok":
            conn.close()
            raise sqlite3.DatabaseError("integrity check failed")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.commit()
        return conn

    def _memory(self, why: str) -> sqlite3.Connection:
        self.persistent = False
        self.notice = why
        return self._connect(":memory:", 1.0)

    def _open(self, timeout: float) -> sqlite3.Connection:
        if self.path is None:
            self.persistent = False
            return self._connect(":memory:", timeout)
        try:
            from explainer.privacy import private_file, private_folder

            private_folder(self.path.parent)
            private_file(self.path)  # 0600 before SQLite opens it (its -wal/-journal files copy the mode)
        except OSError as exc:
            return self._memory(f"Voice history is kept in memory only: cannot create {self.path.parent} ({exc.strerror}).")
        try:
            return self._connect(str(self.path), timeout)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return self._memory(
                    f"Voice history file {self.path} is in use by another program; this session's history is kept in memory only."
                )
            if "readonly" in str(exc) or "unable to open" in str(exc):
                return self._memory(f"Voice history is kept in memory only: cannot write {self.path} ({exc}).")
            return self._set_aside(timeout, exc)
        except sqlite3.DatabaseError as exc:
            return self._set_aside(timeout, exc)

    def _set_aside(self, timeout: float, exc: Exception) -> sqlite3.Connection:
        assert self.path is not None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            self.path.rename(aside)
        except OSError as move_error:
            return self._memory(f"Voice history {self.path} is damaged ({exc}) and could not be moved aside ({move_error.strerror}); using memory only.")
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        self.notice = f"Voice history was damaged ({exc}); it was moved to {aside.name} and a new, empty history started."
        return self._connect(str(self.path), timeout)

    def _still_there(self) -> None:
        """Reopen when the file was deleted or moved while the lab ran (``forget``, a file manager):
        SQLite would otherwise keep writing to the vanished file, then fail with "attempt to write
        a readonly database".  The learner is told, in words, that a new, empty history started."""
        if not self.persistent or self.path is None or self.path.exists():
            return
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        self._conn = self._open(self._timeout)
        if self.persistent:
            self.notice = (f"The voice history file {self.path.name} was deleted while the lab was open; "
                           "a new, empty one was started.")

    def _write(self, sql: str, args: tuple = ()) -> sqlite3.Cursor:
        """One write, retried once on a freshly opened file if the old one went read-only or away."""
        self._still_there()
        try:
            cur = self._conn.execute(sql, args)
            self._conn.commit()
            return cur
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc) and "disk I/O" not in str(exc) and "no such table" not in str(exc):
                raise HistoryError(f"The voice history could not be saved ({exc}).") from exc
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = self._open(self._timeout)
            try:
                cur = self._conn.execute(sql, args)
                self._conn.commit()
            except sqlite3.Error as again:
                raise HistoryError(f"The voice history file {self.path} cannot be written ({again}); "
                                   "check that the folder still exists and is yours.") from again
            self.notice = self.notice or "The voice history file had gone; a new one was started."
            return cur

    # ------------------------------------------------------------------ writing
    def add(self, *, audio: bytes | None, transcript: str, intent: str | None = None, slots: dict | None = None,
            reply: str = "", source: str = "", wake_word: str = "", seconds: float = 0.0,
            device: dict | None = None, selected_for_review: bool = False, created_at: float | None = None,
            said: str = "", example: bool = False) -> int:
        row = (created_at if created_at is not None else time.time(), source, wake_word, transcript, intent,
               json.dumps(slots or {}, default=str), reply, json.dumps(device or DEFAULT_DEVICE),
               int(selected_for_review), seconds, audio, said, int(example))
        with self._lock:
            cur = self._write(
                "INSERT INTO uploads (created_at, source, wake_word, transcript, intent, slots, reply, device,"
                " selected_for_review, seconds, audio, said, example) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
            assert cur.lastrowid is not None  # an INSERT always sets it
            return cur.lastrowid

    def mark_selected(self, entry_id: int, selected: bool = True) -> None:
        with self._lock:
            self._write("UPDATE uploads SET selected_for_review = ? WHERE id = ?", (int(selected), entry_id))

    def delete(self, entry_id: int) -> bool:
        with self._lock:
            cur = self._write("DELETE FROM uploads WHERE id = ?", (entry_id,))
            self._vacuum()
            return cur.rowcount > 0

    def delete_all(self) -> int:
        with self._lock:
            cur = self._write("DELETE FROM uploads")
            self._vacuum()
            return cur.rowcount

    def auto_delete(self, days: float, now: float | None = None) -> int:
        """Delete uploads older than ``days`` days; returns how many went."""
        cutoff = (now if now is not None else time.time()) - days * 86400
        with self._lock:
            cur = self._write("DELETE FROM uploads WHERE created_at < ?", (cutoff,))
            if cur.rowcount:
                self._vacuum()
            return cur.rowcount

    def _vacuum(self) -> None:
        # Deleted audio would otherwise linger in free pages of the file.
        try:
            self._conn.execute("VACUUM")
        except sqlite3.OperationalError:
            pass

    # ------------------------------------------------------------------ reading
    _COLUMNS = "id, created_at, source, wake_word, transcript, intent, slots, reply, device, selected_for_review, seconds, said, example"

    @staticmethod
    def _entry(row: tuple, audio: bytes | None = None) -> HistoryEntry:
        return HistoryEntry(id=row[0], created_at=row[1], source=row[2], wake_word=row[3], transcript=row[4],
                            intent=row[5], slots=json.loads(row[6] or "{}"), reply=row[7],
                            device=json.loads(row[8] or "{}"), selected_for_review=bool(row[9]),
                            seconds=row[10], said=row[11] or "", example=bool(row[12]), audio=audio)

    def list(self, limit: int | None = None) -> list[HistoryEntry]:
        """Newest first, without the audio (use ``get`` for that)."""
        sql = f"SELECT {self._COLUMNS} FROM uploads ORDER BY created_at DESC, id DESC"
        with self._lock:
            self._still_there()
            rows = self._conn.execute(sql + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
        return [self._entry(row) for row in rows]

    def get(self, entry_id: int) -> HistoryEntry | None:
        with self._lock:
            row = self._conn.execute(f"SELECT {self._COLUMNS}, audio FROM uploads WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else self._entry(row[:-1], row[-1])

    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM uploads").fetchone()[0])

    def export_audio(self, entry_id: int, out_path: Path) -> Path | None:
        """Write one upload's audio to ``out_path`` (in the learner's own cache folder: private, atomic)."""
        from explainer.voice.labcache import write_atomic

        entry = self.get(entry_id)
        if entry is None or not entry.audio:
            return None
        return write_atomic(Path(out_path), entry.audio)

    def audio_samples(self, entry_id: int) -> tuple[Any, int] | None:  # (samples, rate)
        """An upload's audio, decoded in memory (played from there: no copy in a temp folder)."""
        import io

        from explainer.voice.audio import read_wav

        entry = self.get(entry_id)
        if entry is None or not entry.audio:
            return None
        return read_wav(io.BytesIO(entry.audio))

    def close(self) -> None:
        with self._lock:
            self._conn.close()
