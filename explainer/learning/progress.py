"""What the learner has done, kept as small versioned JSON keyed by content ids.

Progress is keyed by stable ids ("wake-word/what-it-hears", question ids), never by
position, so reordering the course does not scramble anyone's record. The file looks like::

    {"format": "whos-listening/progress", "version": 2, "saved_at": "...",
     "pages_read": [...], "models_tried": [...], "models_seen": [...], "tour_seen": [...],
     "answers": {qid: {...}},
     "last": {"mode": ..., "station": ..., "page": ...}, "sections": {"reviewer": {...}},
     "attempts": {qid: [{"quiz": ..., "round": 1, "try": 1, "given": ..., ...}, ...]}}

``answers`` holds the last finished answer per question; ``attempts`` every try, with its
answer, time and confidence (``explainer.learning.attempts``). Version 1 files (no attempt
log) are migrated on load by ``explainer.learning.progress_migrate``, losing nothing.

The file itself is ``explainer.learning.progress_store.ProgressStore``. Loading never raises: a
file that is corrupt, the wrong shape or from a newer version of the app is renamed aside and the learner starts fresh, told so in one line. Saving never raises
either: a read-only folder or a full disk gives ``SaveResult(ok=False, notice=...)`` and the app
keeps the progress in memory. Two copies of the app saving at once lose nothing: each save
re-reads the file under a lock and merges it (union of pages and models, the newest answer per
question, sections merged key by key, every attempt of both) before writing.

``models_seen`` (station ids whose model the learner opened) and ``tour_seen`` (the short
tour's own steps, "station/slug" and "station/model") were added later with empty defaults,
so older files load unchanged; what counts as "done" is ``explainer.learning.journey``'s. A
short tour recorded in such a file as pages read is moved into ``tour_seen`` by
``explainer.learning.old_tour`` (the app does it once at start and rewrites the file).
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from explainer.learning import attempts as attempt_log
from explainer.learning import schema
from explainer.learning.progress_migrate import migrate
from explainer.learning.progress_schema import PROGRESS

FORMAT = "whos-listening/progress"
VERSION = 2  # 2: the attempt log (learning.attempts); older files migrate (learning.progress_migrate)


@dataclass
class Progress:
    """Everything one learner has done. Mutable: screens update it, then ask the app to save."""

    pages_read: set[str] = field(default_factory=set)
    models_tried: set[str] = field(default_factory=set)
    models_seen: set[str] = field(default_factory=set)  # opened, whether or not changed (journey "done")
    tour_seen: set[str] = field(default_factory=set)  # the short tour's steps, kept apart from the stations
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    last: dict[str, Any] = field(default_factory=dict)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    attempts: attempt_log.AttemptLog = field(default_factory=dict)  # every try, by question id
    # loaded from a file written before the tour had its own record (not saved; see learning.old_tour)
    before_tour_record: bool = field(default=False, compare=False, repr=False)

    def mark_page_read(self, page_id: str) -> bool:
        """Record a page as read; True if it was new."""
        new = page_id not in self.pages_read
        self.pages_read.add(page_id)
        return new

    def mark_model_tried(self, station_id: str) -> bool:
        """Record that the learner played with a station's model; True if it was new."""
        new = station_id not in self.models_tried
        self.models_tried.add(station_id)
        return new

    def mark_model_seen(self, station_id: str) -> bool:
        """Record that the learner opened a station's model; True if it was new."""
        new = station_id not in self.models_seen
        self.models_seen.add(station_id)
        return new

    def mark_tour_step(self, step: str) -> bool:
        """Record a short-tour step ("station/slug" or "station/model"); True if it was new."""
        new = step not in self.tour_seen
        self.tour_seen.add(step)
        return new

    def record_answer(self, question_id: str, **details: Any) -> dict[str, Any]:
        """Store the latest answer to a question (e.g. ``correct=True, given=[...]``), timestamped."""
        entry = {**details, "at": details.get("at") or datetime.now(UTC).isoformat(timespec="seconds")}
        self.answers[question_id] = entry
        return entry

    @property
    def learner_name(self) -> str:
        """The label given with ``--student`` (remembered, so a later export carries it), or ""."""
        name = self.sections.get("learner", {}).get("name")
        return name if isinstance(name, str) else ""

    def remember_learner(self, name: str) -> bool:
        """Keep the learner's label for exports and the certificate; True if it changed."""
        name = name.strip()
        if not name or name == self.learner_name:
            return False
        self.section("learner")["name"] = name
        return True

    def section(self, name: str) -> dict[str, Any]:
        """A free-form dict owned by one feature ("reviewer", "lab", "prepost"...), created on demand."""
        return self.sections.setdefault(name, {})

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "pages_read": sorted(self.pages_read),
            "models_tried": sorted(self.models_tried),
            "models_seen": sorted(self.models_seen),
            "tour_seen": sorted(self.tour_seen),
            "answers": self.answers,
            "last": self.last,
            "sections": self.sections,
            "attempts": self.attempts,
        }

    def merged_with(self, other: Progress) -> Progress:
        """This progress plus anything ``other`` (the file on disk) has that this one lacks."""
        answers = dict(other.answers)
        for qid, mine in self.answers.items():
            theirs = answers.get(qid)
            if theirs is None or _stamp(mine) >= _stamp(theirs):
                answers[qid] = mine
        sections = {name: copy.deepcopy(value) for name, value in other.sections.items()}
        for name, mine in self.sections.items():
            sections[name] = _merge_dicts(sections.get(name, {}), mine)
        return Progress(
            pages_read=self.pages_read | other.pages_read,
            models_tried=self.models_tried | other.models_tried,
            models_seen=self.models_seen | other.models_seen,
            tour_seen=self.tour_seen | other.tour_seen,
            answers=answers,
            last=dict(self.last or other.last),
            sections=sections,
            attempts=attempt_log.merged(other.attempts, self.attempts),
        )


