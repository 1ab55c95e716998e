"""The lab's private cache folder: the recogniser's models, written safely.

The command language model and the wake-word files are built once and kept in the learner's
cache folder (``explainer where`` lists it, ``explainer forget`` removes it) — never in a
fixed, shared folder under the system temp dir, where another user could plant a file or a
symbolic link for the lab to trust or to write through.  So:

* the folder is created 0700 and must be a real folder owned by this user (not a link);
* files are written to a fresh, exclusively created temp file (0600) in that folder and
  moved into place with ``os.replace``, which replaces a planted link instead of following it;
* a file is only read back if it is a regular file owned by this user that nobody else can write.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


class CacheFolderError(OSError):
    """The cache folder cannot be used safely; ``str()`` says why, for the learner."""


def _mine(info: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def ensure_dir(folder: Path) -> Path:
    """Create ``folder`` (0700) or check the existing one is a private folder of this user's."""
    folder = Path(folder)
    folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = folder.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise CacheFolderError(f"{folder} is not a folder (a link or a file is in its place); remove it and try again")
    if not _mine(info):
        raise CacheFolderError(f"{folder} belongs to another user; the lab will not use it")
    if hasattr(os, "getuid") and info.st_mode & 0o077:
        os.chmod(folder, 0o700)  # ours but readable by others (an older version): make it private
    return folder


def readable(path: Path) -> bool:
    """True when ``path`` is a regular file of this user's that nobody else can write (links refused)."""
    try:
        info = Path(path).lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and _mine(info) and not (hasattr(os, "getuid") and info.st_mode & 0o022)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` all at once (temp file + ``os.replace``), never through a link."""
    path = Path(path)
    ensure_dir(path.parent)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".lab-", suffix=".tmp")  # O_EXCL, 0600
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return path


@contextlib.contextmanager
def scratch_file(folder: Path, suffix: str) -> Iterator[Path]:
    """A private temp file in ``folder`` for a tool that wants a path; removed afterwards."""
    ensure_dir(folder)
    handle, name = tempfile.mkstemp(dir=folder, prefix=".lab-", suffix=suffix)
    os.close(handle)
    try:
        yield Path(name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def prune(folder: Path, keep: tuple[str, ...], prefix: str) -> None:
    """Remove older files with ``prefix`` (models of templates that changed since), keep ``keep``."""
    with contextlib.suppress(OSError):
        for child in Path(folder).iterdir():
            if child.name.startswith(prefix) and child.name not in keep and readable(child):
                child.unlink()
