"""Results: the score, each station's quiz, the pre/post change, and what was missed.

A quiz here is for learning, so the screen leads with what changed ("you moved from 3/8
to 7/8", item by item) and ends with every missed question, its answer, why, and the
source -- the same rows the teacher's export (``explainer results export``) contains,
because both come from ``explainer.learning.results``.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from explainer.i18n import _
from explainer.learning.quiz import solution_text
from explainer.learning.results import PrePost, Results, results
from explainer.tui.host import Host
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.questions.texts import source_lines


def _mark(value: bool | None) -> Text:
    if value is None:
        return Text("–", "dim")
    return Text("✓", "bold") if value else Text("✗", "bold")


def prepost_table(pp: PrePost) -> Table:
    """The pre-check and the post-check side by side, one row per item."""
    table = Table(expand=True, show_edge=False, pad_edge=False)
    table.add_column(_("Question"), ratio=1, overflow="fold")
    table.add_column(_("Pre"), justify="center", width=4)
    table.add_column(_("Post"), justify="center", width=4)
    for item in pp.items:
        table.add_row(Text(item.question.prompt), _mark(item.pre), _mark(item.post))
    return table


def station_table(res: Results) -> Table:
    table = Table(expand=True, show_edge=False, pad_edge=False)
    table.add_column(_("Quiz"), ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column(_("Answered"), justify="right", width=9)
    table.add_column(_("Correct"), justify="right", width=8)
    for quiz in res.quizzes:
        table.add_row(Text(quiz.title), f"{quiz.answered}/{quiz.total}", str(quiz.correct))
    return table


def results_renderable(res: Results, course) -> Group:  # noqa: ANN001
    parts: list = []
    headline = Text(
        _("Station and final quizzes: {c} correct of {a} answered ({t} questions).").format(
            c=res.correct, a=res.answered, t=res.total
        ),
        "bold",
    )
    parts.append(headline)
    pp = res.prepost
    if pp.post_done or pp.pre_done:
        parts.append(Text("\n" + _("Pre-check and post-check"), "bold underline"))
        if pp.post_done:
            parts.append(Text(pp.summary(), "bold"))
        else:
            parts.append(
                Text(
                    _(
                        "Pre-check: {c}/{n}. Take the post-check after the final quiz to compare."
                    ).format(c=pp.pre_correct, n=pp.total)
                )
            )
        parts.append(prepost_table(pp))
    parts.append(Text("\n" + _("By station"), "bold underline"))
    parts.append(station_table(res))
    parts.append(Text("\n" + _("Questions to look at again"), "bold underline"))
    if not res.missed:
        parts.append(Text(_("None so far.")))
    for question in res.missed:
        block = Text("\n")
        block.append("• " + question.prompt + "\n", "bold")
        block.append(_("Answer: ") + solution_text(question) + "\n")
        block.append(_("Why: ") + question.explanation + "\n")
        block.append_text(source_lines(course, question.sources))
        parts.append(block)
    return Group(*parts)


class ResultsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q", "close", _("Back")),
        Binding("down,j", "scroll(1)", _("Scroll"), show=False),
        Binding("up,k", "scroll(-1)", _("Scroll"), show=False),
    ]

    app = getters.app(Host)

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Your results")), id="results-header")
        with VerticalScroll(id="results-scroll"):
            yield Static("", id="results-body")
        yield Footer()

    def on_mount(self) -> None:
        course = self.app.course
        res = results(course, self.app.progress)
        self.query_one("#results-body", Static).update(results_renderable(res, course))
        self.query_one("#results-scroll").focus()

    def action_scroll(self, step: int) -> None:
        scroll = self.query_one("#results-scroll", VerticalScroll)
        scroll.scroll_relative(y=step * 3, animate=False)

    def action_close(self) -> None:
        self.dismiss()
