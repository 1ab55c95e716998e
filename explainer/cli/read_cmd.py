"""``explainer read``: the lessons as plain text, and quizzes as numbered prompts.

For learners who use a screen reader, want to print, or cannot run a full-screen app.
Output is plain lines with no colour or cursor codes, so ``explainer read wake-word | less``
and ``| cat`` read cleanly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explainer.course.model import Course, Station

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "read",
        help="print the lessons as plain text (screen readers, printing, | less)",
        description="Print the course as plain linear text. With --quiz, ask the station's quiz "
        "as numbered prompts on standard input.",
    )
    parser.add_argument("station", nargs="?", help="station id or number (default: the whole course)")
    parser.add_argument("--list", action="store_true", help="list the stations and stop")
    parser.add_argument(
        "--quiz", action="store_true", help="after the lesson, answer the station's quiz on stdin"
    )
    parser.set_defaults(handler=run)


def _find_station(course: Course, wanted: str) -> Station | None:
    if wanted.isdigit() and 1 <= int(wanted) <= len(course.stations):
        return course.stations[int(wanted) - 1]
    for station in course.stations:
        if station.id == wanted.lower():
            return station
    return None


def run(args: argparse.Namespace) -> int:
    from explainer.cli.common import load_course_or_report
    from explainer.plain import reader

    course = load_course_or_report(args)
    if course is None:
        return 1

    # A terminal that cannot show a character (LANG=C, a Latin-1 console) gets "?" for it,
    # not a UnicodeEncodeError halfway through the lesson.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")

    if args.list:
        for line in reader.station_list_lines(course):
            say(line)
        return 0
    station = None
    if args.station:
        station = _find_station(course, args.station)
        if station is None:
            sys.stderr.write(
                f"explainer read: no station {args.station!r}. Stations: "
                + ", ".join(s.id for s in course.stations)
                + "\n"
            )
            return 2
    lines = reader.station_lines(course, station) if station else reader.course_lines(course)
    for line in lines:
        say(line)
    if args.quiz:
        return _quiz(args, course, station, say)
    return 0


def _quiz(args: argparse.Namespace, course: Course, station: Station | None, say: Callable[[str], None]) -> int:
    from explainer.learning.progress_store import ProgressStore
    from explainer.learning.quiz_session import QuizSession
    from explainer.paths import data_paths
    from explainer.plain.quiz_prompt import PlainQuiz, StopQuiz

    store = ProgressStore(data_paths(args.data_dir).progress_file)
    loaded = store.load()
    if loaded.notice:
        sys.stderr.write(loaded.notice + "\n")
    session = QuizSession(course, station.id if station else "final", loaded.progress, seed=args.seed)
    if not session.questions:
        say("This station has no quiz.")
        return 0
    say("")
    say(f"QUIZ: {station.title if station else 'Final quiz'} - type q to stop, s to skip.")
    try:
        PlainQuiz(session, course, sys.stdin, say).run()
    except StopQuiz:
        say("Stopped. Your answers so far are saved.")
    saved = store.save(loaded.progress)
    if not saved.ok and saved.notice:
        sys.stderr.write(saved.notice + "\n")
    return 0
