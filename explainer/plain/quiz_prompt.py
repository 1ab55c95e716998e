"""Quizzes as numbered prompts on standard input, for screen readers and plain terminals.

The same QuizSession as the full-screen app grades and saves the answers, so a learner
can start a quiz here and finish it in the app. Each question lists its choices as
numbers; the learner types numbers (``2``, ``1 3``, ``3 1 2 4``), a number, ``h`` for a
hint, ``s`` to skip, or ``q`` to stop. End of input stops cleanly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TextIO

from explainer.course.model import Course, Question
from explainer.course.question_types import type_title
from explainer.i18n import _
from explainer.learning import quiz
from explainer.learning.qtypes import kind_of
from explainer.learning.quiz_session import QuizSession
from explainer.plain.reader import _wrap


class StopQuiz(Exception):
    """The learner typed q, or input ended."""


class _Skip(Exception):
    """The learner typed s."""


class _TextIO:
    """What a question type's plain dialogue may do: ask a line, say wrapped text."""

    def __init__(self, quiz: PlainQuiz) -> None:
        self._quiz = quiz

    def ask(self, prompt: str) -> str:
        return self._quiz._ask(prompt)

    def say(self, text: str, first: str = "", indent: str = "") -> None:
        for line in _wrap(text, indent=indent, first=first):
            self._quiz.say(line)


class PlainQuiz:
    """Drive one QuizSession through ``ask`` (input) and ``say`` (output)."""

    def __init__(self, session: QuizSession, course: Course, stdin: TextIO, say: Callable[[str], None]):
        self.session = session
        self.course = course
        self.stdin = stdin
        self.say = say

    def _ask(self, prompt: str) -> str:
        self.say(prompt)
        line = self.stdin.readline()
        if not line:
            raise StopQuiz
        answer = line.strip()
        if answer.lower() in ("q", "quit"):
            raise StopQuiz
        if answer.lower() in ("s", "skip"):
            raise _Skip
        return answer

    def _lines(self, question: Question) -> Iterator[str]:
        number = self.session.index + 1
        yield ""
        kind = _(type_title(question.type))
        yield f"{_('Question')} {number} {_('of')} {len(self.session.questions)} ({kind})"
        yield from _wrap(question.prompt)

    def _read_given(self, question: Question) -> object:
        """Ask until the input has the right shape (the question type's own dialogue)."""
        return kind_of(question).ask_plain(question, self.session.seed, _TextIO(self))

    def _show(self, result: quiz.Result) -> None:
        self.say(_("Correct!") if result.correct else _("Not quite."))
        for feedback in result.feedback:
            for line in _wrap(f"{feedback.label}: {feedback.message}", indent="    ", first="  - "):
                self.say(line)
        if result.hint:
            self.say(f"{_('Hint')}: {result.hint}")
        if result.finished:
            if result.solution and not result.correct:
                self.say(f"{_('Answer')}: {result.solution}")
            for line in _wrap(result.explanation):
                self.say(line)
            for source_id in result.sources:
                source = self.course.sources.get(source_id)
                if source:
                    self.say(f"  {_('Source')}: {source.publisher}, \"{source.title}\", {source.date}, {source.url}")

    def run(self) -> None:
        skipped: set[str] = set()
        while not self.session.done:
            question = self.session.current
            assert question is not None
            if question.id in skipped:
                break  # back round to a skipped question: stop rather than ask again
            for line in self._lines(question):
                self.say(line)
            try:
                while True:
                    result = self.session.check(self._read_given(question))
                    self._show(result)
                    if result.finished:
                        break
                    self.say(f"{_('Try again')} ({_('tries left')}: {result.tries_left}).")
            except _Skip:
                skipped.add(question.id)
                self.say(_("Skipped."))
            self.session.advance()
        self.say("")
        self.say(
            _("Score: {correct} of {total} answered correctly.").format(
                correct=self.session.correct_count, total=len(self.session.questions)
            )
        )
