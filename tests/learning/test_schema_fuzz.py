"""Hostile-but-valid progress files, drawn from the progress file's own shapes.

Every value is JSON of a well-formed file, so the old "is it JSON?" check let it through;
some inner values are of the wrong kind. Loading must repair them with one notice, and then
everything that reads progress without a screen must work on the result: the journey (where
Continue goes, the tour), every quiz's session, the results and their export in all three
formats, the course ending and certificate, the reviewer's saved shift and its export, the
kiosk's tally -- and what is saved must load back with nothing left to repair.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.course.load import load_course
from explainer.learning import schema
from explainer.learning.progress import FORMAT, VERSION, Progress
from explainer.learning.progress_schema import PROGRESS
from explainer.learning.progress_store import ProgressStore
from explainer.paths import packaged_content_dir
from tests.schema_strategies import course_ids, fitting

COURSE = load_course(packaged_content_dir())
IDS = course_ids(COURSE)


def progress_files() -> st.SearchStrategy[dict]:
    return st.builds(
        lambda body, version: {**body, "format": FORMAT, "version": version},  # type: ignore[arg-type]
        fitting(PROGRESS, IDS), st.sampled_from([1, VERSION]),
    )


def _use_everything(progress: Progress) -> None:
    from explainer.classroom.export import build_payload, to_csv, to_json, to_markdown
    from explainer.classroom.kiosk import DayTallies, add_visit
    from explainer.learning import course_summary, journey, shift_export, shift_store
    from explainer.learning.quiz_session import QuizSession

    path = journey.Journey(COURSE, progress)
    path.next_step()
    assert isinstance(path.finished, bool) and isinstance(path.untouched, bool)
    for step in path.tour_steps():
        path.tour_seen(step)
    for quiz_id in ["pre", "post", "final", *(s.id for s in COURSE.stations if s.questions)]:
        session = QuizSession(COURSE, quiz_id, progress, seed=None)
        assert session.correct_count <= len(session.questions)
    payload = build_payload(COURSE, progress, "fuzz")
    for render in (to_json, to_csv, to_markdown):
        assert isinstance(render(payload), str)
    summary = course_summary.summarize(COURSE, progress, "fuzz")
    course_summary.certificate_markdown(summary)
    course_summary.certificate_html(summary)
    shift_store.load_shift(progress.section("reviewer"), COURSE)
    shift_export.export_section(COURSE, progress)
    add_visit(DayTallies(), COURSE, progress)


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(progress_files())
def test_hostile_but_valid_progress_loads_and_is_usable(data: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.json"
        raw = json.dumps(data)
        path.write_text(raw)
        loaded = ProgressStore(path).load()
        assert loaded.notice is None or "\n" not in loaded.notice
        _use_everything(loaded.progress)
        assert ProgressStore(path).save(loaded.progress).ok
        again = ProgressStore(path).load()
        assert again.notice is None, again.notice  # what the app writes always fits its own shapes
        _, problems = schema.conform(PROGRESS, json.loads(path.read_text()))
        assert problems == []


@pytest.mark.parametrize("last", [{"mode": "quiz", "quiz": ["final"]}, {"mode": "quiz", "quiz": {"a": 1}}])
def test_issue_15_last_quiz_not_an_id(tmp_path: Path, last: dict) -> None:
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "pages_read": ["wake-word/x"], "last": last}))
    loaded = ProgressStore(path).load()
    assert loaded.progress.last == {"mode": "quiz"} and loaded.progress.pages_read == {"wake-word/x"}
    assert loaded.notice and "last.quiz" in loaded.notice and "everything else is kept" in loaded.notice
    kept = list(tmp_path.glob("progress.json.repaired-*"))
    assert len(kept) == 1 and json.loads(kept[0].read_text())["last"] == last
    assert json.loads(path.read_text())["last"] == {"mode": "quiz"}  # repaired on disk at once
    assert ProgressStore(path).load().notice is None  # so the next start says nothing
    _use_everything(loaded.progress)


def test_issue_15_checklist_ticked_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "sections": {"checklist": {"ticked": 5}}}))
    loaded = ProgressStore(path).load()
    assert loaded.progress.sections == {"checklist": {}}
    assert loaded.notice and "sections.checklist.ticked" in loaded.notice


def test_numbers_that_overflow_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    shift = json.dumps({"version": 1, "clip_ids": ["c1"], "seed": 1e400, "active_seconds": 1e400})
    body = json.dumps({"format": FORMAT, "version": 2, "sections": {"lab": {"traces": 1e400},
                                                                   "reviewer": {"current": "s", "shifts": {"s": "SHIFT"}}}})
    path.write_text(body.replace('"SHIFT"', shift).replace("Infinity", "1e400"))
    loaded = ProgressStore(path).load()
    assert "traces" not in loaded.progress.sections["lab"]
    assert "seed" not in loaded.progress.sections["reviewer"]["shifts"]["s"]
    _use_everything(loaded.progress)
