"""What every question widget shares: a cursor over rows, the result it was last shown.

Rows are drawn as one ``rich.text.Text`` (content is never parsed as markup, so an option
that says ``[bold]`` shows literally). Up/down move the cursor; subclasses decide what space,
number keys and brackets do. ``locked`` is set once the question is finished so the learner
can read the solution without changing the answer by accident.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from explainer.course.model import Question
from explainer.learning.quiz import Result
from explainer.tui.widgets.page_text import wrap_points

_ROW_PREFIX = re.compile(r"^(?:▶ |  )(?:\d+\. )?(?:\(.\) |\[.\] )?")


def hang(line: Text, width: int) -> Text:
    """``line`` wrapped to ``width`` with later lines under the option's text, not its number."""
    prefix = _ROW_PREFIX.match(line.plain)  # always matches: every part of it is optional
    indent = len(prefix.group(0)) if prefix else 0
    if width <= indent + 8:
        return line
    points = [indent + p for p in wrap_points(line.plain[indent:], width - indent)]
    if not points:
        return line
    out, start = Text(), 0
    for point in points:
        out.append_text(line[start:point])
        out.append("\n" + " " * indent)
        start = point + 1
    out.append_text(line[start:])
    return out


class QuestionWidget(Widget, can_focus=True):
    """Base for the question widgets; shows ``rows()`` with the cursor row highlighted."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
    ]

    cursor = reactive(0)

    class Changed(Message):
        """The learner changed the answer (the screen clears old feedback)."""

    def __init__(self, question: Question, seed: int | str) -> None:
        super().__init__(classes="question-widget")
        self.question = question
        self.seed = seed
        self.result: Result | None = None
        self.locked = False

    # -- to override
    def rows(self) -> list[Text]:
        return []

    def given(self) -> object:
        return None

    def help_text(self) -> str:
        return ""

    # -- shared
    def show_result(self, result: Result) -> None:
        self.result = result
        self.locked = result.finished
        self.refresh(layout=True)

    def render(self) -> Text:
        return self.render_at(self.size.width)

    def render_at(self, width: int) -> Text:
        out = Text()
        rows = self.rows()
        for i, row in enumerate(rows):
            line = Text("▶ " if i == self.cursor and self.has_focus else "  ")
            line.append_text(row)
            if i == self.cursor and self.has_focus:
                line.stylize("reverse")
            if width:
                line = hang(line, width)
            out.append_text(line)
            if i < len(rows) - 1:
                out.append("\n")
        if help_text := self.help_text():
            out.append("\n" + help_text, "dim")
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.render_at(width).wrap(self.app.console, max(1, width))))

    def row_count(self) -> int:
        return len(self.rows())

    def action_cursor(self, step: int) -> None:
        count = self.row_count()
        if count:
            self.cursor = (self.cursor + step) % count
        self.scroll_visible(animate=False)

    def changed(self) -> None:
        if not self.locked:
            self.result = None  # the last check's ✗ marks no longer match the rows
        self.refresh(layout=True)
        self.scroll_visible(animate=False)
        self.post_message(self.Changed())

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
