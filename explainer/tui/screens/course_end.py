"""The end of the course and the end of the short tour.

A course that simply stops leaves a learner (and a teacher) without the moment that says "you
did it, and here is what changed". The course ending shows the learner's own numbers
(``learning.course_summary``: stations, quiz questions right at the first try, pre-check to
post-check, reviewer pace) and saves them as a certificate, Markdown and HTML, in the learner's
data folder -- shown by path on screen, listed by ``explainer where``. A kiosk or a browser
session keeps nothing on disk, and says so instead of saving.

The short tour ends in a small dialog of its own: it is a path with its own "done", and the
next step from it is the full journey.
"""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from explainer.i18n import _
from explainer.learning import storage
from explainer.learning.course_summary import CourseSummary, save_certificate, summarize
from explainer.learning.journey import Journey
from explainer.tui.host import Host
from explainer.tui.screens.choice_dialog import ChoiceDialog, choice_moves
from explainer.tui.widgets.footer import Footer


class CourseEndScreen(Screen[None]):
    """Your summary, and w to keep it as a certificate."""

    HELP_TITLE = "The end of the course"
    BINDINGS = [
        Binding("w", "save_certificate", "Save certificate"),
        Binding("r", "results", "Results"),
        Binding("q,escape", "close", "Map"),
    ]

    app = getters.app(Host)

    summary: CourseSummary

    def compose(self) -> ComposeResult:
        course = self.app.course
        self.summary = summarize(course, self.app.progress, learner=self.app.config.student or self.app.progress.learner_name)
        yield Static(Text(_("The end of the course") + " · " + course.title), id="ending-header")
        with VerticalScroll(id="ending-body"):
            yield Static(self._summary_text(self.summary), id="ending-summary", markup=False)
            yield Static(Text(self._save_hint(), style="bold"), id="ending-saved", markup=False)
            yield Static(self._quiz_table(self.summary), id="ending-quizzes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ending-body").focus()

    @staticmethod
    def _summary_text(summary: CourseSummary) -> Text:
        text = Text()
        finished = summary.stations_done == summary.stations_total
        text.append(_("You followed one voice command from the wake word to a human reviewer.") if finished else
                    _("This is where the journey ends; some stations are still open (see the map)."), "bold")
        text.append("\n\n")
        for what, how in summary.lines():
            text.append(f"{what}: ", "bold")
            text.append(how + "\n")
        return text

    @staticmethod
    def _quiz_table(summary: CourseSummary) -> Table:
        table = Table(box=None, show_edge=False, pad_edge=False, expand=False, title_justify="left",
                      title=_("Right at the first try, quiz by quiz"), title_style="bold")
        table.add_column(_("Quiz"), no_wrap=False, overflow="fold")
        table.add_column(_("First try"), justify="right", no_wrap=True)
        for quiz in summary.quizzes:
            answered = "" if quiz.answered == quiz.total else "  " + _("({n} not answered)").format(
                n=quiz.total - quiz.answered)
            table.add_row(Text(quiz.title), f"{quiz.first_try} / {quiz.total}{answered}")
        return table

    def _save_hint(self) -> str:
        if self.app.config.memory_only:
            return _("This session keeps nothing on disk, so there is no certificate to save here.")
        return _("w: save this as your certificate (Markdown and HTML, in your data folder)")

    def action_save_certificate(self) -> None:
        if self.app.config.memory_only:
            self.notify(self._save_hint(), timeout=6)
            return
        data = self.app.config.data
        self._save(self.summary, data.certificate_md, data.certificate_html)

    @work(thread=True, exclusive=True, group="certificate", exit_on_error=False)
    def _save(self, summary: CourseSummary, markdown: Path, html: Path) -> None:
        try:
            save_certificate(summary, markdown, html)
        except OSError as error:
            message = _("The certificate could not be saved: {why}.").format(
                why=storage.describe_os_error(error, markdown.parent))
            self.app.call_from_thread(self._saved, Text(message, style="bold"))
            return
        text = Text(_("Saved your certificate:") + "\n", style="bold")
        text.append(f"  {markdown}\n  {html}\n")
        text.append(_("Open the HTML file in a browser to print it; explainer where lists both."), "italic")
        self.app.call_from_thread(self._saved, text)

    def _saved(self, text: Text) -> None:
        saved = self.query_one("#ending-saved", Static)
        saved.update(text)
        saved.scroll_visible(animate=False)

    def action_results(self) -> None:
        self.app.open_results()

    def action_close(self) -> None:
        self.dismiss(None)
        self.app.open_map()


class TourEndDialog(ChoiceDialog):
    """The short tour is done: on to the full journey, or back to the map."""

    HELP_TITLE = "The end of the short tour"
    BINDINGS = [
        Binding("escape", "choose('map')", "Map"),
        Binding("1", "choose('journey')", "Full journey", show=False),
        Binding("2", "choose('map')", "Map", show=False),
        *choice_moves(),
    ]

    app = getters.app(Host)

    def compose(self) -> ComposeResult:
        course = self.app.course
        journey = Journey(course, self.app.progress)
        with Vertical(classes="popup-frame station-end"):
            yield Static(Text(_("The end of the short tour")), classes="popup-title")
            yield Static(Text(
                _("You saw a page and the model at {n} of {total} stations. The full journey has every page, "
                  "a quiz at each station and the final quiz.").format(
                    n=journey.tour_stations_done(), total=len(course.stations))), classes="popup-help")
            step = journey.next_step()
            yield Button(Text("1  " + _("The full journey: {where}").format(where=journey.describe(step))),
                         id="tour-journey", name="journey")
            yield Button(Text("2  " + _("Back to the map")), id="tour-map", name="map")

    def on_mount(self) -> None:
        self.query_one("#tour-journey", Button).focus()

    def action_choose(self, choice: str) -> None:  # a button press comes here too (ChoiceDialog)
        self.dismiss(None)
        course = self.app.course
        if choice == "journey":
            self.app.open_step(Journey(course, self.app.progress).next_step())
        else:
            self.app.open_map()
