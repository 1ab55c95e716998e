"""The learner's path through the course: what is done, what is left, and what comes next.

One definition of "done", used by the map, Continue, the station's end, the quiz's end and the
course ending, so they can never disagree. A station is done when its lesson pages are read,
its model has been opened and every question of its quiz is answered. "Notes & caveats" pages
are there to be looked up, not required: jumping from the last lesson page to the model never
leaves a station unfinished. A model counts once it is opened ("Try it: press m" is all a
page asks), and a quiz question once it is finished (right, or out of tries).

Continue opens the first unfinished thing in course order: a quiz left part-way (at the
question the learner left), then the station the learner was in -- its first unread page,
its model, its quiz -- then the next unfinished station (wrapping round to any skipped
earlier), the final quiz, the post-check (only when there is a pre-check to compare with) and
finally the course ending.

The short tour is a path of its own (one page and the model per station) with its own record,
``progress.tour_seen``; it never marks stations half-done.  The pieces the path is made of (a
``Step``, what a station still needs, which pages count) are ``learning.journey_steps``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from explainer.course.model import Course, Question, Station
from explainer.i18n import _
from explainer.learning import attempts
from explainer.learning.journey_steps import (
    MODEL,
    ProgressLike,
    StationLeft,
    Step,
    lesson_pages,
    numbered_title,
    plural,
    quiz_questions,
    tour_key,
    tour_pages,
)
from explainer.learning.quiz_ids import PREPOST_IDS as PREPOST

__all__ = [  # the path's pieces live in journey_steps; they are imported from here as before
    "MODEL", "Journey", "ProgressLike", "StationLeft", "Step", "lesson_pages", "numbered_title", "plural",
    "quiz_questions", "tour_key", "tour_pages",
]

class Journey:
    """The course seen through one learner's progress. Cheap to build; read-only."""

    def __init__(self, course: Course, progress: ProgressLike) -> None:
        self.course = course
        self.progress = progress

    # -- quizzes ----------------------------------------------------------------------------
    def answers_for(self, quiz_id: str) -> Mapping[str, Any]:
        if quiz_id in PREPOST:
            section = self.progress.sections.get("prepost")
            store = section.get(quiz_id) if isinstance(section, dict) else None
        else:
            store = self.progress.answers
        return store if isinstance(store, dict) else {}

    def answered(self, quiz_id: str, question: Question) -> bool:
        entry = self.answers_for(quiz_id).get(question.id)
        return isinstance(entry, dict) and "correct" in entry

    def first_unanswered(self, quiz_id: str) -> int:
        """Where the quiz resumes: its first unanswered question (its length when all are)."""
        questions = quiz_questions(self.course, quiz_id)
        for index, question in enumerate(questions):
            if not self.answered(quiz_id, question):
                return index
        return len(questions)

    def quiz_left(self, quiz_id: str) -> int:
        return sum(1 for q in quiz_questions(self.course, quiz_id) if not self.answered(quiz_id, q))

    def quiz_done(self, quiz_id: str) -> bool:
        """Every question answered (a quiz with no questions is never "done": there is none)."""
        questions = quiz_questions(self.course, quiz_id)
        return bool(questions) and all(self.answered(quiz_id, q) for q in questions)

    def quiz_started(self, quiz_id: str) -> bool:
        """Some question answered, or tries spent on the one in hand."""
        if any(self.answered(quiz_id, q) for q in quiz_questions(self.course, quiz_id)):
            return True
        return attempts.rounds(self.progress.attempts, (q.id for q in quiz_questions(self.course, quiz_id)), quiz_id) > 0

    @property
    def has_prepost(self) -> bool:
        return bool(quiz_questions(self.course, "pre"))

    # -- stations ---------------------------------------------------------------------------
    def model_seen(self, station: Station) -> bool:
        return station.id in self.progress.models_seen or station.id in self.progress.models_tried

    def station_left(self, station: Station) -> StationLeft:
        pages = tuple(p.slug for p in lesson_pages(station) if p.id not in self.progress.pages_read)
        questions = sum(1 for q in station.questions if not self.answered(station.id, q))
        return StationLeft(pages, bool(station.model) and not self.model_seen(station), questions,
                           len(station.questions))

    def station_state(self, station: Station) -> str:
        """"not started", "in progress" or "done"."""
        if self.station_left(station).done:
            return "done"
        touched = (any(p.id in self.progress.pages_read for p in station.pages) or self.model_seen(station)
                   or any(self.answered(station.id, q) for q in station.questions))
        return "in progress" if touched else "not started"

    def states(self) -> dict[str, str]:
        return {station.id: self.station_state(station) for station in self.course.stations}

    def stations_done(self) -> int:
        return sum(1 for station in self.course.stations if self.station_left(station).done)

    def station_step(self, station: Station) -> Step | None:
        """The station's first unfinished thing: unread page, model, quiz; None when done."""
        left = self.station_left(station)
        if left.pages:
            return Step("page", station.id, page_slug=left.pages[0])
        if left.model:
            return Step("model", station.id)
        if left.questions:
            return Step("quiz", station.id, quiz_id=station.id, question=self.first_unanswered(station.id))
        return None

    # -- the whole path ---------------------------------------------------------------------
    def _last(self) -> Mapping[str, Any]:
        last = self.progress.last
        return last if isinstance(last, dict) else {}

    def current_station(self) -> Station | None:
        """The station the learner was last in (a lesson or its quiz), if it still exists.

        The short tour's place is the tour's own (``tour_next``): it does not move the journey.
        """
        last = self._last()
        if last.get("tour"):
            return None
        for key in ("station", "quiz"):
            for station in self.course.stations:
                if station.id == last.get(key):
                    return station
        return None

    def quiz_step(self, quiz_id: str) -> Step:
        station_id = quiz_id if quiz_id not in PREPOST and quiz_id != "final" else ""
        return Step("quiz", station_id, quiz_id=quiz_id, question=self.first_unanswered(quiz_id))

    def next_step(self) -> Step:
        """Where Continue goes: the first unfinished thing in course order, from where the learner is."""
        last = self._last()
        quiz_id = last.get("quiz")
        if (last.get("mode") == "quiz" and isinstance(quiz_id, str) and quiz_questions(self.course, quiz_id)
                and self.quiz_started(quiz_id) and not self.quiz_done(quiz_id)):
            return self.quiz_step(quiz_id)
        return self.step_after(self.current_station())

    def step_after(self, station: Station | None) -> Step:
        """The first unfinished thing from ``station`` on (course order, wrapping to skipped ones)."""
        stations = list(self.course.stations)
        start = stations.index(station) if station in stations else 0
        for candidate in stations[start:] + stations[:start]:
            step = self.station_step(candidate)
            if step is not None:
                return step
        if self.course.final_quiz and not self.quiz_done("final"):
            return self.quiz_step("final")
        if self.quiz_done("pre") and not self.quiz_done("post"):
            return self.quiz_step("post")
        return Step("ending")

    @property
    def finished(self) -> bool:
        """Nothing left on the path: the course ending is what Continue opens."""
        return self.step_after(None).kind == "ending"

    @property
    def untouched(self) -> bool:
        """Nothing read, opened, answered or toured yet: the moment to offer the pre-check."""
        p = self.progress
        prepost = p.sections.get("prepost")
        return not (p.pages_read or p.models_seen or p.models_tried or p.answers or p.tour_seen
                    or (isinstance(prepost, dict) and any(prepost.values())))

    # -- the short tour -----------------------------------------------------------------------
    def tour_steps(self) -> list[Step]:
        steps = []
        for station in self.course.stations:
            steps += [Step("page", station.id, page_slug=page.slug, tour=True) for page in tour_pages(station)]
            if station.model:
                steps.append(Step("model", station.id, tour=True))
        return steps

    def tour_seen(self, step: Step) -> bool:
        return tour_key(step) in self.progress.tour_seen

    def tour_next(self) -> Step:
        """The short tour's first unseen step, from the station the learner was touring."""
        steps = self.tour_steps()
        last = self._last()
        start = 0
        if last.get("tour"):
            start = next((i for i, step in enumerate(steps) if step.station_id == last.get("station")), 0)
        for step in steps[start:] + steps[:start]:
            if not self.tour_seen(step):
                return step
        return Step("tour-end", tour=True)

    def tour_stations_done(self) -> int:
        return sum(1 for station in self.course.stations if self.tour_station_done(station))

    def tour_station_done(self, station: Station) -> bool:
        return all(self.tour_seen(step) for step in self.tour_steps() if step.station_id == station.id)

    @property
    def tour_done(self) -> bool:
        return all(self.tour_seen(step) for step in self.tour_steps())

    # -- words --------------------------------------------------------------------------------
    def describe(self, step: Step) -> str:
        """The step in a few plain words, for the Continue button ("3. The cloud check · page 4")."""
        if step.kind == "ending":
            return _("The course ending: your summary and certificate")
        if step.kind == "tour-end":
            return _("The end of the short tour")
        if step.kind == "quiz":
            return self._describe_quiz(step)
        station = self._station(step.station_id)
        if station is None:
            return step.station_id
        name = numbered_title(self.course.stations, station)
        if step.kind == "model":
            return f"{name} · {_('model')}"
        pages = tour_pages(station) if step.tour else station.pages
        slugs = [page.slug for page in pages]
        number = slugs.index(step.page_slug) + 1 if step.page_slug in slugs else 1
        return f"{name} · " + _("page {n} of {total}").format(n=number, total=len(pages) + bool(station.model))

    def _describe_quiz(self, step: Step) -> str:
        total = len(quiz_questions(self.course, step.quiz_id))
        where = _("question {n} of {total}").format(n=step.question + 1, total=total) if step.question else ""
        names = {"final": _("The final quiz"), "pre": _("The pre-check"), "post": _("The post-check")}
        if step.quiz_id in names:
            title = names[step.quiz_id]
        else:
            station = self._station(step.quiz_id)
            name = numbered_title(self.course.stations, station) if station else step.quiz_id
            title = _("Quiz") + f": {name}"
        return f"{title} · {where}" if where else title

    def _station(self, station_id: str) -> Station | None:
        for station in self.course.stations:
            if station.id == station_id:
                return station
        return None
