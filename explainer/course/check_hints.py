"""Hints that give the answer away: a checker rule for fair quizzes.

A hint is shown after a wrong try, before the next one. If it states the answer ("2 / 6"
for a WER of 0.333, "0.95 × 8 = ?" for 7.6, or the right option's words), the last try
measures copying, not knowing -- and the "right in the end" figures lie. So ``explainer
check`` reports a numeric question's hint that holds the answer or a sum that works it out,
and a choice question's hint that quotes its right option.
"""

from __future__ import annotations

import ast
import operator
import re

from explainer.course.context import ReadContext
from explainer.course.model import Course, Question

_EXPR = re.compile(r"[\d(][\d\s.,()×x*/+\-−]*[\d)]")
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _value(node: ast.AST) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _value(node.left), _value(node.right)
        if left is None or right is None or (isinstance(node.op, ast.Div) and right == 0):
            return None
        return float(_OPS[type(node.op)](left, right))
    return None


def _numbers(hint: str) -> list[float]:
    """Every number or little sum in the hint, worked out ("9 × 3,600" -> 32400)."""
    found = []
    for match in _EXPR.finditer(hint):
        text = match.group(0).replace("×", "*").replace("x", "*").replace("−", "-")
        text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 3,600 -> 3600
        try:
            value = _value(ast.parse(text.strip(), mode="eval").body)
        except (SyntaxError, ValueError):
            continue
        if value is not None:
            found.append(value)
    return found


def gives_away(question: Question, hint: str) -> str | None:
    """Why ``hint`` hands over the answer, or None."""
    if question.type == "numeric" and question.answer is not None:
        close = max(question.tolerance, abs(question.answer) * 1e-6)
        for value in _numbers(hint):
            if abs(value - question.answer) <= close:
                return f"it works the answer out ({value:g})"
        return None
    for option in question.options:
        if option.correct and len(option.text) >= 8 and option.text.casefold() in hint.casefold():
            return f"it quotes the right option (“{option.text}”)"
    return None


def check_hints(ctx: ReadContext, course: Course | None) -> None:
    if course is None:
        return
    for question in course.questions:
        for number, hint in enumerate(question.hints, start=1):
            why = gives_away(question, hint)
            if why:
                ctx.log.add(question.path, question.line,
                            f"{question.id}: hint {number} gives the answer away ({why}); a hint is shown "
                            "before the learner's next try, so point at the method instead")
