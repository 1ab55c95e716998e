"""The reviewer seat's part of ``explainer results export`` (the quiz export's extra section).

A teacher collecting exports wants to see, next to the quiz scores, how each student did in
the seat: how many clips, how accurate (mean WER, label accuracy), how fast against the
reported ~1,000 clips per 9-hour shift, and which guidelines they missed per clip. Numbers
only: the learner's typed transcripts stay on their machine.
"""

from __future__ import annotations

from typing import Any

from explainer.course.model import Course
from explainer.learning.export_sections import ExportSection
from explainer.learning.shift import REPORTED_SECONDS_PER_CLIP, REPORTED_SHIFT_HOURS, Shift
from explainer.learning.shift_score import score_clip
from explainer.learning.shift_store import export_summary


def _round(value: Any, places: int = 3) -> Any:
    return round(value, places) if isinstance(value, float) else value


def _latest_shift(section: dict) -> Shift | None:
    """The current shift, or the most recently started one that has work in it."""
    shifts = section.get("shifts")
    if not isinstance(shifts, dict):
        return None
    current = section.get("current")
    ordered = sorted(
        (data for data in shifts.values() if isinstance(data, dict)),
        key=lambda data: str(data.get("started_at", "")),
        reverse=True,
    )
    if isinstance(current, str) and isinstance(shifts.get(current), dict):
        ordered.insert(0, shifts[current])
    for data in ordered:
        try:
            shift = Shift.from_dict(data)
        except (ValueError, KeyError, TypeError):
            continue
        if shift.records:
            return shift
    return None


def export_section(course: Course, progress: Any) -> ExportSection | None:
    """Summary values and one row per reviewed clip; None when no clip was reviewed."""
    section = progress.section("reviewer")
    summary = export_summary(section)
    if summary is None:
        return None
    spc = summary.get("seconds_per_clip")
    spc = spc if isinstance(spc, int | float) and not isinstance(spc, bool) and spc > 0 else None
    values = {
        "clips_done": summary.get("clips_done"),
        "clips_skipped": summary.get("clips_skipped"),
        "mean_wer": _round(summary.get("mean_wer")),
        "label_accuracy": _round(summary.get("label_accuracy")),
        "seconds_per_clip": _round(spc, 1),
        "clips_per_hour": _round(summary.get("clips_per_hour"), 1),
        "projected_clips_per_9h_shift": round(REPORTED_SHIFT_HOURS * 3600 / spc) if spc else None,
        "reported_seconds_per_clip": REPORTED_SECONDS_PER_CLIP,
        "shifts_finished": summary.get("shifts_finished"),
        "started_at": summary.get("started_at"),
    }
    rows = []
    shift = _latest_shift(section)
    known = {clip.id: clip for clip in course.clips}
    for clip_id, record in shift.records.items() if shift else ():
        clip = known.get(clip_id)
        if clip is None:
            continue
        row: dict[str, str | int | float | bool | None] = {
            "clip": clip_id,
            "household": clip.household,
            "kind": clip.kind,
            "skipped": record.skipped,
            "seconds": round(record.seconds, 1),
        }
        if record.answer is not None:
            score = score_clip(clip, record.answer)
            row.update(
                wer=round(score.wer, 3),
                label_accuracy=round(score.label_accuracy, 3),
                escalated=record.answer.escalated,
                guidelines_missed=" ".join(score.missed),
            )
        rows.append(row)
    return ExportSection("reviewer", "Reviewer seat", values, tuple(rows), labels=dict(LABELS))


LABELS = {  # readable names for the values above (the class report shows these, not the keys)
    "clips_done": "Clips reviewed",
    "clips_skipped": "Clips skipped",
    "mean_wer": "Word error rate (mean)",
    "label_accuracy": "Labels right (share)",
    "seconds_per_clip": "Seconds per clip",
    "clips_per_hour": "Clips per hour",
    "projected_clips_per_9h_shift": "Clips in a 9-hour shift at this pace",
    "reported_seconds_per_clip": "Seconds per clip reported by reviewers",
    "shifts_finished": "Shifts finished",
    "started_at": "First shift started",
}
