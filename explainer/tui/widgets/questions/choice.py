"""Single choice, multiple select, true/false and "spot it" -- all are lists of options.

Single and true/false: space, or a number key, selects one option. Multiple select and spot
(pick the fields of a reviewer's screen that identify someone): space or a number key toggles.
After a try, options chosen wrongly carry ✗; once the question is finished the right ones
carry ✓, so the learner sees the solution in place.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from explainer.course.model import Question
from explainer.i18n import _
from explainer.learning.qtypes import kind_of
from explainer.learning.quiz import shuffled_options
from explainer.tui.widgets.questions.base import QuestionWidget


class ChoiceWidget(QuestionWidget):
    BINDINGS = [
        Binding("space", "choose", "Choose"),
        *[
            Binding(str(n), f"pick({n})", f"Option {n}", show=False)
            for n in range(1, 10)
        ],
    ]

    def __init__(self, question: Question, seed: int | str) -> None:
        super().__init__(question, seed)
        self.options = shuffled_options(question, seed)
        self.chosen: set[str] = set()

    @property
    def many(self) -> bool:
        return bool(getattr(kind_of(self.question), "many", False))

    def rows(self) -> list[Text]:
        rows = []
        wrong = set()
        if self.result is not None:
            labels = {f.label for f in self.result.feedback}
            wrong = {o.id for o in self.options if o.text in labels and o.id in self.chosen}
        for n, option in enumerate(self.options, start=1):
            on = option.id in self.chosen
            box = ("[x]" if on else "[ ]") if self.many else ("(•)" if on else "( )")
            row = Text(f"{n}. {box} ")
            row.append(option.text)
            if option.id in wrong:
                row.append("  ✗", "bold")
            elif self.locked and self.result is not None and option.correct:  # not in a pre-check
                row.append("  ✓", "bold")
            rows.append(row)
        return rows

    def help_text(self) -> str:
        if self.locked:
            return ""
        if self.many:
            return _("↑/↓ move · space or 1-9 tick/untick (several may be right) · enter check")
        return _("↑/↓ move · space or 1-9 choose · enter check")

    def given(self) -> object:
        if self.many:
            return sorted(self.chosen)
        return next(iter(self.chosen), None)

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.options):
            self.cursor = number - 1
            self.action_choose()

    def action_choose(self) -> None:
        if self.locked or not self.options:
            return
        option_id = self.options[self.cursor].id
        if self.many:
            self.chosen ^= {option_id}
        else:
            self.chosen = {option_id}
        self.changed()


WIDGET = ChoiceWidget
