"""Unit tests of the journey: what "done" means, what is left, and where Continue goes."""

from __future__ import annotations

import dataclasses

import pytest

from explainer.course.model import Course, Page, Question
from explainer.learning.journey import Journey, StationLeft, Step, tour_key
from explainer.learning.progress import Progress
from tests.builders import make_course


def course_with_extras() -> Course:
    """The shell course, each station with a notes page, plus a final quiz and a pre/post question."""
    base = make_course()
    stations = []
    for station in base.stations:
        notes = Page(f"{station.id}/notes", station.id, "notes", "Notes", "A note [@test-source].", kind="notes")
        stations.append(dataclasses.replace(station, pages=(*station.pages, notes)))
    question = stations[0].questions[0]
    prepost = dataclasses.replace(question, id="pp-1", prepost=True)
    stations[0] = dataclasses.replace(stations[0], questions=(question, prepost))
    final = tuple(dataclasses.replace(question, id=f"final-{n}", station_id="final") for n in range(3))
    return dataclasses.replace(base, stations=tuple(stations), final_quiz=final)


def answer(progress: Progress, question: Question | str, quiz: str = "") -> None:
    qid = question if isinstance(question, str) else question.id
    entry = {"correct": True, "tries": 1}
    if quiz in ("pre", "post"):
        progress.section("prepost").setdefault(quiz, {})[qid] = entry
    else:
        progress.answers[qid] = entry


def finish_station(progress: Progress, course: Course, index: int) -> None:
    station = course.stations[index]
    for page in station.pages:
        if page.kind != "notes":
            progress.mark_page_read(page.id)
    progress.mark_model_seen(station.id)
    for question in station.questions:
        answer(progress, question)


def test_a_fresh_learner_starts_at_station_one_page_one() -> None:
    course = course_with_extras()
    journey = Journey(course, Progress())
    assert journey.untouched
    assert journey.next_step() == Step("page", "wake-word", page_slug="first")
    assert journey.station_state(course.stations[0]) == "not started"
    assert journey.describe(journey.next_step()) == "1. The wake word · page 1 of 4"


def test_notes_pages_are_not_required_and_opening_the_model_counts() -> None:
    course = course_with_extras()
    station = course.stations[1]
    progress = Progress()
    for page in station.pages[:2]:
        progress.mark_page_read(page.id)
    journey = Journey(course, progress)
    assert journey.station_left(station) == StationLeft((), True, 1, 1)
    assert journey.station_left(station).words() == "model · quiz"
    progress.mark_model_seen(station.id)
    answer(progress, station.questions[0])
    assert journey.station_state(station) == "done"


def test_a_model_tried_in_an_older_file_counts_as_seen() -> None:
    course = course_with_extras()
    progress = Progress(models_tried={"wake-word"})
    assert not Journey(course, progress).station_left(course.stations[0]).model


def test_what_is_left_in_words() -> None:
    assert StationLeft(("a", "b"), False, 1, 1).words() == "2 pages · quiz"
    assert StationLeft(("a",), True, 0, 1).words() == "1 page · model"
    assert StationLeft((), False, 1, 3).words() == "quiz: 1 left"
    assert StationLeft((), False, 2, 3).words() == "quiz: 2 left"
    assert StationLeft((), False, 0, 3).words() == ""


def test_following_try_it_to_the_model_first_does_not_strand_the_station() -> None:
    """Page 1 says "press m": the model is opened before pages 2..n; Continue still reads them."""
    course = course_with_extras()
    station = course.stations[0]
    progress = Progress()
    progress.mark_page_read(station.pages[0].id)
    progress.mark_model_seen(station.id)
    progress.last = {"mode": "lesson", "station": station.id, "page": "model"}
    journey = Journey(course, progress)
    assert journey.next_step() == Step("page", station.id, page_slug="second")
    progress.mark_page_read(station.pages[1].id)
    assert journey.next_step() == Step("quiz", station.id, quiz_id=station.id, question=0)


def test_continue_after_quitting_mid_quiz_reopens_that_question() -> None:
    course = course_with_extras()
    progress = Progress()
    finish_station(progress, course, 0)
    station = course.stations[0]
    del progress.answers[station.questions[1].id]
    progress.last = {"mode": "quiz", "quiz": station.id}
    journey = Journey(course, progress)
    assert journey.next_step() == Step("quiz", station.id, quiz_id=station.id, question=1)
    assert journey.describe(journey.next_step()) == "Quiz: 1. The wake word · question 2 of 2"


def test_a_quiz_left_part_way_wins_over_unread_pages_elsewhere() -> None:
    course = course_with_extras()
    progress = Progress()
    answer(progress, "final-0")
    progress.last = {"mode": "quiz", "quiz": "final"}
    assert Journey(course, progress).next_step() == Step("quiz", quiz_id="final", question=1)


