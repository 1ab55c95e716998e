"""The pieces a learner's path is made of: a step, what a station still needs, which pages count.

``explainer.learning.journey`` decides what is done and what comes next; it, the station walk,
the old-tour migration, the map, the station's end and the course summary all speak of the same
small things -- a ``Step`` on the path, a station's ``StationLeft``, its lesson and tour pages,
a quiz's questions, how a tour step is recorded, a station's numbered title and a plural.  They
are kept here, below the journey, so each has one definition; ``journey`` still exports them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from explainer.course.model import Course, Page, Question, Station
from explainer.i18n import _
from explainer.learning.quiz_ids import UnknownQuiz
from explainer.learning.quiz_ids import quiz_questions as session_questions

MODEL = "model"  # the step key of a station's model, in ``progress.last`` and ``tour_seen``


class ProgressLike(Protocol):  # explainer.learning.progress.Progress, read only
    pages_read: set[str]
    models_tried: set[str]
    models_seen: set[str]
    tour_seen: set[str]
    answers: dict[str, dict[str, Any]]
    last: dict[str, Any]
    sections: dict[str, dict[str, Any]]
    attempts: dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Step:
    """One place on the path. ``kind`` is "page", "model", "quiz", "ending" or "tour-end".

    For a quiz, ``quiz_id`` is a station id, "final", "pre" or "post", and ``question`` the
    (0-based) question the learner will see first.
    """

    kind: str
    station_id: str = ""
    page_slug: str = ""
    quiz_id: str = ""
    question: int = 0
    tour: bool = False


@dataclass(frozen=True)
class StationLeft:
    """What a station still needs: unread lesson pages (slugs, in order), the model, questions."""

    pages: tuple[str, ...]
    model: bool
    questions: int
    quiz_size: int

    @property
    def done(self) -> bool:
        return not self.pages and not self.model and not self.questions

    def words(self) -> str:
        """"2 pages · model · quiz" -- what the map shows beside an unfinished station."""
        parts = []
        if self.pages:
            parts.append(plural(len(self.pages), _("1 page"), _("{n} pages")))
        if self.model:
            parts.append(_("model"))
        if self.questions and self.questions < self.quiz_size:
            # short enough for a map column at 80x24 ("◐ quiz: 3 left"); the longer "quiz: 3
            # questions" did not fit, so a learner half-way through a quiz saw only "in progress"
            parts.append(plural(self.questions, _("quiz: 1 left"), _("quiz: {n} left")))
        elif self.questions:
            parts.append(_("quiz"))
        return " · ".join(parts)


def plural(count: int, one: str, many: str) -> str:
    """``one`` for 1, else ``many`` with ``{n}`` filled in ("1 page", "3 pages")."""
    return one if count == 1 else many.format(n=count)


def lesson_pages(station: Station) -> tuple[Page, ...]:
    """The pages a station needs read to be done (its lesson pages, not its notes)."""
    return tuple(page for page in station.pages if page.kind != "notes")


def tour_pages(station: Station) -> tuple[Page, ...]:
    """The short tour's pages for a station: those marked ``short_tour``, else the first."""
    chosen = tuple(page for page in station.pages if page.short_tour)
    return chosen or tuple(station.pages[:1])


def quiz_questions(course: Course, quiz_id: str) -> tuple[Question, ...]:
    """A quiz's questions; none for an id that names no quiz (a stale ``progress.last``)."""
    try:
        return session_questions(course, quiz_id)
    except UnknownQuiz:
        return ()


def tour_key(step: Step) -> str:
    """How a tour step is kept in ``progress.tour_seen``: "station/slug" or "station/model"."""
    return f"{step.station_id}/{step.page_slug if step.kind == 'page' else MODEL}"


def numbered_title(stations: Iterable[Station], station: Station) -> str:
    """ "3. The cloud check": titles are stored without numbers, screens number them by order."""
    for index, candidate in enumerate(stations, start=1):
        if candidate.id == station.id:
            return f"{index}. {station.title}"
    return station.title
