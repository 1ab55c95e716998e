"""Matching: sort items into groups (device / cloud / reviewer, company / statement...).

A wrong try with only two groups says how many items are misplaced, not which: naming an
item as wrong would name its group. With three or more groups it names the misplaced
items (each still has more than one place to go). The last try names every one.
"""

from __future__ import annotations

from collections.abc import Mapping

from explainer.course.model import MatchItem, Question
from explainer.i18n import _
from explainer.learning.qtypes.base import Feedback, Graded, PlainIO, QuestionKind, numbers_in, rng


class MatchingKind(QuestionKind):
    def items(self, question: Question, seed: int | str | None) -> tuple[MatchItem, ...]:
        items = list(question.items)
        rng(question, seed).shuffle(items)
        return tuple(items)

    def grade(self, question: Question, given: object, final: bool) -> Graded:
        placed = given if isinstance(given, Mapping) else {}
        named: list[Feedback] = []
        good = 0
        for item in question.items:
            group = placed.get(item.text)
            if group == item.group:
                good += 1
            elif group is None:
                named.append(Feedback(item.text, _("Not sorted yet.")))
            else:
                named.append(Feedback(item.text, _("Does not belong in “{g}”.").format(g=group)))
        total = max(1, len(question.items))
        correct = good == len(question.items) and bool(question.items)
        feedback: tuple[Feedback, ...] = tuple(named)
        if named and not final and len(question.groups) <= 2:
            wrong = len(named)
            feedback = (
                Feedback(
                    _("Sorting"),
                    _("One item is in the wrong group.")
                    if wrong == 1
                    else _("{n} items are in the wrong group.").format(n=wrong),
                ),
            )
        return Graded(correct, good / total, feedback)

    def incomplete(self, question: Question, given: object) -> str | None:
        placed = given if isinstance(given, Mapping) else {}
        left = sum(1 for item in question.items if placed.get(item.text) is None)
        if left:
            return _("Sort every item first ({n} still show ?).").format(n=left)
        return None

    def solution(self, question: Question) -> str:
        parts = []
        for group in question.groups:
            members = ", ".join(i.text for i in question.items if i.group == group)
            parts.append(f"{group}: {members}")
        return " | ".join(parts)

    def correct_answer(self, question: Question) -> object:
        return {i.text: i.group for i in question.items}

    def answer_text(self, question: Question, given: object) -> str:
        if not isinstance(given, Mapping):
            return ""
        return "; ".join(f"{item} → {group}" for item, group in given.items())

    def ask_plain(self, question: Question, seed: int | str | None, io: PlainIO) -> object:
        for g, group in enumerate(question.groups, start=1):
            io.say(group, first=f"  {g}. ", indent="     ")
        given: dict[str, str] = {}
        for item in self.items(question, seed):
            while True:
                picked = numbers_in(io.ask(f"{_('Group for')} \"{item.text}\":"), len(question.groups))
                if picked and len(picked) == 1:
                    given[item.text] = question.groups[picked[0] - 1]
                    break
                io.say(_("Type one group number."))
        return given


KINDS: dict[str, QuestionKind] = {"matching": MatchingKind()}
