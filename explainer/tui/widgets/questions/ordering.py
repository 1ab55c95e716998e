"""Ordering: put the pipeline's steps in sequence.

The items start shuffled (never already in order). Up/down move the cursor; shift+up/down,
or [ and ], carry the item under the cursor up or down. A wrong try says how many steps are
in place (the feedback below); when finished, each misplaced row shows its right position.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from explainer.course.model import Question
from explainer.i18n import _
from explainer.learning.quiz import shuffled_order
from explainer.tui.widgets.questions.base import QuestionWidget


class OrderingWidget(QuestionWidget):
    BINDINGS = [
        Binding("shift+up,left_square_bracket", "move(-1)", "Move up", show=False),
        Binding("shift+down,right_square_bracket", "move(1)", "Move down", show=False),
    ]

    def __init__(self, question: Question, seed: int | str) -> None:
        super().__init__(question, seed)
        self.items = list(shuffled_order(question, seed))

    def rows(self) -> list[Text]:
        rows = []
        for n, item in enumerate(self.items, start=1):
            row = Text(f"{n}. ")
            row.append(item)
            # which steps are out of place is told only once the question is over
            if self.locked and self.result is not None and not self.result.correct and self.question.order:
                right = (
                    list(self.question.order).index(item) + 1 if item in self.question.order else 0
                )
                if right != n:
                    row.append(f"  ✗ (→ {right})", "bold")
            rows.append(row)
        return rows

    def help_text(self) -> str:
        return "" if self.locked else _("↑/↓ select · [ ] or shift+↑/↓ move the step · enter check")

    def given(self) -> object:
        return list(self.items)

    def action_move(self, step: int) -> None:
        target = self.cursor + step
        if self.locked or not 0 <= target < len(self.items):
            return
        self.items[self.cursor], self.items[target] = self.items[target], self.items[self.cursor]
        self.cursor = target
        self.changed()


WIDGET = OrderingWidget
