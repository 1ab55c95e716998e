"""Helpers for the ``explainer serve`` tests: a real server in its own temp folders, and a
browser-less visitor that reads the screen from the websocket (as ``explainer bench serve`` does)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator

import aiohttp

from explainer.bench.serve import Plan
from explainer.bench.serve_server import ServerUnderTest
from explainer.bench.serve_visitor import Screen, _until, open_session, receive
from explainer.course.load import load_course
from explainer.paths import packaged_content_dir

RIGHT = "\x1b[C"


def map_words() -> tuple[str, str]:
    course = load_course(packaged_content_dir())
    return course.stations[0].title, course.stations[-1].title


def page_title(number: int) -> str:
    """The start of station 1's page ``number`` title: what shows that page is on screen."""
    return load_course(packaged_content_dir()).stations[0].pages[number - 1].title[:24]


@contextlib.contextmanager
def running_server(*extra: str, process_per_visitor: bool = False) -> Iterator[ServerUnderTest]:
    # --max-visitors in ``extra`` comes last, so it wins over the plan's
    server = ServerUnderTest(Plan(visitors=10, process_per_visitor=process_per_visitor), extra_args=extra)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        server.remove()


class Visitor:
    """One browser tab: ``await Visitor.join(http, server)``, then ``press`` keys."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.screen = Screen()

    @classmethod
    async def join(cls, http: aiohttp.ClientSession, server: ServerUnderTest, size=(100, 30)) -> Visitor:
        visitor = cls(await open_session(http, server.url, size))
        await visitor.sees(*map_words())
        return visitor

    async def sees(self, *words: str, timeout: float = 30.0) -> None:
        await _until(self.ws, self.screen, words, timeout)

    async def press(self, key: str, *then_sees: str) -> None:
        self.screen.clear()
        await self.ws.send_json(["stdin", key])
        await self.sees(*then_sees)

    async def closed(self, timeout: float = 20.0) -> tuple[int | None, str]:
        """Wait for the server to close the session: (close code, reason)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = await receive(self.ws, deadline - time.monotonic())
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                return self.ws.close_code, str(message.extra or "")
        raise TimeoutError("the session stayed open")


async def eventually(condition, timeout: float = 15.0) -> bool:
    """Whether ``condition()`` became true within ``timeout`` seconds (checked ten times a second)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.1)
    return True