def test_a_quiz_opened_and_left_untouched_does_not_hold_continue() -> None:
    course = course_with_extras()
    progress = Progress(last={"mode": "quiz", "quiz": "final"})
    assert Journey(course, progress).next_step().kind == "page"


def test_tries_spent_on_the_first_question_count_as_started() -> None:
    course = course_with_extras()
    progress = Progress(last={"mode": "quiz", "quiz": "final"})
    # one try spent on the first question (kept in the attempt log since progress version 2)
    progress.attempts["final-0"] = [{"quiz": "final", "round": 1, "try": 1, "given": "x", "correct": False,
                                     "score": 0.0, "confidence": None, "at": "", "final": False}]
    assert Journey(course, progress).next_step() == Step("quiz", quiz_id="final", question=0)


def test_the_path_goes_on_from_the_current_station_then_wraps_to_skipped_ones() -> None:
    course = course_with_extras()
    progress = Progress()
    for index in range(4, 9):
        finish_station(progress, course, index)
    progress.last = {"mode": "lesson", "station": course.stations[4].id, "page": "first"}
    journey = Journey(course, progress)
    assert journey.next_step() == Step("page", course.stations[0].id, page_slug="first")
    finish_station(progress, course, 0)
    progress.last = {"mode": "lesson", "station": course.stations[0].id, "page": "model"}
    assert journey.next_step().station_id == course.stations[1].id


def test_after_the_stations_the_final_quiz_then_the_post_check_then_the_ending() -> None:
    course = course_with_extras()
    progress = Progress()
    for index in range(9):
        finish_station(progress, course, index)
    journey = Journey(course, progress)
    assert journey.stations_done() == 9
    assert journey.next_step() == Step("quiz", quiz_id="final", question=0)
    for n in range(3):
        answer(progress, f"final-{n}")
    assert journey.next_step() == Step("ending")  # no pre-check taken: nothing for a post-check to compare
    assert journey.finished
    answer(progress, "pp-1", quiz="pre")
    assert journey.next_step() == Step("quiz", quiz_id="post", question=0)
    assert journey.describe(journey.next_step()) == "The post-check"
    answer(progress, "pp-1", quiz="post")
    assert journey.next_step() == Step("ending")


def test_a_stale_last_place_is_ignored() -> None:
    course = course_with_extras()
    progress = Progress(last={"mode": "quiz", "quiz": "gone", "station": "no-such"})
    assert Journey(course, progress).next_step() == Step("page", "wake-word", page_slug="first")
    progress.last = "garbage"  # type: ignore[assignment]
    assert Journey(course, progress).next_step().kind == "page"


def test_the_short_tour_is_its_own_path_and_leaves_stations_untouched() -> None:
    course = course_with_extras()
    progress = Progress()
    journey = Journey(course, progress)
    steps = journey.tour_steps()
    assert len(steps) == 18  # the first page (none is marked short_tour) and the model, nine times
    assert journey.tour_next() == Step("page", "wake-word", page_slug="first", tour=True)
    for step in steps[:5]:
        progress.mark_tour_step(tour_key(step))
    progress.last = {"mode": "lesson", "station": steps[4].station_id, "page": "first", "tour": True}
    assert journey.tour_next() == steps[5]
    assert journey.tour_stations_done() == 2
    for step in steps:
        progress.mark_tour_step(tour_key(step))
    assert journey.tour_done and journey.tour_next() == Step("tour-end", tour=True)
    assert set(journey.states().values()) == {"not started"}
    assert journey.stations_done() == 0
    assert not journey.untouched


@pytest.mark.parametrize("kind", ["page", "model"])
def test_tour_keys(kind: str) -> None:
    step = Step(kind, "wake-word", page_slug="first" if kind == "page" else "", tour=True)
    assert tour_key(step) == ("wake-word/first" if kind == "page" else "wake-word/model")


def test_a_station_with_no_quiz_or_model_is_done_when_read() -> None:
    course = course_with_extras()
    bare = dataclasses.replace(course.stations[0], model="", questions=())
    course = dataclasses.replace(course, stations=(bare, *course.stations[1:]))
    progress = Progress()
    journey = Journey(course, progress)
    for page in bare.pages[:2]:
        progress.mark_page_read(page.id)
    assert journey.station_state(bare) == "done"


def test_the_tour_does_not_move_the_journey() -> None:
    course = course_with_extras()
    progress = Progress(last={"mode": "lesson", "station": "your-controls", "page": "model", "tour": True})
    progress.mark_tour_step("your-controls/model")
    assert Journey(course, progress).next_step() == Step("page", "wake-word", page_slug="first")
