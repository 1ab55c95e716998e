"""Merge a class's results exports into what a teacher asks after a lesson.

``explainer class report FILE...`` reads each export (``classroom.export_read``: files that
are not exports, are broken, or repeat a learner already read are named and skipped -- one
bad file never stops the report) and answers:

* per question: how many got it right **first time**, the most common wrong first answer in
  words (for sorting and ordering, the item most often misplaced: a whole arrangement seldom
  repeats), and how sure the class was when wrong;
* the course's ten misconceptions ranked by how many learners hold one (a wrong first answer
  to a question that targets it), and how many of them were sure;
* pre-check -> post-check per learner and for the class, on the same items;
* a station-by-question heat map of first-try shares;
* the reviewer seat's figures, averaged, under readable labels.

Renderers (terminal, Markdown, HTML) live in ``classroom.report_render``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from explainer.classroom.export_read import LearnerExport, QuestionRecord, Unusable, read_export
from explainer.course.model import Course, Misconception
from explainer.learning.misplaced import ARRANGED, misplaced

CHECK_QUIZZES = ("pre", "post")


@dataclass(frozen=True)
class Skipped:
    """A file left out of the report, and why."""

    path: str
    reason: str


@dataclass
class QuestionSummary:
    """How the class did on one question, first tries first."""

    question_id: str
    quiz: str
    prompt: str
    misconception: int | None = None
    tried: int = 0  # learners whose first try is known
    first_right: int = 0
    wrong_answers: Counter[str] = field(default_factory=Counter)  # wrong first answers, in words
    wrong_confidence: Counter[str] = field(default_factory=Counter)  # sure / unsure / guess / unmarked
    finished: int = 0
    right_in_end: int = 0
    # sorting and ordering: per item, how many wrong first answers misplaced it (learning.misplaced)
    misplaced: Counter[str] = field(default_factory=Counter)
    misplaced_into: Counter[tuple[str, str]] = field(default_factory=Counter)  # (item, wrong group)

    @property
    def first_share(self) -> float:
        return self.first_right / self.tried if self.tried else 0.0

    @property
    def wrong_first(self) -> int:
        return self.tried - self.first_right

    @property
    def most_common_wrong(self) -> tuple[str, int] | None:
        """The most frequent wrong first answer (ties: alphabetical, so the report is stable)."""
        if not self.wrong_answers:
            return None
        return min(self.wrong_answers.items(), key=lambda item: (-item[1], item[0]))

    @property
    def most_misplaced(self) -> tuple[str, int] | None:
        """For sorting and ordering: the item most wrong first answers misplaced, in words
        (“item” → “the group most of them put it in”), and how many (ties: alphabetical)."""
        if not self.misplaced:
            return None
        item, count = min(self.misplaced.items(), key=lambda pair: (-pair[1], pair[0]))
        into = [(n, group) for (it, group), n in self.misplaced_into.items() if it == item]
        if not into:
            return f"“{item}” out of order", count
        group = min(into, key=lambda pair: (-pair[0], pair[1]))[1]
        return f"“{item}” → “{group}”", count

    @property
    def sure_when_wrong(self) -> int:
        return self.wrong_confidence["sure"]


@dataclass(frozen=True)
class MisconceptionRank:
    number: int
    belief: str
    fact: str
    sources: tuple[str, ...]
    questions: tuple[str, ...]  # ids of the questions that target it
    holders: int  # learners with a wrong first answer to one of them
    sure: int  # ...of whom were sure of it
    asked: int  # learners who answered at least one of them


@dataclass(frozen=True)
class LearnerChange:
    student: str
    items: int  # items answered in both checks
    pre: int
    post: int


@dataclass
class ClassReport:
    """The merged view of every readable export."""

    learners: list[str] = field(default_factory=list)
    exports: list[LearnerExport] = field(default_factory=list)
    questions: dict[str, QuestionSummary] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    course: Course | None = None

    # -- per question
    def hardest(self) -> list[QuestionSummary]:
        """Questions with a known first try, the lowest first-try share first."""
        tried = [q for q in self.questions.values() if q.tried]
        return sorted(tried, key=lambda q: (q.first_share, -q.tried, q.question_id))

    # -- misconceptions
    def misconceptions(self) -> list[MisconceptionRank]:
        """The ten, most widely held first; only those a question targets."""
        known = {m.number: m for m in (self.course.misconceptions if self.course else ())}
        targets: dict[int, list[str]] = {}
        for q in self.questions.values():
            if q.misconception is not None:
                targets.setdefault(q.misconception, []).append(q.question_id)
        ranks = []
        for number in sorted(set(known) | set(targets)):
            ids = set(targets.get(number, ()))
            holders = sure = asked = 0
            for learner in self.exports:
                firsts = [r.first for r in learner.questions
                          if r.question_id in ids and r.quiz not in CHECK_QUIZZES and r.first.correct is not None]
                asked += bool(firsts)
                wrong = [f for f in firsts if f.correct is False]
                holders += bool(wrong)
                sure += any(f.confidence == "sure" for f in wrong)
            entry: Misconception | None = known.get(number)
            ranks.append(MisconceptionRank(
                number, entry.belief if entry else "", entry.fact if entry else "",
                entry.sources if entry else (), tuple(sorted(ids)), holders, sure, asked))
        return sorted(ranks, key=lambda m: (-m.holders, -m.sure, m.number))

    def top_three(self) -> list[MisconceptionRank]:
        """The three most widely held (held by anyone): what the five-minute discussion is about."""
        return [m for m in self.misconceptions() if m.holders][:3]

    # -- pre / post
    def changes(self) -> list[LearnerChange]:
        """Each learner who took both checks: right before and after on the items they did in both."""
        out = []
        for learner, name in zip(self.exports, self.learners, strict=True):
            both = [c for c in learner.checks if c.pre is not None and c.post is not None]
            if both:
                out.append(LearnerChange(name, len(both), sum(c.pre is True for c in both),
                                         sum(c.post is True for c in both)))
        return out

    def item_changes(self) -> list[tuple[str, int, int, int]]:
        """Per check item: (question id, learners with both, right before, right after)."""
        totals: dict[str, list[int]] = {}
        for learner in self.exports:
            for c in learner.checks:
                if c.pre is not None and c.post is not None:
                    t = totals.setdefault(c.question_id, [0, 0, 0])
                    t[0] += 1
                    t[1] += c.pre is True
                    t[2] += c.post is True
        order = [q.id for q in self.course.questions if q.prepost] if self.course else []
        return sorted(((qid, *t) for qid, t in totals.items()),  # type: ignore[misc]
                      key=lambda row: (order.index(row[0]) if row[0] in order else len(order), row[0]))

    # -- stations
    def heat_map(self) -> list[tuple[str, list[QuestionSummary | None]]]:
        """Rows of (quiz id, its questions' summaries in course order; None = nobody tried)."""
        rows: list[tuple[str, list[QuestionSummary | None]]] = []
        if self.course is not None:
            plan = [(s.id, [q.id for q in s.questions]) for s in self.course.stations]
            plan.append(("final", [q.id for q in self.course.final_quiz]))
        else:
            found: dict[str, list[str]] = {}
            for q in self.questions.values():
                found.setdefault(q.quiz, []).append(q.question_id)
            plan = sorted(found.items())
        for quiz, ids in plan:
            cells = [self.questions.get(qid) for qid in ids]
            if ids and any(c is not None and c.tried for c in cells):
                rows.append((quiz, [c if c is not None and c.tried else None for c in cells]))
        return rows

    def quiz_title(self, quiz: str) -> str:
        if self.course is not None:
            for number, station in enumerate(self.course.stations, start=1):
                if station.id == quiz:
                    return f"{number}. {station.title}"
        return "Final quiz" if quiz == "final" else quiz

    # -- reviewer seat
    def reviewer(self) -> list[tuple[str, float, int]]:
        """(label, mean over learners, learners) for each number the seat's section reports."""
        sums: dict[str, list[float]] = {}
        labels: dict[str, str] = {}
        for learner in self.exports:
            section = learner.sections.get("reviewer")
            if section is None:
                continue
            for key, value in section.values.items():
                sums.setdefault(key, []).append(value)
                labels.setdefault(key, section.labels.get(key, ""))
        from explainer.learning.export_sections import label_for

        return [(label_for(key, labels), sum(v) / len(v), len(v)) for key, v in sums.items()]


def _learner_key(export: LearnerExport) -> str:
    """Two files are duplicates when they are the same learner's export."""
    student = export.student
    if student and student != "unnamed learner":
        return f"student:{student.casefold()}"
    return "sha:" + export.raw_key


def _summary_for(report: ClassReport, row: QuestionRecord) -> QuestionSummary:
    """The question's summary, made on first sight; the course's text and target win."""
    summary = report.questions.get(row.question_id)
    if summary is None:
        known = next((q for q in report.course.questions if q.id == row.question_id), None) if report.course else None
        summary = report.questions[row.question_id] = QuestionSummary(
            row.question_id, known.station_id if known else row.quiz, known.prompt if known else row.prompt,
            known.misconception if known else row.misconception)
    return summary


def _add(report: ClassReport, export: LearnerExport) -> None:
    name = export.student or Path(export.path).stem
    report.learners.append(name)
    report.exports.append(export)
    for row in export.questions:
        if row.quiz in CHECK_QUIZZES:
            continue  # the checks are compared in changes(), not counted twice here
        summary = _summary_for(report, row)
        if row.finished:
            summary.finished += 1
            summary.right_in_end += row.correct
        if row.first.correct is None:
            continue
        summary.tried += 1
        if row.first.correct:
            summary.first_right += 1
            continue
        if row.first.answer:
            summary.wrong_answers[row.first.answer] += 1
            _count_misplaced(report, summary, row.first.answer)
        summary.wrong_confidence[row.first.confidence or "unmarked"] += 1


def _count_misplaced(report: ClassReport, summary: QuestionSummary, answer: str) -> None:
    known = next((q for q in report.course.questions if q.id == summary.question_id), None) if report.course else None
    if known is None or known.type not in ARRANGED:
        return
    for item, group in misplaced(known, answer):
        summary.misplaced[item] += 1
        if group is not None:
            summary.misplaced_into[(item, group)] += 1


def build_report(paths: list[Path], course: Course | None = None) -> ClassReport:
    """Read every file (never stopping on one), merge the usable ones."""
    report = ClassReport(course=course)
    seen: dict[str, str] = {}
    for path in paths:
        try:
            export = read_export(path)
        except Unusable as error:
            report.skipped.append(Skipped(str(path), f"{path.name} {error}"))
            continue
        key = _learner_key(export)
        if key in seen:
            report.skipped.append(Skipped(str(path), f"{path.name} repeats {seen[key]} (same learner); counted once"))
            continue
        seen[key] = path.name
        _add(report, export)
    return report
