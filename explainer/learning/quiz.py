"""Grading a try at any question, with no Textual in sight.

A quiz here is for learning, not for scoring: ``grade()`` therefore returns more than a
verdict. It says why each wrong choice is wrong, gives the next hint while tries remain,
always carries the explanation and its source ids, and reveals the solution only once the
last try is used (as Moodle and H5P do). Before the last try, feedback never hands over the
answer; and each type may allow fewer tries where one wrong try would (true/false gets one).
Grading never raises: a learner (or a corrupt progress file) can hand it anything, and the
worst outcome is "not correct".

What is right for each question type is its grading class's business
(``explainer.learning.qtypes``, found through ``explainer.course.question_types``); the
functions here are the one door the rest of the app uses.

Answers ("given") per built-in type, all JSON-friendly so progress can store them as they are:
single/truefalse: option id; multi/spot: list of option ids; ordering: list of item texts;
matching: {item text: group}; numeric: a number or a string such as "32,4" or "40%".

Shuffling is reproducible: ``random.Random(f"{seed}:{question.id}")`` orders the options,
so the same ``--seed`` gives every learner in a class the same screen; an ordering
question is never shown already in its right order.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.course.model import MatchItem, Option, Question
from explainer.learning.qtypes import Feedback, kind_of
from explainer.learning.qtypes.choice import KINDS as _CHOICE
from explainer.learning.qtypes.matching import KINDS as _MATCHING
from explainer.learning.qtypes.numeric import parse_number
from explainer.learning.qtypes.ordering import KINDS as _ORDERING

DEFAULT_TRIES = 3
CONFIDENCE_LEVELS = ("sure", "unsure", "guess")

__all__ = [
    "CONFIDENCE_LEVELS", "DEFAULT_TRIES", "Feedback", "Result", "answer_text", "correct_answer",
    "grade", "incomplete", "parse_number", "shuffled_items", "shuffled_options", "shuffled_order",
    "solution_text", "tries_allowed",
]


@dataclass(frozen=True)
class Result:
    """The outcome of one try at one question."""

    correct: bool
    score: float  # 0..1, partial credit for multi, spot, ordering and matching
    feedback: tuple[Feedback, ...]
    hint: str | None  # the hint for the next try (None when correct or out of tries)
    explanation: str
    sources: tuple[str, ...]
    solution: str | None  # shown after the last try (and when correct, as confirmation)
    tries: int  # tries used so far, including this one
    max_tries: int
    note: str | None = None  # how the answer was read, e.g. "40% read as 0.4"

    @property
    def finished(self) -> bool:
        return self.correct or self.tries >= self.max_tries

    @property
    def tries_left(self) -> int:
        return max(0, self.max_tries - self.tries)


# ---------------------------------------------------------------- presentation order


def shuffled_options(question: Question, seed: int | str | None) -> tuple[Option, ...]:
    """The options in the order this learner sees them (true/false keeps True first)."""
    kind = _CHOICE.get(question.type, _CHOICE["single"])
    return kind.options(question, seed)  # type: ignore[attr-defined]


def shuffled_order(question: Question, seed: int | str | None) -> tuple[str, ...]:
    """The ordering items shuffled, never already in the right order."""
    return _ORDERING["ordering"].items(question, seed)  # type: ignore[attr-defined]


def shuffled_items(question: Question, seed: int | str | None) -> tuple[MatchItem, ...]:
    return _MATCHING["matching"].items(question, seed)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the one door


def incomplete(question: Question, given: object) -> str | None:
    """Why ``given`` is not an answer yet (no number typed, items left unsorted), or None.

    Such a try is refused with this message instead of being graded, so a typo or a
    half-sorted list never costs one of the learner's tries.
    """
    try:
        return kind_of(question).incomplete(question, given)
    except (TypeError, ValueError, AttributeError):
        return None


def solution_text(question: Question) -> str:
    """The right answer in words, as shown after the last try."""
    return kind_of(question).solution(question)


def correct_answer(question: Question) -> object:
    """The "given" that grades correct: used by tests and the teacher's answer key."""
    return kind_of(question).correct_answer(question)


def answer_text(question: Question, given: object) -> str:
    """A stored answer as the learner saw it: option texts rather than option ids."""
    try:
        return kind_of(question).answer_text(question, given)
    except (TypeError, ValueError, AttributeError):
        return ""


def tries_allowed(question: Question, default: int = DEFAULT_TRIES) -> int:
    """Tries for this question: ``default``, or fewer where a wrong try gives the answer away."""
    if default <= 1:
        return 1
    return max(1, kind_of(question).tries_allowed(question, default))


def grade(
    question: Question, given: object, tries: int = 1, max_tries: int = DEFAULT_TRIES
) -> Result:
    """Grade try number ``tries`` (1-based) of ``max_tries``. Never raises on odd ``given``."""
    tries = max(1, tries)
    max_tries = max(1, max_tries)
    try:
        graded = kind_of(question).grade(question, given, final=tries >= max_tries)
        correct, score, feedback, note = graded.correct, graded.score, graded.feedback, graded.note
    except (TypeError, ValueError, AttributeError, KeyError):
        correct, score, feedback, note = False, 0.0, (), None
    finished = correct or tries >= max_tries
    hint = None
    if not finished and question.hints:
        hint = question.hints[min(tries, len(question.hints)) - 1]
    return Result(
        correct=correct,
        score=score,
        feedback=tuple(feedback),
        hint=hint,
        explanation=question.explanation,
        sources=tuple(question.sources),
        solution=solution_text(question) if finished else None,
        tries=tries,
        max_tries=max_tries,
        note=note,
    )
