"""Where a shift lives between sessions: the "reviewer" section of the learner's progress.

Layout of ``progress.section("reviewer")`` (plain JSON; each shift carries its own version)::

    {"current": "<shift id>" | null,            # the shift in progress, or just finished
     "shifts":  {"<shift id>": {...Shift.to_dict()...}},
     "summary": {...Shift.summary()...},        # the latest numbers, for the export
     "history": {"<shift id>": {...summary...}},  # one entry per finished shift
     "damaged": {...}}                          # a saved shift we could not read, kept aside

Why ids instead of one "shift" entry: the progress store merges sections key by key with the
file on disk (so two copies of the app lose nothing). A shift stored under its own id can never
be blended with another shift's answers, and switching shifts is one string, which merging
replaces whole. Old shifts stay in the file (a few hundred bytes each); that is the price of
never losing work to a merge.

A damaged shift is never silently thrown away: it is kept under "damaged" and the learner is
told in one sentence that a new shift starts.
"""

from __future__ import annotations

import time

from explainer.course.model import Course
from explainer.i18n import _
from explainer.learning.shift import Clock, Shift, WallClock, choose_clips, utc_now_iso


def _table(section: dict, key: str) -> dict:
    value = section.get(key)
    if not isinstance(value, dict):
        value = section[key] = {}
    return value


def load_shift(
    section: dict,
    course: Course,
    *,
    clock: Clock = time.monotonic,
    wall_clock: WallClock = utc_now_iso,
) -> tuple[Shift | None, str | None]:
    """The saved current shift (or None), and a notice when saved data had to be set aside."""
    current = section.get("current")
    if not isinstance(current, str):
        return None, None
    data = _table(section, "shifts").get(current)
    try:
        shift = Shift.from_dict(data, clock=clock, wall_clock=wall_clock)  # type: ignore[arg-type]
    except (ValueError, KeyError, TypeError):
        section["damaged"] = data
        section["current"] = None
        return None, _("Your saved shift could not be read; it was kept aside. A new shift starts.")
    known = {c.id for c in course.clips}
    if not all(cid in known for cid in shift.clip_ids):
        kept = [cid for cid in shift.clip_ids if cid in known]
        if not kept:
            section["current"] = None
            return None, _(
                "The clips of your saved shift are gone from the course. A new one starts."
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
    """Write the shift as the current one, with its summary (the caller saves progress)."""
    _table(section, "shifts")[shift.id] = shift.to_dict()
    section["current"] = shift.id
    section["summary"] = shift.summary(course)
    if shift.finished:
        _table(section, "history")[shift.id] = section["summary"]


def discard_shift(section: dict) -> None:
    """Leave the current shift (it stays in the file; a finished one stays in the history)."""
    section["current"] = None


def export_summary(section: dict) -> dict | None:
    """The latest shift's numbers for the quiz export, or None when no clip was reviewed."""
    history = section.get("history")
    history = history if isinstance(history, dict) else {}
    candidates = [section.get("summary"), *sorted(history.values(), key=_started, reverse=True)]
    for summary in candidates:
        if isinstance(summary, dict) and summary.get("clips_done"):
            return {**summary, "shifts_finished": len(history)}
    return None


def _started(summary: object) -> str:
    return str(summary.get("started_at", "")) if isinstance(summary, dict) else ""
