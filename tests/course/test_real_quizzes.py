"""The real course's questions: enough of each type, every misconception, gradeable, well-formed."""

from __future__ import annotations

from collections import Counter

import pytest

from explainer.course.load import read_course
from explainer.course.model import QUESTION_TYPES
from explainer.learning.quiz import correct_answer, grade, shuffled_order
from explainer.learning.quiz_session import quiz_questions
from explainer.paths import packaged_content_dir


@pytest.fixture(scope="module")
def course():
    loaded, _ctx = read_course(packaged_content_dir())
    assert loaded is not None
    return loaded


def test_counts(course):
    questions = course.questions
    assert len(questions) >= 50
    types = Counter(q.type for q in questions)
    assert all(types[t] >= 4 for t in QUESTION_TYPES), types
    for station in course.stations:
        assert 3 <= len(station.questions) <= 6, station.id
    assert 8 <= len(course.final_quiz) <= 12
    assert 8 <= len(quiz_questions(course, "pre")) <= 10
    assert {q.misconception for q in questions} >= set(range(1, 11))
    assert {q.misconception for q in quiz_questions(course, "pre")} >= set(range(1, 11))


def test_every_question_teaches(course):
    for q in course.questions:
        assert q.explanation and q.sources and 1 <= len(q.hints) <= 3, q.id
        assert all(s in course.sources for s in q.sources), q.id
        for option in q.options:
            assert option.correct or option.feedback, f"{q.id}/{option.id} has no feedback"
        result = grade(q, correct_answer(q))
        assert result.correct, q.id
        if q.type == "ordering":
            assert list(shuffled_order(q, 0)) != list(q.order)


def test_shuffled_views_of_real_questions_still_grade(course):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from explainer.learning.quiz import shuffled_items, shuffled_options

    @settings(max_examples=60, deadline=None)
    @given(question=st.sampled_from(course.questions), seed=st.integers() | st.text(max_size=6))
    def check(question, seed):
        if question.type in ("single", "multi", "truefalse", "spot"):
            shown = shuffled_options(question, seed)
            assert sorted(o.id for o in shown) == sorted(o.id for o in question.options)
            picked = [o.id for o in shown if o.correct]
            given_ = picked if question.type in ("multi", "spot") else picked[0]
            assert grade(question, given_).correct
        elif question.type == "ordering":
            shown = shuffled_order(question, seed)
            assert list(shown) != list(question.order)
            assert not grade(question, list(shown)).correct
        elif question.type == "matching":
            placed = {i.text: i.group for i in shuffled_items(question, seed)}
            assert grade(question, placed).correct

    check()


def test_a_wrong_options_feedback_does_not_hand_over_the_answer(course):
    """Issue 12.6: the answer is given only on the last try. A wrong option's feedback shows on
    earlier tries, so it must not contain the right option's words (QA walk: '30 days' said
    "they stay until the customer deletes them", the right option word for word)."""
    leaks = []
    for q in course.questions:
        if q.type == "truefalse":
            continue  # one try: its feedback is the last try's
        right = [o.text.lower().removeprefix("the ") for o in q.options if o.correct]
        for option in q.options:
            if not option.correct and any(text in (option.feedback or "").lower() for text in right):
                leaks.append((q.id, option.id))
    assert leaks == []
