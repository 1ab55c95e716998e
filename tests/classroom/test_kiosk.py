"""The workshop kiosk: a whole visit writes no file, an idle kiosk resets, the host sees tallies.

The app is the real one with the real course. Learner folders point at empty temp paths (see
conftest) and Python's temp folder is redirected, so "nothing written" is checked literally:
after the kiosk closes, none of those folders holds a file.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest

from explainer.classroom.kiosk import (
    DEFAULT_HOST_CODE,
    DayTallies,
    IdlePolicy,
    idle_minutes,
    valid_host_code,
)
from explainer.learning.progress import Progress
from explainer.learning.quiz import correct_answer
from explainer.paths import data_paths
from explainer.tui.config import AppConfig
from explainer.tui.widgets.lab_choices import clip_options
from tests.pilot import screen_text

SIZE = (80, 24)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Python's temp folder, redirected to an empty folder we can inspect afterwards."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


@pytest.fixture
def no_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    import explainer.voice.playback as playback
    import explainer.voice.speech as speech

    monkeypatch.setattr(playback, "sound_available", lambda refresh=False: (False, "no sound device (test)"))
    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (False, "no speech engine (test)"))


def kiosk(**overrides):
    from explainer.tui.factory import make_app

    values = {"data": data_paths(), "kiosk": True, "audio": False, "seed": 7}
    values.update(overrides)
    app = make_app(AppConfig(**values))
    app.animation_level = "none"
    return app


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")) if folder.exists() else []


async def settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


async def start_visit(pilot, app) -> None:
    assert app.current_mode == "attract"
    await pilot.press("space")
    await settle(pilot)
    assert app.current_mode == "map" and app.visiting


async def answer_first_question(pilot, app, quiz_id: str = "wake-word") -> None:
    app.open_quiz(quiz_id)
    await settle(pilot)
    screen = app.screen
    question = screen.session.current
    answer = correct_answer(question)
    if question.type in ("single", "truefalse", "spot", "multi"):
        screen.widget.chosen = set(answer) if isinstance(answer, list) else {answer}
    elif question.type == "ordering":
        screen.widget.items = list(answer)
    elif question.type == "matching":
        screen.widget.placed = dict(answer)
    else:
        from textual.widgets import Input

        screen.widget.query_one(Input).value = str(answer)
    await pilot.press("enter")
    await settle(pilot)
    assert question.id in app.progress.answers


@pytest.mark.real_lab
@pytest.mark.cold_cache  # nothing in the cache folder beforehand: the visit must not make one
async def test_a_kiosk_visit_writes_no_file(private_temp: Path, no_sound, _isolated_data: Path) -> None:
    data, cache = data_paths().data_dir, data_paths().cache_dir
    app = kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "AttractScreen"
        assert "Press any key to start" in str(app.screen.query_one("#attract-prompt").render())
        await start_visit(pilot, app)
        await pilot.press("enter")  # the map's first choice: the short tour's first station
        await settle(pilot)
        assert app.current_mode == "lesson" and app.screen.short_tour
        await pilot.press("right")
        await settle(pilot)
        assert app.progress.tour_seen, "reading a page of the tour is recorded (in memory)"
        await answer_first_question(pilot, app)
        app.open_reviewer()
        await settle(pilot)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        for _ in range(200):  # the clip's audio is prepared in a thread
            await pilot.pause(0.02)
            if app.screen.query_one("#reviewer-panes").current in ("reviewer-work", "reviewer-gate"):
                break
        app.save_progress()
        await settle(pilot)
        app.open_lab()  # the voice lab: a recorded clip through the whole pipeline, into the history
        await settle(pilot)
        lab = app.screen
        lab.query_one("#lab-clip").value = next(value for _label, value in clip_options(app.course.clips) if value)
        await settle(pilot)
        lab.action_run()
        for _ in range(1500):
            await pilot.pause(0.02)
            if not lab.running:
                break
        assert app.scratch is not None and app.scratch.root.parent == private_temp
        assert app.config.data.history_db.is_file(), "the lab's history lives in the scratch folder"
        app.open_map()
        await settle(pilot)
        await app.show_attract()  # the next visitor must not find this one's voice history
        await settle(pilot)
        assert not app.config.data.history_db.exists()
        assert data_paths().data_dir == app.config.data.data_dir  # even code that skips app.config
        app.end_kiosk()
    assert not data.exists(), files_under(data)
    assert not cache.exists(), files_under(cache)
    assert files_under(private_temp) == [], "the session's scratch folder must be removed"
    assert data_paths().data_dir == data, "the environment is put back when the kiosk ends"
    assert tempfile.gettempdir() == str(private_temp)


async def test_idle_kiosk_goes_back_to_the_welcome_screen_and_forgets_the_visitor() -> None:
    clock = FakeClock()  # idle time passes when the test says so, however busy the machine is
    app = kiosk(idle_minutes=1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.idle_policy.clock = clock
        await start_visit(pilot, app)
        app.open_station("wake-word")
        await settle(pilot)
        lesson = app.screen
        app.progress.mark_page_read("wake-word/listening-for-one-word")
        app.save_progress()
        clock.now += 61
        app.check_visitor_idle()  # what the kiosk's idle timer calls every few seconds
        for _ in range(500):  # the reset runs in a worker (no fixed sleep: poll the state)
            await pilot.pause(0.02)
            if app.current_mode == "attract":
                break
        await settle(pilot)
        assert app.current_mode == "attract" and type(app.screen).__name__ == "AttractScreen"
        assert not app.visiting
        assert app.progress.pages_read == set() and app.progress.last == {}
        app.idle_policy.minutes = 3  # the next visitor takes their time
        await start_visit(pilot, app)
        app.open_station("wake-word")
        await settle(pilot)
        assert app.screen is not lesson, "every mode is rebuilt for the next visitor"
        assert app.screen.walk.station.id == "wake-word"


async def test_idle_policy_decides_with_a_fake_clock() -> None:
    clock = FakeClock()
    app = kiosk(idle_minutes=3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.idle_policy.clock = clock
        await start_visit(pilot, app)
        app.idle_policy.touch()
        clock.now += 179
        app.check_visitor_idle()
        await settle(pilot)
        assert app.current_mode == "map"
        await pilot.press("down")  # any key counts as activity
        clock.now += 179
        app.check_visitor_idle()
        await settle(pilot)
        assert app.current_mode == "map"
        clock.now += 181
        app.check_visitor_idle()
        await settle(pilot, 5)
        assert app.current_mode == "attract"


async def test_host_sees_anonymous_tallies_and_can_end_the_kiosk() -> None:
    app = kiosk(host_code="1357")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_visit(pilot, app)  # visitor 1: a station and a quiz answer
        app.open_station("wake-word")
        await settle(pilot)
        await answer_first_question(pilot, app)
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert type(app.screen).__name__ == "HostCodeScreen"
        await pilot.press("0", "0", "0", "0")  # wrong code
        await settle(pilot)
        assert type(app.screen).__name__ == "HostCodeScreen"
        await pilot.press("1", "3", "5", "7")
        await settle(pilot)
        assert type(app.screen).__name__ == "HostPanelScreen"
        await pilot.press("r")  # welcome screen for the next visitor
        await settle(pilot, 5)
        assert app.current_mode == "attract"
        await start_visit(pilot, app)  # visitor 2: only looks at the map
        assert app.tallies.visitors == 2
        await pilot.press("ctrl+k", "1", "3", "5", "7")
        await settle(pilot)
        panel = app.screen
        assert type(panel).__name__ == "HostPanelScreen"
        text = screen_text(app)
        assert "Visitors today: 2" in text
        assert "Right first time" in text and "In the end" in text
        assert "100%" in text  # visitor 1 answered one question correctly, at the first try
        summary = app.tallies.summary(app.course)
        assert summary.stations["wake-word"] == 1 and summary.quizzes["wake-word"].attempts == 1
        assert summary.quizzes["wake-word"].average_first == 1.0
        await pilot.press("x")
        await settle(pilot)
    assert app.return_code in (0, None)


async def test_visitors_cannot_quit_and_keys_on_the_welcome_screen_only_start() -> None:
    app = kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # would be "back to the map" elsewhere
        await settle(pilot)
        assert app.visiting and app.current_mode == "map"
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and app.current_mode == "map"
        await pilot.press("question_mark")  # the app's own keys still work during a visit
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Quit" not in titles and "Theme" in titles
        app.deliver_screenshot()  # e.g. from a stray key binding: still writes nothing
        app.end_kiosk()


def test_idle_policy_and_settings_rules() -> None:
    clock = FakeClock()
    policy = IdlePolicy(0.02, clock=clock)
    assert policy.seconds == pytest.approx(1.2) and not policy.expired()
    clock.now += 1.3
    assert policy.expired()
    policy.touch()
    assert not policy.expired()
    assert idle_minutes(0) == idle_minutes(-1) == idle_minutes(float("nan")) == 3.0
    assert valid_host_code("12a4") == valid_host_code(None) == DEFAULT_HOST_CODE
    assert valid_host_code(" 0420 ") == "0420"


def test_tallies_are_per_day_and_count_visits() -> None:
    from explainer.course.load import load_course
    from explainer.paths import packaged_content_dir

    course = load_course(packaged_content_dir())
    today = [date(2026, 5, 1)]
    tallies = DayTallies(day=today[0], today=lambda: today[0])
    progress = Progress()
    progress.mark_page_read(course.stations[0].pages[0].id)
    tallies.start_visit()
    tallies.end_visit(course, progress)
    tallies.start_visit()
    tallies.end_visit(course, Progress())
    live = tallies.summary(course, current=progress)
    assert tallies.visitors == 2 and tallies.stations[course.stations[0].id] == 1
    assert live.stations[course.stations[0].id] == 2  # the visitor at the kiosk now is included...
    assert tallies.stations[course.stations[0].id] == 1  # ...without changing the day's counts
    today[0] = date(2026, 5, 2)
    tallies.start_visit()  # the next day
    assert tallies.visitors == 1 and not tallies.stations


def test_help_names_the_kiosk_options() -> None:
    from explainer.cli import build_parser

    text = " ".join(build_parser().format_help().split())
    assert "--kiosk" in text and "--idle-minutes" in text
    assert "--host-code" in text and f"default {DEFAULT_HOST_CODE}" in text


async def test_welcome_screen_holds_still_with_reduced_motion() -> None:
    from explainer.learning.settings import Settings
    from explainer.tui.screens.kiosk_attract import attract_hints

    app = kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        moving = app.screen
        assert moving._timer is not None  # the hint changes now and then
        app.apply_settings(Settings(reduced_motion=True), save=False)
        app._startup.settings = app.settings  # as if the host had set it before opening the kiosk
        await start_visit(pilot, app)
        await app.show_attract()
        await settle(pilot)
        still = app.screen
        assert type(still).__name__ == "AttractScreen" and still._timer is None
        shown = str(still.query_one("#attract-hint").render())
        assert all(hint.split()[0] in shown for hint in attract_hints())  # every hint at once, nothing moves
        app.end_kiosk()


def test_a_bad_host_code_warns_and_uses_the_default(capsys) -> None:
    app = kiosk(host_code="12x")
    assert app.config.host_code == DEFAULT_HOST_CODE
    assert "host code must be four digits" in capsys.readouterr().err
    app.scratch.remove()
