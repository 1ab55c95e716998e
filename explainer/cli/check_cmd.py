"""``explainer check [DIR] [--json]``: tell a content author exactly what to fix.

Teachers edit ``content/`` by hand, so the checker is their compiler: one
``path:line: message`` per problem (each saying how to fix it), then a summary of what the
folder holds. It never prints a traceback: every failure is a problem in the list.
``--json`` gives the same report to scripts and CI, plus the reading grade of every page
(``reading_grades``). Exit 0 clean, 1 problems, 2 when DIR is missing or not a folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from explainer.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help="validate a content folder and list every problem")
    parser.add_argument("dir", nargs="?", metavar="DIR",
                        help="the content folder (default: --content, else the packaged course)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(handler=run_check)


def _target(args: argparse.Namespace) -> Path:
    chosen = args.dir or getattr(args, "content", None)
    if chosen:
        return Path(chosen).expanduser()
    from explainer.paths import packaged_content_dir

    return packaged_content_dir()


def _tolerate_narrow_encodings() -> None:
    """Content may hold any character; on an ASCII/Latin-1 terminal print \\u escapes, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass


def run_check(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.text import Text

    _tolerate_narrow_encodings()
    root = _target(args)
    if not root.is_dir():
        what = _("no such folder") if not root.exists() else _("not a folder")
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            Text(f"explainer check: {what}: {root}"), markup=False)
        return 2
    from explainer.course.check import check_content
    from explainer.learning.shift_check import check_seat

    report = check_content(root, extra=[("checking the reviewer seat's rules and clips", check_seat)], grades=args.json)
    if args.json:
        payload = {"ok": report.ok,
                   "problems": [{"path": p.path, "line": p.line, "message": p.message} for p in report.problems],
                   **report.counts, "reading_grades": report.reading}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        sys.stdout.flush()
        return 0 if report.ok else 1
    console = Console(highlight=False)
    console.soft_wrap = not console.is_terminal  # piped: exactly one line per problem; terminal: wrap words
    for problem in report.problems:
        line = Text()
        line.append(f"{problem.path}:{problem.line}:", style="bold")
        line.append(f" {problem.message}")
        console.print(line)
    counts = report.counts
    held = _("{stations} stations, {pages} pages, {questions} questions ({types} types), {clips} clips, "
             "{households} households, {sources} sources, {intents} intents").format(
        types=len(counts.get("question_types", [])), **{k: v for k, v in counts.items() if k != "question_types"})
    if report.ok:
        console.print(Text(_("OK: no problems in {root}: {held}").format(root=root, held=held), style="green"))
        return 0
    total = len(report.problems)
    summary = _("{count} problem in {root} ({held})") if total == 1 else _("{count} problems in {root} ({held})")
    console.print(Text(summary.format(count=total, root=root, held=held), style="bold red"))
    return 1
