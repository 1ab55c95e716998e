"""Ordering: put the pipeline's steps in sequence.

Partial credit counts the pairs of steps in the right relative order. A wrong try says how
many steps already stand in their place, not which: marking them would leave little to
work out. The last try shows where each step belongs.
"""

from __future__ import annotations

from explainer.course.model import Question
from explainer.i18n import _
from explainer.learning.qtypes.base import Feedback, Graded, PlainIO, QuestionKind, numbers_in, rng


class OrderingKind(QuestionKind):
    def items(self, question: Question, seed: int | str | None) -> tuple[str, ...]:
        """The steps shuffled for this learner, never already in the right order."""
        items = list(question.order)
        if len(items) < 2:
            return tuple(items)
        rng(question, seed).shuffle(items)
        if items == list(question.order):
            items = items[1:] + items[:1]
        return tuple(items)

    def grade(self, question: Question, given: object, final: bool) -> Graded:
        seq = [str(x) for x in given] if isinstance(given, list | tuple) else []
        target = list(question.order)
        if sorted(seq) != sorted(target):
            return Graded(False, 0.0, (Feedback(_("Order"), _("Use every step exactly once.")),))
        if seq == target:
            return Graded(True, 1.0)
        pos = {item: i for i, item in enumerate(seq)}
        pairs = [(a, b) for i, a in enumerate(target) for b in target[i + 1 :]]
        good = sum(1 for a, b in pairs if pos[a] < pos[b])
        score = good / len(pairs) if pairs else 0.0
        if final:
            feedback = tuple(
                Feedback(item, _("Not step {n}.").format(n=i + 1))
                for i, item in enumerate(seq)
                if target[i] != item
            )
        else:
            placed = sum(1 for a, b in zip(seq, target, strict=True) if a == b)
            feedback = (
                Feedback(
                    _("Order"),
                    _("{k} of {n} steps are in their place.").format(k=placed, n=len(target)),
                ),
            )
        return Graded(False, score, feedback)

    def solution(self, question: Question) -> str:
        return " → ".join(question.order)

    def correct_answer(self, question: Question) -> object:
        return list(question.order)

    def answer_text(self, question: Question, given: object) -> str:
        return " → ".join(str(item) for item in given) if isinstance(given, list | tuple) else ""

    def ask_plain(self, question: Question, seed: int | str | None, io: PlainIO) -> object:
        items = self.items(question, seed)
        for i, item in enumerate(items, start=1):
            io.say(item, first=f"  {i}. ", indent="     ")
        while True:
            picked = numbers_in(io.ask(_("Type all the numbers in the right order, e.g. 3 1 2:")), len(items))
            if picked and sorted(picked) == list(range(1, len(items) + 1)):
                return [items[n - 1] for n in picked]
            io.say(_("Use each number exactly once."))


KINDS: dict[str, QuestionKind] = {"ordering": OrderingKind()}
