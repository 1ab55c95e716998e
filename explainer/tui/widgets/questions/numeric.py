"""Numeric: type a number (a comma works as the decimal mark); graded with a tolerance.

The Input takes the keyboard; enter in it submits, which the screen treats as "check".
The unit is shown after the field so the learner knows what is asked (seconds, ms, %).
A number has no letters, so ``c`` typed in the field is not typed: it asks the screen's "how
sure?" key, as on every other question (the hint and the footer say so).
"""

from __future__ import annotations

from typing import Self

from rich.text import Text
from textual import events
from textual.app import ComposeResult, RenderResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input, Static

from explainer.course.model import Question
from explainer.i18n import _
from explainer.learning.quiz import Result
from explainer.tui.widgets.questions.base import QuestionWidget


class NumberInput(Input):
    """The answer field: hands ``c`` on to the quiz screen's "how sure?" binding."""

    PASSES_KEYS = ("c",)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return key not in self.PASSES_KEYS and super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.key in self.PASSES_KEYS:
            # neither typed nor stopped: the key bubbles on to the screen's binding for it
            event.prevent_default()
            return
        await super()._on_key(event)


class NumericWidget(QuestionWidget):
    can_focus = False

    def __init__(self, question: Question, seed: int | str) -> None:
        super().__init__(question, seed)
        self.add_class("-numeric")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="numeric-row"):
            yield NumberInput(placeholder=_("a number"), id="numeric-input", classes="numeric-input")
            yield Static(Text(self.question.unit), classes="numeric-unit")
        yield Static(
            Text(_("Type a number (12.5 or 12,5) · enter check · c: how sure?"), style="dim"),
            classes="numeric-help",
        )

    def render(self) -> RenderResult:  # type: ignore[override]  # children draw everything, not this Text
        return Widget.render(self)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return Widget.get_content_height(self, container, viewport, width)

    def given(self) -> object:
        return self.query_one(Input).value

    def show_result(self, result: Result) -> None:
        super().show_result(result)
        self.query_one(Input).disabled = result.finished
        self.query_one(".numeric-help", Static).display = not result.finished

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed())

    def focus(self, scroll_visible: bool = True) -> Self:
        self.query_one(Input).focus(scroll_visible)
        return self


WIDGET = NumericWidget
