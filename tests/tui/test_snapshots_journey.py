"""Snapshot tests of the learner's path at 80x24 (issue 12): a lesson page, every station's model,
a quiz question, a quiz's end, a station's recap and the course ending.

Review any change with ``uv run pytest tests/tui/test_snapshots_journey.py --snapshot-report``
and only then update with ``--snapshot-update``. The lesson, quiz and endings run over the test
course (``tests.builders``); the models read the packaged ``model.toml`` files, as in the app.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from explainer.course.model import Page
from explainer.learning.journey import Journey
from tests.builders import make_course
from tests.pilot import wait_until

SIZE = (80, 24)
RECAP = """- The speaker listens for its {wake word} on the device [@amazon-faq].
- Nothing is uploaded before a match, by the maker's account [@avs-req].
- A second check happens in the cloud [@avs-req].
"""


def course_with_recaps(**changes):
    course = make_course(**changes)
    stations = tuple(
        replace(s, recap=Page(f"{s.id}/recap", s.id, "recap", "What you now know", RECAP, kind="recap",
                              citations=("amazon-faq", "avs-req"), terms=("wake-word",)))
        for s in course.stations
    )
    return replace(course, stations=stations)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def test_lesson_page(snap_compare, app):
    made = app(course=course_with_recaps())

    async def run_before(pilot) -> None:
        made.open_station("wake-word")
        await wait_until(pilot, lambda: made.current_mode == "lesson" and bool(made.screen.query("#page-view")),
                         "the page")
        await settle(pilot)

    assert snap_compare(made, terminal_size=SIZE, run_before=run_before)


MODEL_STATIONS = ["wake-word", "listening-window", "cloud-check", "understanding", "kept-on-file",
                  "sampled-for-review", "reviewer-seat", "the-2019-disclosures", "your-controls"]


@pytest.mark.parametrize("station_id", MODEL_STATIONS)
def test_model_page(snap_compare, app, station_id):
    made = app(course=course_with_recaps())

    async def run_before(pilot) -> None:
        made.open_station(station_id, made.course.station(station_id).pages[0].slug)
        await wait_until(pilot, lambda: made.current_mode == "lesson" and bool(made.screen.query("#page-view")),
                         "the page")
        await pilot.press("m")  # as the page says: a detour, so the header says n goes on to page 2
        await wait_until(pilot, lambda: made.screen.at_model and bool(made.screen.query(".station-model")),
                         "the model")
        await settle(pilot)

    assert snap_compare(made, terminal_size=SIZE, run_before=run_before)


def test_station_recap(snap_compare, app):
    made = app(course=course_with_recaps())

    async def run_before(pilot) -> None:
        made.open_station("cloud-check", "model")
        await wait_until(pilot, lambda: made.current_mode == "lesson" and made.screen.at_model, "the model")
        await settle(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: type(made.screen).__name__ == "StationEndDialog", "the station's end")
        await settle(pilot)

    assert snap_compare(made, terminal_size=SIZE, run_before=run_before)


def test_quiz_question(snap_compare, app):
    made = app(course=make_course(quiz=True))

    async def run_before(pilot) -> None:
        made.open_quiz("wake-word")
        await wait_until(pilot, lambda: made.current_mode == "quiz" and made.screen.widget is not None, "a question")
        await settle(pilot)

    assert snap_compare(made, terminal_size=SIZE, run_before=run_before)


def test_quiz_end(snap_compare, app):
    course = make_course()
    made = app(course=course)
    first = course.stations[0]
    for page in first.pages:
        made.progress.mark_page_read(page.id)
    made.progress.mark_model_seen(first.id)
    question = first.questions[0]
    made.progress.answers[question.id] = {"correct": True, "tries": 1, "quiz": first.id,
                                          "at": "2026-01-01T00:00:00+00:00", "first_try": True}
    made.progress.attempts[question.id] = [{"quiz": first.id, "round": 1, "try": 1, "given": "true", "correct": True,
                                            "score": 1.0, "at": "2026-01-01T00:00:00+00:00", "final": True}]

    async def run_before(pilot) -> None:
        made.open_quiz(first.id)
        await wait_until(pilot, lambda: made.current_mode == "quiz" and made.screen.session is not None
                         and made.screen.session.done, "the quiz's end")
        await settle(pilot)

    assert snap_compare(made, terminal_size=SIZE, run_before=run_before)


def test_course_ending(snap_compare, app):
    course = make_course()
    made = app(course=course)
    progress = made.progress
    for station in course.stations:
        for page in station.pages:
            progress.mark_page_read(page.id)
        progress.mark_model_seen(station.id)
        for question in station.questions:
            progress.answers[question.id] = {"correct": True, "tries": 1 if station.id != "cloud-check" else 2}
    progress.section("reviewer")["summary"] = {"clips_done": 6, "seconds_per_clip": 41.3, "started_at": "x"}
    assert Journey(course, progress).finished

    async def run_before(pilot) -> None:
        await pilot.press("c")
        await wait_until(pilot, lambda: type(made.screen).__name__ == "CourseEndScreen", "the course ending")
        await settle(pilot)

    assert snap_compare(made, terminal_size=SIZE, run_before=run_before)
