"""The shift: choosing clips, the active clock, pace, resume through progress, and the debrief."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from explainer.learning.shift import REPORTED_SECONDS_PER_CLIP, Shift, choose_clips
from explainer.learning.shift_debrief import AMAZON_STATEMENT, build_debrief
from explainer.learning.shift_score import Answer
from explainer.learning.shift_store import export_summary, load_shift, new_shift, save_shift
from tests.builders import make_course
from tests.reviewer_fixtures import FakeClock


def test_reported_pace_is_32_4_seconds():
    assert REPORTED_SECONDS_PER_CLIP == 32.4


def test_choose_clips_is_seeded_varied_and_keeps_distress_opt_in():
    course = make_course()
    first = choose_clips(course.clips, seed=7)
    assert first == choose_clips(course.clips, seed=7)
    assert len(first) == 6 and len(set(first)) == 6
    assert "d-1" not in first
    kinds = {course.clip(c).kind for c in first}
    assert {"command", "false-wake", "overheard", "child", "hard"} <= kinds
    with_distress = choose_clips(course.clips, seed=7, include_distress=True)
    assert len(with_distress) == 6 and with_distress[-1] == "d-1"


def test_active_clock_pace_and_projection():
    course, clock = make_course(), FakeClock()
    shift = Shift(
        ["r-1", "o-3"], seed=1, clock=clock, wall_clock=lambda: "2026-01-01T00:00:00+00:00"
    )
    shift.resume_clock()
    shift.begin_clip()
    clock.advance(60)
    score = shift.submit(course.clip("r-1"), Answer("turn on a kitchen light", "HassTurnOn"))
    assert score.wer == 0.2
    shift.pause_clock()
    clock.advance(1000)  # away from the seat: does not count
    shift.resume_clock()
    clock.advance(30)
    shift.submit(course.clip("o-3"), Answer("set a timer for five minutes", "SetTimer"))
    pace = shift.pace()
    assert pace.clips_done == 2 and pace.active_seconds == 90
    assert pace.seconds_per_clip == 45 and pace.clips_per_hour == 80
    assert pace.projected_per_shift == 720 and abs(pace.share_of_reported - 0.72) < 1e-9
    assert shift.finished and shift.current_clip_id is None


def test_submitting_out_of_order_is_refused():
    course = make_course()
    shift = Shift(["r-1", "o-3"], seed=1, clock=FakeClock())
    try:
        shift.submit(course.clip("o-3"), Answer("x"))
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError


def test_shift_resumes_through_progress_json():
    course, clock = make_course(), FakeClock()
    section: dict = {}
    shift = new_shift(course, seed=3, clock=clock)
    shift.resume_clock()
    first = shift.current_clip_id
    clock.advance(20)
    shift.submit(course.clip(first), Answer("hello"))
    clock.advance(5)  # half-way through the second clip when the learner quits
    shift.pause_clock()
    save_shift(section, shift, course)
    section = json.loads(json.dumps(section))  # what the progress file holds

    later = FakeClock()
    again, notice = load_shift(section, course, clock=later)
    assert notice is None and again is not None
    assert again.clip_ids == shift.clip_ids and again.records.keys() == {first}
    assert again.current_clip_id == shift.clip_ids[1]
    assert again.elapsed() == 25
    again.resume_clock()
    later.advance(10)
    again.submit(course.clip(again.current_clip_id), Answer("x"))
    assert again.records[shift.clip_ids[1]].seconds == 15  # 5 before quitting + 10 after


def test_damaged_shift_is_kept_aside_with_a_notice():
    section = {"current": "x", "shifts": {"x": {"version": 1, "clip_ids": "nope"}}}
    shift, notice = load_shift(section, make_course())
    assert shift is None and notice and section["damaged"] == {"version": 1, "clip_ids": "nope"}
    assert section["current"] is None
    assert load_shift({"current": "missing"}, make_course())[0] is None


def test_vanished_clips_are_dropped_on_resume():
    course = make_course()
    section: dict = {}
    save_shift(section, Shift(["r-1", "gone", "o-3"], seed=1), course)
    shift, notice = load_shift(section, course)
    assert shift.clip_ids == ("r-1", "o-3") and notice is None


def test_finished_shift_is_filed_once_and_exported():
    course, clock = make_course(), FakeClock()
    section: dict = {}
    shift = Shift(["r-1"], seed=1, clock=clock)
    shift.resume_clock()
    clock.advance(40)
    shift.submit(course.clip("r-1"), Answer("turn on the kitchen light", "HassTurnOn"))
    save_shift(section, shift, course)
    save_shift(section, shift, course)
    assert len(section["history"]) == 1
    save_shift(section, Shift(["r-1"], seed=2, clock=clock, wall_clock=lambda: "later"), course)
    assert len(section["shifts"]) == 2 and section["current"].endswith("~2")
    summary = export_summary(section)
    assert summary["clips_done"] == 1 and summary["mean_wer"] == 0.0
    assert summary["label_accuracy"] == 1.0 and summary["seconds_per_clip"] == 40
    assert summary["shifts_finished"] == 1
    assert export_summary({}) is None


def test_debrief_adds_up_flagged_and_missed_details():
    course, clock = make_course(), FakeClock()
    shift = Shift(["o-1", "o-2", "r-2", "r-3", "d-1"], seed=1, clock=clock, include_distress=True)
    shift.resume_clock()
    shift.submit(
        course.clip("o-1"),
        Answer("play the dinosaur song", "PlayMusic", personal=frozenset({"children"})),
    )
    shift.submit(course.clip("o-2"), Answer("add milk", "AddItem"))  # routines not flagged
    shift.submit(
        course.clip("r-2"), Answer("what time is it", "HassGetTime", personal=frozenset({"health"}))
    )
    shift.submit(course.clip("r-3"), Answer("", "none", True))
    shift.skip("d-1")
    debrief = build_debrief(shift, course)
    by_id = {h.household.id: h for h in debrief.households}
    assert by_id["okafor"].flagged == ("A child named Ifeoma lives there",)  # children ticked
    assert by_id["okafor"].missed == ("The child's name, Ifeoma, is said", "They shop on Saturdays")
    assert by_id["okafor"].first_names == ("Chidi",)
    assert by_id["rivera"].flagged == ("Leo had a medical test",)
    assert "Someone fell at home" not in by_id["okafor"].details  # skipped: not heard
    assert debrief.statement.text == AMAZON_STATEMENT and debrief.statement.source.id == "fox8-2019"
    assert debrief.distress is not None and debrief.distress.source.id == "engadget-2019"
    assert debrief.clips_answered == 4 and debrief.clips_skipped == 1
    assert len(debrief.reflection) == 5


def test_a_new_shift_never_inherits_old_answers_through_the_progress_merge(tmp_path):
    from explainer.learning.progress import Progress
    from explainer.learning.progress_store import ProgressStore

    course, clock = make_course(), FakeClock()
    store = ProgressStore(tmp_path / "progress.json")
    progress = Progress()
    old = Shift(["r-1", "o-3"], seed=1, clock=clock, wall_clock=lambda: "t1")
    old.submit(course.clip("r-1"), Answer("old answer"))
    save_shift(progress.section("reviewer"), old, course)
    assert store.save(progress).ok
    fresh = Shift(["r-1", "o-3"], seed=1, clock=clock, wall_clock=lambda: "t2")
    save_shift(progress.section("reviewer"), fresh, course)  # re-fetch: save replaces the dicts
    assert store.save(progress).ok
    loaded = store.load().progress
    again, _ = load_shift(loaded.section("reviewer"), course, clock=clock)
    assert again.id == fresh.id and again.records == {}


def test_the_reviewer_section_joins_the_quiz_export():
    from explainer.learning.progress import Progress
    from explainer.learning.results import extra_sections

    course, clock = make_course(), FakeClock()
    progress = Progress()
    assert [s.name for s in extra_sections(course, progress)] == []
    shift = Shift(["r-1", "d-1"], seed=1, clock=clock, include_distress=True)
    shift.resume_clock()
    clock.advance(45)
    shift.submit(course.clip("r-1"), Answer("turn on a kitchen light", "HassTurnOn"))
    shift.skip("d-1")
    save_shift(progress.section("reviewer"), shift, course)
    (section,) = extra_sections(course, progress)
    assert section.name == "reviewer"
    assert section.values["clips_done"] == 1 and section.values["mean_wer"] == 0.2
    assert section.values["label_accuracy"] == 1.0 and section.values["seconds_per_clip"] == 45
    assert section.values["projected_clips_per_9h_shift"] == 720
    assert section.values["clips_skipped"] == 1 and section.values["shifts_finished"] == 1
    first, second = section.rows
    assert (
        first["clip"] == "r-1" and first["wer"] == 0.2 and first["guidelines_missed"] == "verbatim"
    )
    assert second["skipped"] is True and "wer" not in second
    assert all("transcript" not in row for row in section.rows)  # typed text stays private


def test_debrief_lists_accuracy_against_speed():
    course, clock = make_course(), FakeClock()
    shift = Shift(["r-1", "o-3"], seed=1, clock=clock)
    shift.resume_clock()
    clock.advance(50)
    shift.submit(course.clip("r-1"), Answer("turn on the kitchen light", "HassTurnOn"))
    clock.advance(10)
    shift.submit(course.clip("o-3"), Answer("set a timer", "SetTimer"))
    rows = build_debrief(shift, course).per_clip
    assert [(r.clip_id, r.seconds, r.wer) for r in rows] == [("r-1", 50, 0.0), ("o-3", 10, 0.5)]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)
section_keys = st.sampled_from(["current", "shifts", "summary", "history", "version", "clip_ids"])


summaries = st.fixed_dictionaries(
    {"clips_done": st.integers(1, 5)},
    optional={"seconds_per_clip": json_values, "mean_wer": json_values, "started_at": json_values},
)


@given(
    st.dictionaries(section_keys, json_values, max_size=5)
    | st.fixed_dictionaries({"summary": summaries, "history": json_values})
)
def test_damaged_reviewer_sections_never_raise(section):
    from explainer.learning.progress import Progress
    from explainer.learning.shift_export import export_section

    course = make_course()
    load_shift(dict(section), course)
    export_summary(dict(section))
    progress = Progress(sections={"reviewer": dict(section)})
    try:
        export_section(course, progress)
    except (TypeError, ValueError, KeyError) as error:  # pragma: no cover - should not happen
        raise AssertionError(f"export_section raised {error!r}") from error
