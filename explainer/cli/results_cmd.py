"""``explainer results export``: a learner's quiz results as a file the teacher can open.

The teacher collects one file per learner and opens them in a spreadsheet (csv), reads them
(md), or merges them with a script (json, versioned). Everything comes from
``explainer.learning.results`` -- the same numbers the learner's results screen shows.
Progress is read from the data folder (``--data-dir`` > ``EXPLAINER_DATA_DIR`` > default);
nothing is written except the export itself. Extra blocks such as the reviewer seat's
shift summary join through ``explainer.learning.results.EXTRA_SECTIONS``.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from explainer.i18n import _

EXPORT_FORMAT = "whos-listening/results"
EXPORT_VERSION = 1
CSV_COLUMNS = [
    "student",
    "quiz",
    "question_id",
    "type",
    "misconception",
    "correct",
    "score",
    "tries",
    "confidence",
    "answered_at",
    "prompt",
    "answer",
]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("results", help="export quiz results for the teacher")
    actions = parser.add_subparsers(dest="results_action", metavar="ACTION")
    export = actions.add_parser("export", help="write the results as json, csv or md")
    export.add_argument(
        "--format", choices=["json", "csv", "md"], default="md", help="file format (default md)"
    )
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    export.add_argument(
        "--student", dest="export_student", metavar="NAME", help="label for this learner"
    )
    export.set_defaults(handler=run_export)
    parser.set_defaults(handler=_usage(parser))


def _usage(parser: argparse.ArgumentParser):
    def show(_args: argparse.Namespace) -> int:
        parser.print_usage(sys.stderr)
        sys.stderr.write(
            "explainer results: say what to do, e.g. 'explainer results export --format csv'\n"
        )
        return 2

    return show


# ---------------------------------------------------------------- building the export


def build_payload(course, progress, student: str) -> dict:  # noqa: ANN001
    from explainer.learning.results import extra_sections, results

    res = results(course, progress)
    pp = res.prepost
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "student": student,
        "course": course.title,
        "summary": {"questions": res.total, "answered": res.answered, "correct": res.correct},
        "stations": [
            {
                "quiz": q.quiz_id,
                "title": q.title,
                "questions": q.total,
                "answered": q.answered,
                "correct": q.correct,
            }
            for q in res.quizzes
        ],
        "questions": [
            {
                "quiz": r.quiz,
                "question_id": r.question_id,
                "type": r.type,
                "misconception": r.misconception,
                "correct": r.correct,
                "score": r.score,
                "tries": r.tries,
                "confidence": r.confidence or None,
                "answered_at": r.at or None,
                "prompt": r.prompt,
                "answer": r.answer,
            }
            for r in res.rows
        ],
        "prepost": {
            "items": pp.total,
            "pre_correct": pp.pre_correct,
            "post_correct": pp.post_correct,
            "pre_done": pp.pre_done,
            "post_done": pp.post_done,
            "summary": pp.summary() if pp.post_done else None,
            "per_item": [
                {
                    "question_id": i.question.id,
                    "prompt": i.question.prompt,
                    "misconception": i.question.misconception,
                    "pre": i.pre,
                    "post": i.post,
                }
                for i in pp.items
            ],
        },
        "sections": {
            s.name: {"title": s.title, "values": s.values, "rows": list(s.rows)}
            for s in extra_sections(course, progress)
        },
    }


def to_json(payload: dict) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def to_csv(payload: dict) -> str:
    """One row per answered question; RFC 4180 quoting, CRLF line ends (what spreadsheets expect)."""
    import csv  # here, not at the top: every start of the app imports this module

    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in payload["questions"]:
        writer.writerow(
            [
                payload["student"],
                row["quiz"],
                row["question_id"],
                row["type"],
                row["misconception"] or "",
                "yes" if row["correct"] else "no",
                f"{row['score']:.2f}",
                row["tries"],
                row["confidence"] or "",
                row["answered_at"] or "",
                row["prompt"],
                row.get("answer", ""),
            ]
        )
    return out.getvalue()


def _md_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(payload: dict) -> str:
    s = payload["summary"]
    lines = [
        f"# {_('Results')}: {_md_cell(payload['student'])}",
        "",
        _(
            "{correct} correct of {answered} answered ({questions} questions in the course). Exported {at}."
        ).format(at=payload["exported_at"], **s),
        "",
    ]
    pp = payload["prepost"]
    if pp["pre_done"] or pp["post_done"]:
        lines += [f"## {_('Pre-check and post-check')}", ""]
        if pp["summary"]:
            lines += [pp["summary"], ""]
        lines += ["| " + _("Question") + " | Pre | Post |", "|---|---|---|"]
        mark = {True: "✓", False: "✗", None: "–"}
        for item in pp["per_item"]:
            lines.append(
                f"| {_md_cell(item.get('prompt') or item['question_id'])} | {mark[item['pre']]} | {mark[item['post']]} |"
            )
        lines.append("")
    lines += [
        f"## {_('By station')}",
        "",
        "| " + _("Quiz") + " | " + _("Answered") + " | " + _("Correct") + " |",
        "|---|---|---|",
    ]
    for q in payload["stations"]:
        lines.append(
            f"| {_md_cell(q['title'])} | {q['answered']}/{q['questions']} | {q['correct']} |"
        )
    lines += [
        "",
        f"## {_('Answers')}",
        "",
        "| " + " | ".join(["quiz", "question", "correct", "tries", "confidence"]) + " |",
        "|---|---|---|---|---|",
    ]
    for r in payload["questions"]:
        lines.append(
            f"| {r['quiz']} | {_md_cell(r['question_id'])} | {'yes' if r['correct'] else 'no'} | "
            f"{r['tries']} | {r['confidence'] or ''} |"
        )
    for section in payload["sections"].values():
        lines += ["", f"## {_md_cell(section['title'])}", ""]
        lines += [f"- {_md_cell(k)}: {_md_cell(v)}" for k, v in section["values"].items()]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the command


def run_export(args: argparse.Namespace) -> int:
    from explainer.cli.common import content_dir
    from explainer.course.load import read_course
    from explainer.learning.progress import ProgressStore
    from explainer.paths import data_paths

    course, _ctx = read_course(content_dir(args))
    if course is None:
        sys.stderr.write("explainer results: the course could not be read; run 'explainer check'\n")
        return 1
    paths = data_paths(getattr(args, "data_dir", None))
    loaded = ProgressStore(paths.progress_file).load()
    if loaded.notice:
        sys.stderr.write(f"explainer results: {loaded.notice}\n")
    if not paths.progress_file.exists():
        sys.stderr.write(
            f"explainer results: no progress yet in {paths.data_dir}; exporting an empty record\n"
        )
    student = args.export_student or getattr(args, "student", None) or _("unnamed learner")
    payload = build_payload(course, loaded.progress, student)
    text = {"json": to_json, "csv": to_csv, "md": to_markdown}[args.format](payload)
    if not args.out:
        sys.stdout.write(text)
        return 0
    out = Path(args.out).expanduser()
    try:
        # utf-8-sig: a BOM so spreadsheet programs read the accents and curly quotes right
        out.write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8", newline="")
    except OSError as error:
        sys.stderr.write(f"explainer results: cannot write {out}: {error.strerror or error}\n")
        return 1
    sys.stderr.write(f"explainer results: wrote {out}\n")
    return 0
