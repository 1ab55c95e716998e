"""What every question type's grading class offers, and the pieces several of them share.

A ``QuestionKind`` turns a learner's answer ("given") into a verdict and words: ``grade``
(correct, partial score, feedback), ``incomplete`` (refuse a half-made answer without
costing a try), ``solution`` and ``answer_text`` (the answer in words for the learner, the
export and the class report), ``correct_answer`` (for tests and answer keys),
``tries_allowed`` (fewer tries where a wrong one would give the answer away) and
``ask_plain`` (the same question as numbered prompts for ``explainer read --quiz``).

``final`` tells ``grade`` whether this is the last try: only then may feedback point at the
right answer; before it, feedback says what is wrong without handing the answer over.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from explainer.course.model import Question
from explainer.i18n import _


@dataclass(frozen=True)
class Feedback:
    """Why one thing the learner chose (or left out) is wrong."""

    label: str  # the option / item as the learner saw it
    message: str


@dataclass(frozen=True)
class Graded:
    """One answer judged: the verdict, partial credit, what to say, and a note on how it was read."""

    correct: bool
    score: float
    feedback: tuple[Feedback, ...] = ()
    note: str | None = None  # e.g. "40% read as 0.4"


class PlainIO(Protocol):
    """The plain reader's side of a question asked as text."""

    def ask(self, prompt: str) -> str:
        """Show ``prompt``, return the learner's line (stopping or skipping is the reader's)."""
        ...

    def say(self, text: str, first: str = "", indent: str = "") -> None:
        """Print ``text`` wrapped, the first line after ``first``, the rest after ``indent``."""
        ...


class QuestionKind:
    """Grading and wording for one question type. Subclasses override what differs."""

    def grade(self, question: Question, given: object, final: bool) -> Graded:
        return Graded(False, 0.0)

    def incomplete(self, question: Question, given: object) -> str | None:
        return None

    def solution(self, question: Question) -> str:
        return ""

    def correct_answer(self, question: Question) -> object:
        return None

    def answer_text(self, question: Question, given: object) -> str:
        return "" if given is None else str(given)

    def tries_allowed(self, question: Question, default: int) -> int:
        return default

    def ask_plain(self, question: Question, seed: int | str | None, io: PlainIO) -> object:
        return io.ask(_("Type your answer:"))


def rng(question: Question, seed: int | str | None) -> random.Random:
    """The learner's reproducible order for one question: same --seed, same screen."""
    return random.Random(f"{seed}:{question.id}")


def as_ids(given: object) -> set[str]:
    if given is None:
        return set()
    if isinstance(given, str):
        return {given}
    if isinstance(given, Iterable) and not isinstance(given, Mapping):
        return {str(x) for x in given if isinstance(x, str | int)}
    return set()


def numbers_in(text: str, count: int) -> list[int] | None:
    """Numbers 1..count typed as "2", "1 3" or "3,1,2"; None when anything else is typed."""
    parts = text.replace(",", " ").split()
    try:
        picked = [int(p) for p in parts]
    except ValueError:
        return None
    if not picked or any(not 1 <= n <= count for n in picked):
        return None
    return picked
