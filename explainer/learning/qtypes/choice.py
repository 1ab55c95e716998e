"""Single choice, multiple select, true/false and "spot it": lists of options.

Single and true/false have exactly one right option; multiple select and spot (the fields
of a reviewer's screen that identify someone) have one or more. A wrong try names why each
chosen wrong option is wrong and how many right ones are still missing -- never which.
Tries are capped so that the last try is still a real choice: true/false gets one try
(after one wrong answer the other is the answer), a single choice of three gets two.
"""

from __future__ import annotations

from explainer.course.model import Option, Question
from explainer.i18n import _
from explainer.learning.qtypes.base import (
    Feedback,
    Graded,
    PlainIO,
    QuestionKind,
    as_ids,
    numbers_in,
    rng,
)


class ChoiceKind(QuestionKind):
    def __init__(self, *, many: bool, shuffle: bool = True) -> None:
        self.many = many  # several options may be right (ticks, not one dot)
        self.shuffle = shuffle  # true/false keeps True first

    def options(self, question: Question, seed: int | str | None) -> tuple[Option, ...]:
        """The options in the order this learner sees them."""
        options = list(question.options)
        if self.shuffle:
            rng(question, seed).shuffle(options)
        return tuple(options)

    def grade(self, question: Question, given: object, final: bool) -> Graded:
        chosen = as_ids(given) & {o.id for o in question.options}
        right = {o.id for o in question.options if o.correct}
        feedback = [
            Feedback(o.text, o.feedback or _("This one is not right."))
            for o in question.options
            if o.id in chosen and not o.correct
        ]
        if not self.many:
            ok = len(chosen) == 1 and chosen <= right
            return Graded(ok, 1.0 if ok else 0.0, tuple(feedback))
        missed = [o for o in question.options if o.correct and o.id not in chosen]
        if missed:  # how many, not which: naming them would hand over the answer
            message = (
                _("one more option belongs in the answer.")
                if len(missed) == 1
                else _("{n} more options belong in the answer.").format(n=len(missed))
            )
            feedback.append(Feedback(_("Missed"), message))  # "• Missed: 2 more options …"
        wrong_total = max(1, len(question.options) - len(right))
        raw = len(chosen & right) / max(1, len(right)) - len(chosen - right) / wrong_total
        ok = chosen == right
        return Graded(ok, 1.0 if ok else max(0.0, min(1.0, raw)), tuple(feedback))

    def solution(self, question: Question) -> str:
        return "; ".join(o.text for o in question.options if o.correct)

    def correct_answer(self, question: Question) -> object:
        right = sorted(o.id for o in question.options if o.correct)
        return right if self.many else (right[0] if right else "")

    def answer_text(self, question: Question, given: object) -> str:
        if given is None:
            return ""
        ids = [given] if isinstance(given, str) else list(given) if isinstance(given, list | tuple) else []
        texts = {o.id: o.text for o in question.options}
        return "; ".join(texts.get(str(i), str(i)) for i in ids)

    def tries_allowed(self, question: Question, default: int) -> int:
        if self.many:
            return default
        return max(1, min(default, len(question.options) - 1))

    def ask_plain(self, question: Question, seed: int | str | None, io: PlainIO) -> object:
        options = self.options(question, seed)
        for i, option in enumerate(options, start=1):
            io.say(option.text, first=f"  {i}. ", indent="     ")
        prompt = _("Type the numbers of ALL that apply, e.g. 1 3:") if self.many else _("Type one number:")
        while True:
            picked = numbers_in(io.ask(prompt), len(options))
            if picked and (self.many or len(picked) == 1):
                ids = [options[n - 1].id for n in picked]
                return ids if self.many else ids[0]
            io.say(_("Please type number(s) from the list (or s to skip, q to stop)."))


KINDS: dict[str, QuestionKind] = {
    "single": ChoiceKind(many=False),
    "truefalse": ChoiceKind(many=False, shuffle=False),
    "multi": ChoiceKind(many=True),
    "spot": ChoiceKind(many=True),
}
