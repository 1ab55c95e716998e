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
pages is never skipped unseen.  The page's text and marks are drawn by ``page_text``.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from explainer.course.model import Course, Page
from explainer.i18n import _
from explainer.tui.widgets.page_text import Mark, build_page_text


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
