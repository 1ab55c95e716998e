"""A lesson page as one Rich ``Text``: citations as numbered markers, glossary marks highlighted.

The page's blocks come from ``explainer.course.markup`` (the parser the checker uses too) and
are drawn into a single ``rich.text.Text`` with the list of its selectable ``Mark``s (a
citation ``[1]`` or a glossary term) and where each sits.  Content is never read as Rich
markup (a page that says ``[bold]`` shows ``[bold]``), and lists and asides hang their
continuation lines under their first word.  The drawing needs no widget -- ``PageView`` shows
it and walks its marks, the station's end screen and the questions reuse it -- so it lives
here, apart from the widget's scrolling and keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from explainer.course import markup
from explainer.course.model import Course, GlossaryTerm, Page
from explainer.i18n import _

_INLINE_RE = re.compile(
    r"(?P<cite>[ \t]*\[@(?P<source>[a-z0-9][a-z0-9-]*)\])"
    r"|\{(?P<term>[^{}\n]+)\}"
    r"|`(?P<code>[^`\n]+)`"
    r"|\[(?P<link>[^\]\n]+)\]\((?P<url>[^)\s]+)\)"
    r"|\*\*(?P<strong>[^*\n]+)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s](?:[^*\n]*[^*\s])?)\*(?![\w*])"
)


@dataclass(frozen=True)
class Mark:
    """A selectable spot on the page: a citation marker or a glossary term."""

    kind: str  # "citation" | "term"
    key: str  # source id, or glossary term id ("" when the term is unknown)
    label: str  # what the page shows: "[2]" or the term's words
    start: int
    end: int


def glossary_index(course: Course) -> dict[str, GlossaryTerm]:
    """Lower-cased term and alias -> glossary entry, for resolving ``{marks}``."""
    index: dict[str, GlossaryTerm] = {}
    for entry in course.glossary.values():
        for name in (entry.term, entry.id, *entry.aliases):
            index.setdefault(name.strip().lower(), entry)
    return index


def page_citations(page: Page) -> list[str]:
    return list(page.citations) or markup.citations(page.body)


def page_terms(page: Page, course: Course) -> list[GlossaryTerm]:
    index = glossary_index(course)
    found: dict[str, GlossaryTerm] = {}
    for raw in markup.terms(page.body):
        entry = index.get(raw.lower())
        if entry is not None:
            found.setdefault(entry.id, entry)
    return list(found.values())


def _click(index: int) -> Style:
    """Mouse users can click a marker too (the screen's ``open_mark_at`` action)."""
    return Style.from_meta({"@click": f"screen.open_mark_at({index})"})


def wrap_points(plain: str, width: int) -> list[int]:
    """Where to break ``plain`` (indices of spaces) so no line is wider than ``width`` cells.

    A word longer than a line stays whole (the terminal folds it); nothing else changes.
    """
    points: list[int] = []
    line_start = 0
    for word in re.finditer(r"\S+", plain):
        if word.start() > line_start and cell_len(plain[line_start : word.end()]) > width:
            points.append(word.start() - 1)
            line_start = word.start()
    return points


def _hang(block: Text, marks: list[Mark], first_mark: int, width: int | None, follow: Text) -> Text:
    """``block`` wrapped to ``width`` cells with ``follow`` starting every further line (a
    hanging indent for list items, the bar for asides); the block's marks move to match."""
    if not width or width < 8:
        return block
    points = wrap_points(block.plain, width)
    if not points:
        return block
    out = Text()
    start = 0
    for point in points:
        out.append_text(block[start:point])
        out.append("\n")
        out.append_text(follow)
        start = point + 1
    out.append_text(block[start:])
    shift = len(follow.plain)
    for i in range(first_mark, len(marks)):
        mark = marks[i]
        start = mark.start + shift * sum(1 for point in points if point < mark.start)
        end = mark.end + shift * sum(1 for point in points if point < mark.end)
        marks[i] = Mark(mark.kind, mark.key, mark.label, start, end)
    return out


def build_page_text(
    page: Page,
    course: Course,
    styles: dict[str, Style],
    focused: int | None = None,
    width: int | None = None,
    compact: bool = False,
) -> tuple[Text, list[Mark]]:
    """The page as Text plus its marks in reading order. ``styles`` maps role -> Style.

    With ``width`` (the cells a line may use), list items and asides are wrapped here with a
    hanging indent, so their second lines line up under the text instead of the bullet.
    """
    numbers = {source_id: n for n, source_id in enumerate(page_citations(page), start=1)}
    index = glossary_index(course)
    text = Text()
    marks: list[Mark] = []
    text.append(page.title + "\n", styles.get("title", Style(bold=True)))
    if page.kind == "notes":
        text.append(_("Notes & caveats") + "\n", styles.get("aside", Style()))

    def inline(raw: str, base: Style) -> None:
        position = 0
        for match in _INLINE_RE.finditer(raw):
            text.append(raw[position : match.start()], base)
            position = match.end()
            if match.group("source"):
                source_id = match.group("source")
                number = numbers.setdefault(source_id, len(numbers) + 1)
                label = f"[{number}]"
                role = "focused" if focused == len(marks) else "citation"
                begin = len(text)
                text.append(label, base + styles.get(role, Style()) + _click(len(marks)))
                marks.append(Mark("citation", source_id, label, begin, len(text)))
            elif match.group("term") is not None:
                words = match.group("term")
                entry = index.get(words.strip().lower())
                role = "focused" if focused == len(marks) else "term"
                begin = len(text)
                text.append(words, base + styles.get(role, Style()) + _click(len(marks)))
                marks.append(Mark("term", entry.id if entry else "", words, begin, len(text)))
            elif match.group("code") is not None:
                text.append(match.group("code"), base + styles.get("code", Style()))
            elif match.group("link") is not None:
                text.append(f"{match.group('link')} ({match.group('url')})", base + Style(underline=True))
            elif match.group("strong") is not None:
                text.append(match.group("strong"), base + Style(bold=True))
            else:
                text.append(match.group("em"), base + Style(italic=True))
        text.append(raw[position:], base)

    previous = ""
    for block in markup.blocks(page.body):
        joined = " ".join(line.strip() for line in block.text.splitlines())
        if not (compact and block.kind == previous == "item"):
            text.append("\n")  # a blank line between blocks (compact: not between list items)
        previous = block.kind
        if block.kind == "heading":
            inline(joined, styles.get("heading", Style(bold=True)))
        elif block.kind in ("item", "quote"):
            aside = styles.get("aside", Style(italic=True))
            if block.kind == "item":
                prefix = Text("  " * (block.level + 1) + "• ")
                follow = Text(" " * len(prefix.plain))
            else:
                prefix, follow = Text("▌ ", aside), Text("▌ ", aside)
            text.append_text(prefix)
            # the block is built on its own (marks relative to it), wrapped, then appended
            outer, text, first_mark = text, Text(), len(marks)
            offset = len(outer)
            inline(joined, Style() if block.kind == "item" else aside)
            wrapped = _hang(text, marks, first_mark, None if width is None else width - len(prefix.plain), follow)
            for i in range(first_mark, len(marks)):
                m = marks[i]
                marks[i] = Mark(m.kind, m.key, m.label, m.start + offset, m.end + offset)
            outer.append_text(wrapped)
            text = outer
        elif block.kind == "code":
            text.append(block.text, styles.get("code", Style()))
        else:
            inline(joined, Style())
        text.append("\n")
    text.rstrip()
    return text, marks
