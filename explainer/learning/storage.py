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

from explainer.privacy import FILE_MODE, private_folder

try:  # POSIX advisory locks; on Windows we fall back to no lock (rename is still atomic).
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TMP_MARK = ".tmp-"
MAX_BYTES = 16 * 1024 * 1024  # the largest learner file read back; nothing larger is ever written


class TooLarge(ValueError):
    """What would be written is larger than ``MAX_BYTES``, so it could not be read back."""


class Unreadable(Exception):
    """The file exists but is not JSON we understand; ``reason`` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_json(path: Path, max_bytes: int = MAX_BYTES) -> Any | None:
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


def write_json_atomic(path: Path, data: Any, max_bytes: int = MAX_BYTES) -> None:
    """Write ``data`` as compact JSON (one line per top-level key, so it still reads in an editor)
    to ``path`` atomically. Raises OSError (see describe_os_error), or TooLarge when the result
    could not be read back by ``read_json`` -- the old file is then left as it is."""
    if isinstance(data, dict):
        lines = [f"{json.dumps(key, ensure_ascii=False)}:{_compact(value)}" for key, value in data.items()]
        text = "{\n" + ",\n".join(lines) + "\n}\n"
    else:
        text = _compact(data) + "\n"
    encoded = text.encode("utf-8")
    if len(encoded) > max_bytes:
        raise TooLarge(f"it would be {len(encoded) // 1_000_000} MB, more than the {max_bytes // 1_000_000} MB limit")
    write_bytes_atomic(path, encoded)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically: a temp file, fsync, then rename. Raises OSError."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """Write ``data`` to ``path`` atomically, readable by this user only. Raises OSError.

    The temp file is created new (never through a link someone planted) and removed if anything
    fails, so a full disk leaves neither a half file nor an empty temp file behind.
    """
    folder = private_folder(path.parent)
    tmp = folder / f"{path.name}{TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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


def keep_copy(path: Path, label: str = "corrupt") -> Path | None:
    """Keep what ``path`` holds as ``<name>.<label>-YYYYmmdd-HHMMSS`` *without* moving it: the file
    stays until a new one safely replaces it, so a kill in between never leaves none. A hard link
    where the disk allows (instant, no space), else a copy; an identical copy already kept is
    reused. Returns the copy's path, or None when none could be made. A folder in the way of
    the file cannot be replaced later, so it is moved aside instead."""
    if path.is_dir():
        return set_aside(path, label)
    for earlier in sorted(path.parent.glob(f"{glob_escape(path.name)}.{label}-*")):
        with contextlib.suppress(OSError):
            if earlier.samefile(path) or (earlier.stat().st_size == path.stat().st_size
                                          and earlier.read_bytes() == path.read_bytes()):
                return earlier
    target = _aside_name(path, label)
    try:
        os.link(path, target, follow_symlinks=False)
    except OSError:
        try:
            write_bytes_atomic(target, path.read_bytes())
        except OSError:
            return None
    return target


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _aside_name(path: Path, label: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
    return target


def set_aside(path: Path, label: str = "corrupt") -> Path | None:
    """Rename ``path`` to ``<name>.<label>-YYYYmmdd-HHMMSS``; returns the new path (None if it failed)."""
    target = _aside_name(path, label)
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
