"""Kiosk scratch folders left behind by a session that was killed (kill -9, a power cut).

A memory-only session keeps everything in one private temp folder (``kiosk.Scratch``) and
removes it at exit -- but ``atexit`` never runs after kill -9, so visitors' lab recordings and
answers stayed in the temp folder. Each scratch folder therefore records its owner (pid and
the process's start time), and the next session removes the ones whose owner is gone.

Safely: only folders named like ours, directly in the temp folder, not links, owned by this
user, holding our owner file -- and only when that process is dead (a pid reused by another
process does not count as alive: its start time differs). Anything else is left alone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

PREFIX = "explainer-kiosk-"
OWNER_FILE = ".owner"


def _started(pid: int) -> str:
    """When process ``pid`` started (Linux: clock ticks since boot); '' where it cannot be told."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return fields[19]
    except (OSError, IndexError):
        return ""


def mark_owner(folder: Path) -> None:
    """Record this process as the folder's owner."""
    pid = os.getpid()
    with contextlib.suppress(OSError):
        fd = os.open(folder / OWNER_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(f"{pid} {_started(pid)}\n")


def _alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive, and not ours to judge
    except OSError:
        return True
    now = _started(pid)
    return not (started and now and now != started)


def clean_stale(temp_dir: str | None = None) -> list[Path]:
    """Remove scratch folders of dead sessions of this user; returns what was removed."""
    root = Path(temp_dir or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        candidates = [p for p in root.iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return removed
    for folder in candidates:
        try:
            info = folder.lstat()
            if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                continue
            owner = folder / OWNER_FILE
            if owner.is_symlink():
                continue
            pid_text, _, started = owner.read_text().strip().partition(" ")
            pid = int(pid_text)
        except (OSError, ValueError):
            continue  # not one of ours (or not readable): left alone
        if pid != os.getpid() and not _alive(pid, started):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
