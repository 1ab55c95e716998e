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
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, field

import aiohttp

ESCAPES = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
RIGHT, LEFT = "\x1b[C", "\x1b[D"
STEP_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Step:
    key: str
    expect: tuple[str, ...]  # every one of these on screen means the key was answered
    label: str


def script(first_title: str, last_title: str, pages: int) -> tuple[list[Step], list[Step]]:
    """(the opening steps, the steps then repeated) for a new learner of this course."""
    on_map = (first_title, last_title)
    opening = [Step("c", ("recommended",), "continue → pre-check offer"),
               Step("2", ("Page 1/",), "skip → station 1")]
    last = max(1, min(3, pages))
    forward = [Step(RIGHT, (f"Page {n}/",), f"→ page {n}") for n in range(2, last + 1)]
    back = [Step(LEFT, (f"Page {n}/",), f"← page {n}") for n in range(last - 1, 0, -1)]
    cycle = [*forward, *back, Step("q", on_map, "q → map"), Step("c", ("Page 1/",), "continue → page 1")]
    return opening, cycle


@dataclass
class VisitorResult:
    number: int
    join_s: float | None = None
    keys: list[tuple[float, float, str]] = field(default_factory=list)  # (sent at, seconds, label)
    errors: list[str] = field(default_factory=list)


class Screen:
    """The words the server has drawn since ``clear()``."""

    def __init__(self) -> None:
        self._raw = bytearray()

    def clear(self) -> None:
        self._raw.clear()

    def feed(self, data: bytes) -> None:
        self._raw += data

    def shows(self, words: tuple[str, ...]) -> bool:
        text = ESCAPES.sub(b"", bytes(self._raw)).decode("utf-8", "ignore")
        return all(word in text for word in words)


async def _until(ws: aiohttp.ClientWebSocketResponse, screen: Screen, words: tuple[str, ...], timeout: float) -> None:
    """Read frames until ``words`` are on screen; raises TimeoutError or ConnectionError."""
    deadline = time.monotonic() + timeout
    while not screen.shows(words):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        message = await ws.receive(timeout=remaining)
        if message.type == aiohttp.WSMsgType.BINARY:
            screen.feed(message.data)
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING,
                              aiohttp.WSMsgType.ERROR):
            raise ConnectionError(f"the server closed the session ({ws.close_code}: {message.extra or ''})")


async def visit(number: int, base_url: str, size: tuple[int, int], steps: tuple[list[Step], list[Step]],
                map_words: tuple[str, ...], key_every: float, leave_at: float, rng: random.Random) -> VisitorResult:
    """Join, then press a key every ``key_every`` seconds until ``leave_at`` (monotonic), then leave."""
    result = VisitorResult(number)
    opening, cycle = steps
    screen = Screen()
    started = time.monotonic()
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, sock_connect=30)) as http:
            async with http.get(base_url + "/") as page:
                body = await page.text()
                if page.status != 200 or "terminal" not in body:
                    result.errors.append(f"the page answered {page.status} (room full?)")
                    return result
            ws_url = base_url.replace("http://", "ws://") + f"/ws?width={size[0]}&height={size[1]}"
            async with http.ws_connect(ws_url, autoping=True) as ws:
                await _until(ws, screen, map_words, STEP_TIMEOUT_S * 2)
                result.join_s = time.monotonic() - started
                next_key = time.monotonic() + rng.uniform(0, key_every)
                plan = iter(opening)
                while True:
                    step = next(plan, None)
                    if step is None:
                        plan = iter(cycle)
                        continue
                    await _drain_until(ws, screen, next_key)
                    if time.monotonic() >= leave_at:
                        break
                    screen.clear()
                    sent = time.monotonic()
                    await ws.send_json(["stdin", step.key])
                    await _until(ws, screen, step.expect, STEP_TIMEOUT_S)
                    result.keys.append((sent, time.monotonic() - sent, step.label))
                    next_key = max(sent + key_every, time.monotonic())
    except TimeoutError:
        result.errors.append(f"visitor {number}: the screen did not answer within {STEP_TIMEOUT_S:.0f} s")
    except (ConnectionError, aiohttp.ClientError, OSError) as error:
        result.errors.append(f"visitor {number}: {error}")
    return result


async def _drain_until(ws: aiohttp.ClientWebSocketResponse, screen: Screen, until: float) -> None:
    """Keep reading (as a browser does) until ``until``; a closed session raises ConnectionError."""
    while (remaining := until - time.monotonic()) > 0:
        try:
            message = await ws.receive(timeout=remaining)
        except TimeoutError:
            return
        if message.type == aiohttp.WSMsgType.BINARY:
            screen.feed(message.data)
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING,
                              aiohttp.WSMsgType.ERROR):
            raise ConnectionError(f"the server closed the session ({ws.close_code})")
