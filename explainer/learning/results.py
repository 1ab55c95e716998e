"""What the learner (and the teacher) sees after the quizzes: first tries, scores, change.

The results screen and ``explainer results export`` both read from here, so a learner's
screen and the teacher's spreadsheet can never disagree. Everything is computed from the
course, the progress answers and the attempt log; nothing is stored twice.

First tries lead: a question "right first time" shows what the learner knew; a question
found on the second try shows what the quiz taught. A first answer that was wrong although
the learner marked it "sure" is a misconception to revisit, named with its sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explainer.course.model import Course, Misconception, Question
from explainer.i18n import _
from explainer.learning import attempts as attempt_log
from explainer.learning.attempts import Attempt
from explainer.learning.export_sections import EXTRA_SECTIONS, ExportSection, extra_sections
from explainer.learning.quiz import answer_text
from explainer.learning.quiz_session import PREPOST_IDS, quiz_questions

__all__ = [
    "EXTRA_SECTIONS", "AnswerRow", "ExportSection", "PrePost", "PrePostItem", "QuizScore",
    "Results", "Revisit", "extra_sections", "prepost", "results",
]


@dataclass(frozen=True)
class QuizScore:
    """One quiz (a station's, or the final) as the learner left it."""

    quiz_id: str
    title: str
    total: int
    answered: int
    correct: int
    first_try: int = 0  # questions right at the first try
    tried: int = 0  # questions with at least one try


@dataclass(frozen=True)
class AnswerRow:
    """One question the learner tried, flat enough for a spreadsheet row."""

    quiz: str
    question_id: str
    type: str
    prompt: str
    correct: bool  # the latest finished answer was right
    score: float
    tries: int
    confidence: str
    at: str
    misconception: int | None
    answer: str = ""  # the latest answer in words (option texts, not ids)
    finished: bool = True  # False: tries spent, question not over yet
    first_correct: bool | None = None  # None when the first try is not known
    first_answer: str = ""  # the first answer in words ("" when not recorded)
    first_confidence: str = ""
    attempts: tuple[Attempt, ...] = ()

    @property
    def confidently_wrong(self) -> bool:
        """Wrong at the first try although marked "sure": a misconception, not a slip."""
        return self.first_correct is False and self.first_confidence == "sure"


@dataclass(frozen=True)
class Revisit:
    """A misconception to revisit: the question, what the learner first said, and the facts."""

    question: Question
    row: AnswerRow
    misconception: Misconception | None


@dataclass(frozen=True)
class PrePostItem:
    question: Question
    pre: bool | None  # None = not answered
    post: bool | None


@dataclass(frozen=True)
class PrePost:
    items: tuple[PrePostItem, ...]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def pre_correct(self) -> int:
        return sum(1 for i in self.items if i.pre)

    @property
    def post_correct(self) -> int:
        return sum(1 for i in self.items if i.post)

    @property
    def pre_done(self) -> bool:
        return bool(self.items) and all(i.pre is not None for i in self.items)

    @property
    def post_done(self) -> bool:
        return bool(self.items) and all(i.post is not None for i in self.items)

    @property
    def comparable(self) -> bool:
        """Both checks taken: only then are the pre-check's marks shown to the learner."""
        return self.pre_done and self.post_done

    def summary(self) -> str:
        """ "You moved from 3/8 to 7/8." """
        return _("You moved from {a}/{n} to {b}/{n}.").format(
            a=self.pre_correct, b=self.post_correct, n=self.total
        )


@dataclass(frozen=True)
class Results:
    quizzes: tuple[QuizScore, ...]
    rows: tuple[AnswerRow, ...]
    missed: tuple[Question, ...]
    prepost: PrePost
    revisit: tuple[Revisit, ...] = ()

    @property
    def total(self) -> int:
        return sum(q.total for q in self.quizzes)

    @property
    def answered(self) -> int:
        return sum(q.answered for q in self.quizzes)

    @property
    def correct(self) -> int:
        return sum(q.correct for q in self.quizzes)

    @property
    def first_try(self) -> int:
        return sum(q.first_try for q in self.quizzes)

    def look_again(self, course: Course) -> tuple[Question, ...]:
        """Station and final questions not right first time (whether found later or not)."""
        ids = {r.question_id for r in self.rows if r.quiz not in PREPOST_IDS and r.first_correct is not True}
        ids |= {q.id for q in self.missed}
        return tuple(q for q in course.questions if q.id in ids)

    @property
    def tried(self) -> int:
        return sum(q.tried for q in self.quizzes)


def _entry(store: object, qid: str) -> dict[str, Any] | None:
    entry = store.get(qid) if isinstance(store, dict) else None
    return entry if isinstance(entry, dict) and "correct" in entry else None


def _num(entry: dict[str, Any], key: str, default: float) -> float:
    value = entry.get(key, default)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def _row(quiz_id: str, q: Question, entry: dict[str, Any] | None, tries: list[Attempt]) -> AnswerRow:
    """A row from the latest finished answer (if any) and the tries in this quiz."""
    first = tries[0] if tries else None
    if entry is not None:
        correct = entry.get("correct") is True
        finished, score, count = True, _num(entry, "score", 1.0 if correct else 0.0), int(_num(entry, "tries", 1))
        confidence, at, given = str(entry.get("confidence") or ""), str(entry.get("at") or ""), entry.get("given")
    else:  # tried, not finished: what the latest try says
        last = tries[-1]
        current = [a for a in tries if a.round == last.round]
        correct, finished, score, count = False, False, 0.0, len(current)
        confidence, at, given = last.confidence or "", last.at, last.given
    if first is not None:
        first_correct: bool | None = first.correct
        first_answer = answer_text(q, first.given) if first.recorded else ""
        first_confidence = first.confidence or ""
    else:  # an answer with no attempt log (written by hand or by an older tool)
        first_correct = correct if count == 1 else False
        first_answer = answer_text(q, given) if count == 1 else ""
        first_confidence = confidence if count == 1 else ""
    return AnswerRow(
        quiz=quiz_id, question_id=q.id, type=q.type, prompt=q.prompt, correct=correct, score=score,
        tries=count, confidence=confidence, at=at, misconception=q.misconception,
        answer=answer_text(q, given), finished=finished, first_correct=first_correct,
        first_answer=first_answer, first_confidence=first_confidence, attempts=tuple(tries),
    )


def prepost(course: Course, progress: Any) -> PrePost:
    section = progress.section("prepost")
    stores = {k: section.get(k) if isinstance(section.get(k), dict) else {} for k in PREPOST_IDS}
    items = []
    for q in quiz_questions(course, "pre"):
        pre, post = _entry(stores["pre"], q.id), _entry(stores["post"], q.id)
        items.append(
            PrePostItem(
                q,
                None if pre is None else pre.get("correct") is True,
                None if post is None else post.get("correct") is True,
            )
        )
    return PrePost(tuple(items))


def results(course: Course, progress: Any) -> Results:
    """Per quiz: scores and first tries; every tried question as a row; missed; pre/post."""
    quizzes, rows, missed, revisit = [], [], [], []
    plan = [(s.id, s.title) for s in course.stations] + [("final", _("Final quiz"))]
    answers = progress.answers if isinstance(progress.answers, dict) else {}
    log = getattr(progress, "attempts", {})
    for quiz_id, title in plan:
        questions = quiz_questions(course, quiz_id)
        answered = correct = first = tried = 0
        for q in questions:
            entry = _entry(answers, q.id)
            own = [a for a in attempt_log.attempts_of(log, q.id) if not a.is_check]
            if entry is None and not own:
                continue
            row = _row(quiz_id, q, entry, own)
            rows.append(row)
            tried += 1
            first += row.first_correct is True
            if row.finished:
                answered += 1
                correct += row.correct
                if not row.correct:
                    missed.append(q)
            if row.confidently_wrong:
                revisit.append(Revisit(q, row, course.misconception(q.misconception)))
        if questions:
            quizzes.append(QuizScore(quiz_id, title, len(questions), answered, correct, first, tried))
    pp = prepost(course, progress)
    section = progress.section("prepost")
    for quiz_id in PREPOST_IDS:
        store = section.get(quiz_id)
        for item in pp.items:
            entry = _entry(store, item.question.id)
            checks = attempt_log.in_quiz(attempt_log.attempts_of(log, item.question.id), quiz_id)
            if entry is not None or checks:
                rows.append(_row(quiz_id, item.question, entry, checks))
    return Results(tuple(quizzes), tuple(rows), tuple(missed), pp, tuple(revisit))
