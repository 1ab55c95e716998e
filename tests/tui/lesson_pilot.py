"""Driving the real app into a lesson over the small lesson course (tests/lessons_harness.make_course)."""

from __future__ import annotations

from explainer.tui.screens.lesson import LessonScreen


async def open_lesson(pilot, app, station_id: str, slug: str | None = None, short_tour: bool = False) -> LessonScreen:
    """Open a station (a page slug, "model", or where the learner was) and wait until it shows."""
    app.open_station(station_id, slug, short_tour=short_tour)
    for _ in range(5):
        await pilot.pause()
    assert isinstance(app.screen, LessonScreen)
    return app.screen


async def open_model(pilot, app, station_id: str) -> LessonScreen:
    screen = await open_lesson(pilot, app, station_id, "model")
    await pilot.pause()
    return screen
