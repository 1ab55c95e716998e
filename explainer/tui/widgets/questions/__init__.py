"""One keyboard-driven widget per question type, and ``widget_for`` to pick the right one.

Every widget takes a ``Question`` and the quiz seed (so options appear in the learner's
reproducible order), answers ``given()`` in the JSON-friendly shape that
``explainer.learning.quiz.grade`` expects, and is told the ``Result`` after each check so it
can mark what was wrong and, at the end, what was right. Grading itself never happens here.
Enter is left to the screen ("check"), so every type is answered the same way.
"""

from __future__ import annotations

from explainer.course.model import Question
from explainer.tui.widgets.questions.base import QuestionWidget


def widget_for(question: Question, seed: int | str) -> QuestionWidget:
    """The widget that lets the learner answer ``question``."""
    if question.type == "ordering":
        from explainer.tui.widgets.questions.ordering import OrderingWidget

        return OrderingWidget(question, seed)
    if question.type == "matching":
        from explainer.tui.widgets.questions.matching import MatchingWidget

        return MatchingWidget(question, seed)
    if question.type == "numeric":
        from explainer.tui.widgets.questions.numeric import NumericWidget

        return NumericWidget(question, seed)
    from explainer.tui.widgets.questions.choice import ChoiceWidget

    return ChoiceWidget(question, seed)


__all__ = ["QuestionWidget", "widget_for"]
