"""Pilot tests of the shell: the journey map, continue, help, palette, settings, small terminals."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Button

from explainer.tui.screens.help import HelpScreen
from explainer.tui.screens.map import MapScreen
from explainer.tui.screens.too_small import TooSmallScreen
from explainer.tui.widgets.action_button import ActionButton
from explainer.tui.widgets.journey_map import JourneyMap
from tests.builders import make_course
from tests.pilot import record_notices

STATION_IDS = [
    "wake-word", "listening-window", "cloud-check", "understanding", "kept-on-file",
    "sampled-for-review", "reviewer-seat", "the-2019-disclosures", "your-controls",
]


@pytest.fixture
def map_app(course_app):
    """The real app, with the in-memory course (independent of the lesson content's progress)."""
    return course_app




def _region_visible(app, widget) -> bool:
    return _region_shown(app, widget.region)


def _region_shown(app, region) -> bool:
    """On screen and above the footer (the last row), which would hide it."""
    return region.height > 0 and region.bottom <= app.size.height - 1 and region.right <= app.size.width


async def test_map_shows_all_nine_stations_at_80x24(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        journey = app.screen.query_one(JourneyMap)
        assert [station.id for station in journey.stations] == STATION_IDS
        drawn = str(journey.render())
        for station in journey.stations:
            assert _region_shown(app, journey.screen_region_of(station.id)), station.id
            assert "not started" in journey.state_text(station.id)
            assert station.title.split()[-1] in drawn
        assert drawn.count("○ not started") == 9
        assert _region_visible(app, app.screen.query_one("#continue"))
        extras = app.screen.query("#map-extras ActionButton")
        assert len(extras) == 5
        for button in extras:
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
    app.progress.last = {"mode": "lesson", "station": "cloud-check", "page": "first"}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        journey = app.screen.query_one(JourneyMap)
        assert "◐ 1 page · model · quiz" in journey.state_text("cloud-check")  # what is left, in words
        assert "● done" in journey.state_text("wake-word")
        drawn = str(journey.render())
        assert drawn.count("● done") == 1 and drawn.count("◐ 1 page …") == 1  # cut at a whole item at 80 columns
        label = str(app.screen.query_one("#continue", ActionButton).label)
        assert label == "▶ Continue: 3. " + course.station("cloud-check").title + " · page 2 of 3"
        assert "Done: 1 of 9." in str(app.screen.query_one("#map-intro").render())


async def test_keyboard_navigation_opens_a_station(map_app):
    app = map_app()
    opened = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_station = lambda station_id, *args, **kwargs: opened.append(station_id)
        journey = app.screen.query_one(JourneyMap)
        await pilot.press("down")  # continue -> first station
        assert app.focused is journey and journey.station.id == "wake-word"
        await pilot.press("j", "right", "right")
        assert journey.station.id == "sampled-for-review"
        await pilot.press("left", "k")
        assert app.focused is journey and journey.station.id == "cloud-check"
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
        assert {"Continue", "Lab", "Settings", "Quit", "Help", "Next", "Next zone"} <= described
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
                assert "short tour" in str(app.screen.query_one("#continue", ActionButton).label)
            await pilot.press(key)
            await pilot.pause()
    assert calls == [("wake-word", {"short_tour": True}), ("wake-word", {"short_tour": True})]


async def test_spanish_map_still_fits_80x24(map_app):
    from explainer.i18n import set_language

    app = map_app(lang="es")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for widget in app.screen.query("Button, ActionButton"):
                assert _region_visible(app, widget), widget
            journey = app.screen.query_one(JourneyMap)
            for station in journey.stations:
                assert _region_shown(app, journey.screen_region_of(station.id)), station.id
            assert "EN EL APARATO" in str(journey.render())
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


async def test_an_unfinished_station_says_what_is_left(map_app):
    """QA S4: pages read and the model tried, yet "in progress" -- the hint says the quiz is left."""
    app = map_app()
    station = make_course().station("wake-word")
    for page in station.pages:
        app.progress.mark_page_read(page.id)
    app.progress.mark_model_tried("wake-word")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        hint = " ".join(str(app.screen.query_one("#map-hint").render()).split())
        assert "Left: quiz." in hint
        assert "◐ quiz" in str(app.screen.query_one(JourneyMap).render())
        app.progress.record_answer("wake-word-q1", correct=True)
        app.save_progress()
        await pilot.pause()
        assert app.screen.query_one(JourneyMap).states["wake-word"] == "done"


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


# -- continue goes back to where the learner was ------------------------------------------
def _capture_opens(app) -> list[tuple]:
    opened: list[tuple] = []
    app.open_station = lambda station_id, page=None, **kwargs: opened.append(("station", station_id, page))
    app.open_quiz = lambda quiz_id: opened.append(("quiz", quiz_id))
    app.open_reviewer = lambda: opened.append(("reviewer",))
    app.open_lab = lambda: opened.append(("lab",))
    return opened


async def test_continue_goes_on_from_a_done_station_to_the_next_unfinished_thing(map_app):
    app = map_app()
    done = make_course().station("wake-word")
    for page in done.pages:
        app.progress.mark_page_read(page.id)
    app.progress.mark_model_tried("wake-word")
    app.progress.record_answer("wake-word-q1", correct=True)
    app.progress.last = {"mode": "lesson", "station": "wake-word", "page": "second"}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        label = str(app.screen.query_one("#continue", ActionButton).label)
        assert label == "▶ Continue: 2. The listening window · page 1 of 3"
        opened = _capture_opens(app)
        await pilot.press("c")
        await pilot.pause()
    assert opened == [("station", "listening-window", "first")]  # issue 12: the first unfinished thing


async def test_continue_reopens_a_quiz_left_part_way_and_not_the_lab(map_app):
    app = map_app()
    app.progress.last = {"mode": "quiz", "quiz": "cloud-check"}
    app.progress.attempts["cloud-check-q1"] = [{"quiz": "cloud-check", "round": 1, "try": 1, "given": "false",
                                               "correct": False, "final": False}]  # one try spent, left
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#continue", ActionButton).label) == "▶ Continue: Quiz: 3. The cloud check"
        opened = _capture_opens(app)
        await pilot.press("c")
        await pilot.pause()
    assert opened == [("quiz", "cloud-check")]
    app = map_app()
    app.progress.last = {"mode": "lab"}  # the lab is not part of the path: Continue follows the course
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        opened = _capture_opens(app)
        await pilot.press("c")
        await pilot.pause()
    assert opened == [("station", "wake-word", "first")]


async def test_continue_with_nothing_recorded_starts_at_station_one(map_app):
    app = map_app()
    app.progress.last = {"mode": "lesson", "station": "no-such-station", "page": "x"}  # stale: ignored
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Start the journey: 1. " in str(app.screen.query_one("#continue", ActionButton).label)
        opened = _capture_opens(app)
        await pilot.press("c")  # the test course has no pre-check questions: nothing to offer
        await pilot.pause()
    assert opened == [("station", "wake-word", "first")]


# -- first start: the pre-check is offered ------------------------------------------------
@pytest.fixture
def precheck_app(app):
    """The in-memory course with one pre/post question, so there is a pre-check to offer."""
    import dataclasses

    course = make_course()
    first = course.stations[0]
    question = dataclasses.replace(first.questions[0], prepost=True)
    stations = (dataclasses.replace(first, questions=(question,)), *course.stations[1:])
    course = dataclasses.replace(course, stations=stations)
    return lambda **overrides: app(course=course, **overrides)


async def test_first_start_offers_the_precheck(precheck_app):
    from explainer.tui.screens.map_precheck import PrecheckOffer

    app = precheck_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        opened = _capture_opens(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PrecheckOffer)
        assert "recommended" in str(app.screen.query_one("#offer-pre", Button).label)
        assert _region_visible(app, app.screen.query_one("#offer-skip"))
        await pilot.press("enter")  # the pre-check has focus
        await pilot.pause()
        assert opened == [("quiz", "pre")]
        assert isinstance(app.screen, MapScreen)
        await pilot.press("c", "down", "enter")  # skip instead
        await pilot.pause()
        assert opened[-1] == ("station", "wake-word", None)
        await pilot.press("c", "escape")  # or neither: back on the map
        await pilot.pause()
        assert isinstance(app.screen, MapScreen) and len(opened) == 2


async def test_no_precheck_offer_once_the_learner_has_started(precheck_app):
    app = precheck_app()
    app.progress.mark_page_read("wake-word/first")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        opened = _capture_opens(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
    assert opened == [("station", "wake-word", "second")]
    workshop = precheck_app(tour="short")  # a ten-minute workshop visit goes straight in
    async with workshop.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        opened = _capture_opens(workshop)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(workshop.screen, MapScreen)
    assert opened == [("station", "wake-word", "first")]


# -- the arrow keys reach everything ------------------------------------------------------
async def test_arrows_move_from_the_map_to_the_buttons_and_back(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        journey = app.screen.query_one(JourneyMap)
        await pilot.press("down", "down")  # continue -> station 1 -> station 2 (bottom of its zone)
        assert journey.station.id == "listening-window"
        await pilot.press("down")  # off the bottom: the button under this zone
        assert app.focused.id == "open-pre"
        await pilot.press("right", "right")
        assert app.focused.id == "open-post"
        await pilot.press("down")  # nothing below the buttons: stays
        assert app.focused.id == "open-post"
        await pilot.press("up")  # back into the map, at the bottom of the zone above the button
        assert app.focused is journey and journey.station.id == "understanding"
        await pilot.press("right", "right", "down", "down")  # the human zone has three stations
        assert journey.station.id == "your-controls"
        await pilot.press("down")
        assert app.focused.id in {"open-reviewer", "open-lab"}
        await pilot.press("right", "right", "right")  # no wrapping at the end of the row
        assert app.focused.id == "open-lab"
        await pilot.press("up", "up", "up", "up")  # up through the zone and out at the top
        assert app.focused.id == "continue"
        await pilot.press("right")
        assert app.focused.id == "short-tour"


async def test_clicking_a_station_opens_it(map_app):
    app = map_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        opened = _capture_opens(app)
        journey = app.screen.query_one(JourneyMap)
        region = journey.screen_region_of("kept-on-file")
        await pilot.click(offset=(region.x + 2, region.y))
        await pilot.pause()
    assert opened == [("station", "kept-on-file", None)]


async def test_a_quiz_left_part_way_says_how_many_questions_are_left_at_80x24(app):
    """QA walk: with 3 of station 1's 5 questions left, the 80-column map said only "◐ in
    progress" (the words "quiz: 3 questions" were wider than the column)."""
    made = app()  # the real course: its station 1 quiz has 5 questions
    station = made.course.station("wake-word")
    for page in station.pages:
        made.progress.mark_page_read(page.id)
    made.progress.mark_model_tried("wake-word")
    for question in station.questions[:2]:
        made.progress.record_answer(question.id, correct=True)
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        drawn = str(made.screen.query_one(JourneyMap).render())
        assert "◐ quiz: 3 left" in drawn and "in progress" not in drawn


async def test_a_short_tour_from_an_older_version_shows_as_a_tour_on_the_map(app_config):
    """A real progress file written by the app before the tour had its own record (see
    tests/learning/test_old_tour.py): the map says the tour is done, the stations are not
    half-read, and Continue starts the journey at station 1 -- not at station 9, page 2."""
    import json
    import shutil
    from pathlib import Path

    from explainer.tui.factory import make_app
    from tests.pilot import screen_text

    config = app_config()
    config.data.data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).parents[1] / "learning" / "data" / "progress-v1-tour.json", config.data.progress_file)
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(app)
        assert "Short tour (t): done" in shown
        assert "Continue: 1. The wake word · page 1 of" in shown
        assert shown.count("○ not started") == 8 and "Done: 0 of 9" in shown
    saved = json.loads(config.data.progress_file.read_text(encoding="utf-8"))
    assert saved["pages_read"] == [] and "wake-word/model" in saved["tour_seen"] and saved["last"]["tour"]


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_v_opens_the_voice_lab_as_the_footer_says(app, lang):
    """Issue 16: the lab was the 15th Tab stop from the map, with no key of its own."""
    from explainer.i18n import set_language
    from tests.pilot import screen_text, settle
    from tests.tui.lab_fake import FakeLab

    made = app(lab=FakeLab(), lang=lang)
    try:
        async with made.run_test(size=(80, 24)) as pilot:
            await settle(pilot, made)
            footer = screen_text(made).splitlines()[-1]
            for key in ("c", "t", "v", "s", "q", "?"):
                assert f" {key} " in f" {footer}", (key, footer)  # every key still fits at 80 columns
            assert ("v Lab " if lang == "en" else "v Laboratorio ") in footer
            made.screen.set_focus(made.screen.query_one(JourneyMap))  # from the map itself, not only a button
            await pilot.press("v")
            await settle(pilot, made)
            assert type(made.screen).__name__ == "LabScreen"
    finally:
        set_language("en")
