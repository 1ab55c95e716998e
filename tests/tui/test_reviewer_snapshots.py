"""Snapshots of the reviewer seat at 80x24 on the real course, no sound card (issue 13): the intro,
a task, a feedback and the debrief.

Review any change with ``uv run pytest tests/tui/test_reviewer_snapshots.py --snapshot-report``
and only then update with ``--snapshot-update``.
"""

from __future__ import annotations

import pytest

from explainer.learning.shift_flow import Step
from tests.reviewer_fixtures import flow, open_seat, wait_for_screen, wait_step


@pytest.fixture
def seat_app(real_seat):
    return real_seat


async def _to_task(pilot) -> None:
    app = pilot.app
    await open_seat(pilot)
    await pilot.press("enter")
    await wait_step(pilot, app, Step.TASK)


async def _quiet(pilot) -> None:
    """No toasts in the picture: they time out after seconds, so a slow run would differ."""
    pilot.app.clear_notifications()
    await pilot.pause()


def test_seat_intro_80x24(snap_compare, seat_app):
    async def intro(pilot):
        await open_seat(pilot)
        await _quiet(pilot)

    assert snap_compare(seat_app(), terminal_size=(80, 24), run_before=intro)


def test_seat_task_80x24(snap_compare, seat_app):
    async def task(pilot):
        await _to_task(pilot)
        await _quiet(pilot)

    assert snap_compare(seat_app(), terminal_size=(80, 24), run_before=task)


def test_seat_feedback_80x24(snap_compare, seat_app):
    async def feedback(pilot):
        await _to_task(pilot)
        await pilot.press("i", "1", "5", "enter")  # an intent and a flag; the guess left as it is
        await wait_step(pilot, pilot.app, Step.FEEDBACK)
        await _quiet(pilot)

    assert snap_compare(seat_app(), terminal_size=(80, 24), run_before=feedback)


def test_seat_debrief_80x24(snap_compare, seat_app):
    async def debrief(pilot):
        await _to_task(pilot)
        app = pilot.app
        for _clip in range(6):
            await pilot.press("3", "enter")
            await wait_step(pilot, app, Step.FEEDBACK)
            await pilot.press("enter")
            await wait_step(pilot, app, Step.TASK, Step.DEBRIEF)
        assert flow(app).step is Step.DEBRIEF
        await wait_for_screen(pilot, app, "reviewer-debrief-screen")
        await _quiet(pilot)

    assert snap_compare(seat_app(), terminal_size=(80, 24), run_before=debrief)
