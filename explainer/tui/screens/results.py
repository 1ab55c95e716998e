"""Results: the score, each station's quiz, the pre/post change, and what was missed.

A quiz here is for learning, so the screen leads with what the learner knew: how many
questions were right first time, then the misconceptions to revisit (first answers that were
wrong although marked "sure", each with what the sources show), then what changed between
the pre-check and the post-check ("you moved from 3/8 to 7/8"; the pre-check's own marks stay
hidden until the post-check is taken), and ends with every missed question, its answer, why,
and the source -- the same rows the teacher's export (``explainer results export``) contains,
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

from explainer.course.model import Course
from explainer.i18n import _
from explainer.learning.quiz import solution_text
from explainer.learning.results import PrePost, Results, results
from explainer.tui.host import Host
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.hanging import Hanging
from explainer.tui.widgets.questions.texts import revisit_groups, revisit_text, source_lines


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
    table.add_column(_("Right 1st"), justify="right", width=9)
    table.add_column(_("Correct"), justify="right", width=8)
    table.add_column(_("Answered"), justify="right", width=9)
    for quiz in res.quizzes:
        first = f"{quiz.first_try}/{quiz.tried}" if quiz.tried else "–"
        table.add_row(Text(quiz.title), first, str(quiz.correct), f"{quiz.answered}/{quiz.total}")
    return table


def prepost_part(pp: PrePost) -> list[Text | Table]:
    """The checks: side by side once both are taken; before that the pre-check's marks stay hidden."""
    if not (pp.pre_done or pp.post_done):
        return []
    parts: list[Text | Table] = [Text("\n" + _("Pre-check and post-check"), "bold underline")]
    if pp.comparable:
        parts += [Text(pp.summary(), "bold"), prepost_table(pp)]
    elif pp.pre_done:
        parts.append(Text(_("You took the pre-check. Its answers stay hidden until the post-check, "
                            "after the final quiz, so that it can show what changed.")))
    else:
        parts.append(Text(_("You took the post-check: {c} of {n} right. There is no pre-check to "
                            "compare it with.").format(c=pp.post_correct, n=pp.total)))
    return parts


def results_renderable(res: Results, course: Course) -> Group:
    """The whole results page; lists hang (``Hanging``): a wrapped line starts under its text."""
    parts: list[Text | Table | Hanging] = []
    headline = Text(_("Right first time: {f} of {t} questions tried.").format(f=res.first_try, t=res.tried)
                    if res.tried else _("No station quiz or final quiz tried yet."), "bold")
    headline.append("\n" + _("In the end: {c} correct of {a} answered ({n} questions in the course).").format(
        c=res.correct, a=res.answered, n=res.total), "")
    parts.append(headline)
    if res.revisit:
        parts.append(Text("\n" + _("Misconceptions to revisit"), "bold underline"))
        parts.append(Text(_("You were sure of these first answers, and they were wrong:")))
        for group in revisit_groups([(item.question, item.row.first_answer) for item in res.revisit]):
            parts.append(Hanging(revisit_text(course, group, full=True)))
    parts += prepost_part(res.prepost)
    parts.append(Text("\n" + _("By station"), "bold underline"))
    parts.append(station_table(res))
    parts.append(Text("\n" + _("Questions to look at again"), "bold underline"))
    again = res.look_again(course)
    if not again:
        parts.append(Text(_("None so far.")))
    else:
        parts.append(Text(_("Those you did not get right first time:")))
    for question in again:
        block = Text("\n")
        block.append("• " + question.prompt + "\n", "bold")
        block.append("  " + _("Answer: ") + solution_text(question) + "\n")
        block.append("  " + _("Why: ") + question.explanation + "\n")
        for line in source_lines(course, question.sources).split("\n"):
            if line.plain:
                block.append("  ").append_text(line).append("\n")
        block.rstrip()  # one blank line between questions (the next block starts with one)
        parts.append(Hanging(block))
    return Group(*parts)


class ResultsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("down,j", "scroll(1)", "Scroll", show=False),
        Binding("up,k", "scroll(-1)", "Scroll", show=False),
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
