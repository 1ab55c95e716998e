"""Grading for every question type, with no Textual in sight.

A quiz here is for learning, not for scoring: ``grade()`` therefore returns more than a
verdict. It says why each wrong choice is wrong, gives the next hint while tries remain,
always carries the explanation and its source ids, and reveals the solution only once the
last try is used (as Moodle and H5P do). Grading never raises: a learner (or a corrupt
progress file) can hand it anything, and the worst outcome is "not correct".

Answers ("given") per type, all JSON-friendly so progress can store them as they are:
single/truefalse: option id; multi/spot: list of option ids; ordering: list of item texts;
matching: {item text: group}; numeric: a number or a string such as "32,4".

Shuffling is reproducible: ``random.Random(f"{seed}:{question.id}")`` orders the options,
so the same ``--seed`` gives every learner in a class the same screen; an ordering
question is never shown already in its right order.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from explainer.course.model import MatchItem, Option, Question
from explainer.i18n import _

DEFAULT_TRIES = 3
CONFIDENCE_LEVELS = ("sure", "unsure", "guess")
CHOICE_TYPES = ("single", "multi", "truefalse", "spot")


@dataclass(frozen=True)
class Feedback:
    """Why one thing the learner chose (or left out) is wrong."""

    label: str  # the option / item as the learner saw it
    message: str


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

    @property
    def finished(self) -> bool:
        return self.correct or self.tries >= self.max_tries

    @property
    def tries_left(self) -> int:
        return max(0, self.max_tries - self.tries)


# ---------------------------------------------------------------- shuffling


def _rng(question: Question, seed: int | str | None) -> random.Random:
    return random.Random(f"{seed}:{question.id}")


def shuffled_options(question: Question, seed: int | str | None) -> tuple[Option, ...]:
    """The options in the order this learner sees them (true/false keeps True first)."""
    options = list(question.options)
    if question.type != "truefalse":
        _rng(question, seed).shuffle(options)
    return tuple(options)


def shuffled_order(question: Question, seed: int | str | None) -> tuple[str, ...]:
    """The ordering items shuffled, never already in the right order."""
    items = list(question.order)
    if len(items) < 2:
        return tuple(items)
    _rng(question, seed).shuffle(items)
    if items == list(question.order):
        items = items[1:] + items[:1]
    return tuple(items)


def shuffled_items(question: Question, seed: int | str | None) -> tuple[MatchItem, ...]:
    items = list(question.items)
    _rng(question, seed).shuffle(items)
    return tuple(items)


# ---------------------------------------------------------------- coercion


def _as_ids(given: object) -> set[str]:
    if given is None:
        return set()
    if isinstance(given, str):
        return {given}
    if isinstance(given, Iterable) and not isinstance(given, Mapping):
        return {str(x) for x in given if isinstance(x, (str, int))}
    return set()


def parse_number(given: object) -> float | None:
    """A number from what was typed: accepts "32.4", "32,4", " 32 s"; None if it is no number."""
    if isinstance(given, bool):
        return None
    if isinstance(given, (int, float)):
        value = float(given)
    elif isinstance(given, str):
        text = given.strip().replace(",", ".").replace("%", "")
        text = text.rstrip("abcdefghijklmnopqrstuvwxyz ").strip()
        try:
            value = float(text)
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) else None


def _fmt(number: float) -> str:
    return f"{number:g}"


# ---------------------------------------------------------------- per type


def _grade_choice(q: Question, given: object) -> tuple[bool, float, list[Feedback]]:
    chosen = _as_ids(given)
    valid = {o.id for o in q.options}
    chosen &= valid
    right = {o.id for o in q.options if o.correct}
    feedback = [
        Feedback(o.text, o.feedback or _("This one is not right."))
        for o in q.options
        if o.id in chosen and not o.correct
    ]
    if q.type in ("single", "truefalse"):
        ok = len(chosen) == 1 and chosen <= right
        return ok, 1.0 if ok else 0.0, feedback
    missed = [o for o in q.options if o.correct and o.id not in chosen]
    if missed:  # how many, not which: naming them would hand over the answer on the first try
        message = (
            _("Missed: one more option belongs in the answer.")
            if len(missed) == 1
            else _("Missed: {n} more options belong in the answer.").format(n=len(missed))
        )
        feedback.append(Feedback(_("Not chosen yet"), message))
    wrong_total = max(1, len(valid - right))
    raw = len(chosen & right) / max(1, len(right)) - len(chosen - right) / wrong_total
    ok = chosen == right
    return ok, 1.0 if ok else max(0.0, min(1.0, raw)), feedback


def _grade_ordering(q: Question, given: object) -> tuple[bool, float, list[Feedback]]:
    seq = [str(x) for x in given] if isinstance(given, (list, tuple)) else []
    target = list(q.order)
    if sorted(seq) != sorted(target):
        return False, 0.0, [Feedback(_("order"), _("Use every step exactly once."))]
    if seq == target:
        return True, 1.0, []
    pos = {item: i for i, item in enumerate(seq)}
    pairs = [(a, b) for i, a in enumerate(target) for b in target[i + 1 :]]
    good = sum(1 for a, b in pairs if pos[a] < pos[b])
    feedback = [
        Feedback(item, _("Not step {n}.").format(n=i + 1))
        for i, item in enumerate(seq)
        if target[i] != item
    ]
    return False, good / len(pairs) if pairs else 0.0, feedback


def _grade_matching(q: Question, given: object) -> tuple[bool, float, list[Feedback]]:
    placed = given if isinstance(given, Mapping) else {}
    feedback = []
    good = 0
    for item in q.items:
        group = placed.get(item.text)
        if group == item.group:
            good += 1
        elif group is None:
            feedback.append(Feedback(item.text, _("Not sorted yet.")))
        else:
            feedback.append(Feedback(item.text, _("Does not belong in “{g}”.").format(g=group)))
    total = max(1, len(q.items))
    return good == len(q.items) and bool(q.items), good / total, feedback


def _grade_numeric(q: Question, given: object) -> tuple[bool, float, list[Feedback]]:
    value = parse_number(given)
    if value is None or q.answer is None:
        return False, 0.0, [Feedback(str(given)[:40], _("Type a number, e.g. 12.5."))]
    if abs(value - q.answer) <= q.tolerance + 1e-9:
        return True, 1.0, []
    message = _("Too high.") if value > q.answer else _("Too low.")
    return False, 0.0, [Feedback(_fmt(value), message)]


def incomplete(question: Question, given: object) -> str | None:
    """Why ``given`` is not an answer yet (no number typed, items left unsorted), or None.

    Such a try is refused with this message instead of being graded, so a typo or a
    half-sorted list never costs one of the learner's tries.
    """
    if question.type == "numeric" and parse_number(given) is None:
        return _("That is not a number yet: type one, e.g. 12.5.")
    if question.type == "matching":
        placed = given if isinstance(given, Mapping) else {}
        left = sum(1 for item in question.items if placed.get(item.text) is None)
        if left:
            return _("Sort every item first ({n} still show ?).").format(n=left)
    return None


_GRADERS = {
    "single": _grade_choice,
    "multi": _grade_choice,
    "truefalse": _grade_choice,
    "spot": _grade_choice,
    "ordering": _grade_ordering,
    "matching": _grade_matching,
    "numeric": _grade_numeric,
}


def solution_text(q: Question) -> str:
    """The right answer in words, as shown after the last try."""
    if q.type in CHOICE_TYPES:
        return "; ".join(o.text for o in q.options if o.correct)
    if q.type == "ordering":
        return " → ".join(q.order)
    if q.type == "matching":
        parts = []
        for group in q.groups:
            members = ", ".join(i.text for i in q.items if i.group == group)
            parts.append(f"{group}: {members}")
        return " | ".join(parts)
    if q.type == "numeric" and q.answer is not None:
        unit = f" {q.unit}" if q.unit else ""
        return f"{_fmt(q.answer)}{unit} (± {_fmt(q.tolerance)})"
    return ""


def grade(
    question: Question, given: object, tries: int = 1, max_tries: int = DEFAULT_TRIES
) -> Result:
    """Grade try number ``tries`` (1-based) of ``max_tries``. Never raises on odd ``given``."""
    grader = _GRADERS.get(question.type)
    try:
        correct, score, feedback = grader(question, given) if grader else (False, 0.0, [])
    except (TypeError, ValueError, AttributeError):
        correct, score, feedback = False, 0.0, []
    tries = max(1, tries)
    max_tries = max(1, max_tries)
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
    )


def correct_answer(question: Question) -> object:
    """The "given" that grades correct: used by tests and the teacher's answer key."""
    if question.type in ("single", "truefalse"):
        return next((o.id for o in question.options if o.correct), "")
    if question.type in ("multi", "spot"):
        return sorted(o.id for o in question.options if o.correct)
    if question.type == "ordering":
        return list(question.order)
    if question.type == "matching":
        return {i.text: i.group for i in question.items}
    if question.type == "numeric":
        return question.answer
    return None
