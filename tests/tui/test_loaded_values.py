"""The app under hostile-but-valid progress and settings files (issue 15).

Reproductions first: a well-formed file with ``"last": {"mode": "quiz", "quiz": ["final"]}``
(or a dict there) stopped the app at every start; ``"sections": {"checklist": {"ticked": 5}}``
crashed when station 9's model opened. Then a fuzz test: progress files drawn from the progress
schema with hostile inner values, and for each the app starts and visits every mode once (map,
a lesson, station 9's model, a station quiz, the final quiz, the pre-check, results, the
reviewer seat, the lab, the course ending, the tour's end, then Continue) with no traceback and at most one notice about the file.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.learning.progress import FORMAT, VERSION
from explainer.learning.settings import FORMAT as SETTINGS_FORMAT
from explainer.tui.screens.map import MapScreen
from tests.learning.test_schema_fuzz import progress_files
from tests.pilot import notices_shown


def _notices(app) -> list[str]:
    return notices_shown(app)  # what the learner was shown


async def _visit_every_mode(app, pilot) -> None:
    steps = [
        lambda: app.open_station(app.course.stations[0].id),
        lambda: app.open_station("your-controls", "model"),
        lambda: app.open_quiz(app.course.stations[0].id),
        lambda: app.open_quiz("final"),
        lambda: app.open_quiz("pre"),
        app.open_results,
        app.open_reviewer,
        app.open_lab,
        app.open_map,
        app.open_course_ending,
        app.open_map,
        app.open_tour_end,
        app.open_map,
    ]
    for step in steps:
        step()
        await pilot.pause()
        await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("c")  # Continue: wherever the repaired journey says
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("quiz", [["final"], {"id": "final"}])
async def test_last_quiz_not_an_id_starts_on_the_map(app, app_config, quiz):
    paths = app_config().data
    paths.data_dir.mkdir(parents=True)
    paths.progress_file.write_text(json.dumps({"format": FORMAT, "version": VERSION, "last": {"mode": "quiz", "quiz": quiz}}))
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(made.screen, MapScreen)
        assert sum("last.quiz" in n for n in _notices(made)) == 1
        await pilot.press("c")  # Continue goes somewhere real
        await pilot.pause()
    assert made.return_code in (None, 0)


async def test_checklist_ticked_not_a_list_opens_station_9(app, app_config):
    paths = app_config().data
    paths.data_dir.mkdir(parents=True)
    paths.progress_file.write_text(json.dumps({"format": FORMAT, "version": VERSION, "sections": {"checklist": {"ticked": 5}}}))
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        made.open_station("your-controls", "model")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("space")  # tick the first item: it saves
        await pilot.pause()
        await made.workers.wait_for_complete()
    saved = json.loads(paths.progress_file.read_text())
    assert isinstance(saved["sections"]["checklist"]["ticked"], list)


async def test_settings_of_the_wrong_kind_fall_back_with_one_notice(app, app_config):
    paths = app_config().data
    paths.data_dir.mkdir(parents=True)
    paths.settings_file.write_text(json.dumps({"format": SETTINGS_FORMAT, "version": 1, "theme": ["x"], "narration": "yes"}))
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert made.settings.narration is False
        assert sum("settings" in n.lower() for n in _notices(made)) == 1


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=progress_files(), size=st.sampled_from([(80, 24), (120, 40)]))
async def test_hostile_progress_every_mode_first_visit(app, app_config, data, size):
    paths = app_config().data
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    paths.progress_file.write_text(json.dumps(data))
    made = app()
    async with made.run_test(size=size) as pilot:
        await pilot.pause()
        file_notices = [n for n in _notices(made) if "progress file" in n]
        assert len(file_notices) <= 1
        await _visit_every_mode(made, pilot)
        await made.workers.wait_for_complete()
    assert made.return_code in (None, 0)
