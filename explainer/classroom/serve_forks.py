"""The web server's side of the fork server: start it, ask it for sessions, speak to them.

``Forks`` starts the fork server (``explainer.tui.served``, around ``forkserver``) as a child process with one end of a Unix
socketpair and a private scratch root, and waits for it to say it is ready. ``ForkedAppService``
is textual-serve's ``AppService`` with one change: instead of starting a shell command for the
session, it makes the session's three pipes, hands the child's ends to the fork server and keeps
its own ends as the asyncio streams textual-serve reads and writes. Everything else -- the
``__GANGLION__`` greeting, the packets, resize, quit -- is textual-serve's code, unchanged.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService

from explainer.classroom.forkserver import Inbox, encode

READY_TIMEOUT_S = 120.0  # importing, loading the course and one warm-up app, on a slow laptop
START_TIMEOUT_S = 30.0
QUIT_TIMEOUT_S = 5.0  # after textual-serve's "quit", how long before the session is killed
ROOT_PREFIX = "explainer-serve-"


# What textual-serve's AppService puts in each app's environment (``_build_environment``);
# Textual reads these when it is imported, so the fork server must start with them set.
def served_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    from importlib.metadata import version

    from explainer.classroom.serve import SERVED_ENV

    env = dict(os.environ if base is None else base)
    env.update({
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
        "COLUMNS": "80",
        "ROWS": "24",
        SERVED_ENV: "1",
    })
    return env


OWNER_FILE = "server.pid"


def sweep_stale_roots(temp: Path) -> None:
    """Remove scratch roots left by a server that was killed outright (its pid is gone)."""
    for root in temp.glob(ROOT_PREFIX + "*"):
        try:
            pid = int((root / OWNER_FILE).read_text(encoding="ascii"))
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(root, ignore_errors=True)
        except (OSError, ValueError):
            continue  # not ours to judge (another user's, or being created)


class ForkServerUnavailable(RuntimeError):
    """The fork server could not start; ``explainer serve`` then starts a process per visitor."""


class Forks:
    """The fork server process and the conversation with it."""

    def __init__(self, command: list[str], extra_args: list[str],
                 on_ended: Callable[[dict], None] | None = None) -> None:
        self.command = command  # how to start the fork server (``explainer.tui.served``)
        self.extra_args = extra_args
        self.on_ended = on_ended
        sweep_stale_roots(Path(tempfile.gettempdir()))
        self.root = Path(tempfile.mkdtemp(prefix=ROOT_PREFIX))
        self.process: subprocess.Popen | None = None
        self.ready: dict = {}
        self.restarts = 0
        self._sock: socket.socket | None = None
        self._waiting: dict[int, asyncio.Future] = {}
        self._reader_task: asyncio.Task | None = None
        self._inbox = Inbox()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    async def start(self) -> dict:
        """Start the fork server and wait until it is ready (again, after it died)."""
        if self._sock is not None:
            self._sock.close()
        if self._reader_task is not None:
            self._reader_task.cancel()
        self._inbox = Inbox()
        self.root.mkdir(mode=0o700, exist_ok=True)  # the fork server removes it when it ends
        (self.root / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        env = served_environment()
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.process = subprocess.Popen(
            [*self.command, str(theirs.fileno()), str(self.root), *self.extra_args],
            pass_fds=(theirs.fileno(),), env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=None,
        )
        theirs.close()
        ours.setblocking(False)
        self._sock = ours
        first = asyncio.get_running_loop().create_future()
        self._waiting[-1] = first
        self._reader_task = asyncio.create_task(self._read_replies())
        try:
            self.ready = await asyncio.wait_for(first, READY_TIMEOUT_S)
        except (TimeoutError, ConnectionError) as error:
            await self.stop()
            raise ForkServerUnavailable(f"the fork server did not start ({error or 'timed out'})") from None
        if self.ready.get("op") != "ready":
            await self.stop()
            raise ForkServerUnavailable(self.ready.get("error", "the fork server did not start"))
        return self.ready

    async def _read_replies(self) -> None:
        loop = asyncio.get_running_loop()
        assert self._sock is not None
        try:
            while data := await loop.sock_recv(self._sock, 65536):
                for message, _fds in self._inbox.feed(data):
                    self._route(message)
        except (OSError, asyncio.CancelledError):
            pass
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(ConnectionError("the fork server has stopped"))
        self._waiting.clear()

    def _route(self, message: dict) -> None:
        op = message.get("op")
        if op in ("ready", "unavailable"):
            key = -1
        elif op == "ended":
            if self.on_ended is not None:
                self.on_ended(message)
            return
        else:
            key = int(message.get("session", 0))
        future = self._waiting.pop(key, None)
        if future is not None and not future.done():
            future.set_result(message)

    async def open_session(self, session: int, cols: int, rows: int, fds: tuple[int, int, int]) -> int:
        """Hand the child's ends of a session's pipes over; the pid of the process running it.

        A fork server that died (its visitors' sessions ended with it) is started again first.
        """
        if not self.alive:
            self.restarts += 1
            await self.start()
        assert self._sock is not None
        future = asyncio.get_running_loop().create_future()
        self._waiting[session] = future
        payload = encode({"op": "start", "session": session, "cols": cols, "rows": rows})
        await self._send(payload, fds)
        reply = await asyncio.wait_for(future, START_TIMEOUT_S)
        if reply.get("op") != "started":
            raise OSError(reply.get("error", "the session could not start"))
        return int(reply["pid"])

    async def _send(self, payload: bytes, fds: tuple[int, ...] = ()) -> None:
        assert self._sock is not None
        while True:  # one small message: it fits the socket buffer unless the fork server is stuck
            try:
                socket.send_fds(self._sock, [payload], list(fds)) if fds else self._sock.send(payload)
                return
            except BlockingIOError:
                await asyncio.sleep(0.01)

    async def kill(self, session: int) -> None:
        if self._sock is not None:
            try:
                await self._send(encode({"op": "kill", "session": session}))
            except OSError:
                pass

    async def stop(self) -> None:
        """Close the room: the fork server ends every session and removes every scratch folder."""
        if self._sock is not None:
            try:
                await self._send(encode({"op": "stop"}))
            except OSError:
                pass
        if self.process is not None:
            loop = asyncio.get_running_loop()
            try:
                await asyncio.wait_for(loop.run_in_executor(None, self.process.wait), 10)
            except TimeoutError:
                self.process.kill()
                self.process.wait()
        if self._reader_task is not None:
            self._reader_task.cancel()
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        shutil.rmtree(self.root, ignore_errors=True)


class _Session:
    """What textual-serve's AppService expects of an ``asyncio.subprocess.Process``."""

    def __init__(self, pid: int, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 stderr: asyncio.StreamReader) -> None:
        self.pid, self.stdin, self.stdout, self.stderr = pid, stdin, stdout, stderr
        self.returncode = None


class ForkedAppService(AppService):
    """textual-serve's session, run by a child of the fork server instead of a new command."""

    def __init__(self, *args: Any, forks: Forks, session: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forks = forks
        self.session = session
        self._transports: list[asyncio.BaseTransport] = []

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        loop = asyncio.get_running_loop()
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        try:
            pid = await self.forks.open_session(self.session, width, height, (stdin_r, stdout_w, stderr_w))
        except BaseException:
            for fd in (stdin_w, stdout_r, stderr_r):
                os.close(fd)
            raise
        finally:
            for fd in (stdin_r, stdout_w, stderr_w):
                os.close(fd)
        stdout = await self._reader(loop, stdout_r)
        stderr = await self._reader(loop, stderr_r)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(stdin_w, "wb", buffering=0))
        self._transports.append(transport)
        stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        self._process = process = _Session(pid, stdin, stdout, stderr)  # type: ignore[assignment]
        self._stdin = stdin
        return process

    async def _reader(self, loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamReader:
        reader = asyncio.StreamReader(limit=2**20)
        transport, _protocol = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", buffering=0))
        self._transports.append(transport)
        return reader

    async def stop(self) -> None:
        """textual-serve's stop (a polite "quit"), then a kill if the session does not leave."""
        if self._task is not None and self._process is not None:
            try:
                await asyncio.wait_for(asyncio.shield(super().stop()), QUIT_TIMEOUT_S)
            except TimeoutError:
                await self.forks.kill(self.session)
                await super().stop()
        for transport in self._transports:
            transport.close()
        self._transports.clear()
