"""Where a shift lives between sessions: the "reviewer" section of the learner's progress.

Layout of ``progress.section("reviewer")`` (plain JSON, versioned by the shift itself)::

    {"shift":   {...Shift.to_dict()...} | absent,   # the shift in progress or just finished
     "summary": {...Shift.summary()...},            # numbers for the export, no course needed
     "history": [{...summary...}, ...],             # one entry per finished shift
     "damaged": {...}}                              # a saved shift we could not read, kept aside

A damaged shift is never silently thrown away: it is kept under "damaged" and the learner is
told in one sentence that a new shift starts.
"""

from __future__ import annotations

import time

from explainer.course.model import Course
from explainer.i18n import _
from explainer.learning.shift import Clock, Shift, WallClock, choose_clips, utc_now_iso

HISTORY_LIMIT = 50


def load_shift(
    section: dict,
    course: Course,
    *,
    clock: Clock = time.monotonic,
    wall_clock: WallClock = utc_now_iso,
) -> tuple[Shift | None, str | None]:
    """The saved shift (or None), and a notice when saved data had to be set aside."""
    data = section.get("shift")
    if data is None:
        return None, None
    try:
        shift = Shift.from_dict(data, clock=clock, wall_clock=wall_clock)
    except (ValueError, KeyError, TypeError):
        section["damaged"] = data
        section.pop("shift", None)
        return None, _(
            "Your saved shift could not be read; it was kept aside and a new shift starts."
        )
    known = {c.id for c in course.clips}
    if not all(cid in known for cid in shift.clip_ids):
        kept = [cid for cid in shift.clip_ids if cid in known]
        if not kept:
            section.pop("shift", None)
            return None, _(
                "The clips of your saved shift are no longer in the course; a new shift starts."
            )
        shift = Shift(
            kept,
            seed=shift.seed,
            include_distress=shift.include_distress,
            started_at=shift.started_at,
            active_seconds=shift.elapsed(),
            records={k: v for k, v in shift.records.items() if k in known},
            clock=clock,
            wall_clock=wall_clock,
        )
    return shift, None


def new_shift(
    course: Course,
    seed: int,
    *,
    include_distress: bool = False,
    clock: Clock = time.monotonic,
    wall_clock: WallClock = utc_now_iso,
) -> Shift:
    ids = choose_clips(course.clips, seed, include_distress=include_distress)
    return Shift(
        ids, seed=seed, include_distress=include_distress, clock=clock, wall_clock=wall_clock
    )


def save_shift(section: dict, shift: Shift, course: Course) -> None:
    """Write the shift and its summary into the section (the caller saves progress)."""
    previous = section.get("shift")
    filed = (
        isinstance(previous, dict)
        and previous.get("filed") is True
        and previous.get("started_at") == shift.started_at
    )
    section["shift"] = shift.to_dict()
    section["summary"] = shift.summary(course)
    if shift.finished and not filed:
        history = section.get("history")
        if not isinstance(history, list):
            history = section["history"] = []
        history.append(section["summary"])
        del history[:-HISTORY_LIMIT]
    section["shift"]["filed"] = shift.finished


def discard_shift(section: dict) -> None:
    """Forget the current shift (its summary stays in the history if it was finished)."""
    section.pop("shift", None)


def export_summary(section: dict) -> dict | None:
    """The latest shift's numbers for the quiz export, or None when no clip was reviewed."""
    summary = section.get("summary")
    if not isinstance(summary, dict) or not summary.get("clips_done"):
        return None
    history = section.get("history")
    return {**summary, "shifts_finished": len(history) if isinstance(history, list) else 0}
