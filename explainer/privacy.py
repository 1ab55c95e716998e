"""Only the learner can read what the app keeps about them.

Progress holds quiz answers and typed transcripts; the voice history holds recordings. The
README promises that only the learner sees them, yet files were created with the process
umask (usually 0644 under a 0755 folder): anyone with an account on a shared school machine
could read them. So every folder the app makes for a learner is 0700 and every file 0600:
writers create them so (``storage.write_bytes_atomic``, ``paths.write_cache_file``,
``private_folder``/``private_file`` here), and ``make_private`` checks the data and cache
folders at every start and repairs what an older version (or a copy, or an unzip) left open.

POSIX permission bits only: on Windows the per-user profile folders already keep other users
out, so nothing is changed there. Links are never followed (a planted symlink cannot make us
chmod someone else's file), and only what this user owns is touched.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from explainer.paths import DataPaths, cache_is_ours, make_folders_private, owned_paths

FOLDER_MODE = 0o700
FILE_MODE = 0o600
MAX_ENTRIES = 20_000  # a runaway cache folder must not make start-up walk forever

POSIX = os.name == "posix"


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) with the last part readable by this user only."""
    make_folders_private(path)
    _narrow(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it is not there (before SQLite opens it, say)."""
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        os.close(fd)


def _narrow(path: Path, mode: int) -> bool:
    """Take group/other bits off one path we own; True when something changed."""
    if not POSIX:
        return False
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid() or not info.st_mode & 0o077:
            return False
        os.chmod(path, stat.S_IMODE(info.st_mode) & mode, follow_symlinks=False)
    except (OSError, NotImplementedError):  # not ours to change, or a filesystem without modes
        return False
    return True


def make_private(paths: DataPaths) -> int:
    """Repair the modes of everything the app keeps for the learner (folders 0700, files 0600);
    returns how many were open to others. Only the app's own paths (``paths.owned_paths``):
    a file a user put in the same folder is not touched, nor is a cache folder they chose to share."""
    if not POSIX:
        return 0
    repaired = int(paths.data_dir.is_dir() and _narrow(paths.data_dir, FOLDER_MODE))
    if cache_is_ours(paths) and paths.cache_dir.is_dir():
        repaired += _narrow(paths.cache_dir, FOLDER_MODE)
    seen = 0
    for path in owned_paths(paths):
        if path.is_symlink():
            continue
        if not path.is_dir():
            repaired += _narrow(path, FILE_MODE)
            continue
        repaired += _narrow(path, FOLDER_MODE)
        stack = [path]
        while stack and seen < MAX_ENTRIES:
            try:
                entries = list(os.scandir(stack.pop()))
            except OSError:
                continue
            for entry in entries:
                seen += 1
                try:
                    if entry.is_symlink():
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        repaired += _narrow(Path(entry.path), FOLDER_MODE)
                        stack.append(Path(entry.path))
                    elif entry.stat(follow_symlinks=False).st_mode & 0o077:
                        repaired += _narrow(Path(entry.path), FILE_MODE)
                except OSError:
                    continue
    return repaired


def notice(repaired: int) -> str | None:
    """One line for the learner when start-up had to close files others could read."""
    if not repaired:
        return None
    return (f"{repaired} of your files or folders could be read by other users of this computer; "
            "they are now private to you.")
