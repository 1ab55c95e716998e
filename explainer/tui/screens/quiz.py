"""The quiz mode: one question at a time, check, feedback with sources, retry, solution.

Built after interactive quiz tools (Moodle, H5P): enter checks; a wrong try shows why each
wrong choice is wrong, the next hint and the sources, and the learner tries again; after the
last try the solution and the explanation appear. Untimed; confidence marking is optional
(``c`` cycles sure / unsure / guess). Every finished question is saved into progress at once,
so leaving half-way and coming back resumes at the first unanswered question.

Grading and sessions live in ``explainer.learning`` (no Textual); this screen only shows them.
The summary after the last question and the keys that lead on from it (results, retake,
post-check, next station) are ``quiz_end.QuizEnd``'s.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from explainer.course.model import Course, Question
from explainer.course.question_types import type_title
from explainer.i18n import _
from explainer.learning.quiz import CONFIDENCE_LEVELS, Result, incomplete
from explainer.learning.quiz_session import PREPOST_IDS, QuizSession, UnknownQuiz
from explainer.tui.host import Host
from explainer.tui.screens.quiz_end import QuizEnd
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.hanging import Hanging
from explainer.tui.widgets.questions import QuestionWidget, widget_for
from explainer.tui.widgets.questions.texts import (
    feedback_text,
    header_line,
    quiz_title,
    verdict_text,
)
from explainer.tui.widgets.sources_panel import SourcesPanel


class QuizScreen(QuizEnd, Screen[None]):
    BINDINGS = [
        Binding("enter", "check", "Check / next"),
        Binding("c", "confidence", "Sure?"),
        Binding("s", "sources", "Sources"),
        Binding("r", "results", "Results"),
        Binding("t", "retake", "Take again", show=False),
        Binding("p", "post_check", "Post-check", show=False),
        Binding("n", "go_on", "Go on"),
        Binding("q,escape", "back_to_map", "Map"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session: QuizSession | None = None
        self.widget: QuestionWidget | None = None
        self.confidence: str | None = None
        self._last_given: object = None
        self._opening = asyncio.Lock()

    app = getters.app(Host)

    @property
    def course(self) -> Course:
        return self.app.course

    def compose(self) -> ComposeResult:
        yield Static("", id="quiz-header", markup=False)
        with VerticalScroll(id="quiz-scroll"):
            yield Static("", id="quiz-prompt", markup=False)
            yield Container(id="quiz-answer")
            yield Static("", id="quiz-verdict", markup=False)
            yield Static("", id="quiz-feedback", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._show_default)

    async def _show_default(self) -> None:
        """Opened as a mode without a quiz id (e.g. from the palette): pre-check first, else final."""
        async with self._opening:
            if self.session is None:
                await self._open_quiz("pre" if not self._answered_any() else "final")

    def _answered_any(self) -> bool:
        return bool(self.app.progress.answers)

    # -- opening a quiz ---------------------------------------------------------------------
    async def show_quiz(self, quiz_id: str) -> None:
        """Start or resume ``quiz_id``: a station id, "final", "pre" or "post"."""
        async with self._opening:  # one at a time: two interleaved builds would unmount each other's widget
            await self._open_quiz(quiz_id)

    async def _open_quiz(self, quiz_id: str) -> None:
        seed = self.app.config.seed
        tries = 1 if quiz_id in PREPOST_IDS else 3
        try:
            fresh = QuizSession(self.course, quiz_id, self.app.progress, seed=seed, max_tries=tries)
        except UnknownQuiz:
            self.session = None
            await self._clear_answer()
            self._set_text("#quiz-header", Text(_("No such quiz: {id}").format(id=quiz_id)))
            return
        # where the learner is: Continue comes back to this quiz, at the question left (learning.journey)
        self.app.progress.last = {"mode": "quiz", "quiz": quiz_id}
        self.app.save_progress()
        if self._showing(fresh):
            return  # the same quiz at the same question: keep the screen (and a half-made choice)
        self.session = fresh
        self.confidence = None
        await self._show_current()

    def _showing(self, fresh: QuizSession) -> bool:
        """Does the screen already show what ``fresh`` would? Rebuilding costs a transition."""
        old = self.session
        if old is None or old.quiz_id != fresh.quiz_id or old.progress is not fresh.progress:
            return False
        if old.retaking is not None or old.max_tries != fresh.max_tries:
            return False
        old_id = old.current.id if old.current is not None else None
        new_id = fresh.current.id if fresh.current is not None else None
        return old_id == new_id and (old_id is None or self.widget is not None)

    async def _clear_answer(self) -> None:
        await self.query_one("#quiz-answer", Container).remove_children()
        self.widget = None

    def _set_text(self, selector: str, text: Text | Hanging | str) -> None:
        self.query_one(selector, Static).update(Text(text) if isinstance(text, str) else text)

    async def _show_current(self) -> None:
        session = self.session
        await self._clear_answer()
        self._set_text("#quiz-verdict", "")
        self._set_text("#quiz-feedback", "")
        self.query_one("#quiz-verdict").set_classes("")
        if session is None:
            return
        question = session.current
        if question is None:
            self._show_finished()
            return
        self._update_header()
        self.refresh_bindings()
        prompt = Text(question.prompt, "bold")
        if session.quiz_id == "pre" and session.index == 0 and session.answered_count == 0:
            prompt = (
                Text(
                    _(
                        "Before you start: one try each, no marks — you will meet these again at the end.\n\n"
                    )
                )
                + prompt
            )
        if session.quiz_id == "post" and session.answered_count == 0 and not session.has_pre_check():
            prompt = Text(_("You did not take the pre-check, so there is nothing to compare yet; "
                            "this check still shows where you stand now.") + "\n\n") + prompt
        self._set_text("#quiz-prompt", prompt)
        self._last_given = None
        self.widget = widget_for(question, session.seed)
        await self.query_one("#quiz-answer", Container).mount(self.widget)
        self.widget.focus()
        if session.tries and session.last is None and question.hints:
            # resumed after leaving mid-question: the tries are kept, so give back their hint
            hint = question.hints[min(session.tries, len(question.hints)) - 1]
            self._set_text("#quiz-feedback", Text(_("Hint: ") + hint))
        self.query_one("#quiz-scroll").scroll_home(animate=False)

    def _update_header(self) -> None:
        session = self.session
        if session is None or session.current is None:
            return
        tries = session.tries + (0 if session.last and session.last.finished else 1)
        rest = [
            f"{session.index + 1}/{len(session.questions)}",
            _(type_title(session.current.type)),
            _("try {n} of {m}").format(n=min(tries, session.allowed), m=session.allowed),
            _("sure? {c}").format(c=_(self.confidence) if self.confidence else "–"),
        ]
        width = (self.app.size.width or 80) - 2  # the header's padding
        self._set_text("#quiz-header", header_line(quiz_title(self.course, session.quiz_id), rest, width))

    # -- checking (message handlers stay here: Textual registers them only on its own classes) --
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_worker(self.action_check(), exclusive=True, group="quiz-check")

    def on_question_widget_changed(self, event: QuestionWidget.Changed) -> None:
        event.stop()

    async def action_check(self) -> None:
        session, widget = self.session, self.widget
        if session is None or widget is None or session.current is None:
            return
        if session.last is not None and session.last.finished:
            session.advance()
            self.confidence = None
            await self._show_current()
            return
        given = widget.given()
        if given in (None, "", [], {}) or (isinstance(given, str) and not given.strip()):
            self.notify(_("Choose or type an answer first."), timeout=3)
            return
        if (reason := incomplete(session.current, given)) is not None:
            self.notify(reason, timeout=4)  # refused, not graded: no try is used up
            return
        if session.last is not None and given == self._last_given:
            self.notify(_("That is the answer you just checked; change it first."), timeout=3)
            return
        self._last_given = given
        question = session.current
        result = session.check(given, self.confidence)
        if session.quiz_id == "pre":
            # a starting point, not a test: no ticks, answers or explanations yet, so the
            # post-check later measures what the journey taught, not what this screen showed
            widget.locked = True
            widget.refresh(layout=True)
            self._show_prepost_saved()
        else:
            widget.show_result(result)
            self._show_result(question, result)
        self._save()  # finished answers, and tries spent so far (so leaving does not reset them)
        self._update_header()

    def _show_result(self, question: Question, result: Result) -> None:
        verdict = self.query_one("#quiz-verdict", Static)
        text, css_class = verdict_text(result)
        verdict.update(text)
        verdict.set_classes(css_class)
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update(Hanging(feedback_text(self.course, result)))  # bullets and sources keep their indent
        # the whole feedback in view, with as much of the question above it as still fits
        self.call_after_refresh(self.query_one("#quiz-scroll").scroll_home, animate=False)
        self.call_after_refresh(feedback.scroll_visible, animate=False)

    def _show_prepost_saved(self) -> None:
        verdict = self.query_one("#quiz-verdict", Static)
        verdict.update(Text("✓ " + _("Saved.")))
        verdict.set_classes("")
        self.query_one("#quiz-feedback", Static).update(
            Text(
                _("You will see how you did in the post-check, after the final quiz.")
                + "\n"
                + _("enter: next question"),
            )
        )
        self.call_after_refresh(verdict.scroll_visible, animate=False)

    def _save(self) -> None:
        self.app.save_progress()

    # -- other keys -----------------------------------------------------------------------
    def action_confidence(self) -> None:
        cycle = [None, *CONFIDENCE_LEVELS]
        self.confidence = cycle[(cycle.index(self.confidence) + 1) % len(cycle)]
        if (
            self.session is not None
            and self.session.last is not None
            and self.session.last.finished
        ):
            self.session.set_confidence(self.confidence)
            self._save()
        self._update_header()

    def action_sources(self) -> None:
        session = self.session
        question = session.current if session else None
        if question is None:
            return
        entries = [
            (n, self.course.sources.get(sid), sid)
            for n, sid in enumerate(question.sources, start=1)
        ]
        panel = SourcesPanel(entries)
        panel.popup_title = _("Sources for this question")
        self.app.push_screen(panel)

    def action_back_to_map(self) -> None:
        self.app.open_map()
