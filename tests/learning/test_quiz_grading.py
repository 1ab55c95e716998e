"""Grading of every question type: right, wrong, partial, odd input; shuffling; hints."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.course.model import Question
from explainer.learning.quiz import (
    correct_answer,
    grade,
    parse_number,
    shuffled_items,
    shuffled_options,
    shuffled_order,
    solution_text,
)
from tests.builders import MATCHING, MULTI, NUMERIC, ORDERING, QUIZ, SINGLE, SPOT, TRUEFALSE


@pytest.mark.parametrize("question", QUIZ, ids=lambda q: q.type)
def test_own_answer_is_correct(question):
    result = grade(question, correct_answer(question))
    assert result.correct and result.score == 1.0 and result.feedback == ()
    assert result.solution and result.hint is None and result.sources


def test_single_wrong_gives_feedback_and_first_hint():
    result = grade(SINGLE, "cloud", tries=1)
    assert not result.correct and result.score == 0
    assert [f.message for f in result.feedback] == ["why cloud is wrong"]
    assert result.hint == "Think local." and result.solution is None and not result.finished


def test_hints_grow_then_solution_after_last_try():
    assert grade(SINGLE, "cloud", tries=2).hint == "Before any upload."
    last = grade(SINGLE, "cloud", tries=3, max_tries=3)
    assert last.finished and last.hint is None and last.solution == "On the device"
    assert last.explanation == "On the device."


def test_truefalse():
    assert grade(TRUEFALSE, "false").correct
    assert not grade(TRUEFALSE, "true").correct
    assert shuffled_options(TRUEFALSE, 99)[0].id == "true"


def test_multi_partial_credit_and_missed_feedback():
    result = grade(MULTI, ["a"])
    assert not result.correct and result.score == pytest.approx(0.5)
    # shown as "• Missed: one more option belongs in the answer." (it once read "Not chosen yet: Missed: …")
    assert any(f.label == "Missed" and f.message == "one more option belongs in the answer." for f in result.feedback)
    result = grade(MULTI, ["a", "b", "c"])
    assert not result.correct and 0 < result.score < 1
    assert [f.message for f in result.feedback] == ["why c is wrong"]
    assert grade(MULTI, ["c", "d"]).score == 0


def test_spot_is_graded_like_multi():
    assert grade(SPOT, {"serial", "account"}).correct
    assert grade(SPOT, ["serial"]).score == pytest.approx(0.5)


def test_ordering_partial():
    result = grade(ORDERING, ["stream", "wake", "asr", "nlu"])
    assert not result.correct and result.score == pytest.approx(5 / 6)
    # before the last try: how many are in place, not which (that would hand the answer over)
    assert [f.message for f in result.feedback] == ["2 of 4 steps are in their place."]
    last = grade(ORDERING, ["stream", "wake", "asr", "nlu"], tries=3, max_tries=3)
    assert {f.label for f in last.feedback} == {"stream", "wake"}
    assert grade(ORDERING, ["wake", "asr"]).score == 0


def test_matching_partial():
    result = grade(MATCHING, {"buffer": "device", "asr": "device"})
    assert result.score == pytest.approx(1 / 3)
    # two groups: naming a misplaced item would name its group, so only the count before the last try
    assert [f.message for f in result.feedback] == ["2 items are in the wrong group."]
    assert len(grade(MATCHING, {"buffer": "device", "asr": "device"}, tries=3, max_tries=3).feedback) == 2


def test_numeric_tolerance_and_parsing():
    assert grade(NUMERIC, "32,4").correct
    assert grade(NUMERIC, "33.4 s").correct
    assert not grade(NUMERIC, 34).correct
    assert grade(NUMERIC, 40).feedback[0].message == "Too high."
    assert not grade(NUMERIC, "lots").correct
    assert parse_number("nan") is None and parse_number(True) is None


def test_unknown_type_and_garbage_never_raise():
    for question in QUIZ:
        for junk in (None, 5, "x", [1, [2]], {"a": 1}, object(), float("inf"), b"\x00"):
            assert not grade(question, junk).correct or question.type == "numeric" and junk == 5


def test_ordering_never_shown_in_order():
    for seed in range(200):
        assert list(shuffled_order(ORDERING, seed)) != list(ORDERING.order)


def test_shuffle_reproducible():
    assert shuffled_options(SINGLE, 7) == shuffled_options(SINGLE, 7)
    assert shuffled_items(MATCHING, 3) == shuffled_items(MATCHING, 3)
    orders = {tuple(o.id for o in shuffled_options(MULTI, s)) for s in range(30)}
    assert len(orders) > 1


# ---------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(seed=st.integers() | st.text(max_size=8))
def test_correct_answer_from_shuffled_view_is_correct(seed):
    picked = [o.id for o in shuffled_options(MULTI, seed) if o.correct]
    assert grade(MULTI, picked).correct
    shown = shuffled_order(ORDERING, seed)
    assert sorted(shown) == sorted(ORDERING.order)
    assert grade(ORDERING, sorted(shown, key=ORDERING.order.index)).correct
    placed = {i.text: i.group for i in shuffled_items(MATCHING, seed)}
    assert grade(MATCHING, placed).correct


@settings(max_examples=80, deadline=None)
@given(perm=st.permutations(ORDERING.order))
def test_any_other_permutation_is_not_fully_correct(perm):
    result = grade(ORDERING, list(perm))
    if list(perm) == list(ORDERING.order):
        assert result.correct
    else:
        assert not result.correct and result.score < 1


@settings(max_examples=80, deadline=None)
@given(value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_numeric_within_tolerance_is_correct(value):
    inside = abs(value - NUMERIC.answer) <= NUMERIC.tolerance
    assert grade(NUMERIC, value).correct == inside


_JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None)
@given(junk=_JUNK, tries=st.integers(-3, 10))
def test_grading_never_raises(junk, tries):
    for question in QUIZ:
        result = grade(question, junk, tries)
        assert 0.0 <= result.score <= 1.0


def test_a_percentage_typed_for_a_decimal_is_read_as_the_decimal():
    """Issue 12.6: "40%" for "give the WER as a decimal" is right, and says how it was read."""
    wer = Question("w", "final", "numeric", "WER as a decimal?", "0.4", ("s",), answer=0.4, tolerance=0.01)
    result = grade(wer, "40%")
    assert result.correct and "40% read as 0.4" in result.note
    assert not grade(wer, "40").correct and grade(wer, "40").note is None
    share = Question("p", "final", "numeric", "Percent?", "15.3", ("s",), answer=15.3, tolerance=0.5, unit="%")
    assert grade(share, "15.3%").correct and grade(share, "15.3%").note is None


def test_tries_are_capped_where_a_wrong_try_would_give_the_answer_away():
    from explainer.learning.quiz import tries_allowed

    assert tries_allowed(TRUEFALSE) == 1
    three = Question("q", "w", "single", "?", "", ("s",), options=SINGLE.options[:3])
    assert tries_allowed(three) == 2 and tries_allowed(SINGLE) == 3
    assert tries_allowed(MULTI) == 3 and tries_allowed(SINGLE, 1) == 1


def test_feedback_never_names_the_answer_before_the_last_try():
    for question in QUIZ:
        if question.type == "numeric":
            continue
        wrong = {"ordering": list(reversed(question.order)), "matching": {i.text: question.groups[0] for i in question.items}}
        given = wrong.get(question.type, [o.id for o in question.options if not o.correct][:1])
        first = grade(question, given, tries=1, max_tries=3)
        assert first.solution is None
        right = solution_text(question)
        assert all(right not in f.message for f in first.feedback)
