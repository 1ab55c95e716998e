"""The shell under things a user can do to it: odd terminal sizes, a deleted progress file,
kiosk mode, markup-looking text in content, and settings files from nowhere."""

from __future__ import annotations

import pytest

from explainer.tui.screens.map import MapScreen
from explainer.tui.screens.too_small import TooSmallScreen
from tests.builders import make_course


@pytest.fixture
def map_app(course_app):
    return course_app


@pytest.mark.parametrize("size", [(40, 12), (79, 24), (80, 23), (80, 24), (132, 43), (250, 80)])
async def test_any_terminal_size(map_app, size):
    app = map_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        small = size[0] < 80 or size[1] < 24
        assert isinstance(app.screen, TooSmallScreen if small else MapScreen)
        await pilot.press("question_mark", "escape", "down", "right")
        await pilot.pause()


async def test_progress_file_deleted_while_running(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.progress.mark_page_read("wake-word/first")
        app.save_progress()
        await app.workers.wait_for_complete()
        app.config.data.progress_file.unlink()
        app.progress.mark_page_read("wake-word/second")
        app.save_progress()
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = app.config.data.progress_file.read_text()
    assert "wake-word/first" in text and "wake-word/second" in text


async def test_kiosk_writes_nothing(map_app, tmp_path):
    app = map_app(kiosk=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.progress.mark_page_read("wake-word/first")
        app.save_progress()
        await app.workers.wait_for_complete()
        await pilot.press("q")
    assert not app.config.data.data_dir.exists()


async def test_markup_in_titles_shows_literally(app):
    import dataclasses

    course = make_course()
    odd = dataclasses.replace(course.stations[0], title="[bold]Wake[/] [link=x]word")
    course = dataclasses.replace(course, stations=(odd, *course.stations[1:]))
    made = app(course=course)
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from explainer.tui.widgets.journey_map import JourneyMap

        drawn = made.screen.query_one(JourneyMap).render().plain
        assert "[bold]Wake[/]" in drawn and "[link=x]word" in drawn  # the map may wrap the title
        await pilot.press("ctrl+p")
        await pilot.press(*"bold")
        await pilot.pause()


async def test_quit_saves_pending_progress(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.progress.mark_page_read("your-controls/first")
        app.save_progress()
        await pilot.press("q")
    assert "your-controls/first" in app.config.data.progress_file.read_text()


async def test_reset_progress_replaces_the_file(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.progress.mark_page_read("wake-word/first")
        app.save_progress()
        await app.workers.wait_for_complete()
        app.reset_progress()
        await app.workers.wait_for_complete()
        await pilot.pause()
        from explainer.tui.widgets.journey_map import JourneyMap

        assert "not started" in app.screen.query_one(JourneyMap).state_text("wake-word")
    assert "wake-word/first" not in app.config.data.progress_file.read_text()
