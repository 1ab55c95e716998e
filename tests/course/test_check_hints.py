"""``explainer check`` reports a hint that gives the answer away (issue 12.6: answers only on the last try)."""

from __future__ import annotations

import pytest

from explainer.course.check_hints import gives_away
from explainer.course.model import Option, Question


def numeric(hint: str, answer: float = 0.333, tolerance: float = 0.02) -> Question:
    return Question("q", "final", "numeric", "WER?", "", ("s",), hints=(hint,), answer=answer, tolerance=tolerance)


@pytest.mark.parametrize("hint", ["2 / 6", "It is (1 + 1) / 6.", "0.333", "1/3 of it: 2/6"])
def test_numeric_hints_that_work_the_answer_out(hint):
    assert gives_away(numeric(hint), hint)


@pytest.mark.parametrize("hint", ["Count the missing words.", "Divide by the 6 words of the reference.",
                                  "9 × 3,600 = 32,400; now divide by 1,000."])
def test_numeric_hints_that_point_at_the_method(hint):
    assert gives_away(numeric(hint), hint) is None


def test_thousands_and_times_signs():
    assert gives_away(numeric("9 × 3,600 / 1,000", answer=32.4, tolerance=1), "9 × 3,600 / 1,000")


def test_a_hint_quoting_the_right_option():
    q = Question("q", "w", "single", "?", "", ("s",), options=(Option("a", "On the device itself", True), Option("b", "In the cloud")))
    assert gives_away(q, "The answer: on the device itself.")
    assert gives_away(q, "Think about the cloud.") is None
    tf = Question("t", "w", "truefalse", "?", "", ("s",), options=(Option("t", "True"), Option("f", "False", True)))
    assert gives_away(tf, "What happens after a false wake?") is None  # short option words are not quotes


def test_the_shipped_course_has_no_such_hint():
    from explainer.course.check_hints import check_hints
    from explainer.course.context import ReadContext
    from explainer.course.load import load_course
    from explainer.paths import packaged_content_dir

    ctx = ReadContext(root=packaged_content_dir())
    check_hints(ctx, load_course(packaged_content_dir()))
    assert ctx.log.sorted() == []
