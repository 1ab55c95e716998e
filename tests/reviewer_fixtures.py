"""Reviewer-seat test helpers: a clock that moves only when told, and Pilot helpers that wait
for the seat's steps and check that every Tab stop is a visible widget.

The course (households and clips) is ``tests.builders.make_course()``; the seat runs in the real
app (the ``seat`` fixture in ``tests/tui/conftest.py``).
"""

from __future__ import annotations

from typing import Any

from explainer.learning.shift_flow import Step


class FakeClock:
    """Monotonic seconds that only move when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def seat_screen(app: Any) -> Any:
    """The reviewer screen, wherever it is in the stack (a picker or the debrief may be on top)."""
    return next(screen for screen in reversed(app.screen_stack) if screen.id == "reviewer-screen")


def flow(app: Any) -> Any:
    return seat_screen(app).flow


async def open_seat(pilot: Any) -> None:
    """Open the reviewer seat from the map and wait until its first control has the focus."""
    app = pilot.app
    await pilot.pause()
    app.open_reviewer()
    for _ in range(200):
        await pilot.pause(0.02)
        if app.screen.id == "reviewer-screen" and app.focused is not None:
            return
    raise AssertionError("the reviewer seat never opened")


async def wait_step(pilot: Any, app: Any, *steps: Step, tries: int = 250) -> Step:
    """Wait until the seat is at one of ``steps``. Pauses while it is LOADING do not count: the
    preparer's thread renders the clip as fast as the machine lets it (a busy machine took longer
    than the 5 s of pauses and failed a correct seat); a seat stuck loading fails after ~1 minute."""
    counted = loading = 0
    while counted < tries and loading < 3_000:
        await pilot.pause(0.02)
        seat = flow(app)
        on_top = app.screen.id == "reviewer-screen" or seat.step in (Step.OWN, Step.DEBRIEF, Step.OWN_CHECK)
        if seat.step in steps and on_top:
            await pilot.pause()
            return seat.step
        if seat.step is Step.LOADING and Step.LOADING not in steps:
            loading += 1
        else:
            counted += 1
    raise AssertionError(f"the seat never reached {steps} (it is at {flow(app).step}); {_preparer_state(app)}")


def _preparer_state(app: Any) -> str:
    """What the seat's background preparer had done, for a failure message (a stuck seat or a slow one)."""
    seat, preparer = flow(app), getattr(seat_screen(app), "preparer", None)
    clip = seat.clip.id if seat.clip is not None else None
    if preparer is None:
        return f"clip on screen {clip}, no preparer"
    with preparer._lock:
        ready = sorted(preparer._ready)
        queued = {clip_id: ("done" if f.done() else "running" if f.running() else "waiting")
                  for clip_id, f in preparer._queued.items()}
    return f"clip on screen {clip}; prepared by the seat {sorted(seat.prepared)}; preparer ready {ready}, queued {queued}"


async def start(pilot: Any, app: Any, *keys: str) -> None:
    """Open the seat (if needed), press ``keys`` on the intro, then Start; wait for the first clip."""
    if not any(screen.id == "reviewer-screen" for screen in app.screen_stack):
        await open_seat(pilot)
    await pilot.pause()
    await pilot.press(*keys, "enter")  # the focused button is Start
    await wait_step(pilot, app, Step.TASK, Step.GATE)


async def wait_for_screen(pilot: Any, app: Any, screen_id: str) -> None:
    for _ in range(200):
        await pilot.pause(0.02)
        if app.screen.id == screen_id:
            return
    raise AssertionError(f"{screen_id} never opened (on {app.screen.id})")


def visible(app: Any, widget: Any) -> bool:
    """Painted on screen where it is: the widget (or a child) is what is drawn at its centre."""
    region = widget.region
    if region.area == 0:
        return False
    found, _region = app.screen.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
    node = found
    while node is not None and node is not widget:
        node = node.parent
    return node is widget


async def tab_cycle(pilot: Any, app: Any, limit: int = 30) -> list[str]:
    """Tab until focus comes back round; every stop must be visible. Returns the stops' ids."""
    stops: list[str] = []
    first = app.focused
    for _ in range(limit):
        await pilot.press("tab")
        await pilot.pause()
        focused = app.focused
        assert focused is not None, "Tab left nothing focused"
        assert visible(app, focused), f"invisible Tab stop: {focused!r} after {stops}"
        if focused is first:
            return stops
        stops.append(focused.id or type(focused).__name__)
    raise AssertionError(f"focus never came back round: {stops}")
