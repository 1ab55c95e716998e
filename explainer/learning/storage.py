"""Small, durable JSON files for learner data.

A learner must never lose progress to a crash, a power cut or a second copy of the app.
So every write goes to a temporary file in the same folder, is flushed to disk with
``fsync``, and replaces the old file with ``os.replace`` (atomic on POSIX and Windows);
then the folder itself is synced so the rename survives a power cut. Readers therefore
see either the old file or the new one, never half of each.

A file that cannot be understood is never deleted: it is renamed aside with a timestamp
so a teacher can still look at it, and the caller starts fresh. Errors from a read-only
folder or a full disk are turned into one readable sentence instead of an exception.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

try:  # POSIX advisory locks; on Windows we fall back to no lock (rename is still atomic).
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TMP_MARK = ".tmp-"


class Unreadable(Exception):
    """The file exists but is not JSON we understand; ``reason`` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_json(path: Path, max_bytes: int = 16 * 1024 * 1024) -> Any | None:
    """The parsed JSON in ``path``, or None when there is no file. Raises Unreadable otherwise."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except (FileNotFoundError, NotADirectoryError):  # nothing saved yet (or the folder is not there)
        return None
    except IsADirectoryError as error:
        raise Unreadable("it is a folder, not a file") from error
    except OSError as error:
        raise Unreadable(f"it cannot be read ({error.strerror or error})") from error
    if len(raw) > max_bytes:
        raise Unreadable("it is too large")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise Unreadable("it is not valid JSON") from error


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - folders cannot be opened on Windows
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as pretty JSON to ``path`` atomically. Raises OSError (see describe_os_error)."""
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")  # keys in order given


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically: a temp file, fsync, then rename. Raises OSError."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{path.name}{TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


def remove_stale_temps(path: Path) -> None:
    """Delete temp files left by a writer that was killed mid-save (call while holding the lock)."""
    with contextlib.suppress(OSError):
        for stale in path.parent.glob(f"{path.name}{TMP_MARK}*"):
            with contextlib.suppress(OSError):
                stale.unlink()


def set_aside(path: Path, label: str = "corrupt") -> Path | None:
    """Rename ``path`` to ``<name>.<label>-YYYYmmdd-HHMMSS``; returns the new path (None if it failed)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``<path>.lock`` so two copies of the app save one after the other.

    Raises OSError when the lock file cannot be created (read-only folder): the caller reports it.
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def describe_os_error(error: OSError, folder: Path) -> str:
    """One plain sentence for why a file in ``folder`` could not be written."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS) or isinstance(error, PermissionError):
        return f"{folder} is read-only"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk holding {folder} is full"
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"{folder} cannot be a folder (a file is in the way)"
    return f"{folder} could not be written ({error.strerror or error})"
