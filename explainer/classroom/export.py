"""The results export a learner hands to the teacher: one payload, three file formats.

``explainer results export`` writes it; ``explainer class report`` reads a class's worth of
them (``classroom.export_read``). Version 2 carries every try: per question the first try
(right or not, the answer in words, how sure the learner was) and the full list of
attempts with their answers as stored (option ids or the typed value), in words, times and
confidence marks. The format is described for teachers in content/teacher-guide.md
("What an export holds").

* json -- the whole payload, versioned; what the class report merges.
* csv -- one row per try (the question's columns repeated), for a spreadsheet.
* md -- a readable page: right first time, misconceptions to revisit, each quiz, each try.
  Learner-supplied text (the name, typed answers) is made inert (``classroom.inert``).
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any

from explainer.classroom.inert import md
from explainer.course.model import Course
from explainer.i18n import _
from explainer.learning.attempts import Attempt
from explainer.learning.export_sections import extra_sections, label_for
from explainer.learning.quiz import answer_text
from explainer.learning.results import AnswerRow, results

EXPORT_FORMAT = "whos-listening/results"
EXPORT_VERSION = 2
CSV_COLUMNS = [
    "student", "quiz", "question_id", "type", "misconception", "round", "try", "first_try",
    "correct", "final", "confidence", "answered_at", "answer", "given", "prompt",
]
NOT_RECORDED = "(not recorded)"  # a try from before version 2: wrong, answer unknown


def _attempt(row: AnswerRow, attempt: Attempt, course: Course) -> dict[str, Any]:
    question = _question(course, row.question_id)
    words = answer_text(question, attempt.given) if question is not None and attempt.recorded else ""
    return {
        "round": attempt.round, "try": attempt.try_number, "given": attempt.given,
        "answer": words if attempt.recorded else NOT_RECORDED, "correct": attempt.correct,
        "score": attempt.score, "confidence": attempt.confidence, "at": attempt.at or None,
        "final": attempt.final, "recorded": attempt.recorded,
    }


def _source_name(course: Course, source_id: str) -> str:
    source = course.sources.get(source_id)
    return f"{source.publisher}, “{source.title}” ({source.date})" if source else source_id


def _question(course: Course, qid: str) -> Any:
    return next((q for q in course.questions if q.id == qid), None)


def build_payload(course: Course, progress: Any, student: str) -> dict[str, Any]:
    res = results(course, progress)
    pp = res.prepost
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "student": student,
        "course": course.title,
        "summary": {"questions": res.total, "answered": res.answered, "correct": res.correct,
                    "tried": res.tried, "first_try_correct": res.first_try},
        "stations": [
            {"quiz": q.quiz_id, "title": q.title, "questions": q.total, "answered": q.answered,
             "correct": q.correct, "tried": q.tried, "first_try_correct": q.first_try}
            for q in res.quizzes
        ],
        "questions": [
            {
                "quiz": r.quiz, "question_id": r.question_id, "type": r.type,
                "misconception": r.misconception, "finished": r.finished, "correct": r.correct,
                "score": r.score, "tries": r.tries, "confidence": r.confidence or None,
                "answered_at": r.at or None, "prompt": r.prompt, "answer": r.answer,
                "first_try": {"correct": r.first_correct, "answer": r.first_answer,
                              "confidence": r.first_confidence or None},
                "attempts": [_attempt(r, a, course) for a in r.attempts],
            }
            for r in res.rows
        ],
        "revisit": [
            {"question_id": v.question.id, "prompt": v.question.prompt,
             "misconception": v.question.misconception,
             "belief": v.misconception.belief if v.misconception else None,
             "first_answer": v.row.first_answer,
             "sources": list(v.misconception.sources if v.misconception else v.question.sources),
             "source_names": [_source_name(course, sid) for sid in
                              (v.misconception.sources if v.misconception else v.question.sources)]}
            for v in res.revisit
        ],
        "prepost": {
            "items": pp.total, "pre_correct": pp.pre_correct, "post_correct": pp.post_correct,
            "pre_done": pp.pre_done, "post_done": pp.post_done,
            "summary": pp.summary() if pp.post_done else None,
            "per_item": [
                {"question_id": i.question.id, "prompt": i.question.prompt,
                 "misconception": i.question.misconception, "pre": i.pre, "post": i.post}
                for i in pp.items
            ],
        },
        "sections": {
            s.name: {"title": s.title, "values": s.values, "rows": list(s.rows),
                     "labels": {key: label_for(key, s.labels) for key in s.values}}
            for s in extra_sections(course, progress)
        },
    }


def to_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _yes(value: object) -> str:
    return "yes" if value is True else "no" if value is False else ""


def to_csv(payload: dict[str, Any]) -> str:
    """One row per try; RFC 4180 quoting, CRLF line ends (what spreadsheets expect).

    A spreadsheet would run a cell starting with = + - @ as a formula, so such learner text
    gets a leading apostrophe (the usual CSV-injection guard).
    """
    import csv  # here, not at the top: the export is rare, the app starts often

    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in payload["questions"]:
        tries = row.get("attempts") or [None]
        for n, attempt in enumerate(tries):
            a = attempt or {}
            writer.writerow([_cell(v) for v in (
                payload["student"], row["quiz"], row["question_id"], row["type"], row["misconception"] or "",
                a.get("round", ""), a.get("try", row["tries"]), _yes(n == 0),
                _yes(a.get("correct", row["correct"])), _yes(a.get("final", row["finished"])),
                a.get("confidence", row["confidence"]) or "", a.get("at", row["answered_at"]) or "",
                a.get("answer", row.get("answer", "")), json.dumps(a["given"], ensure_ascii=False) if a else "",
                row["prompt"],
            )])
    return out.getvalue()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _mark(value: object) -> str:
    return {True: "✓", False: "✗"}.get(value, "–")  # type: ignore[call-overload]


def to_markdown(payload: dict[str, Any]) -> str:
    s = payload["summary"]
    lines = [
        f"# {_('Results')}: {md(payload['student'])}", "",
        "**" + _("Right first time: {n} of {t} questions tried.").format(
            n=s["first_try_correct"], t=s["tried"]) + "**", "",
        _("{correct} correct in the end, of {answered} answered ({questions} questions in the course). "
          "Exported {at}.").format(at=payload["exported_at"], **s), "",
    ]
    if payload["revisit"]:
        lines += [f"## {_('Misconceptions to revisit')}", "",
                  _("First answers that were wrong although marked “sure”:"), ""]
        grouped: dict[object, list[dict[str, Any]]] = {}
        for item in payload["revisit"]:
            grouped.setdefault(item.get("misconception") or item["question_id"], []).append(item)
        for items in grouped.values():
            about = items[0]["belief"] or items[0]["prompt"]
            answers = "; ".join(f"“{md(i['first_answer'] or NOT_RECORDED)}”" for i in items)
            names = items[0].get("source_names") or items[0]["sources"]
            lines.append(f"- {md(about)} — {_('you first answered')} {answers} ({_('sources')}: {md('; '.join(names))})")
        lines.append("")
    pp = payload["prepost"]
    if pp["pre_done"] and pp["post_done"]:
        lines += [f"## {_('Pre-check and post-check')}", "", pp["summary"] or "", "",
                  "| " + _("Question") + " | Pre | Post |", "|---|---|---|"]
        lines += [f"| {md(i.get('prompt') or i['question_id'], 90)} | {_mark(i['pre'])} | {_mark(i['post'])} |"
                  for i in pp["per_item"]]
        lines.append("")
    elif pp["pre_done"]:
        lines += [f"## {_('Pre-check and post-check')}", "",
                  _("Pre-check taken; its results appear once the post-check is done."), ""]
    lines += [f"## {_('By station')}", "",
              "| " + " | ".join([_("Quiz"), _("Right first time"), _("Correct in the end"), _("Answered")]) + " |",
              "|---|---:|---:|---:|"]
    for q in payload["stations"]:
        first = f"{q['first_try_correct']}/{q['tried']}" if q["tried"] else "–"
        lines.append(f"| {md(q['title'])} | {first} | {q['correct']} | {q['answered']}/{q['questions']} |")
    lines += ["", f"## {_('Every try')}", "",
              "| " + " | ".join([_("Quiz"), _("Question"), _("Try"), _("Answer"), _("Right?"), _("Sure?")]) + " |",
              "|---|---|---:|---|---|---|"]
    for r in payload["questions"]:
        if r["quiz"] == "pre" and not pp["post_done"]:
            continue  # the pre-check's marks stay hidden until there is a post-check to compare
        for a in r.get("attempts") or []:
            lines.append(f"| {md(r['quiz'])} | {md(r['prompt'], 70)} | {a['round']}.{a['try']} | "
                         f"{md(a['answer'], 60)} | {_mark(a['correct'])} | {md(a['confidence'] or '')} |")
    for section in payload["sections"].values():
        labels = section.get("labels") or {}
        lines += ["", f"## {md(section['title'])}", ""]
        lines += [f"- {md(label_for(k, labels))}: {md(v)}" for k, v in section["values"].items()]
    return "\n".join(lines) + "\n"
