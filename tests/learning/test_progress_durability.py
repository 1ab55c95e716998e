"""Progress survives ``kill -9`` in the middle of a save, and two copies saving at once lose nothing.

Real child processes, real files: the guarantees come from fsync + os.replace and the lock,
so only real processes can prove them. Nothing here waits on a clock: the parent counts the
saves the child reports, then kills it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.learning.progress_store import ProgressStore

WRITER = r"""
import sys
from pathlib import Path
from explainer.learning.progress_store import ProgressStore
store = ProgressStore(Path(sys.argv[1]))
prefix, count = sys.argv[2], int(sys.argv[3])
progress = store.load().progress
for i in range(count):
    progress.mark_page_read(f"{prefix}/{i}")
    progress.record_answer(f"{prefix}-q{i}", correct=True)
    progress.section("lab")[f"{prefix}-{i}"] = i
    result = store.save(progress)
    if not result.ok:
        print("FAILED", result.notice, flush=True)
        sys.exit(1)
    print(i, flush=True)
"""

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def _writer(path: Path, prefix: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(count)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_kill_9_during_saves_never_loses_a_completed_step(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    for round_number in range(4):
        child = _writer(path, f"round{round_number}", 10_000)
        completed = -1
        assert child.stdout is not None
        for line in child.stdout:
            completed = int(line)
            if completed >= 25 + round_number * 7:
                break
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        data = json.loads(path.read_text(encoding="utf-8"))  # always whole, valid JSON
        pages = set(data["pages_read"])
        for earlier in range(round_number + 1):
            assert f"round{earlier}/0" in pages
        assert {f"round{round_number}/{i}" for i in range(completed + 1)} <= pages
        loaded = ProgressStore(path).load()
        assert loaded.notice is None
    leftovers = list(tmp_path.glob("progress.json.tmp-*"))
    ProgressStore(path).save(ProgressStore(path).load().progress)
    assert not list(tmp_path.glob("progress.json.tmp-*")), f"stale temp files kept: {leftovers}"


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    children = [_writer(path, name, 40) for name in ("alice", "bob")]
    for child in children:
        out, _err = child.communicate(timeout=300)
        assert child.returncode == 0, out
    progress = ProgressStore(path).load().progress
    for name in ("alice", "bob"):
        assert {f"{name}/{i}" for i in range(40)} <= progress.pages_read
        assert {f"{name}-q{i}" for i in range(40)} <= set(progress.answers)
        assert {f"{name}-{i}" for i in range(40)} <= set(progress.section("lab"))
