"""Numeric: a typed number, graded with an absolute tolerance.

Typing is forgiving: "32,4", " 32 s" and "32.4" all mean 32.4. A percentage typed where
the answer is not in per cent ("40%" when the question wants 0.4) is read as the decimal
it stands for, and the learner is told so -- the arithmetic was right, the form was not,
and that must not cost a try; so is the mirror case, a fraction ("0.153") typed where the
answer is a percentage (15.3) -- read so only when the fraction matches the answer. Text that holds no number is refused without costing one.
"""

from __future__ import annotations

import math

from explainer.course.model import Question
from explainer.i18n import _
from explainer.learning.qtypes.base import Feedback, Graded, PlainIO, QuestionKind


def parse_number(given: object) -> float | None:
    """A number from what was typed: accepts "32.4", "32,4", " 32 s"; None if it is no number."""
    if isinstance(given, bool):
        return None
    if isinstance(given, int | float):
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


def fmt(number: float) -> str:
    return f"{number:g}"


def is_percent_unit(unit: str) -> bool:
    return unit.strip().lower() in ("%", "percent", "per cent", "percentage")


def reading(question: Question, given: object) -> tuple[float | None, str | None]:
    """The number ``given`` stands for in this question, and a note when it was converted."""
    value = parse_number(given)
    if value is None:
        return None, None
    if isinstance(given, str) and "%" in given and not is_percent_unit(question.unit):
        decimal = value / 100
        note = _("{typed} read as {decimal}: this question wants a decimal, not a percentage.").format(
            typed=f"{fmt(value)}%", decimal=fmt(decimal)
        )
        return decimal, note
    if is_percent_unit(question.unit) and "%" not in str(given) and question.answer is not None:
        # the mirror case: a fraction ("0.153") where the question wants a percentage (15.3). Read
        # it so only when the fraction matches and the number as typed does not: "0.2" stays 0.2%
        # for a question whose answer really is 0.2%.
        percent = value * 100
        close = question.tolerance + 1e-9
        if 0 < abs(value) <= 1 and abs(percent - question.answer) <= close < abs(value - question.answer):
            note = _("{typed} read as {percent}%: this question wants a percentage, not a decimal.").format(
                typed=fmt(value), percent=fmt(percent))
            return percent, note
    return value, None


class NumericKind(QuestionKind):
    def grade(self, question: Question, given: object, final: bool) -> Graded:
        value, note = reading(question, given)
        if value is None or question.answer is None:
            return Graded(False, 0.0, (Feedback(str(given)[:40], _("Type a number, e.g. 12.5.")),))
        if abs(value - question.answer) <= question.tolerance + 1e-9:
            return Graded(True, 1.0, (), note)
        message = _("Too high.") if value > question.answer else _("Too low.")
        return Graded(False, 0.0, (Feedback(fmt(value), message),), note)

    def incomplete(self, question: Question, given: object) -> str | None:
        if parse_number(given) is None:
            return _("That is not a number yet: type one, e.g. 12.5.")
        return None

    def solution(self, question: Question) -> str:
        if question.answer is None:
            return ""
        unit = f" {question.unit}" if question.unit else ""
        return f"{fmt(question.answer)}{unit} (± {fmt(question.tolerance)})"

    def correct_answer(self, question: Question) -> object:
        return question.answer

    def answer_text(self, question: Question, given: object) -> str:
        if given is None:
            return ""
        text = str(given).strip()
        unit = question.unit.strip()
        if unit and parse_number(text) is not None and not text.endswith(unit) and "%" not in text:
            return f"{text} {unit}"
        return text

    def ask_plain(self, question: Question, seed: int | str | None, io: PlainIO) -> object:
        unit = f" ({question.unit})" if question.unit else ""
        while True:
            text = io.ask(_("Type a number") + unit + ":")
            if parse_number(text) is not None:
                return text
            io.say(_("That is not a number."))


KINDS: dict[str, QuestionKind] = {"numeric": NumericKind()}
