"""Grading of every question type: right, wrong, partial, odd input; shuffling; hints."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.learning.quiz import (
    correct_answer,
    grade,
    parse_number,
    shuffled_items,
    shuffled_options,
    shuffled_order,
)
from tests.quiz_samples import ALL, MATCHING, MULTI, NUMERIC, ORDERING, SINGLE, SPOT, TRUEFALSE


@pytest.mark.parametrize("question", ALL, ids=lambda q: q.type)
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
    assert any("Missed" in f.message for f in result.feedback)
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
    assert {f.label for f in result.feedback} == {"stream", "wake"}
    assert grade(ORDERING, ["wake", "asr"]).score == 0


def test_matching_partial():
    result = grade(MATCHING, {"buffer": "device", "asr": "device"})
    assert result.score == pytest.approx(1 / 3)
    assert len(result.feedback) == 2


def test_numeric_tolerance_and_parsing():
    assert grade(NUMERIC, "32,4").correct
    assert grade(NUMERIC, "33.4 s").correct
    assert not grade(NUMERIC, 34).correct
    assert grade(NUMERIC, 40).feedback[0].message == "Too high."
    assert not grade(NUMERIC, "lots").correct
    assert parse_number("nan") is None and parse_number(True) is None


def test_unknown_type_and_garbage_never_raise():
    for question in ALL:
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
    for question in ALL:
        result = grade(question, junk, tries)
        assert 0.0 <= result.score <= 1.0
