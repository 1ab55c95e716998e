"""Reader for the reviewer seat's rulebook, ``clips/rules.toml``.

The rulebook is the one place the seat's rules are written: the sidebar shows each rule's
``short`` line, F2 the intro, every rule's ``text`` and its worked accept/reject examples, and
the scorer names the rules by id in the feedback. This reader checks the file's shape and its
citations; whether the scorer agrees with every worked example, and whether every rule the
scorer names is here, is checked by ``explainer check`` (``explainer.learning.shift_check``),
which may import the scorer -- the course layer does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.course import markup
from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import read_toml
from explainer.course.model import Rule, RuleExample

RULES_FILE = "clips/rules.toml"
VERDICTS = ("accept", "reject")


@dataclass(frozen=True)
class Rulebook:
    intro: str = ""
    rules: tuple[Rule, ...] = ()


def read_rules(ctx: ReadContext) -> Rulebook:
    """The rulebook, or an empty one when the course has no ``clips/rules.toml``."""
    path = ctx.localized(RULES_FILE)
    if not ((ctx.root / path).exists() or (ctx.root / path).is_symlink()):
        return Rulebook()  # the seat falls back to the rules' bare titles; ``explainer check`` says so
    parsed = read_toml(ctx.root, path, ctx.log)
    if parsed is None:
        return Rulebook()
    top = Fields(parsed[0], path, parsed[1], (), "", ctx.log)
    intro = top.text("intro", required=False)
    _check_citations(ctx, top, "intro", intro)
    tables = top.tables("rules", required=True)
    top.finish()
    seen: dict[str, tuple[str, int]] = {}
    rules: list[Rule] = []
    for fields in tables:
        if not fields.ok:
            continue
        rule_id = ctx.take_id(fields, "rule", seen, slug=True)
        text = fields.text("text")
        rule = Rule(
            id=rule_id, title=fields.text("title"), short=fields.text("short"), text=text,
            examples=tuple(_examples(fields)), citations=tuple(markup.citations(text)),
            path=path, line=fields.line(),
        )
        _check_citations(ctx, fields, "text", text)
        fields.finish()
        if rule_id:
            rules.append(rule)
    return Rulebook(intro, tuple(rules))


def _check_citations(ctx: ReadContext, fields: Fields, key: str, text: str) -> None:
    for source_id in markup.citations(text):
        if ctx.unknown_citation(source_id):
            fields.say(key, f'unknown source "{source_id}" in [@{source_id}]; add it to sources.toml or fix the id')


def _examples(fields: Fields) -> list[RuleExample]:
    examples: list[RuleExample] = []
    for number, table in enumerate(fields.tables("examples"), start=1):
        if not table.ok:
            continue
        table.label = f"{fields.label}, example #{number}"
        ticked = table.raw("ticked_false_wake")
        if ticked is not None and not isinstance(ticked, bool):
            table.say("ticked_false_wake", "ticked_false_wake must be true or false")
            ticked = None
        example = RuleExample(
            verdict=table.choice("verdict", VERDICTS), heard=table.strings("heard", required=True),
            transcribe=table.text("transcribe", empty_ok=True), typed=table.text("typed", empty_ok=True),
            why=table.text("why"), false_wake=table.flag("false_wake"), ticked_false_wake=ticked,
            unclear=table.text("unclear", required=False), path=table.path, line=table.line(),
        )
        table.finish()
        examples.append(example)
    return examples
