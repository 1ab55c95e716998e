"""WER, the word diff and label scoring of the reviewer seat (pure, no Textual)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explainer.learning.shift_score import Answer, score_clip
from explainer.learning.wer import normalise, wer, word_diff
from tests.builders import make_clip, make_course


def test_worked_example_from_the_fact_sheet():
    diff = word_diff("turn on the kitchen light", "turn on a kitchen light please")
    assert diff.wer == 0.40
    assert (diff.substitutions, diff.deletions, diff.insertions, diff.hits) == (1, 0, 1, 4)
    kinds = [(e.kind, e.reference, e.hypothesis) for e in diff.edits]
    assert ("substitute", "the", "a") in kinds
    assert ("insert", "", "please") in kinds


def test_insertions_can_push_wer_above_one():
    assert wer("stop", "stop stop please stop now") == 4.0


def test_normalisation_rules():
    assert normalise("  Turn ON, the  Kitchen-Light!! ") == "turn on the kitchen light"
    assert normalise("Don't [noise] stop [Unintelligible]") == "dont stop [unintelligible]"
    assert wer("set a timer for five minutes", "Set a timer for five minutes.") == 0.0
    assert wer("set a timer for five minutes", "set a timer for 5 minutes") == 1 / 6  # as typed


def test_deletions_and_empty_reference():
    diff = word_diff("add milk to the list", "add milk")
    assert diff.deletions == 3 and diff.wer == 0.6
    assert wer("", "") == 0.0
    assert wer("", "election night") == 2.0
    assert wer("hello there", "") == 1.0


words = st.lists(
    st.sampled_from(["turn", "on", "the", "Light", "a", "please", "five", "5", "-", "!"]),
    max_size=8,
)


@given(words, words)
def test_wer_is_never_negative(ref, hyp):
    assert wer(" ".join(ref), " ".join(hyp)) >= 0.0


@given(words)
def test_identical_after_normalisation_scores_zero(ref):
    text = " ".join(ref)
    assert wer(text, text.upper() + " ,.") == 0.0


def test_perfect_answer_misses_no_guideline():
    clip = make_course().clip("o-1")
    answer = Answer("Play the dinosaur song.", "PlayMusic", False, frozenset({"children", "names"}))
    score = score_clip(clip, answer)
    assert score.wer == 0 and score.label_accuracy == 1.0 and score.missed == ()
    assert score.personal_precision == score.personal_recall == 1.0


def test_labels_and_missed_guidelines():
    course = make_course()
    clip = course.clip("o-1")
    score = score_clip(
        clip, Answer("play the dinosaur song", "none", True, frozenset({"children", "health"}))
    )
    assert not score.intent_correct and not score.false_wake_correct
    assert score.personal_flagged == {"children"}
    assert score.personal_missed == {"names"} and score.personal_extra == {"health"}
    assert score.personal_precision == 0.5 and score.personal_recall == 0.5
    assert abs(score.label_accuracy - (0 + 0 + 1 / 3) / 3) < 1e-9
    assert score.missed == ("false-wake", "intent", "critical-data")


def test_background_speech_breaks_the_background_rule_and_quotes_it():
    clip = make_course().clip("r-2")
    score = score_clip(
        clip, Answer("my doctor said what time is it", "HassGetTime", False, frozenset({"health"}))
    )
    assert score.missed == ("background",)
    assert score.breaches[0].said == ("my", "doctor", "said")
    score = score_clip(clip, Answer("what time is in", "HassGetTime", False, frozenset({"health"})))
    assert score.missed == ("verbatim",) and score.breaches[0].said == ("it",)


def test_false_wake_with_empty_reference():
    clip = make_course().clip("r-3")
    score = score_clip(clip, Answer("", "none", True))
    assert score.wer == 0 and score.missed == ()
    score = score_clip(clip, Answer("election", "none", False))
    assert score.missed == ("media", "false-wake")


def test_answer_round_trip_and_validation():
    answer = Answer("x", "SetTimer", True, frozenset({"names", "bogus"}), escalated=True)
    again = Answer.from_dict(answer.to_dict())
    assert again.transcript == "x" and again.escalated and again.personal == {"names"}
    try:
        Answer.from_dict({"personal": "names"})
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a damaged answer must be refused")


def test_make_clip_helper_is_sane():
    assert make_clip("z").transcript
