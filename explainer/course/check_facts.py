"""Models and quizzes must say what the course's facts say (checker only).

A number stated in several places drifts apart: a model once offered auto-delete after 1, 7,
30 or 90 days while the lesson said 3 or 18 months and a quiz marked "1 week or 1 month"
wrong. ``facts.toml`` now defines such numbers once; this module rejects

* a table in a station's ``model.toml`` or in ``lab/*.toml`` that names a fact
  (``fact = "id"``) but gives another ``value``/``values`` than facts.toml;
* a quiz question with ``fact = "id"`` whose right answer does not state every value of the
  fact, or whose wrong answer states exactly the fact (then the quiz marks the truth wrong).
"""

from __future__ import annotations

import re
from typing import Any

from explainer.course.context import ReadContext
from explainer.course.files import read_toml
from explainer.course.model import Course, Fact, Question

NUMBER_RE = re.compile(r"(?<![\d.])\d+(?:[.,]\d+)?(?![\d.])")


def shown(values: tuple[float, ...] | list[float]) -> str:
    return ", ".join(f"{v:g}" for v in values)


def numbers_in(text: str) -> set[float]:
    return {float(found.replace(",", ".")) for found in NUMBER_RE.findall(text)}


def check_facts(ctx: ReadContext, course: Course | None, data_files: list[str]) -> None:
    if not ctx.facts:
        return
    for path in data_files:
        if (ctx.root / path).is_file():
            _check_data_file(ctx, path)
    if course is not None:
        for question in course.questions:
            if question.fact and question.fact in ctx.facts:
                _check_question(ctx, question, ctx.facts[question.fact])


def _check_data_file(ctx: ReadContext, path: str) -> None:
    parsed = read_toml(ctx.root, path, ctx.log)
    if parsed is None:
        return
    data, lines = parsed

    def visit(value: Any, at: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("fact"), str):
                _check_setting(ctx, path, lines.line(*at, "fact"), value)
            for key, item in value.items():
                visit(item, (*at, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*at, index))

    visit(data, ())


def _check_setting(ctx: ReadContext, path: str, line: int, table: dict[str, Any]) -> None:
    fact = ctx.facts.get(table["fact"])
    if fact is None:
        ctx.log.add(path, line, f'unknown fact "{table["fact"]}"; define it in facts.toml or fix the id')
        return
    given = table.get("values", table.get("value"))
    if given is None:
        return  # the model reads the value from facts.toml itself
    values = given if isinstance(given, list) else [given]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        ctx.log.add(path, line, f'the value of fact "{fact.id}" must be a number or a list of numbers')
        return
    if sorted(float(v) for v in values) != sorted(fact.values):
        ctx.log.add(path, line, f'this setting says {shown(values)} {fact.unit}'.rstrip() + f', but facts.toml says '
                    f'"{fact.label}" is {shown(fact.values)} {fact.unit}'.rstrip() + "; use the fact's values "
                    "(or correct facts.toml and its sources)")


def _check_question(ctx: ReadContext, question: Question, fact: Fact) -> None:
    where, label = question.path, f'question "{question.id}"'
    wanted = set(fact.values)
    if question.type == "numeric":
        if question.answer is not None and not any(abs(question.answer - v) <= question.tolerance for v in wanted):
            ctx.log.add(where, question.line, f"{label}: answer = {question.answer:g} contradicts fact "
                        f'"{fact.id}" ({shown(fact.values)} {fact.unit}); fix the answer or the fact'.rstrip())
        return
    for option in question.options:
        said = numbers_in(option.text)
        if option.correct and not wanted <= said:
            ctx.log.add(where, question.line, f'{label}: the right answer "{option.text}" does not state fact '
                        f'"{fact.id}" ({shown(fact.values)} {fact.unit}); say every value in the right answer'.rstrip())
        elif not option.correct and said and said == wanted:
            ctx.log.add(where, question.line, f'{label}: the wrong answer "{option.text}" states fact "{fact.id}" '
                        f"({shown(fact.values)} {fact.unit}), so the quiz would mark the truth wrong; "
                        "change the option or mark it correct")
