"""Reader for quizzes: ``stations/NN-<id>/quiz.toml`` and ``quizzes/final.toml``.

Every question type has its own notion of "has a right answer" (exactly one correct
option, an order of at least two items, every item in a known group, a numeric answer
with a tolerance...). A question that cannot be answered correctly is the worst bug a
quiz can have, so each rule here names the question and says how to fix it.
"""

from __future__ import annotations

from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import read_toml
from explainer.course.model import QUESTION_TYPES, MatchItem, Option, Question

OPTION_TYPES = ("single", "multi", "truefalse", "spot")
TYPE_KEYS = {
    "options": OPTION_TYPES,
    "order": ("ordering",),
    "groups": ("matching",),
    "items": ("matching",),
    "answer": ("numeric",),
    "tolerance": ("numeric",),
    "unit": ("numeric",),
}
MISCONCEPTIONS = range(1, 11)


def read_quiz(ctx: ReadContext, path: str, station_id: str) -> tuple[Question, ...]:
    path = ctx.localized(path)
    parsed = read_toml(ctx.root, path, ctx.log)
    if parsed is None:
        return ()
    top = Fields(parsed[0], path, parsed[1], (), "", ctx.log)
    tables = top.tables("questions", required=True)
    top.finish()
    questions = []
    for fields in tables:
        question = read_question(ctx, fields, station_id)
        if question is not None:
            questions.append(question)
    return tuple(questions)


def read_question(ctx: ReadContext, fields: Fields, station_id: str) -> Question | None:
    if not fields.ok:
        return None
    qid = ctx.take_id(fields, "question", ctx.question_ids)
    qtype = fields.choice("type", QUESTION_TYPES)
    sources = fields.strings("sources", required=True)
    if fields.has("sources") and isinstance(fields.raw("sources"), list) and not fields.raw("sources"):
        fields.say("sources", 'sources is empty; cite at least one source, e.g. sources = ["source-id"]')
    ctx.check_sources(fields, "sources", sources)
    misconception = fields.number("misconception", default=None, whole=True)
    if misconception is not None and misconception not in MISCONCEPTIONS:
        fields.say("misconception", f"misconception = {misconception} is not one of the ten misconceptions; "
                   "use a number from 1 to 10 (facts.md section 6) or remove the key")
        misconception = None
    fact = fields.text("fact", required=False)
    if fact and ctx.facts_loaded and fact not in ctx.facts:
        fields.say("fact", f'unknown fact "{fact}"; define it in facts.toml or fix the id')
    question = dict(
        id=qid, station_id=station_id, type=qtype, prompt=fields.text("prompt"),
        explanation=fields.text("explanation"), sources=sources, hints=fields.strings("hints"),
        prepost=fields.flag("prepost"), misconception=misconception, fact=fact, path=fields.path,
        line=fields.line(),
    )
    for key, types in TYPE_KEYS.items():
        if qtype and qtype not in types and fields.has(key):
            fields.raw(key)
            fields.say(key, f'{key} is not used by a {qtype} question; remove it (or change the type)')
    if qtype in OPTION_TYPES:
        question["options"] = _options(ctx, fields, qtype)
    elif qtype == "ordering":
        question["order"] = _order(fields)
    elif qtype == "matching":
        question["groups"], question["items"] = _matching(fields)
    elif qtype == "numeric":
        question["answer"] = fields.number("answer", required=True, default=None)
        question["tolerance"] = fields.number("tolerance", default=0.0, minimum=0)
        question["unit"] = fields.text("unit", required=False)
    fields.finish()
    return Question(**question)


def _options(ctx: ReadContext, fields: Fields, qtype: str) -> tuple[Option, ...]:
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
        return tuple(options)
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
    return tuple(options)


def _order(fields: Fields) -> tuple[str, ...]:
    order = fields.strings("order", required=True)
    if fields.has("order") and isinstance(fields.raw("order"), list):
        if len(order) < 2:
            fields.say("order", 'order needs at least 2 items, listed in the right order: order = ["first", "second"]')
        if len(set(order)) != len(order):
            fields.say("order", "order lists the same item twice; every item must be different")
    return order


def _matching(fields: Fields) -> tuple[tuple[str, ...], tuple[MatchItem, ...]]:
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
    return groups, tuple(items)
