"""Garbage collection at start-up: only the command line's own start defers it, until the first frame."""

from __future__ import annotations

import gc

import pytest

from explainer.cli import parse_command_line
from explainer.tui import services
from explainer.tui.run import build_app


@pytest.fixture(autouse=True)
def _pythons_own_thresholds():
    """A learner's process starts with Python's default thresholds; the test run raises them for
    speed (``conftest.GC_THRESHOLDS``), which would make "deferred" and "as before" look the same."""
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_building_the_app_leaves_the_process_gc_alone(course_app) -> None:
    before = gc.get_threshold()
    course_app()
    course_app(kiosk=True)
    assert gc.get_threshold() == before


async def test_the_command_line_start_defers_gc_until_the_first_frame(tmp_path) -> None:
    before = gc.get_threshold()
    app = build_app(parse_command_line(["--data-dir", str(tmp_path / "data")]))
    try:
        assert gc.get_threshold() == (services.STARTUP_GC_THRESHOLD, *before[1:])
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.get_threshold() == before
    finally:
        services.resume_gc()
    assert gc.get_threshold() == before


def test_broken_content_resumes_at_once(tmp_path) -> None:
    before = gc.get_threshold()
    (tmp_path / "content").mkdir()
    app = build_app(parse_command_line(["--data-dir", str(tmp_path / "data"), "--content", str(tmp_path / "content")]))
    assert type(app).__name__ == "ContentProblemsApp" and gc.get_threshold() == before
