"""One lesson page drawn as Rich Text: light, fast, and safe with any content.

Textual's Markdown widget is heavy for short pages that change on every key press, and it
would not know our two marks. We draw the blocks from ``explainer.course.markup`` (the same
parser the checker uses) into a single ``rich.text.Text``: citations become short numbered
markers like ``[1]``, glossary marks are highlighted, ``> asides`` are set apart. Content is
never read as Rich markup (a page that says ``[bold]`` shows ``[bold]``).

Tab / shift+tab walk through the marks; enter asks the screen to open the focused source or
term (messages up: ``PageView.SourceRequested`` / ``PageView.TermRequested``). Colours come
from the stylesheet through component classes, never from Python.

A page taller than the terminal says so: ``more_below`` is true until its last line has been
on screen, and ``PageView.MoreBelowChanged`` tells the screen when that changes, so n can show
the rest (and the footer say so) before it turns the page -- the "Try it" line that ends most
pages is never skipped unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

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


class PageView(VerticalScroll, can_focus=True):
    """Shows one page; tab cycles its citation and glossary marks, enter opens one."""

    COMPONENT_CLASSES = {
        "page-view--title", "page-view--heading", "page-view--citation", "page-view--term",
        "page-view--aside", "page-view--code", "page-view--focused",
    }
    BINDINGS = [
        Binding("tab", "next_mark", "Next citation/term", show=False),
        Binding("shift+tab", "previous_mark", "Previous citation/term", show=False),
        Binding("enter", "open_mark", "Open source/term", show=False),
    ]

    class SourceRequested(Message):
        def __init__(self, source_id: str) -> None:
            super().__init__()
            self.source_id = source_id

    class TermRequested(Message):
        def __init__(self, term_id: str) -> None:
            super().__init__()
            self.term_id = term_id

    class MoreBelowChanged(Message):
        """The page's end came into view, or went out of it (a new page, a scroll, a resize)."""

        def __init__(self, more_below: bool) -> None:
            super().__init__()
            self.more_below = more_below

    def __init__(self, page: Page, course: Course, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.page = page
        self.course = course
        self.focused_mark: int | None = None
        self.marks: list[Mark] = []
        self._told_more_below = False

    def compose(self) -> ComposeResult:
        yield Static("", id="page-text", markup=False)

    def on_mount(self) -> None:
        self.refresh_text()

    def _styles(self) -> dict[str, Style]:
        roles = ("title", "heading", "citation", "term", "aside", "code", "focused")
        return {role: self.get_component_rich_style(f"page-view--{role}") for role in roles}

    def refresh_text(self) -> None:
        region = self.scrollable_content_region
        width = region.width if region.width > 0 else None
        text, self.marks = build_page_text(self.page, self.course, self._styles(), self.focused_mark, width=width)
        if width and not self.show_vertical_scrollbar:
            if len(text.wrap(self.app.console, width)) > region.height:  # a scrollbar will take 2 cells
                text, self.marks = build_page_text(
                    self.page, self.course, self._styles(), self.focused_mark, width=width - 2
                )
        self.query_one("#page-text", Static).update(text)

        self.call_after_refresh(self._tell_more_below)  # the new text's height is known after layout

    def on_resize(self) -> None:
        self.refresh_text()  # the hanging indents depend on the width

    def show_page(self, page: Page) -> None:
        self.page = page
        self.focused_mark = None
        self.refresh_text()
        self.scroll_home(animate=False)

    # -- a page taller than the screen -------------------------------------------------------
    @property
    def more_below(self) -> bool:
        """Lines of this page are still below the bottom edge."""
        return self.display and self.scroll_y < self.max_scroll_y

    def show_more(self) -> None:
        """One screenful further down (or to the end, if that is nearer)."""
        self.scroll_page_down(animate=False)
        self._tell_more_below()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._tell_more_below()

    def watch_virtual_size(self) -> None:
        self._tell_more_below()  # a page of another height has been laid out

    def _tell_more_below(self) -> None:
        more = self.more_below
        if more != self._told_more_below:
            self._told_more_below = more
            self.post_message(self.MoreBelowChanged(more))

    def _move(self, step: int) -> None:
        if not self.marks:
            self.notify(_("This page has no citations or glossary terms."), timeout=3)
            return
        if self.focused_mark is None:
            self.focused_mark = 0 if step > 0 else len(self.marks) - 1
        else:
            self.focused_mark = (self.focused_mark + step) % len(self.marks)
        self.refresh_text()

    def action_next_mark(self) -> None:
        self._move(1)

    def action_previous_mark(self) -> None:
        self._move(-1)

    @property
    def current_mark(self) -> Mark | None:
        if self.focused_mark is None or self.focused_mark >= len(self.marks):
            return None
        return self.marks[self.focused_mark]

    def open_mark_at(self, index: int) -> None:
        if 0 <= index < len(self.marks):
            self.focused_mark = index
            self.refresh_text()
            self.action_open_mark()

    def action_open_mark(self) -> None:
        mark = self.current_mark
        if mark is None:
            self._move(1)
            return
        if mark.kind == "citation":
            self.post_message(self.SourceRequested(mark.key))
        else:
            self.post_message(self.TermRequested(mark.key))
