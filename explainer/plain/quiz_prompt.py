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
from explainer.i18n import _
from explainer.learning import quiz
from explainer.learning.quiz_session import QuizSession
from explainer.plain.reader import _wrap


class StopQuiz(Exception):
    """The learner typed q, or input ended."""


class _Skip(Exception):
    """The learner typed s."""


def _numbers(text: str, count: int) -> list[int] | None:
    parts = text.replace(",", " ").split()
    try:
        picked = [int(p) for p in parts]
    except ValueError:
        return None
    if not picked or any(not 1 <= n <= count for n in picked):
        return None
    return picked


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
        yield f"{_('Question')} {number} {_('of')} {len(self.session.questions)} ({question.type})"
        yield from _wrap(question.prompt)

    def _read_given(self, question: Question) -> object:
        """Ask until the input has the right shape; return a 'given' for quiz.grade."""
        seed = self.session.seed
        if question.type in quiz.CHOICE_TYPES:
            options = quiz.shuffled_options(question, seed)
            for i, option in enumerate(options, start=1):
                for line in _wrap(option.text, indent="     ", first=f"  {i}. "):
                    self.say(line)
            many = question.type in ("multi", "spot")
            prompt = _("Type the numbers of ALL that apply, e.g. 1 3:") if many else _("Type one number:")
            while True:
                picked = _numbers(self._ask(prompt), len(options))
                if picked and (many or len(picked) == 1):
                    ids = [options[n - 1].id for n in picked]
                    return ids if many else ids[0]
                self.say(_("Please type number(s) from the list (or s to skip, q to stop)."))
        if question.type == "ordering":
            items = quiz.shuffled_order(question, seed)
            for i, item in enumerate(items, start=1):
                self.say(f"  {i}. {item}")
            while True:
                picked = _numbers(self._ask(_("Type all the numbers in the right order, e.g. 3 1 2:")), len(items))
                if picked and sorted(picked) == list(range(1, len(items) + 1)):
                    return [items[n - 1] for n in picked]
                self.say(_("Use each number exactly once."))
        if question.type == "matching":
            for g, group in enumerate(question.groups, start=1):
                self.say(f"  {g}. {group}")
            given: dict[str, str] = {}
            for item in quiz.shuffled_items(question, seed):
                while True:
                    picked = _numbers(self._ask(f"{_('Group for')} \"{item.text}\":"), len(question.groups))
                    if picked and len(picked) == 1:
                        given[item.text] = question.groups[picked[0] - 1]
                        break
                    self.say(_("Type one group number."))
            return given
        unit = f" ({question.unit})" if question.unit else ""
        while True:
            text = self._ask(_("Type a number") + unit + ":")
            if quiz.parse_number(text) is not None:
                return text
            self.say(_("That is not a number."))

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
