"""Key press to painted screen, for every way between the modes, in a headless app.

Run in a fresh child process (``python -m explainer.bench.transitions DATA_DIR ROUNDS``) so the
first visit to each mode is as cold as a learner's. The key goes in through the driver, like a
real terminal's would; the clock stops when the expected screen is current, every message
queued on it and the app has been handled (re-checked until nothing is pending), and one frame
has been composited. Textual's Pilot helpers are not used for the timed part because they sleep
in 20 ms steps while "waiting for idle", which would swamp what we measure.

The same child reports its peak resident memory (``ru_maxrss``) twice: after the map, lessons,
quizzes and reviewer seat have all been visited -- the "outside the lab" figure -- and again at
the end, after the voice lab too.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from explainer.tui.textual_private import paint_now, send_key, wait_for_screen

KEY_CHARACTERS = {"enter": "\r", "escape": "\x1b", "tab": "\t", "right": None, "left": None}
SETTLE_LIMIT_S = 20.0
PREWARM_WAIT_S = 1.0
CPU_SAMPLES: list[float] = []  # CPU time of every timed press: steadier than wall time when busy


class NotReached(Exception):
    """The expected screen never appeared (e.g. a mode that is not built yet)."""


def screen_name(app: Any) -> str:
    return type(app.screen).__name__


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


async def settle(pilot: Any, ready: Callable[[], bool], limit: float = SETTLE_LIMIT_S) -> None:
    """Wait (without sleeping) until ``ready()`` and the screen's queues are drained; paint once."""
    app = pilot.app
    started = time.perf_counter()
    while True:
        await wait_for_screen(pilot)
        if ready():
            break
        if screen_name(app) == "MissingPartScreen":
            raise NotReached("this part of the app is not built yet")
        if time.perf_counter() - started > limit:
            raise NotReached(f"still on {screen_name(app)} after {limit:.0f} s")
        await asyncio.sleep(0)
    await wait_for_screen(pilot)
    paint_now(app.screen)  # composite the frame the terminal would get


async def timed_press(pilot: Any, key: str, ready: Callable[[], bool]) -> float:
    """Seconds from sending ``key`` to the settled, painted screen."""
    from textual import events

    app = pilot.app
    event = events.Key(key, KEY_CHARACTERS.get(key, key if len(key) == 1 else None))
    started, cpu_started = time.perf_counter(), time.process_time()
    send_key(app, event)
    await settle(pilot, ready)
    CPU_SAMPLES.append(time.process_time() - cpu_started)
    return time.perf_counter() - started


def _on(app: Any, name: str, extra: Callable[[], bool] = lambda: True) -> Callable[[], bool]:
    return lambda: screen_name(app) == name and extra()


def _page_number(app: Any) -> object:
    walk = getattr(app.screen, "walk", None)  # the lesson screen's place in its station
    return getattr(walk, "index", None)


def _page_turned(app: Any, before: object) -> bool:
    return _page_number(app) != before


async def _focus(pilot: Any, selector: str) -> None:
    button = pilot.app.screen.query_one(selector)
    # A Button ignores enter for 0.2 s after a press (its "-active" flash); a person is never
    # that quick, the benchmark is. Not part of what is timed.
    button.remove_class("-active")
    button.focus()
    await wait_for_screen(pilot)


async def _visit(pilot: Any, samples: dict[str, list[float]], errors: dict[str, str], label: str,
                 button: str, screen: str) -> None:
    """Map -> a mode (through its button on the map) -> back to the map with escape."""
    app = pilot.app
    if label in errors:
        return
    try:
        await _focus(pilot, button)
        samples.setdefault(f"map → {label}", []).append(await timed_press(pilot, "enter", _on(app, screen)))
        app.screen.set_focus(None)  # escape in a text field leaves the field first (the lab)
        await wait_for_screen(pilot)
        samples.setdefault(f"{label} → map", []).append(await timed_press(pilot, "escape", _on(app, "MapScreen")))
    except NotReached as error:
        errors[label] = str(error)
        app.open_map()
        await settle(pilot, _on(app, "MapScreen"))


async def measure(data_dir: Path, rounds: int) -> dict[str, Any]:
    from explainer.paths import data_paths
    from explainer.tui.app import ExplainerApp
    from explainer.tui.config import AppConfig
    from explainer.tui.factory import make_app

    app = make_app(AppConfig(data=data_paths(data_dir), audio=False, seed=1))
    if not isinstance(app, ExplainerApp):
        raise RuntimeError("the course content has problems; run: explainer check")
    samples: dict[str, list[float]] = {}
    errors: dict[str, str] = {}
    result: dict[str, Any] = {"samples": samples, "errors": errors, "cpu_samples": CPU_SAMPLES}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, _on(app, "MapScreen"))
        # A learner looks at the map for a moment before the first key; the app uses that
        # moment to import the other modes' screens (services.prewarm_screens).
        await asyncio.sleep(PREWARM_WAIT_S)
        await app.workers.wait_for_complete()
        # A returning learner who read station 1's first two pages: "c" continues there (a first
        # start is offered the pre-check first). Page 3 fits 80x24, so → turns the page at once (on
        # a page taller than the screen, → first shows the rest of it: a scroll, not a page turn).
        first = app.course.stations[0]
        read = {page.id for page in first.pages[:2]}
        app.progress.pages_read = set(read)
        app.progress.last = {"mode": "lesson", "station": first.id, "page": first.pages[1].slug}
        for _round in range(rounds):
            # every round the same: Continue opens station 1's first unread page (page 3)
            app.progress.pages_read = set(read)
            lesson = _on(app, "LessonScreen", lambda: bool(app.screen.query("#page-view")))
            samples.setdefault("map → lesson", []).append(await timed_press(pilot, "c", lesson))
            for key in ("right", "left"):
                before = _page_number(app)
                turned = _on(app, "LessonScreen", partial(_page_turned, app, before))
                samples.setdefault("lesson page → page", []).append(await timed_press(pilot, key, turned))
            samples.setdefault("lesson → map", []).append(await timed_press(pilot, "q", _on(app, "MapScreen")))
            await _visit(pilot, samples, errors, "quiz", "#open-final", "QuizScreen")
            await _visit(pilot, samples, errors, "reviewer", "#open-reviewer", "ReviewerScreen")
        result["peak_rss_mb_outside_lab"] = peak_rss_mb()
        for _round in range(rounds):
            await _visit(pilot, samples, errors, "lab", "#open-lab", "LabScreen")
        result["peak_rss_mb"] = peak_rss_mb()
        await app.workers.wait_for_complete()
    return result


def main(argv: list[str]) -> int:
    data_dir, rounds = Path(argv[0]), int(argv[1])
    result = asyncio.run(measure(data_dir, rounds))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
