"""The grading class of every question type, found through the content registry.

``explainer.course.question_types`` names each type's ``impl``; the grading class lives in
``explainer.learning.qtypes.<impl>`` as ``KINDS[type name]``. ``kind_of(question)`` imports
that module on first use, so grading, results, exports, the plain reader and the class
report all reach a type the same way, and a new type needs no line here.
"""

from __future__ import annotations

import importlib
from functools import cache

from explainer.course.model import Question
from explainer.course.question_types import TYPES
from explainer.learning.qtypes.base import Feedback, Graded, PlainIO, QuestionKind

__all__ = ["Feedback", "Graded", "PlainIO", "QuestionKind", "kind_named", "kind_of"]


@cache
def kind_named(type_name: str) -> QuestionKind:
    """The grading class for a type; an unknown type grades everything "not correct"."""
    entry = TYPES.get(type_name)
    if entry is None:
        return QuestionKind()
    module = importlib.import_module(f"{__name__}.{entry.impl}")
    kinds = getattr(module, "KINDS", {})
    kind = kinds.get(type_name) if isinstance(kinds, dict) else None
    return kind if isinstance(kind, QuestionKind) else QuestionKind()


def kind_of(question: Question) -> QuestionKind:
    return kind_named(question.type)
