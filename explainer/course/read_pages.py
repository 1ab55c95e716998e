"""Reader for lesson pages: ``stations/NN-<id>/NN-<slug>.md``.

A page is front matter (title, kind, short_tour) and a Markdown body split by
``markup.blocks`` -- the same split the lesson screen draws. Here the CLAIM RULE is
enforced: every paragraph and list item cites a source; headings, code and ``>`` asides
need not. Citations must name known sources and ``{marks}`` known glossary terms.
"""

from __future__ import annotations

import re
from pathlib import Path

from explainer.course import markup
from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import read_text
from explainer.course.model import PAGE_KINDS, Page
from explainer.course.toml_lines import TomlLines

PAGE_FILE_RE = re.compile(r"^(\d+)-([a-z0-9][a-z0-9-]*)\.md$")
MAX_WORDS = 180  # the guide asks for ~150 so a page fits 80x24; this is the hard limit


def page_files(folder: Path) -> list[str]:
    """File names of the lesson pages in a station folder, in page order (file name order)."""
    try:
        return sorted(entry.name for entry in folder.iterdir() if PAGE_FILE_RE.match(entry.name))
    except OSError:
        return []


def read_pages(ctx: ReadContext, station_id: str, folder: str, seen: dict[str, tuple[str, int]]) -> tuple[Page, ...]:
    pages = []
    for name in page_files(ctx.root / folder):
        page = read_page(ctx, station_id, f"{folder}/{name}", seen)
        if page is not None:
            pages.append(page)
    return tuple(pages)


def read_page(ctx: ReadContext, station_id: str, path: str, seen: dict[str, tuple[str, int]],
              page_id: str = "") -> Page | None:
    """One page; ``page_id`` is given for pages outside a station (e.g. ``guidelines.md``)."""
    path = ctx.localized(path)
    text = read_text(ctx.root, path, ctx.log)
    if text is None:
        return None
    log = ctx.log
    match = PAGE_FILE_RE.match(path.rsplit("/", 1)[-1])
    slug = match.group(2) if match else path.rsplit("/", 1)[-1].removesuffix(".md")
    page_id = page_id or f"{station_id}/{slug}"
    complete = True
    try:
        front, body, start = markup.split_front_matter(text, strict=True)
    except markup.FrontMatterError as error:
        if error.line == 1 and ";" not in error.message:
            hint = '; start the file with a line +++, then title = "...", then a line +++'
        else:
            hint = '' if ";" in error.message else '; front matter lines look like title = "..." or short_tour = true'
        log.add(path, error.line, f"{error.message}{hint}")
        front, body, start = markup.split_front_matter(text)
        complete = False
    raw_front = "\n".join(text.split("\n")[1 : max(start - 2, 1)]) if start > 1 else ""
    fields = Fields(front, path, TomlLines("\n" + raw_front), (), "", log)
    title = fields.text("title", required=complete)
    kind = fields.choice("kind", PAGE_KINDS, required=False, default="lesson")
    short_tour = fields.flag("short_tour")
    fields.finish()
    if page_id in seen:
        first = seen[page_id]
        log.add(path, 1, f'duplicate page id "{page_id}" (also {first[0]}); give each page a different name after NN-')
    else:
        seen[page_id] = (path, 1)
    cited, marked = _check_body(ctx, path, body, start, word_limit=bool(station_id))
    if not complete:
        return None
    return Page(id=page_id, station_id=station_id, slug=slug, title=title, body=body, kind=kind,
                short_tour=short_tour, citations=cited, terms=marked, path=path, line=1)


def _check_body(ctx: ReadContext, path: str, body: str, start: int, *, word_limit: bool = True
                ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    log = ctx.log
    cited: dict[str, None] = {}
    marked: dict[str, None] = {}
    parts = markup.blocks(body, start)
    if not any(block.kind != "heading" and block.text.strip() for block in parts):
        log.add(path, start, "the page has no text; write the lesson below the closing +++")
    words = len(markup.plain_text(body).split())
    if word_limit and words > MAX_WORDS:  # lesson pages only; guidelines.md is a scrolling document
        log.add(path, start, f"the page has {words} words, too many to fit a small screen (at most {MAX_WORDS}, "
                "ideally about 150); split it into two pages")
    for block in parts:
        if block.kind == "code":
            continue
        sources = markup.citations(block.text)
        for source_id in sources:
            cited.setdefault(source_id, None)
            if ctx.unknown_citation(source_id):
                log.add(path, block.line, f'unknown source "{source_id}" in [@{source_id}]; '
                        "add it to sources.toml or fix the id")
        for word in markup.terms(block.text):
            term_id = ctx.term_lookup.get(word.lower())
            if term_id is None:
                if ctx.glossary_loaded:
                    log.add(path, block.line, f"{{{word}}} is not a glossary term or alias; add it to "
                            "glossary.toml or remove the braces")
            else:
                marked.setdefault(term_id, None)
        if block.kind in ("paragraph", "item") and not sources:
            what = "list item" if block.kind == "item" else "paragraph"
            log.add(path, block.line, f"{what} has no source (claim rule); add a citation like [@source-id] "
                    'right after the claim, or make it an aside starting with "> " if it is not a claim')
    return tuple(cited), tuple(marked)
