"""One rulebook: every worked example in content/clips/rules.toml scores as its verdict says, each
rule is broken by the real clips the way the rulebook describes, and each "Guideline missed"
quotes the clip's words. Also the debrief: a fact is credited only from a clip in the shift."""

from __future__ import annotations

from functools import cache

import pytest

from explainer.course.load import load_course
from explainer.course.model import Course
from explainer.learning.shift import Shift
from explainer.learning.shift_debrief import build_debrief
from explainer.learning.shift_rules import example_answer, example_clip, explain, rule_for
from explainer.learning.shift_score import RULE_IDS, Answer, score_clip
from explainer.paths import packaged_content_dir
from tests.reviewer_fixtures import FakeClock


@cache
def course() -> Course:
    return load_course(packaged_content_dir())


def _examples() -> list[tuple[str, int]]:
    return [(rule.id, n) for rule in course().rules for n in range(1, len(rule.examples) + 1)]


def test_the_rulebook_has_every_rule_the_scorer_names_in_order():
    assert tuple(rule.id for rule in course().rules) == RULE_IDS
    assert all(rule.short and rule.text and rule.title for rule in course().rules)


def test_worked_examples_cover_the_cases_the_issue_names():
    with_examples = {rule.id for rule in course().rules if rule.examples}
    assert {"false-wake", "background", "media", "unintelligible", "numbers"} <= with_examples
    for rule in course().rules:
        if rule.examples:
            assert {e.verdict for e in rule.examples} == {"accept", "reject"}, rule.id


@pytest.mark.parametrize(("rule_id", "number"), _examples())
def test_each_worked_example_scores_as_its_verdict_says(rule_id: str, number: int):
    rule = course().rule(rule_id)
    example = rule.examples[number - 1]
    score = score_clip(example_clip(rule, example, number), example_answer(example))
    if example.verdict == "accept":
        assert score.missed == (), (example.typed, score.breaches)
    else:
        assert rule_id in score.missed, (example.typed, score.breaches)
        breach = next(b for b in score.breaches if b.rule == rule_id)
        assert explain(breach)  # a sentence to show, quoting the words


def _score(clip_id: str, typed: str, **kw):
    clip = course().clip(clip_id)
    answer = Answer(
        typed, kw.pop("intent", clip.intent or "none"), kw.pop("false_wake", clip.false_wake),
        frozenset(kw.pop("personal", clip.personal)),
    )
    return score_clip(clip, answer)


def test_numbers_rule_quotes_the_spoken_number():
    score = _score("ol-01-timer", "alexa set a timer for 12 minutes")
    assert score.missed == ("numbers",)
    assert explain(score.breaches[0]) == "you typed “12” for the spoken “twelve”"


def test_unintelligible_where_the_captions_mask_a_word_is_right():
    assert _score("ph-06-loud-radio", "Alexa, turn it [unintelligible]. Alexa! Turn it down!").missed == ()
    assert _score("ph-06-loud-radio", "alexa turn it down alexa turn it down").missed == ()  # heard it anyway
    skipped = _score("ph-06-loud-radio", "alexa turn it alexa turn it down")
    assert skipped.missed == ("unintelligible",) and skipped.breaches[0].said == ("down",)
    clear = _score("ol-01-timer", "alexa set a timer for [unintelligible] minutes")
    assert clear.missed == ("unintelligible",)
    assert "“twelve” was clear" in explain(clear.breaches[0])


def test_side_talk_and_the_tv_are_named_and_quoted():
    dog = _score("bm-07-dog-food", "alexa put dog food on the shopping list biscuit get down")
    assert dog.missed == ("background",) and dog.breaches[0].said == ("biscuit", "get", "down")
    assert explain(dog.breaches[0]).startswith("you typed “biscuit get down”")
    pension = _score("ph-07-pension", "alexa whats the date today dad your pension goes in on the first")
    assert pension.missed == ("background",)


def test_a_false_wake_is_scored_on_the_flag_and_an_empty_transcript():
    right = _score("ol-03-election", "")
    assert right.missed == () and right.wer == 0 and right.label_accuracy == 1.0
    typed_room = _score("ol-03-election", "did the hospital ring about your scan")
    assert typed_room.missed == ("false-wake",)
    assert explain(typed_room.breaches[0]) == "you typed “did the hospital ring about your scan”: nobody said it to the device"
    typed_tv = _score("ol-03-election", "and now the election results from the north")
    assert "media" in typed_tv.missed
    unflagged = _score("ol-03-election", "", false_wake=False)
    assert unflagged.missed == ("false-wake",) and not unflagged.false_wake_correct
    assert explain(unflagged.breaches[0]).startswith("the clip opens with “and now the election")


def test_a_missed_flag_gives_its_reason_from_the_clip_file():
    score = _score("ol-03-election", "", personal={"children"})
    assert score.missed == ("critical-data",)
    breach = score.breaches[0]
    assert breach.kind == "health" and breach.said == ("the", "biopsy", "results", "come", "back", "thursday")
    fact = next(f for f in course().clip("ol-03-election").facts if f.kind == "health")
    assert "biopsy" in fact.text


def test_every_expected_flag_of_every_clip_has_a_fact_with_words():
    for clip in course().clips:
        for kind in clip.personal:
            assert any(f.kind == kind and f.words for f in clip.facts), (clip.id, kind)


def test_rule_for_falls_back_to_a_plain_title_without_a_rulebook():
    assert rule_for(None, "media").title == "Never transcribe the TV or radio"
    assert rule_for(course(), "media").short.startswith("Leave out the TV")


# -- the debrief only knows what you heard ---------------------------------------------------
def _shift(clip_ids: list[str], answers: dict[str, Answer]) -> Shift:
    shift = Shift(clip_ids, seed=1, clock=FakeClock())
    for clip_id in clip_ids:
        shift.submit(course().clip(clip_id), answers[clip_id])
    return shift


def test_debrief_lacks_a_fact_whose_clip_was_not_in_the_shift():
    shift = _shift(["ph-01-doctor", "ph-02-pills"], {
        "ph-01-doctor": Answer("alexa call the doctor the surgery i mean", "CallContact", False, frozenset({"health"})),
        "ph-02-pills": Answer("x", "SetReminder", False, frozenset()),
    })
    (penhallow,) = build_debrief(shift, course()).households
    texts = penhallow.details
    assert "His blood pressure is high." not in texts  # told only in ph-03, not in this shift
    assert "A key to the cottage is kept under the blue pot." not in texts
    assert "An older man needs his doctor's surgery." in penhallow.flagged
    assert penhallow.missed == ("He takes medicine.", "His medicine is due at eight o'clock.")
    assert all(f.clip_id in ("ph-01-doctor", "ph-02-pills") and f.words for f in penhallow.facts)


def test_debrief_credits_a_fact_once_its_clip_is_heard():
    shift = _shift(["ph-03-letter"], {"ph-03-letter": Answer("", "none", True, frozenset({"health", "address"}))})
    (penhallow,) = build_debrief(shift, course()).households
    assert "His blood pressure is high." in penhallow.flagged
    assert "A key to the cottage is kept under the blue pot." in penhallow.flagged
    assert "His first name, Alistair, is said aloud." in penhallow.missed
    assert not any("carer" in text for text in penhallow.details)  # the clip never says so
