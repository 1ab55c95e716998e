"""Which questions a quiz id names: a station's quiz, the final quiz, or the pre/post check.

Kept apart from ``quiz_session`` (which needs the grading and every question type) so that the
journey, which the map reads at start-up, can ask "is this quiz done?" without importing them:
``explainer bench`` counts start-up time, and grading is not needed until a quiz opens.
``quiz_session`` re-exports these names.
"""

from __future__ import annotations

from explainer.course.model import Course, Question

PREPOST_IDS = ("pre", "post")


class UnknownQuiz(KeyError):
    """The quiz id names no station, nor "final", "pre" or "post"."""


def quiz_questions(course: Course, quiz_id: str) -> tuple[Question, ...]:
    if quiz_id == "final":
        return tuple(course.final_quiz)
    if quiz_id in PREPOST_IDS:
        return tuple(q for q in course.questions if q.prepost)
    try:
        return tuple(course.station(quiz_id).questions)
    except KeyError:
        raise UnknownQuiz(quiz_id) from None
