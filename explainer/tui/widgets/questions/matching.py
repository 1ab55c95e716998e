"""Matching: sort items into groups (device / cloud / reviewer, company / statement...).

Up/down pick an item; a number key puts it into that group (the legend shows which key is
which group) and moves on to the next item; 0 or backspace takes it out again.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from explainer.course.model import Question
from explainer.i18n import _
from explainer.learning.quiz import shuffled_items
from explainer.tui.widgets.questions.base import QuestionWidget


class MatchingWidget(QuestionWidget):
    BINDINGS = [
        *[
            Binding(str(n), f"assign({n})", f"Group {n}", show=False)
            for n in range(1, 10)
        ],
        Binding("0,backspace", "assign(0)", "Unsort", show=False),
    ]

    def __init__(self, question: Question, seed: int | str) -> None:
        super().__init__(question, seed)
        self.items = shuffled_items(question, seed)
        self.placed: dict[str, str] = {}

    def rows(self) -> list[Text]:
        wrong = {f.label for f in self.result.feedback} if self.result is not None else set()
        width = min(max((len(i.text) for i in self.items), default=10), 40)
        rows = []
        for item in self.items:
            row = Text(item.text.ljust(width))
            group = self.placed.get(item.text)
            row.append(" → ")
            row.append(group or "?", "bold" if group else "dim")
            if item.text in wrong:
                row.append(f" ✗ ({item.group})" if self.locked else " ✗", "bold")
            rows.append(row)
        return rows

    def help_text(self) -> str:
        if self.locked:
            return ""
        legend = " · ".join(f"{n} {g}" for n, g in enumerate(self.question.groups, start=1))
        return _("Keys: {legend} (then on to the next item) · 0 unsort · enter check").format(
            legend=legend
        )

    def given(self) -> object:
        return dict(self.placed)

    def action_assign(self, number: int) -> None:
        if self.locked or not self.items:
            return
        item = self.items[self.cursor].text
        if number == 0:
            self.placed.pop(item, None)
        elif 1 <= number <= len(self.question.groups):
            self.placed[item] = self.question.groups[number - 1]
            self.cursor = min(self.cursor + 1, len(self.items) - 1)
        else:
            return
        self.changed()


WIDGET = MatchingWidget
