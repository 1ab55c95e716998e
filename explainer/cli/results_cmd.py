"""``explainer results export``: a learner's quiz results as a file the teacher can open.

The teacher collects one file per learner and opens them in a spreadsheet (csv), reads them
(md), or merges them with a script (json, versioned). The format is
``explainer.classroom.export``'s; every number comes from ``explainer.learning.results`` --
the same numbers the learner's results screen shows.
Progress is read from the data folder (``--data-dir`` > ``EXPLAINER_DATA_DIR`` > default);
nothing is written except the export itself. Extra blocks such as the reviewer seat's
shift summary join through ``explainer.learning.results.EXTRA_SECTIONS``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from explainer.classroom.export import (
    CSV_COLUMNS,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    build_payload,
    to_csv,
    to_json,
    to_markdown,
)
from explainer.i18n import _

__all__ = ["CSV_COLUMNS", "EXPORT_FORMAT", "EXPORT_VERSION", "build_payload", "register", "run_export",
           "to_csv", "to_json", "to_markdown"]

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


def _usage(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    def show(_args: argparse.Namespace) -> int:
        parser.print_usage(sys.stderr)
        sys.stderr.write(
            "explainer results: say what to do, e.g. 'explainer results export --format csv'\n"
        )
        return 2

    return show


# ---------------------------------------------------------------- the command


def run_export(args: argparse.Namespace) -> int:
    from explainer.cli.common import content_dir
    from explainer.course.load import read_course
    from explainer.learning.progress_store import ProgressStore
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
    student = (args.export_student or getattr(args, "student", None) or loaded.progress.learner_name
               or _("unnamed learner"))
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
