"""A class of 30 exports with known tries, for the class report's tests (not a test module).

26 learners answer station 1's quiz with scripted first tries (then the right answer), 20 of
them take the pre-check (2 of 10 right) and the post-check (8 of 10 right), three have a
reviewer-seat section; one export is from the previous version of the app (version 1); three
files are broken (cut off, the csv export, JSON nested 100,000 deep).
"""

from __future__ import annotations

import json
from pathlib import Path

from explainer.cli.results_cmd import build_payload, to_csv
from explainer.course.model import Course, Question
from explainer.learning.progress import Progress
from explainer.learning.quiz import correct_answer
from explainer.learning.quiz_session import QuizSession
from explainer.learning.shift_export import LABELS

V1_EXPORT = Path(__file__).parent / "data" / "export-v1.json"
GOOD = 26


def first_try(qid: str, n: int) -> tuple[object, str | None] | None:
    """Learner n's scripted first try at a station-1 question (None: right, marked "unsure")."""
    if qid == "ww-where-spotted":
        return ("cloud", "sure") if n <= 4 else ("phone", None) if n <= 7 else None
    if qid == "ww-records-everything":
        return ("true", "sure") if n <= 6 else ("true", "unsure") if n <= 8 else ("true", None) if n <= 10 else None
    if qid == "ww-false-wake-rate":
        return ("76", "sure") if n <= 5 else None
    return None


def wrong_answer(q: Question) -> object:
    if q.options:
        wrong = [o.id for o in q.options if not o.correct]
        return wrong[:1] if q.type in ("multi", "spot") else wrong[0]
    if q.type == "ordering":
        return list(reversed(q.order))
    if q.type == "matching":
        return {i.text: q.groups[0] if i.group != q.groups[0] else q.groups[1] for i in q.items}
    return (q.answer or 0) * 10 + 100


def learner_payload(course: Course, n: int) -> dict:
    progress = Progress()
    if n <= 20:
        for check, right in (("pre", 2), ("post", 8)):
            session = QuizSession(course, check, progress, seed=3, max_tries=1)
            while not session.done:
                q = session.current
                session.check(correct_answer(q) if session.index < right else wrong_answer(q), "unsure")
                session.advance()
    session = QuizSession(course, "wake-word", progress, seed=3)
    while not session.done:
        q = session.current
        scripted = first_try(q.id, n)
        given, confidence = scripted if scripted else (correct_answer(q), "unsure")
        if not session.check(given, confidence).finished:
            session.check(correct_answer(q), confidence)
        session.advance()
    payload = build_payload(course, progress, f"Learner {n:02d}")
    if n <= 3:
        payload["sections"]["reviewer"] = {
            "title": "Reviewer seat", "rows": [], "labels": dict(LABELS),
            "values": {"mean_wer": n / 10, "clips_done": 2 + 2 * n, "started_at": "2026-12-01"},
        }
    return payload


def write_class(course: Course, folder: Path) -> list[Path]:
    paths = []
    for n in range(1, GOOD + 1):
        path = folder / f"learner-{n:02d}.json"
        path.write_text(json.dumps(learner_payload(course, n)), encoding="utf-8")
        paths.append(path)
    old = folder / "old-version.json"
    old.write_bytes(V1_EXPORT.read_bytes())
    cut = folder / "cut-off.json"
    cut.write_text(paths[0].read_text(encoding="utf-8")[:300], encoding="utf-8")
    spreadsheet = folder / "spreadsheet.json"
    spreadsheet.write_text(to_csv(json.loads(paths[1].read_text(encoding="utf-8"))), encoding="utf-8")
    deep = folder / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return [*paths, old, cut, spreadsheet, deep]
