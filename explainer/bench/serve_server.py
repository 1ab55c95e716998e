"""The ``explainer serve`` a bench or test runs: a child process on a free loopback port, with its
own temp and data folders, stopped (and its folders removed) whatever happens.

``explainer bench serve`` (``bench.serve``) and the classroom tests both need a real server to
talk to, and both need it to go away: a bench killed half-way must not leave a server running
(the child gets SIGTERM when its parent dies, on Linux), and whatever the visitors leave in the
scratch folder is counted before it is removed.  Started with ``start`` (it waits for the
server's "Ready on" line), read through ``url``, ``in_room`` and ``visitor_folders``, ended
with ``stop`` and ``remove``.  The one socket here only finds a free port.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explainer.bench.serve import Plan

READY_TIMEOUT_S = 120.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ends_with_this_process() -> Callable[[], None] | None:
    """For the server's child: SIGTERM (its clean shutdown) when this process dies, so a bench or
    test that is killed never leaves a server running (Linux; found one orphaned after a run whose
    output pipe closed early). The libc call is looked up here, before the fork."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    return lambda: prctl(1, int(signal.SIGTERM), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG


class ServerUnderTest:
    """``explainer serve`` in a child process with its own temp and data folders."""

    def __init__(self, plan: Plan, extra_args: tuple[str, ...] = ()) -> None:
        self.plan = plan
        self.extra_args = extra_args
        self.home = Path(tempfile.mkdtemp(prefix="explainer-bench-serve-"))
        self.tmp, self.data = self.home / "tmp", self.home / "data"
        self.tmp.mkdir()
        self.data.mkdir()
        self.port = _free_port()
        self.lines: list[str] = []
        self.process: subprocess.Popen | None = None
        self._ready = threading.Event()

    def start(self) -> None:
        env = dict(os.environ, TMPDIR=str(self.tmp), EXPLAINER_DATA_DIR=str(self.data))
        command = [sys.executable, "-m", "explainer", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--max-visitors", str(self.plan.visitors)]
        if self.plan.process_per_visitor:
            command.append("--process-per-visitor")
        command += self.extra_args
        self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True, errors="replace",
                                        preexec_fn=_ends_with_this_process())
        threading.Thread(target=self._read_console, daemon=True).start()
        if not self._ready.wait(READY_TIMEOUT_S) or self.process.poll() is not None:
            raise RuntimeError("the server did not become ready: " + " | ".join(self.lines[-5:]))

    def _read_console(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("Ready on "):
                self._ready.set()
        self._ready.set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def in_room(self) -> int:
        """Visitors in the room according to the server's last console line."""
        for line in reversed(self.lines):
            if line.endswith("in the room)"):
                return int(line.rsplit("(", 1)[1].split()[0])
        return 0

    def visitor_folders(self) -> list[Path]:
        return sorted(self.tmp.glob("explainer-serve-*/visitor-*")) + sorted(self.tmp.glob("explainer-kiosk-*"))

    def stop(self) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def remove(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)
