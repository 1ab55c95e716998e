"""The fork server behind ``explainer serve``: one warm process that forks a ready app per visitor.

Why: started the ordinary way, every browser session paid a whole Python, Textual and course
start (~0.85 s of CPU, ~105 MB of its own), so a class of thirty queued for half a minute and
filled two gigabytes. This process pays that once: it imports Textual and the app, loads and
validates the course, runs one app headless up to its painted map (so every lazy cache is
filled), freezes the garbage collector's view of all that, and then waits. For each visitor the
web server sends it the three ends of the session's pipes (file descriptors over a Unix socket,
SCM_RIGHTS); it forks, and the child runs the app on those pipes (``explainer.tui.served``, which
also says what to load first; this module knows nothing of the app). The child
shares every page it does not write with this process and with every other visitor.

What must not be shared is dealt with at the fork: the child gets its own scratch folder, fresh
random seeds, default signal handlers, no copy of the control socket, and an app, event loop,
driver and threads of its own (this process has none running when it forks). Each scratch folder
is removed when its child ends, however it ends (a ``kill -9`` included), and every child and
folder is gone when this process ends; if the web server dies, the kernel tells this process
(``PR_SET_PDEATHSIG``) and it shuts down the same way.

The socket is an AF_UNIX socketpair inherited from the web server: local IPC, never a network
address. Messages are length-prefixed JSON (``encode`` / ``Inbox``).
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import shutil
import signal
import socket
import struct
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# (fds, request, folder, control socket) -> exit code; runs in the forked child
RunChild = Callable[[list[int], dict[str, Any], Path, socket.socket], int]

HEADER = struct.Struct("!I")
SESSION_FDS = 3  # the child's stdin, stdout and stderr
STOP_GRACE_S = 3.0  # how long children get to leave after SIGTERM before SIGKILL


def encode(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return HEADER.pack(len(body)) + body


class Inbox:
    """Reassembles messages from a stream socket, pairing each session request with its fds.

    File descriptors arrive with the bytes they were sent with, in order, so they are queued
    and handed out ``SESSION_FDS`` at a time to the requests that carry them.
    """

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.fds: deque[int] = deque()

    def feed(self, data: bytes, fds: Sequence[int] = ()) -> list[tuple[dict, list[int]]]:
        self.buffer += data
        self.fds.extend(fds)
        messages = []
        while len(self.buffer) >= HEADER.size:
            (size,) = HEADER.unpack_from(self.buffer)
            if len(self.buffer) < HEADER.size + size:
                break
            message = json.loads(self.buffer[HEADER.size:HEADER.size + size])
            del self.buffer[:HEADER.size + size]
            count = SESSION_FDS if message.get("op") == "start" else 0
            taken = [self.fds.popleft() for _ in range(min(count, len(self.fds)))]
            messages.append((message, taken))
        return messages


def set_parent_death_signal(signum: int = signal.SIGTERM) -> None:
    """Ask Linux to send ``signum`` when our parent dies (elsewhere: the socket's EOF still works)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signum), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@dataclass
class Child:
    session: int
    folder: Path
    started: float


class ForkServer:
    """Waits on the control socket; forks a child per ``start`` request; reaps and cleans up."""

    def __init__(self, control: socket.socket, root: Path, run_child: RunChild) -> None:
        self.control = control
        self.root = root
        self.run_child = run_child  # (fds, request, folder, control) -> exit code; runs in the child
        self.children: dict[int, Child] = {}
        self.inbox = Inbox()
        self.stopping = False
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)

    def serve_forever(self) -> None:
        signal.set_wakeup_fd(self._wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # only to wake the selector
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._stop_signal)
        selector = selectors.DefaultSelector()
        selector.register(self.control, selectors.EVENT_READ, "control")
        selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        try:
            while not self.stopping:
                for key, _events in selector.select(timeout=1.0):
                    if key.data == "wake":
                        os.read(self._wake_r, 512)
                    elif not self._read_control():
                        self.stopping = True
                self._reap()
        finally:
            self.shutdown()

    def _stop_signal(self, *_args: object) -> None:
        self.stopping = True

    def _read_control(self) -> bool:
        try:
            data, fds, _flags, _addr = socket.recv_fds(self.control, 65536, 64)
        except InterruptedError:
            return True
        except OSError:
            return False
        if not data:
            return False
        for message, session_fds in self.inbox.feed(data, fds):
            self._handle(message, session_fds)
        return True

    def _handle(self, message: dict, fds: list[int]) -> None:
        op = message.get("op")
        if op == "start":
            self._start(message, fds)
        elif op == "kill":
            for pid, child in self.children.items():
                if child.session == message.get("session"):
                    _signal(pid, signal.SIGKILL)
        elif op == "stop":
            self.stopping = True

    def _send(self, message: dict) -> None:
        try:
            self.control.sendall(encode(message))
        except OSError:
            self.stopping = True

    def _start(self, request: dict, fds: list[int]) -> None:
        session = int(request.get("session", 0))
        folder = self.root / f"visitor-{session}"
        try:
            if len(fds) != SESSION_FDS:
                raise OSError("the request came without its three streams")
            self.root.mkdir(mode=0o700, exist_ok=True)
            folder.mkdir(mode=0o700)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
        except OSError as error:
            for fd in fds:
                os.close(fd)
            shutil.rmtree(folder, ignore_errors=True)
            self._send({"op": "failed", "session": session, "error": error.strerror or str(error)})
            return
        if pid == 0:  # the visitor's process: never returns into this loop
            code = 70
            try:
                signal.set_wakeup_fd(-1)
                os.close(self._wake_r)
                os.close(self._wake_w)
                code = self.run_child(fds, request, folder, self.control)
            except BaseException:  # noqa: BLE001 - report it on the session's stderr, then leave
                import traceback

                traceback.print_exc()
            finally:
                shutil.rmtree(folder, ignore_errors=True)
                os._exit(code if isinstance(code, int) else 0)
        for fd in fds:
            os.close(fd)
        self.children[pid] = Child(session, folder, time.monotonic())
        self._send({"op": "started", "session": session, "pid": pid})

    def _reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.children.clear()
                return
            if pid == 0:
                return
            child = self.children.pop(pid, None)
            if child is None:
                continue
            shutil.rmtree(child.folder, ignore_errors=True)
            self._send({"op": "ended", "session": child.session, "pid": pid,
                        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                        "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None})

    def shutdown(self) -> None:
        """Every child asked to leave, then made to; every folder removed."""
        for pid in list(self.children):
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        while self.children and time.monotonic() < deadline:
            self._reap()
            time.sleep(0.05)
        for pid in list(self.children):
            _signal(pid, signal.SIGKILL)
        while self.children:
            try:
                pid, _status = os.waitpid(-1, 0)
            except ChildProcessError:
                break
            self.children.pop(pid, None)
        shutil.rmtree(self.root, ignore_errors=True)


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def run(argv: list[str], prepare: Callable[[list[str], Path], dict[str, Any]], run_child: RunChild) -> int:
    """The fork server process: ``argv`` is ``FD ROOT [explainer options]`` (as ``serve_forks``
    starts it); ``prepare(options, root)`` loads what every visitor shares (files it needs go under
``root``, removed at the end) and returns what to report;
    ``run_child(fds, request, folder, control)`` runs one visitor in a forked child."""
    control = socket.socket(fileno=int(argv[0]))
    root = Path(argv[1])
    set_parent_death_signal()
    try:
        ready = prepare(argv[2:], root)
    except Exception as error:  # noqa: BLE001 - the web server falls back and says why
        control.sendall(encode({"op": "unavailable", "error": f"{type(error).__name__}: {error}"}))
        return 1
    gc.collect()
    gc.freeze()  # what is loaded now stays put: the collector never writes to those pages again
    server = ForkServer(control, root, run_child)
    server._send({"op": "ready", **ready})
    server.serve_forever()
    return 0
