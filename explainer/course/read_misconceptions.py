"""Reader for ``misconceptions.toml``: the ten common misconceptions, each with its sources.

A quiz question names the misconception it targets (``misconception = 3``); the learner's
results and the teacher's class report then speak of the misconception in words ("False
wakes are rare one-offs") and cite where the fact comes from. So the file must hold each
number once, a belief and a fact in plain words, and sources that exist. A course without
the file still loads (questions then show their number only); ``explainer check`` reports
a question whose number the file does not define.
"""

from __future__ import annotations

from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import read_toml
from explainer.course.model import Misconception, Question

MISCONCEPTIONS_FILE = "misconceptions.toml"
NUMBERS = range(1, 11)


def read_misconceptions(ctx: ReadContext) -> tuple[Misconception, ...]:
    original = MISCONCEPTIONS_FILE
    if not ((ctx.root / original).exists() or (ctx.root / original).is_symlink()):
        return ()
    path = ctx.localized(original)
    parsed = read_toml(ctx.root, path, ctx.log)
    if parsed is None:
        return ()
    top = Fields(parsed[0], path, parsed[1], (), "", ctx.log)
    tables = top.tables("misconceptions", required=True)
    top.finish()
    found: dict[int, Misconception] = {}
    for fields in tables:
        if not fields.ok:
            continue
        number = fields.number("number", required=True, default=None, whole=True)
        if number is not None and number not in NUMBERS:
            fields.say("number", f"number = {number} is not one of the ten; use 1 to 10")
            number = None
        fields.label = f"misconception {number}" if number is not None else "misconception"
        belief, fact = fields.text("belief"), fields.text("fact")
        sources = fields.strings("sources", required=True)
        if fields.has("sources") and not sources:
            fields.say("sources", 'sources is empty; cite at least one, e.g. sources = ["source-id"]')
        ctx.check_sources(fields, "sources", sources)
        fields.finish()
        if number is None:
            continue
        if number in found:
            fields.say("number", f"number {number} is used twice; each misconception is listed once")
            continue
        found[int(number)] = Misconception(int(number), belief, fact, sources, path, fields.line())
    return tuple(found[n] for n in sorted(found))


def check_question_numbers(ctx: ReadContext, questions: tuple[Question, ...],
                           misconceptions: tuple[Misconception, ...]) -> None:
    """Every ``misconception = N`` names one the file defines (when there is a file)."""
    if not misconceptions:
        return
    known = {m.number for m in misconceptions}
    for question in questions:
        if question.misconception is not None and question.misconception not in known:
            ctx.log.add(question.path, question.line,
                        f"{question.id}: misconception = {question.misconception} is not in "
                        f"{MISCONCEPTIONS_FILE}; add it there or change the number")
