"""The question types a quiz may use, and each type's content schema: one entry per type.

A question type is three things, each in its own layer:

* its **content schema** -- the keys a ``[[questions]]`` table of that type has, read and
  checked here (``read``), so ``explainer check`` knows every type without importing more;
* its **grading class** -- ``explainer.learning.qtypes.<impl>`` (no Textual);
* its **widget** -- ``explainer.tui.widgets.questions.<impl>``.

``impl`` names the module in both places, so adding a type means one entry here, one
grading module and one widget module (see docs/architecture.md, "A new question type").
Everything else -- the quiz screen, the results screen and export, the plain reader, the
class report -- asks the grading class, never ``if question.type == ...``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.model import MatchItem, Option

Reader = Callable[[ReadContext, Fields, str], dict[str, Any]]


@dataclass(frozen=True)
class QuestionType:
    """One question type: its name in content, what the quiz header calls it, its schema."""

    name: str
    title: str  # English; translated when shown, e.g. "Choose one"
    keys: tuple[str, ...]  # the type-specific content keys (any other type refuses them)
    read: Reader  # reads those keys into Question fields (``extra`` for a type's own data)
    impl: str  # module name of the grading class and of the widget


# ---------------------------------------------------------------- built-in schemas


def _options(ctx: ReadContext, fields: Fields, qtype: str) -> dict[str, Any]:
    tables = fields.tables("options", required=True)
    seen: dict[str, tuple[str, int]] = {}
    options = []
    broken = False
    for table in tables:
        if not table.ok:
            broken = True
            continue
        within = fields.label + ", " if fields.label else ""
        oid = ctx.take_id(table, "option", seen, within=within)
        if table.has("correct") and not isinstance(table.raw("correct"), bool):
            broken = True
        options.append(Option(id=oid, text=table.text("text"), correct=table.flag("correct"),
                              feedback=table.text("feedback", required=False)))
        table.finish()
    if not fields.has("options") or broken:
        return {"options": tuple(options)}
    correct = sum(option.correct for option in options)
    if qtype == "truefalse" and len(options) != 2:
        fields.say("options", f"a truefalse question needs exactly 2 options (True and False), not {len(options)}")
    elif len(options) < 2:
        fields.say("options", f"a {qtype} question needs at least 2 options; add [[questions.options]] blocks")
    if correct == 0:
        fields.say("options", "no option has correct = true; mark the right answer with correct = true")
    elif correct > 1 and qtype in ("single", "truefalse"):
        fields.say("options", f"{correct} options have correct = true, but a {qtype} question has exactly one "
                   'right answer; keep correct = true on one option (or use type = "multi")')
    return {"options": tuple(options)}


def _order(ctx: ReadContext, fields: Fields, qtype: str) -> dict[str, Any]:
    order = fields.strings("order", required=True)
    if fields.has("order") and isinstance(fields.raw("order"), list):
        if len(order) < 2:
            fields.say("order", 'order needs at least 2 items, listed in the right order: order = ["first", "second"]')
        if len(set(order)) != len(order):
            fields.say("order", "order lists the same item twice; every item must be different")
    return {"order": order}


def _matching(ctx: ReadContext, fields: Fields, qtype: str) -> dict[str, Any]:
    groups = fields.strings("groups", required=True)
    if fields.has("groups") and len(groups) < 2:
        fields.say("groups", 'a matching question needs at least 2 groups: groups = ["a", "b"]')
    if len(set(groups)) != len(groups):
        fields.say("groups", "groups lists the same group twice; every group must be different")
    items = []
    tables = fields.tables("items", required=True)
    for number, table in enumerate(tables, start=1):
        if not table.ok:
            continue
        table.label = f"{fields.label}, item #{number}" if fields.label else f"item #{number}"
        item = MatchItem(text=table.text("text"), group=table.text("group"))
        if item.group and groups and item.group not in groups:
            table.say("group", f'group "{item.group}" is not one of the groups ({", ".join(groups)}); '
                      "use one of them or add it to groups")
        table.finish()
        items.append(item)
    if fields.has("items") and isinstance(fields.raw("items"), list) and len(tables) < 2:
        fields.say("items", "a matching question needs at least 2 items; add [[questions.items]] blocks")
    return {"groups": groups, "items": tuple(items)}


def _numeric(ctx: ReadContext, fields: Fields, qtype: str) -> dict[str, Any]:
    return {
        "answer": fields.number("answer", required=True, default=None),
        "tolerance": fields.number("tolerance", default=0.0, minimum=0),
        "unit": fields.text("unit", required=False),
    }


_CHOICE_KEYS = ("options",)

TYPES: dict[str, QuestionType] = {
    entry.name: entry
    for entry in (
        QuestionType("single", "Choose one", _CHOICE_KEYS, _options, "choice"),
        QuestionType("multi", "Choose all that apply", _CHOICE_KEYS, _options, "choice"),
        QuestionType("truefalse", "True or false", _CHOICE_KEYS, _options, "choice"),
        QuestionType("spot", "Spot it", _CHOICE_KEYS, _options, "choice"),
        QuestionType("ordering", "Put in order", ("order",), _order, "ordering"),
        QuestionType("matching", "Sort into groups", ("groups", "items"), _matching, "matching"),
        QuestionType("numeric", "Type a number", ("answer", "tolerance", "unit"), _numeric, "numeric"),
    )
}


def type_names() -> tuple[str, ...]:
    return tuple(TYPES)


def type_keys() -> dict[str, tuple[str, ...]]:
    """Every type-specific key and the types that use it (to refuse a key of another type)."""
    found: dict[str, list[str]] = {}
    for entry in TYPES.values():
        for key in entry.keys:
            found.setdefault(key, []).append(entry.name)
    return {key: tuple(names) for key, names in found.items()}


def type_title(name: str) -> str:
    """What the quiz header calls a type (English; translate when shown)."""
    entry = TYPES.get(name)
    return entry.title if entry else name