def _stamp(answer: dict[str, Any]) -> float:
    """When an answer was given: ``at`` may be epoch seconds or an ISO 8601 string."""
    value = answer.get("at", 0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return 0.0
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp()
    return 0.0


def _merge_dicts(theirs: dict[str, Any], mine: dict[str, Any]) -> dict[str, Any]:
    merged = dict(theirs)
    for key, value in mine.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge_dicts(merged[key], value)
        else:
            merged[key] = value
    return merged


class WrongShape(Exception):
    """The JSON parsed, but is not a progress file this version understands."""


def progress_from_json(data: Any, problems: list[str] | None = None) -> Progress:
    """Build Progress from parsed JSON; raises WrongShape (never anything else) if it is not a
    progress file at all. Values inside that do not fit their shape (``progress_schema``) are
    dropped or repaired, and their paths appended to ``problems``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WrongShape("it is not a progress file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WrongShape("its version is not a positive whole number")
    before_tour_record = "tour_seen" not in data and "models_seen" not in data  # both came in together
    data = migrate(data, VERSION)
    fitted, found = schema.conform(PROGRESS, data)
    if problems is not None:
        problems.extend(found)
    if not isinstance(fitted, dict):  # pragma: no cover - a dict always fits the outer record
        raise WrongShape("it is not a progress file")

    def strings(key: str) -> set[str]:
        return set(fitted.get(key, []))

    return Progress(
        pages_read=strings("pages_read"),
        models_tried=strings("models_tried"),
        models_seen=strings("models_seen"),
        tour_seen=strings("tour_seen"),
        answers=fitted.get("answers", {}),
        last=fitted.get("last", {}),
        sections=fitted.get("sections", {}),
        attempts=attempt_log.cleaned(fitted.get("attempts")),
        before_tour_record=before_tour_record,
    )
