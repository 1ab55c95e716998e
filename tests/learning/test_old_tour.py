"""A short tour taken with an older version of the app is recognised and kept as a tour.

``data/progress-v1-tour.json`` is a real file: the app as it was before the tour had its own
record (commit 7d00360's parent) was started on an empty data folder in tmux at 80x24, and
the short tour was followed through all nine stations by its own prompts (n, then 1 "Next
station"; station 4's model field took one "n", as it did then). Loaded by today's app it
showed every station "◐ in progress", the tour not done, and Continue on station 9 page 2.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from explainer.course.load import load_course
from explainer.learning.journey import Journey, Step
from explainer.learning.old_tour import adopt_old_tour
from explainer.learning.progress_store import ProgressStore
from explainer.paths import packaged_content_dir

OLD_TOUR = Path(__file__).parent / "data" / "progress-v1-tour.json"
V1 = Path(__file__).parent / "data" / "progress-v1.json"


@pytest.fixture(scope="module")
def course():
    return load_course(packaged_content_dir())


def _load(tmp_path: Path, source: Path = OLD_TOUR, data: dict | None = None):
    target = tmp_path / "progress.json"
    if data is None:
        shutil.copy(source, target)
    else:
        target.write_text(json.dumps(data), encoding="utf-8")
    store = ProgressStore(target)
    return store, store.load().progress


def test_before_the_fix_the_old_tour_left_every_station_part_read(course, tmp_path):
    _store, progress = _load(tmp_path)
    assert progress.before_tour_record
    journey = Journey(course, progress)
    assert set(journey.states().values()) == {"in progress"}
    assert not journey.tour_done
    assert journey.next_step() == Step("page", "your-controls", page_slug=course.stations[-1].pages[1].slug)


def test_the_old_tour_becomes_the_tours_own_record(course, tmp_path):
    store, progress = _load(tmp_path)
    answers, tried = dict(progress.answers), set(progress.models_tried)
    assert adopt_old_tour(course, progress)
    journey = Journey(course, progress)
    assert journey.tour_done and journey.tour_stations_done() == 9
    states = journey.states()
    assert states.pop("understanding") == "in progress"  # its model was played with: that stays tried
    assert set(states.values()) == {"not started"}
    assert journey.stations_done() == 0 and progress.pages_read == set()
    first = course.stations[0]
    assert journey.next_step() == Step("page", first.id, page_slug=first.pages[0].slug)  # the journey from the start
    assert progress.last["tour"] is True and progress.last["station"] == "your-controls"
    assert progress.answers == answers and progress.models_tried == tried

    # written once, replacing the file: a later load (and a save's merge) does not bring the pages back
    assert store.save(progress, replace=True).ok
    again = store.load().progress
    assert not again.before_tour_record and again.pages_read == set() and again.tour_seen == progress.tour_seen
    assert not adopt_old_tour(course, again)
    store.save(again)
    assert store.load().progress.pages_read == set()


def test_where_the_old_tour_stopped_on_a_page_its_model_is_not_counted(course, tmp_path):
    data = json.loads(OLD_TOUR.read_text(encoding="utf-8"))
    last_page = course.stations[-1].pages[0]
    data["last"] = {"mode": "lesson", "station": "your-controls", "page": last_page.slug}
    _store, progress = _load(tmp_path, data=data)
    assert adopt_old_tour(course, progress)
    journey = Journey(course, progress)
    assert journey.tour_stations_done() == 8 and not journey.tour_done
    assert journey.tour_next() == Step("model", "your-controls", tour=True)


def test_old_files_of_the_journey_are_left_as_they_were(course, tmp_path):
    data = json.loads(OLD_TOUR.read_text(encoding="utf-8"))
    first = course.stations[0]
    data["pages_read"] = [first.pages[0].id, first.pages[1].id, course.stations[1].pages[0].id]
    data["last"] = {"mode": "lesson", "station": first.id, "page": first.pages[1].slug}
    _store, progress = _load(tmp_path, data=data)
    assert not adopt_old_tour(course, progress)  # a page that is not a tour page: the journey
    assert progress.pages_read == set(data["pages_read"]) and not progress.tour_seen

    data["pages_read"] = [first.pages[0].id]  # one station's first page: nothing says it was a tour
    _store, progress = _load(tmp_path, data=data)
    assert not adopt_old_tour(course, progress)

    _store, progress = _load(tmp_path, source=V1)  # written after the tour had its record
    assert not progress.before_tour_record and not adopt_old_tour(course, progress)
