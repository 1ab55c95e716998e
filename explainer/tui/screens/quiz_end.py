"""The end of a quiz: the summary after the last question and the keys that lead on from it.

``QuizScreen`` shows one question at a time and checks answers; this mixin takes over once
the session is done. It writes the summary -- the pre-check's "starting point is saved", or
the score and its band for the others -- lists what to do next (n goes on along the learner's
path, ``learning.journey``: the next unfinished station, the final quiz, the post-check, the
course ending; results, a retake), hides the keys that no longer apply, and carries out those
follow-on keys. Kept apart so everything a learner can do after finishing a
quiz reads in one place, without the question-by-question checking around it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from explainer.i18n import _
from explainer.learning.journey import Journey, Step
from explainer.learning.quiz import answer_text
from explainer.tui.widgets.hanging import Hanging
from explainer.tui.widgets.questions.texts import (
    quiz_title,
    revisit_groups,
    revisit_text,
    score_band,
)

if TYPE_CHECKING:
    from explainer.course.model import Course
    from explainer.learning.quiz_session import QuizSession
    from explainer.tui.host import Host


class QuizEnd:
    """Mixin for QuizScreen: needs ``session``, ``course``, ``_set_text``, ``_show_current``
    and ``show_quiz``. Actions and ``check_action`` work from a mixin (Textual looks them up
    by attribute); message handlers stay on the screen itself.
    """

    if TYPE_CHECKING:  # what the mixin uses of QuizScreen, declared for the type checker only
        app: Host
        session: QuizSession | None

        @property
        def course(self) -> Course: ...

        def refresh_bindings(self) -> None: ...

        def _set_text(self, selector: str, text: Text | Hanging | str) -> None: ...

        async def _show_current(self) -> None: ...

        async def show_quiz(self, quiz_id: str) -> None: ...

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """After the last question, the footer drops keys that no longer do anything."""
        finished = self.session is not None and self.session.done
        if finished and action in ("check", "confidence", "sources"):
            return False
        if action == "go_on" and not finished:
            return False  # n is only "go on" once the quiz is done (a numeric answer may be typed)
        return True

    def _show_finished(self) -> None:
        session = self.session
        assert session is not None
        self.refresh_bindings()
        self._set_text("#quiz-header", quiz_title(self.course, session.quiz_id) + " · " + _("done"))
        if session.quiz_id == "pre":
            summary = Text(_("Your starting point is saved."), "bold")
            self._set_text("#quiz-prompt", summary)
            lines = [
                _("You will meet the same questions in the post-check, after the final quiz."),
                _("n: go on: {where}").format(where=self._next_words()),
                _("escape: the map"),
            ]
            self._set_text("#quiz-feedback", "\n".join(lines))
            return
        total, first = len(session.questions), session.first_try_count
        summary = Text(_("Right first time: {f} of {n}.").format(f=first, n=total), "bold")
        summary.append("  " + _("In the end: {c} of {a} answered correctly.").format(
            c=session.correct_count, a=session.answered_count))
        summary.append("\n" + score_band(first, total), "italic")
        if session.quiz_id == "post" and not session.has_pre_check():
            summary.append("\n" + _("There is nothing to compare yet: you did not take the pre-check."))
        self._set_text("#quiz-prompt", summary)
        lines = [
            _("r: results and the questions you missed · t: take this quiz again · escape: map")
        ]
        if session.quiz_id == "final":
            lines.insert(
                0, _("p: take the post-check and see how far you have moved since the pre-check")
            )
        lines.insert(0, _("n: go on: {where}").format(where=self._next_words()))
        # the keys come before the beliefs to revisit: three of those fill 80x24, and the way on
        # must never fall below the edge where nothing shows it is there
        after = Text("\n".join(lines))
        firsts = dict((q.id, a) for q, a in session.first_tries())
        groups = revisit_groups([(q, answer_text(q, firsts[q.id].given)) for q in session.confidently_wrong()])
        if groups:
            after.append("\n\n" + _("To revisit: you were sure, but your first answer was wrong."), "bold")
            for group in groups[:3]:
                after.append("\n")
                after.append_text(revisit_text(self.course, group))
            if len(groups) > 3:
                after.append(_("…and {n} more in the results (r).").format(n=len(groups) - 3))
        self._set_text("#quiz-feedback", Hanging(after))  # a belief's second line stays under its bullet
        if session.quiz_id == "post":
            self.action_results()

    # -- the keys offered once the quiz is done ------------------------------------------
    def action_results(self) -> None:
        self.app.open_results()

    def _next_words(self) -> str:
        """Where n goes, in words: the first unfinished thing on the path after this quiz."""
        return Journey(self.course, self.app.progress).describe(self._next_step())

    def _next_step(self) -> Step:
        return Journey(self.course, self.app.progress).next_step()

    def action_go_on(self) -> None:
        if self.session is not None and self.session.done:
            self.app.open_step(self._next_step())

    async def action_retake(self) -> None:
        if self.session is not None and self.session.done and self.session.quiz_id == "pre":
            return  # the baseline stays as first answered
        if self.session is not None and self.session.done:
            self.session.restart()
            await self._show_current()

    async def action_post_check(self) -> None:
        if self.session is not None and self.session.done and self.session.quiz_id == "final":
            await self.show_quiz("post")
