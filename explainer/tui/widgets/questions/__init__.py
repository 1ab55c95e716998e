"""One keyboard-driven widget per question type, and ``widget_for`` to pick the right one.

Every widget takes a ``Question`` and the quiz seed (so options appear in the learner's
reproducible order), answers ``given()`` in the JSON-friendly shape that
``explainer.learning.quiz.grade`` expects, and is told the ``Result`` after each check so it
can mark what was wrong and, at the end, what was right. Grading itself never happens here.
Enter is left to the screen ("check"), so every type is answered the same way.

The widget of a type lives in ``explainer.tui.widgets.questions.<impl>`` as ``WIDGET``,
where ``impl`` is the type's entry in ``explainer.course.question_types``; it is imported
when a question of that type is first shown.
"""

from __future__ import annotations

import importlib

from explainer.course.model import Question
from explainer.course.question_types import TYPES
from explainer.tui.widgets.questions.base import QuestionWidget


def widget_class(type_name: str) -> type[QuestionWidget]:
    """The widget class registered for a type (a choice list for an unknown one)."""
    entry = TYPES.get(type_name)
    module = importlib.import_module(f"{__name__}.{entry.impl if entry else 'choice'}")
    widget = getattr(module, "WIDGET", None)
    if isinstance(widget, type) and issubclass(widget, QuestionWidget):
        return widget
    from explainer.tui.widgets.questions.choice import ChoiceWidget

    return ChoiceWidget


def widget_for(question: Question, seed: int | str) -> QuestionWidget:
    """The widget that lets the learner answer ``question``."""
    return widget_class(question.type)(question, seed)


__all__ = ["QuestionWidget", "widget_class", "widget_for"]
