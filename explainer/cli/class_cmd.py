"""``explainer class report FILE...``: one summary from a class's results exports."""

from __future__ import annotations

import argparse
import glob
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explainer.course.model import Course


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("class", help="teacher tools: merge a class's results exports")
    actions = parser.add_subparsers(dest="class_action", metavar="ACTION")
    report = actions.add_parser(
        "report",
        help="summarise results exports (json) from a class",
        description="Merge learners' 'explainer results export --format json' files into a per-question "
        "summary. Prints tables and writes class-report.md and class-report.html.",
    )
    report.add_argument("files", nargs="+", metavar="FILE", help="export files (json); globs are expanded")
    report.add_argument("--out-dir", default=".", metavar="DIR", help="where to write the .md and .html (default: here)")
    report.set_defaults(handler=run_report)

    def usage(_args: argparse.Namespace) -> int:
        parser.print_usage(sys.stderr)
        sys.stderr.write("explainer class: say what to do, e.g. 'explainer class report exports/*.json'\n")
        return 2

    parser.set_defaults(handler=usage)


def _expand(patterns: list[str]) -> list[Path]:
    paths: list[Path] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if any(c in pattern for c in "*?[") else [pattern]
        paths.extend(Path(m) for m in (matches or [pattern]))
    return paths


def _course(args: argparse.Namespace) -> Course | None:
    """The course, for question texts, station order and the misconceptions in words."""
    from explainer.cli.common import content_dir
    from explainer.course.load import read_course

    course, _ctx = read_course(content_dir(args))  # --content DIR: another course's exports
    if course is None:
        sys.stderr.write("explainer class: the course could not be read; questions are shown as the exports "
                         "name them (run 'explainer check')\n")
    return course


def run_report(args: argparse.Namespace) -> int:
    from rich.console import Console

    from explainer.classroom.report import build_report
    from explainer.classroom.report_html import to_html
    from explainer.classroom.report_render import print_report, to_markdown

    console = Console()
    report = build_report(_expand(args.files), _course(args))
    print_report(report, console)
    if not report.learners:
        console.print("No readable results exports: nothing to report.", style="bold red", markup=False)
        return 1
    out_dir = Path(args.out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "class-report.md").write_text(to_markdown(report), encoding="utf-8")
        (out_dir / "class-report.html").write_text(to_html(report), encoding="utf-8")
    except OSError as error:
        console.print(f"Cannot write the report into {out_dir}: {error.strerror or error}", markup=False)
        return 1
    console.print(f"Wrote {out_dir / 'class-report.md'} and {out_dir / 'class-report.html'}", markup=False, highlight=False)
    if report.skipped:
        console.print(f"{len(report.skipped)} file(s) skipped (see above).", markup=False)
    return 0
