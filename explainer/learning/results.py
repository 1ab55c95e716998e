"""What the learner (and the teacher) sees after the quizzes: scores, gaps, and change.

The results screen and ``explainer results export`` both read from here, so a learner's
screen and the teacher's spreadsheet can never disagree. Everything is computed from the
course and the progress answers; nothing is stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explainer.course.model import Course, Question
from explainer.i18n import _
from explainer.learning.quiz import answer_text
from explainer.learning.quiz_session import PREPOST_IDS, quiz_questions


@dataclass(frozen=True)
class QuizScore:
    """One quiz (a station's, or the final) as the learner left it."""

    quiz_id: str
    title: str
    total: int
    answered: int
    correct: int


@dataclass(frozen=True)
class AnswerRow:
    """One answered question, flat enough for a spreadsheet row."""

    quiz: str
    question_id: str
    type: str
    prompt: str
    correct: bool
    score: float
    tries: int
    confidence: str
    at: str
    misconception: int | None
    answer: str = ""  # the learner's final answer in words (for the class report's wrong answers)


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

    @property
    def total(self) -> int:
        return sum(q.total for q in self.quizzes)

    @property
    def answered(self) -> int:
        return sum(q.answered for q in self.quizzes)

    @property
    def correct(self) -> int:
        return sum(q.correct for q in self.quizzes)


def _entry(store: dict, qid: str) -> dict | None:
    entry = store.get(qid) if isinstance(store, dict) else None
    return entry if isinstance(entry, dict) and "correct" in entry else None


def _row(quiz_id: str, q: Question, entry: dict) -> AnswerRow:
    def _num(key: str, default: float) -> float:
        value = entry.get(key, default)
        return (
            float(value)
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else default
        )

    correct = entry.get("correct") is True
    return AnswerRow(
        quiz=quiz_id,
        question_id=q.id,
        type=q.type,
        prompt=q.prompt,
        correct=correct,
        score=_num("score", 1.0 if correct else 0.0),
        tries=int(_num("tries", 1)),
        confidence=str(entry.get("confidence") or ""),
        at=str(entry.get("at") or ""),
        misconception=q.misconception,
        answer=answer_text(q, entry.get("given")),
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
    """Scores per quiz, every answered question as a row, the missed ones, and pre/post."""
    quizzes, rows, missed = [], [], []
    plan = [(s.id, s.title) for s in course.stations] + [("final", _("Final quiz"))]
    answers = progress.answers if isinstance(progress.answers, dict) else {}
    for quiz_id, title in plan:
        questions = quiz_questions(course, quiz_id)
        answered = correct = 0
        for q in questions:
            entry = _entry(answers, q.id)
            if entry is None:
                continue
            answered += 1
            row = _row(quiz_id, q, entry)
            rows.append(row)
            if row.correct:
                correct += 1
            else:
                missed.append(q)
        if questions:
            quizzes.append(QuizScore(quiz_id, title, len(questions), answered, correct))
    pp = prepost(course, progress)
    section = progress.section("prepost")
    for quiz_id in PREPOST_IDS:
        store = section.get(quiz_id) if isinstance(section.get(quiz_id), dict) else {}
        for item in pp.items:
            entry = _entry(store, item.question.id)
            if entry is not None:
                rows.append(_row(quiz_id, item.question, entry))
    return Results(tuple(quizzes), tuple(rows), tuple(missed), pp)


# ---------------------------------------------------------------- extra export sections


@dataclass(frozen=True)
class ExportSection:
    """A block another feature adds to ``explainer results export`` (e.g. the reviewer seat).

    ``values`` is a flat summary (clips done, mean WER, label accuracy, pace...) shown as
    "key: value" lines in Markdown and as an object in JSON; ``rows`` are optional detail
    rows (one dict per clip, say) for JSON and Markdown tables.
    """

    name: str
    title: str
    values: dict[str, str | int | float | bool | None]
    rows: tuple[dict[str, str | int | float | bool | None], ...] = ()


# name -> "module:function"; the function is called as fn(course, progress) and returns an
# ExportSection, or None when the learner has nothing there yet. Imported lazily, so a
# missing module (a feature not built) simply leaves its section out. The reviewer helper
# implements the function below; others may add a line for their feature.
EXTRA_SECTIONS: dict[str, str] = {
    "reviewer": "explainer.learning.shift_export:export_section",
}


def extra_sections(course: Course, progress: Any) -> list[ExportSection]:
    """Every extra section that has something to say, in EXTRA_SECTIONS order."""
    import importlib

    found = []
    for name, target in EXTRA_SECTIONS.items():
        module_name, _colon, function_name = target.partition(":")
        try:
            function = getattr(importlib.import_module(module_name), function_name)
        except (ImportError, AttributeError):
            continue
        try:
            section = function(course, progress)
        except Exception:  # noqa: BLE001 - one feature's bad data must not stop the export
            section = ExportSection(name, name, {"error": "this section could not be read"})
        if section is not None:
            found.append(section)
    return found
