"""Merge learners' results exports into one class summary for the teacher.

A teacher collects ``explainer results export --format json`` files from a class and runs
``explainer class report FILE...``. Files that are not exports, are broken, or repeat a
learner already read are reported and skipped -- one bad file never stops the report.
The summary answers what a teacher asks after a lesson: which questions did the class
get wrong, what wrong answer was most common, did the pre/post check move, and how did
the reviewer-seat transcriptions go.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

EXPORT_FORMAT = "whos-listening/results"
SUPPORTED_VERSIONS = (1,)
MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class Skipped:
    """A file left out of the report, and why."""

    path: str
    reason: str


@dataclass
class QuestionSummary:
    """How the class did on one question."""

    question_id: str
    quiz: str
    prompt: str
    answered: int = 0
    correct: int = 0
    wrong_answers: Counter = field(default_factory=Counter)

    @property
    def share_correct(self) -> float:
        return self.correct / self.answered if self.answered else 0.0

    @property
    def most_common_wrong(self) -> tuple[str, int] | None:
        return self.wrong_answers.most_common(1)[0] if self.wrong_answers else None


@dataclass
class ClassReport:
    """The merged view of every readable export."""

    learners: list[str] = field(default_factory=list)
    questions: dict[str, QuestionSummary] = field(default_factory=dict)
    pre_scores: list[tuple[int, int]] = field(default_factory=list)  # (pre correct, post correct)
    prepost_items: int = 0
    wers: list[float] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def average_wer(self) -> float | None:
        return sum(self.wers) / len(self.wers) if self.wers else None

    @property
    def prepost_means(self) -> tuple[float, float] | None:
        if not self.pre_scores:
            return None
        count = len(self.pre_scores)
        return (sum(p for p, _ in self.pre_scores) / count, sum(q for _, q in self.pre_scores) / count)

    def hardest(self) -> list[QuestionSummary]:
        """Questions answered by anyone, the ones the class found hardest first."""
        answered = [q for q in self.questions.values() if q.answered]
        return sorted(answered, key=lambda q: (q.share_correct, -q.answered, q.question_id))


def _given_text(given: object) -> str:
    if isinstance(given, list):
        return ", ".join(str(g) for g in given)
    if isinstance(given, dict):
        return "; ".join(f"{k} → {v}" for k, v in given.items())
    return "" if given is None else str(given)


def _read_export(path: Path) -> dict:
    """The export's JSON, or ValueError saying in plain words why it cannot be used."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ValueError(f"cannot be read ({error.strerror or error})") from None
    if size > MAX_FILE_BYTES:
        raise ValueError(f"is too large for a results export ({size:,} bytes)")
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8 text (is it the csv or md export? use --format json)") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"is not valid JSON (line {error.lineno}: {error.msg})") from None
    except OSError as error:
        raise ValueError(f"cannot be read ({error.strerror or error})") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ValueError("is not a Who's Listening? results export")
    if data.get("version") not in SUPPORTED_VERSIONS:
        raise ValueError(f"has export version {data.get('version')!r}, which this version cannot read")
    if not isinstance(data.get("questions"), list):
        raise ValueError("has no list of questions")
    return data


def _learner_key(data: dict, raw: bytes) -> str:
    """Two files are duplicates when they are the same learner's same export."""
    student = str(data.get("student") or "")
    if student and student != "unnamed learner":
        return f"student:{student.casefold()}"
    return "sha:" + hashlib.sha256(raw).hexdigest()


def build_report(paths: list[Path]) -> ClassReport:
    report = ClassReport()
    seen: dict[str, str] = {}
    for path in paths:
        try:
            data = _read_export(path)
            key = _learner_key(data, path.read_bytes())
        except ValueError as error:
            report.skipped.append(Skipped(str(path), f"{path.name} {error}"))
            continue
        if key in seen:
            report.skipped.append(Skipped(str(path), f"{path.name} repeats {seen[key]} (same learner); counted once"))
            continue
        seen[key] = path.name
        _add_learner(report, data, path)
    return report


def _add_learner(report: ClassReport, data: dict, path: Path) -> None:
    report.learners.append(str(data.get("student") or path.stem))
    for row in data["questions"]:
        if not isinstance(row, dict) or not isinstance(row.get("question_id"), str):
            continue
        if row.get("quiz") in ("pre", "post"):
            continue  # counted in the pre/post comparison, not twice in the question table
        qid = row["question_id"]
        summary = report.questions.get(qid)
        if summary is None:
            summary = report.questions[qid] = QuestionSummary(
                qid, str(row.get("quiz", "")), str(row.get("prompt", ""))
            )
        summary.answered += 1
        if row.get("correct") is True:
            summary.correct += 1
        else:
            text = _given_text(row.get("answer", row.get("given")))
            if text:
                summary.wrong_answers[text] += 1
    prepost = data.get("prepost")
    if isinstance(prepost, dict) and prepost.get("pre_done") and prepost.get("post_done"):
        pre, post = prepost.get("pre_correct"), prepost.get("post_correct")
        if isinstance(pre, int) and isinstance(post, int):
            report.pre_scores.append((pre, post))
            report.prepost_items = max(report.prepost_items, int(prepost.get("items") or 0))
    reviewer = (data.get("sections") or {}).get("reviewer") if isinstance(data.get("sections"), dict) else None
    if isinstance(reviewer, dict) and isinstance(reviewer.get("values"), dict):
        wer = reviewer["values"].get("mean_wer")
        if isinstance(wer, int | float) and not isinstance(wer, bool):
            report.wers.append(float(wer))


def per_quiz(report: ClassReport) -> dict[str, tuple[int, int]]:
    """quiz id -> (answers, correct answers), for the chart."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for q in report.questions.values():
        totals[q.quiz][0] += q.answered
        totals[q.quiz][1] += q.correct
    return {quiz: (a, c) for quiz, (a, c) in totals.items()}
