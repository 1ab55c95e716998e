"""One simulated visitor of ``explainer serve``: what a browser tab does, over the same protocol.

It loads the page, opens the websocket textual-serve's JavaScript opens (``/ws?width=..&height=..``),
and reads the screen the way the Chromium test does: the binary frames are the terminal output,
and with the escape codes taken out the words on screen can be found in them. Then it reads the
course as a learner would, one key every couple of seconds, waiting for each answer before the
next key: ``c`` (continue) offers the pre-check, ``2`` skips to station 1, the arrow keys turn
its pages back and forth, ``q`` goes back to the map and ``c`` continues where it left off.

Each key is timed from sending it to the moment the words it should bring are on screen (the
page number in the lesson's header, the map's station names), so "screen update" means the
update the learner was waiting for, not merely the first byte back. Keys are what xterm.js
sends for them. The client talks only to the loopback server the bench started.

Each visitor also checks that its session is its own: the first ``c`` must offer the pre-check
(only a learner with no progress is offered it), and every time ``c`` or ``2`` opens a page it
must be the first page *this* visitor has not read. With thirty learners reading different pages
at once, progress leaking between sessions would show up there, as an error.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

ESCAPES = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
RIGHT, LEFT = "\x1b[C", "\x1b[D"
STEP_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Step:
    key: str
    expect: tuple[str, ...]  # these on screen mean the key was answered (all of them, or any with ``any``)
    label: str
    any: bool = False


class Walk:
    """What a learner presses next, knowing where they are: the map or a page of station 1.

    A page is recognised by the start of its title (from the course itself, so rewording the
    header does not break the bench; short enough not to wrap in a browser window). The first
    ``c`` offers the pre-check, which is skipped. In a lesson the learner turns a few pages back
    and forth, then goes back to the map (``q``) and continues (``c``), which opens the first page
    not read yet -- so the walk stays in the lesson once every page has been read, and never
    wanders into screens it could not recognise.
    """

    TURNS_PER_VISIT = 4

    def __init__(self, map_words: tuple[str, ...], page_titles: list[str]) -> None:
        self.map_words = map_words
        self.titles = [title[:24] for title in page_titles] or ["?"]
        self.read: set[int] = set()
        self.page: int | None = None  # None: on the map
        self.offered = False
        self.turns = 0
        self.forward = True
        self.checked = 0  # times the app's "where you are" was checked against this visitor's own reading
        self.foreign: list[str] = []  # where it disagreed: another visitor's progress showing here

    def next(self) -> Step:
        if self.page is None:
            if not self.offered:
                return Step("c", ("recommended",), "continue → pre-check offer")
            return Step("c", tuple(self.titles), "continue → first unread page", any=True)
        last = len(self.titles) - 1
        if self.turns >= self.TURNS_PER_VISIT and len(self.read) < len(self.titles):
            return Step("q", self.map_words, "q → map")
        if self.page == 0 or (self.forward and self.page < last):
            return Step(RIGHT, (self.titles[self.page + 1],), "→ next page")
        return Step(LEFT, (self.titles[self.page - 1],), "← previous page")

    def answered(self, step: Step, text: str) -> Step | None:
        """Note where ``step`` led (``text``: the screen since); a follow-up step if one is due."""
        if step.key == "c" and not self.offered:
            self.offered = True
            return Step("2", (self.titles[0],), "skip → station 1")
        if step.key == "q":
            self.page = None
            return None
        if step.key in ("c", "2"):
            self.page = next((n for n, title in enumerate(self.titles) if title in text), 0)
            self.turns = 0
            self._check_own_progress(step, self.page)
        else:
            self.page = (self.page or 0) + (1 if step.key == RIGHT else -1)
            self.turns += 1
            self.forward = not self.forward if self.page not in (0, len(self.titles) - 1) else self.page == 0
        self.read.add(self.page)
        return None

    def _check_own_progress(self, step: Step, landed: int) -> None:
        """Isolation: "skip" opens page 1 for a new learner, and "continue" the first page *this*
        visitor has not read. Landing anywhere else means the app knew of reading done elsewhere."""
        unread = [n for n in range(len(self.titles)) if n not in self.read]
        expected = 0 if step.key == "2" else (unread[0] if unread else None)
        if expected is None:
            return
        self.checked += 1
        if landed != expected:
            self.foreign.append(f"{step.label!r} opened page {landed + 1}, but this visitor's first unread page "
                                f"is {expected + 1} (pages read here: {sorted(n + 1 for n in self.read)})")


async def open_session(http: aiohttp.ClientSession, base_url: str, size: tuple[int, int]) -> Any:
    """The websocket textual.js opens, and the two messages it sends at once (its size, focus):
    a browser cannot type into the terminal before it has focus."""
    ws_url = base_url.replace("http://", "ws://") + f"/ws?width={size[0]}&height={size[1]}"
    ws = await http.ws_connect(ws_url, autoping=True)
    await ws.send_json(["resize", {"width": size[0], "height": size[1]}])
    await ws.send_json(["focus"])
    return ws


@dataclass
class VisitorResult:
    number: int
    join_s: float | None = None
    keys: list[tuple[float, float, str]] = field(default_factory=list)  # (sent at, seconds, label)
    errors: list[str] = field(default_factory=list)
    isolation_checks: int = 0  # "continue" landings checked against this visitor's own reading


class Screen:
    """The words the server has drawn since ``clear()``."""

    def __init__(self) -> None:
        self._raw = bytearray()

    def clear(self) -> None:
        self._raw.clear()

    def feed(self, data: bytes) -> None:
        self._raw += data

    def text(self) -> str:
        return ESCAPES.sub(b"", bytes(self._raw)).decode("utf-8", "ignore")

    def shows(self, words: tuple[str, ...], any_of: bool = False) -> bool:
        text = self.text()
        return (any if any_of else all)(word in text for word in words)


async def _until(ws: aiohttp.ClientWebSocketResponse, screen: Screen, words: tuple[str, ...], timeout: float,
                 any_of: bool = False) -> None:
    """Read frames until ``words`` are on screen; raises TimeoutError or ConnectionError."""
    deadline = time.monotonic() + timeout
    while not screen.shows(words, any_of):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        message = await receive(ws, remaining)
        if message.type == aiohttp.WSMsgType.BINARY:
            screen.feed(message.data)
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING,
                              aiohttp.WSMsgType.ERROR):
            raise ConnectionError(f"the server closed the session ({ws.close_code}: {message.extra or ''})")


async def receive(ws: aiohttp.ClientWebSocketResponse, timeout: float) -> aiohttp.WSMessage:
    """The next message within ``timeout`` seconds, else TimeoutError.

    Not ``ws.receive(timeout=...)``: aiohttp starts that timeout again after every ping it
    answers, and textual-serve pings every 15 s, so a longer wait would never end.
    """
    async with asyncio.timeout(timeout):
        return await ws.receive()


async def visit(number: int, base_url: str, size: tuple[int, int], walk: Walk, key_every: float,
                leave_at: float, rng: random.Random) -> VisitorResult:
    """Join, then press a key every ``key_every`` seconds until ``leave_at`` (monotonic), then leave."""
    result = VisitorResult(number)
    screen = Screen()
    started = time.monotonic()
    step = None
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, sock_connect=30)) as http:
            async with http.get(base_url + "/") as page:
                body = await page.text()
                if page.status != 200 or "terminal" not in body:
                    result.errors.append(f"the page answered {page.status} (room full?)")
                    return result
            async with await open_session(http, base_url, size) as ws:
                await _until(ws, screen, walk.map_words, STEP_TIMEOUT_S * 2)
                result.join_s = time.monotonic() - started
                next_key = time.monotonic() + rng.uniform(0, key_every)
                follow_up = None
                while True:
                    step = follow_up or walk.next()
                    await _drain_until(ws, screen, next_key)
                    if time.monotonic() >= leave_at:
                        break
                    screen.clear()
                    sent = time.monotonic()
                    await ws.send_json(["stdin", step.key])
                    await _until(ws, screen, step.expect, STEP_TIMEOUT_S, step.any)
                    result.keys.append((sent, time.monotonic() - sent, step.label))
                    follow_up = walk.answered(step, screen.text())
                    next_key = max(sent + key_every, time.monotonic())
    except TimeoutError:
        doing = f"after {step.label!r}" if step else "to the join"
        result.errors.append(f"visitor {number}: the screen did not answer {doing} within {STEP_TIMEOUT_S:.0f} s "
                             f"(expected {' / '.join(step.expect) if step else 'the map'})")
    except (ConnectionError, aiohttp.ClientError, OSError) as error:
        result.errors.append(f"visitor {number}: {error}")
    result.isolation_checks = walk.checked
    result.errors += [f"visitor {number}: another visitor's progress? {what}" for what in walk.foreign]
    return result


async def _drain_until(ws: aiohttp.ClientWebSocketResponse, screen: Screen, until: float) -> None:
    """Keep reading (as a browser does) until ``until``; a closed session raises ConnectionError."""
    while (remaining := until - time.monotonic()) > 0:
        try:
            message = await receive(ws, remaining)
        except TimeoutError:
            return
        if message.type == aiohttp.WSMsgType.BINARY:
            screen.feed(message.data)
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING,
                              aiohttp.WSMsgType.ERROR):
            raise ConnectionError(f"the server closed the session ({ws.close_code})")
