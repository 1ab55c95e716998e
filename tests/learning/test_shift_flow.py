"""The shift as a state machine (no Textual): the order of steps, the clock, saving and resuming,
and the task draft's one-key rules."""

from __future__ import annotations

from pathlib import Path

from explainer.learning.shift_draft import TaskDraft, flag_kind, search, short_list
from explainer.learning.shift_flow import ShiftFlow, Step
from explainer.learning.shift_prepare import PreparedClip
from explainer.learning.shift_score import Answer
from tests.builders import make_course
from tests.reviewer_fixtures import FakeClock


def ready(clip_id: str) -> PreparedClip:
    return PreparedClip(clip_id, Path("/nowhere.wav"), 2.0)


def flow_with(section: dict | None = None, clock: FakeClock | None = None):
    saves: list[int] = []
    steps: list[Step] = []
    flow = ShiftFlow(make_course(), {} if section is None else section, save=lambda: saves.append(1),
                     clock=clock or FakeClock(), on_change=steps.append)
    return flow, saves, steps


def test_a_whole_shift_goes_intro_loading_task_feedback_then_own_check_and_debrief():
    flow, saves, steps = flow_with()
    assert flow.resume() is None and flow.step is Step.INTRO
    flow.start(seed=7)
    assert flow.step is Step.LOADING and len(flow.to_prepare()) == 6
    for number in range(6):
        clip = flow.clip
        assert clip is not None and flow.position == f"{number + 1}/6"
        assert flow.ready(ready(clip.id)) and flow.step is Step.TASK
        score = flow.submit(Answer(clip.transcript, clip.intent or "none", clip.false_wake))
        assert score is not None and flow.step is Step.FEEDBACK
        flow.next()
    assert flow.step is Step.OWN_CHECK and flow.finished
    flow.own_found(None)
    assert flow.step is Step.DEBRIEF
    flow.close_debrief()
    assert flow.step is Step.INTRO and flow.shift is None and flow.section["current"] is None
    assert len(flow.section["history"]) == 1 and saves
    assert steps[0] is Step.INTRO and steps[-1] is Step.INTRO


def test_a_prepared_clip_opens_without_loading():
    flow, _saves, steps = flow_with()
    flow.start(seed=7)
    ids = flow.to_prepare()
    for clip_id in ids:
        flow.ready(ready(clip_id))
    assert flow.step is Step.TASK
    first = flow.clip
    flow.submit(Answer(first.transcript))
    flow.next()
    assert flow.step is Step.TASK and steps.count(Step.LOADING) == 1  # only before the first


def test_ready_for_another_clip_does_not_change_the_step():
    flow, _saves, _steps = flow_with()
    flow.start(seed=7)
    later = flow.to_prepare()[2]
    assert not flow.ready(ready(later)) and flow.step is Step.LOADING


def test_content_note_gate_listen_or_skip():
    flow, _saves, _steps = flow_with()
    flow.start(seed=7, include_distress=True)
    while flow.clip is not None and not flow.clip.content_note:
        flow.ready(ready(flow.clip.id))
        flow.submit(Answer("x"))
        flow.next()
    assert flow.step is Step.GATE and flow.clip.id == "d-1"
    flow.ready(ready("d-1"))
    assert flow.step is Step.GATE  # never opens on its own
    flow.skip()
    assert flow.step is Step.OWN_CHECK and flow.shift.records["d-1"].skipped


def test_gate_listen_opens_the_task():
    flow, _saves, _steps = flow_with()
    flow.start(seed=7, include_distress=True)
    for clip_id in flow.to_prepare():
        flow.ready(ready(clip_id))
    while flow.step is not Step.GATE:
        flow.submit(Answer("x"))
        flow.next()
    flow.listen()
    assert flow.step is Step.TASK and flow.clip.id == "d-1"


def test_the_clock_runs_only_in_task_and_feedback_while_visible():
    clock = FakeClock()
    flow, _saves, _steps = flow_with(clock=clock)
    flow.show()
    flow.start(seed=7)
    clock.advance(50)  # loading: the machine's time
    flow.ready(ready(flow.clip.id))
    clock.advance(20)
    flow.hide()
    clock.advance(500)  # away from the seat
    flow.show()
    clock.advance(10)
    clip = flow.clip
    flow.submit(Answer("x"))
    assert flow.shift.records[clip.id].seconds == 30


def test_resume_picks_up_where_it_stopped():
    section: dict = {}
    flow, _saves, _steps = flow_with(section)
    flow.start(seed=7)
    flow.ready(ready(flow.clip.id))
    flow.submit(Answer("x"))
    again, _saves2, _steps2 = flow_with(section)
    assert again.resume() is None
    assert again.step is Step.LOADING and again.position == "2/6"


def test_own_clip_is_offered_once():
    flow, _saves, _steps = flow_with()
    flow.start(seed=7)
    for clip_id in flow.to_prepare():
        flow.ready(ready(clip_id))
        flow.submit(Answer("x"))
        flow.next()
    flow.own_found(42)
    assert flow.step is Step.OWN and flow.offered_own() == {42}
    flow.own_done()
    assert flow.step is Step.DEBRIEF


def test_verbs_out_of_turn_do_nothing():
    flow, _saves, _steps = flow_with()
    assert flow.submit(Answer("x")) is None
    flow.next()
    flow.listen()
    flow.skip()
    flow.close_debrief()
    assert flow.step is Step.INTRO


# -- the draft: one key per label ------------------------------------------------------------------
def test_false_wake_clears_the_transcript_and_intent_and_restores_them():
    draft = TaskDraft("did the hospital ring", intent="SetTimer")
    assert draft.toggle_false_wake() and draft.transcript == "" and draft.intent == "none"
    assert not draft.toggle_false_wake() and draft.transcript == "did the hospital ring"


def test_flags_by_number_and_the_answer():
    draft = TaskDraft("x")
    assert flag_kind(1) == "names" and flag_kind(6) == "routines" and flag_kind(7) is None
    draft.toggle_flag(3)
    draft.toggle_flag(5)
    draft.toggle_flag(5)
    draft.toggle_escalate()
    answer = draft.answer()
    assert answer.personal == {"health"} and answer.escalated and not answer.false_wake


def test_short_list_and_type_ahead():
    known = ("SetTimer", "CancelTimer", "TimerStatus", "GetTime", "GetWeather", "PlayMusic")
    assert short_list(("SetTimer", "Bogus", "GetTime", "none"), known) == ("SetTimer", "GetTime")
    assert search("tim", known, likely=("GetTime",))[:2] == ("GetTime", "SetTimer")
    assert set(search("tim", known)) == {"SetTimer", "CancelTimer", "TimerStatus", "GetTime"}
    assert search("weath", known) == ("GetWeather",)
    assert search("", known, likely=("PlayMusic",))[0] == "PlayMusic"
    assert search("zzz", known) == ()
