"""Pilot tests of the shell: the journey map, continue, help, palette, settings, small terminals."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Button

from explainer.tui import services
from explainer.tui.screens.help import HelpScreen
from explainer.tui.screens.map import MapScreen
from explainer.tui.screens.too_small import TooSmallScreen
from explainer.tui.widgets.journey_map import StationTile
from tests.shell_course import make_course

STATION_IDS = [
    "wake-word", "listening-window", "cloud-check", "understanding", "kept-on-file",
    "sampled-for-review", "reviewer-seat", "the-2019-disclosures", "your-controls",
]


@pytest.fixture
def map_app(app, monkeypatch):
    """The real app, with the in-memory course (independent of the lesson content's progress)."""
    course = make_course()
    monkeypatch.setattr(services, "load_course_or_problems", lambda config: (course, []))
    return app


def record_notices(app) -> list[str]:
    """Collect the messages the app shows with notify()."""
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return seen


def _region_visible(app, widget) -> bool:
    region = widget.region
    return region.height > 0 and region.bottom <= app.size.height and region.right <= app.size.width


async def test_map_shows_all_nine_stations_at_80x24(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        tiles = list(app.screen.query(StationTile))
        assert [tile.station.id for tile in tiles] == STATION_IDS
        for tile in tiles:
            assert _region_visible(app, tile), tile.station.id
            assert "not started" in str(tile.render())
        assert _region_visible(app, app.screen.query_one("#continue"))
        for button in app.screen.query("#map-extras Button"):
            assert _region_visible(app, button)


async def test_states_show_words_and_icons(map_app):
    app = map_app()
    course = make_course()
    station = course.station("cloud-check")
    app.progress.mark_page_read(station.pages[0].id)
    done = course.station("wake-word")
    for page in done.pages:
        app.progress.mark_page_read(page.id)
    app.progress.mark_model_tried("wake-word")
    app.progress.record_answer("wake-word-q1", correct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tile = app.screen.query_one("#station-cloud-check", StationTile)
        assert "◐ in progress" in str(tile.render())
        assert "● done" in str(app.screen.query_one("#station-wake-word", StationTile).render())
        assert "Continue where you left off" in str(app.screen.query_one("#continue", Button).label)
        assert "2. " + course.station("listening-window").title in str(app.screen.query_one("#continue", Button).label)


async def test_keyboard_navigation_opens_a_station(map_app):
    app = map_app()
    opened = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_station = lambda station_id, *args, **kwargs: opened.append(station_id)
        await pilot.press("down")  # continue -> first station
        assert app.focused.station.id == "wake-word"
        await pilot.press("j", "right", "right")
        assert app.focused.station.id == "sampled-for-review"
        await pilot.press("left", "k")
        assert app.focused.station.id == "cloud-check"
        await pilot.press("enter")
        await pilot.pause()
        assert opened == ["cloud-check"]


async def test_continue_goes_to_the_last_station_and_lesson_mode(map_app):
    app = map_app()
    app.progress.last = {"mode": "lesson", "station": "understanding", "page": None}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "lesson"
        assert app.progress.last["station"] == "understanding"
        app.open_map()
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "map" and isinstance(app.screen, MapScreen)


async def test_help_lists_the_map_keys(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {description for _keys, description in app.screen.rows}
        assert {"Continue", "Settings", "Quit", "Help", "Next", "Next zone"} <= described
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_palette_lists_every_station(map_app):
    from explainer.tui.commands import JourneyCommands

    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = JourneyCommands(app.screen)
        names = [hit.text async for hit in provider.discover()]
        for station in make_course().stations:
            assert any(name.startswith("Go to station: ") and name.endswith(station.title) for name in names)
        assert {"Quiz: final", "Reviewer seat", "Voice lab", "Settings"} <= set(names)
        hits = [hit async for hit in provider.search("sampled")]
        assert hits and "Sampled for review" in hits[0].text
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"
        hits[0].command()
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "lesson"


async def test_settings_apply_at_once_and_persist(map_app, tmp_path):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#setting-high-contrast").focus()
        await pilot.press("enter")  # toggle the switch
        await pilot.pause()
        assert app.theme == "high-contrast"
        app.screen.query_one("#setting-reduced-motion").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.animation_level == "none"
        await pilot.press("escape")
    saved = json.loads(app.config.data.settings_file.read_text())
    assert saved["high_contrast"] is True and saved["reduced_motion"] is True
    again = map_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "high-contrast"


async def test_tiny_terminal_shows_a_message_and_recovers(map_app):
    app = map_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = str(app.screen.query_one("#too-small-message").render())
        assert "80×24" in text and "60×20" in text
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        await pilot.resize_terminal(79, 24)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)


async def test_corrupt_progress_is_set_aside_with_a_notice(map_app, app_config):
    config = app_config()
    config.data.data_dir.mkdir(parents=True)
    config.data.progress_file.write_text("{not json")
    app = map_app()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert any("set aside" in m or "kept as" in m for m in notices)
    assert list(config.data.data_dir.glob("progress.json.corrupt-*"))


async def test_broken_content_lists_problems_not_a_traceback(app, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "course.toml").write_text("format_version = 1\ntitle = [broken\n")
    made = app(content_dir=content)
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(made.screen.query_one("#problem-list").render())
        assert "course.toml:" in text


async def test_read_only_data_dir_keeps_running(map_app, tmp_path, app_config):
    from explainer.paths import DataPaths

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = map_app(data=DataPaths(blocker / "data", blocker / "cache"))
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.progress.mark_page_read("wake-word/first")
        app.save_progress()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("cannot be saved" in message for message in notices)
        assert isinstance(app.screen, MapScreen)


async def test_extras_row_and_its_buttons(map_app):
    app = map_app()
    opened = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_quiz = lambda quiz_id: opened.append(("quiz", quiz_id))
        app.open_reviewer = lambda: opened.append(("reviewer", None))
        app.open_lab = lambda: opened.append(("lab", None))
        app.screen.query_one("#open-pre").focus()
        await pilot.press("right", "enter")
        await pilot.press("right", "right", "enter", "right", "enter", "left", "left", "left", "enter")
        await pilot.pause()
        assert opened == [("quiz", "final"), ("reviewer", None), ("lab", None), ("quiz", "final")]


async def test_short_tour_key_and_tour_short_default(map_app):
    calls = []
    for tour, key in ((None, "t"), ("short", "c")):
        app = map_app(tour=tour)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.open_station = lambda station_id, *args, **kwargs: calls.append((station_id, kwargs))
            if tour:
                assert "short tour" in str(app.screen.query_one("#continue", Button).label)
            await pilot.press(key)
            await pilot.pause()
    assert calls == [("wake-word", {"short_tour": True}), ("wake-word", {"short_tour": True})]


async def test_spanish_map_still_fits_80x24(map_app):
    from explainer.i18n import set_language

    app = map_app(lang="es")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for widget in [*app.screen.query(StationTile), *app.screen.query(Button)]:
                assert _region_visible(app, widget), widget
    finally:
        set_language("en")


async def test_hint_line_explains_the_focused_item(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down")
        hint = str(app.screen.query_one("#map-hint").render())
        assert make_course().station("wake-word").summary[:30] in hint
        app.screen.query_one("#open-lab").focus()
        await pilot.pause()
        assert "voice assistant" in str(app.screen.query_one("#map-hint").render())


async def test_help_follows_the_current_screen(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {description for _keys, description in app.screen.rows}
        assert "Close settings" in described and "Continue" not in described
        assert app.screen.help_title == "Settings"
