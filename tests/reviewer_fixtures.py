"""Reviewer-seat test helpers: a clock that moves only when told, and waiting for a clip to load.

The course (households and clips) is ``tests.builders.make_course()``; the seat runs in the real
app (the ``seat`` fixture in ``tests/tui/conftest.py``).
"""

from __future__ import annotations


class FakeClock:
    """Monotonic seconds that only move when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


async def wait_for_work(pilot, app):
    for _ in range(100):
        await pilot.pause(0.02)
        if app.screen.query_one("#reviewer-panes").current in ("reviewer-work", "reviewer-gate"):
            return app.screen.query_one("#reviewer-panes").current
    raise AssertionError("the clip never loaded")
