"""Readers for the course's reference files: ``sources.toml``, ``glossary.toml`` and ``facts.toml``.

Sources come first because every other file cites them; the glossary next because lesson
pages mark its terms; then the facts that quizzes and models must agree with. All fill the
shared ReadContext for the readers that follow.
"""

from __future__ import annotations

import re

from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import read_toml
from explainer.course.model import SOURCE_KINDS, Fact, GlossaryTerm, Source
from explainer.course.toml_lines import TomlLines

DATE_RE = re.compile(r"^(n\.d\.|\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)$")


def _top(data: dict, path: str, lines: TomlLines, ctx: ReadContext, key: str) -> list[Fields]:
    top = Fields(data, path, lines, (), "", ctx.log)
    tables = top.tables(key, required=True)
    top.finish()
    return tables


def read_sources(ctx: ReadContext) -> None:
    path = ctx.localized("sources.toml")
    parsed = read_toml(ctx.root, path, ctx.log)
    if parsed is None:
        return
    ctx.sources_loaded = True
    seen: dict[str, tuple[str, int]] = {}
    for fields in _top(parsed[0], path, parsed[1], ctx, "sources"):
        source_id = ctx.take_id(fields, "source", seen, slug=True)
        source = Source(
            id=source_id,
            publisher=fields.text("publisher"),
            title=fields.text("title"),
            date=fields.text("date"),
            url=fields.text("url"),
            kind=fields.choice("kind", SOURCE_KINDS),
            note=fields.text("note", required=False),
            copy=fields.text("copy", required=False),
            path=path,
            line=fields.line(),
        )
        if source.date and not DATE_RE.match(source.date):
            fields.say("date", f'date "{source.date}" is not understood; write "2019-04-11", "2019-04", "2019" or "n.d."')
        if source.url and not source.url.startswith(("https://", "http://")):
            fields.say("url", f'url "{source.url}" must start with https:// (or http://)')
        fields.finish()
        if source_id and source_id not in ctx.sources:
            ctx.sources[source_id] = source


def read_glossary(ctx: ReadContext) -> None:
    """The glossary; a translated ``glossary.toml`` replaces terms by id, the rest stay English."""
    path = ctx.localized("glossary.toml")
    if path != "glossary.toml":
        _read_glossary_file(ctx, "glossary.toml")
    _read_glossary_file(ctx, path)


def _read_glossary_file(ctx: ReadContext, path: str) -> None:
    parsed = read_toml(ctx.root, path, ctx.log)
    if parsed is None:
        return
    ctx.glossary_loaded = True
    seen: dict[str, tuple[str, int]] = {}
    for fields in _top(parsed[0], path, parsed[1], ctx, "terms"):
        term_id = ctx.take_id(fields, "term", seen)
        term = GlossaryTerm(
            id=term_id,
            term=fields.text("term"),
            definition=fields.text("definition"),
            aliases=fields.strings("aliases"),
            sources=fields.strings("sources"),
            path=path,
            line=fields.line(),
        )
        ctx.check_sources(fields, "sources", term.sources)
        for word in (term.term, *term.aliases):
            key = word.strip().lower()
            if not key:
                continue
            owner = ctx.term_lookup.get(key)
            if owner is not None and owner != term_id:
                fields.say("aliases" if word in term.aliases else "term",
                           f'"{word}" is already a term or alias of term "{owner}"; a mark must lead to one term, '
                           "so remove one of them")
            elif term_id:
                ctx.term_lookup[key] = term_id
        fields.finish()
        if term_id and (term_id not in ctx.glossary or ctx.glossary[term_id].path != path):
            ctx.glossary[term_id] = term  # a translation replaces the English term with the same id


FACTS_FILE = "facts.toml"


def read_facts(ctx: ReadContext) -> None:
    """``facts.toml`` (optional): numbers stated in several places, defined once."""
    if not ((ctx.root / FACTS_FILE).exists() or (ctx.root / FACTS_FILE).is_symlink()):
        return
    parsed = read_toml(ctx.root, FACTS_FILE, ctx.log)
    if parsed is None:
        return
    ctx.facts_loaded = True
    seen: dict[str, tuple[str, int]] = {}
    for fields in _top(parsed[0], FACTS_FILE, parsed[1], ctx, "facts"):
        fact_id = ctx.take_id(fields, "fact", seen, slug=True)
        raw = fields.raw("values") if fields.has("values") else None
        values: tuple[float, ...] = ()
        if raw is None:
            fields.say(None, 'missing required key "values"; add values = [3, 18] (the numbers this fact states)')
        elif not isinstance(raw, list) or not raw or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in raw):
            fields.say("values", "values must be a non-empty list of numbers, like values = [3, 18]")
        else:
            values = tuple(float(v) for v in raw)
        fact = Fact(id=fact_id, label=fields.text("label"), values=values, unit=fields.text("unit", required=False),
                    sources=fields.strings("sources", required=True), path=FACTS_FILE, line=fields.line())
        ctx.check_sources(fields, "sources", fact.sources)
        fields.finish()
        if fact_id and fact_id not in ctx.facts:
            ctx.facts[fact_id] = fact
