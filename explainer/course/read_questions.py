"""Reader for quizzes: ``stations/NN-<id>/quiz.toml`` and ``quizzes/final.toml``.

The keys every question has (id, type, prompt, explanation, sources, hints, prepost,
misconception) are read here; the keys of its type, with that type's notion of "has a
right answer" (exactly one correct option, an order of at least two items...), are read by
the type's schema in ``explainer.course.question_types``. A question that cannot be
answered correctly is the worst bug a quiz can have, so each rule names the question and
says how to fix it.
"""

from __future__ import annotations

from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import read_toml
from explainer.course.model import Question
from explainer.course.question_types import TYPES, type_keys

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
    qtype = fields.choice("type", tuple(TYPES))
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
    for key, types in type_keys().items():
        if qtype and qtype not in types and fields.has(key):
            fields.raw(key)
            fields.say(key, f'{key} is not used by a {qtype} question; remove it (or change the type)')
    if qtype in TYPES:
        question.update(TYPES[qtype].read(ctx, fields, qtype))
    fields.finish()
    return Question(**question)

