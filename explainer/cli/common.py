"""What several subcommands share: finding and loading the course, with errors as plain lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explainer.course.model import Course

import argparse
import sys
from pathlib import Path

from explainer.paths import packaged_content_dir


def content_dir(args: argparse.Namespace) -> Path:
    """The course folder: ``--content DIR`` or the packaged course."""
    chosen = getattr(args, "content", None)
    return Path(chosen) if chosen else packaged_content_dir()


def load_course_or_report(args: argparse.Namespace) -> Course | None:
    """Load the course; on problems print them as ``path:line: message`` and return None."""
    from explainer.course.load import ContentError, load_course

    root = content_dir(args)
    if not root.is_dir():
        sys.stderr.write(f"explainer: no course folder at {root}\n")
        return None
    try:
        return load_course(root, getattr(args, "lang", None))
    except ContentError as error:
        sys.stderr.write(f"explainer: the course in {root} has problems:\n")
        for problem in error.problems:
            sys.stderr.write(f"{problem.path}:{problem.line}: {problem.message}\n")
        sys.stderr.write("Run 'explainer check' for the full report.\n")
        return None
