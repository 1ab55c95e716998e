"""Kiosk scratch folders do not outlive a kill -9 (issue 15.5): the next session removes them,
but only its own kind, of this user, whose owner process is dead."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from explainer.classroom import stale_scratch
from explainer.classroom.kiosk import Scratch

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 and /proc")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_killed_session_folder_is_removed_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    code = ("import time; from explainer.classroom.kiosk import Scratch; s = Scratch(); "
            "(s.paths.data_dir).mkdir(parents=True); (s.paths.data_dir / 'progress.json').write_text('{}'); "
            "print(s.root, flush=True); time.sleep(60)")
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    left = Path(child.stdout.readline().strip())
    assert left.is_dir() and left.parent == tmp_path
    alive = Scratch()  # the child is still running: its folder stays
    assert left.is_dir()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert left.is_dir()  # kill -9: no atexit ran
    second = Scratch()
    assert not left.exists()
    assert alive.root.is_dir() and second.root.is_dir()  # live sessions (this process) are kept
    alive.remove()
    second.remove()


def test_only_ours_and_only_dead_owners(tmp_path: Path) -> None:
    def folder(name: str, owner: str | None) -> Path:
        path = tmp_path / name
        path.mkdir()
        (path / "data").mkdir()
        if owner is not None:
            (path / stale_scratch.OWNER_FILE).write_text(owner)
        return path

    dead = folder("explainer-kiosk-dead", f"{_dead_pid()} 1")
    live = folder("explainer-kiosk-live", f"{os.getppid()} {stale_scratch._started(os.getppid())}")
    reused = folder("explainer-kiosk-reused", f"{os.getppid()} 1")  # the pid now names another process
    unmarked = folder("explainer-kiosk-unmarked", None)
    garbage = folder("explainer-kiosk-garbage", "not a pid")
    other = folder("someone-elses", f"{_dead_pid()} 1")
    target = tmp_path / "precious"
    target.mkdir()
    (tmp_path / "explainer-kiosk-link").symlink_to(target)

    removed = stale_scratch.clean_stale(str(tmp_path))
    assert set(removed) == {dead, reused}
    assert live.is_dir() and unmarked.is_dir() and garbage.is_dir() and other.is_dir() and target.is_dir()
