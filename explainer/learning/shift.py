"""A reviewer's shift: which clips, how far the learner got, and how fast they worked.

The seat mirrors the reported pace of the 2019 Alexa reviewers -- up to 1,000 clips in a
9-hour shift, about 32.4 seconds a clip (facts.md §4.2) -- so a shift keeps an *active*
clock: it runs only while the seat is on screen, and survives quitting. The state is plain
JSON in ``progress.section("reviewer")``, keyed by clip id (never by position), so a shift
resumes where it stopped even if the course gains clips meanwhile.

Clocks are injected (``clock`` returns monotonic seconds, ``wall_clock`` an ISO time stamp)
so tests never wait for real time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from explainer.course.model import Clip, Course
from explainer.learning.shift_score import Answer, ClipScore, mean, score_clip

Clock = Callable[[], float]
WallClock = Callable[[], str]

REPORTED_CLIPS_PER_SHIFT = 1000
REPORTED_SHIFT_HOURS = 9
REPORTED_SECONDS_PER_CLIP = REPORTED_SHIFT_HOURS * 3600 / REPORTED_CLIPS_PER_SHIFT  # 32.4
SHIFT_SIZE = 6
STATE_VERSION = 1
DISTRESS_KIND = "distress"


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def choose_clips(
    clips: Sequence[Clip], seed: int, size: int = SHIFT_SIZE, include_distress: bool = False
) -> tuple[str, ...]:
    """Pick a varied shift: kinds in turn (command, false wake, overheard...), then shuffled.

    The distress clip is never chosen unless the learner opted in; then it comes last, so the
    rest of the shift is done before it and the debrief can discuss it straight away.
    """
    rng = random.Random(seed)
    by_kind: dict[str, list[Clip]] = {}
    for clip in clips:
        if clip.kind != DISTRESS_KIND:
            by_kind.setdefault(clip.kind, []).append(clip)
    for pool in by_kind.values():
        rng.shuffle(pool)
    distress = [c for c in clips if c.kind == DISTRESS_KIND] if include_distress else []
    wanted = size - (1 if distress else 0)
    kinds = sorted(by_kind)
    rng.shuffle(kinds)
    chosen: list[Clip] = []
    while len(chosen) < wanted and any(by_kind.values()):
        for kind in kinds:
            if by_kind[kind] and len(chosen) < wanted:
                chosen.append(by_kind[kind].pop())
    rng.shuffle(chosen)
    if distress:
        chosen.append(rng.choice(distress))
    return tuple(c.id for c in chosen)


@dataclass(frozen=True)
class ClipRecord:
    """The learner's work on one clip: an answer, or a skip; and the active seconds it took."""

    answer: Answer | None
    seconds: float

    @property
    def skipped(self) -> bool:
        return self.answer is None


@dataclass(frozen=True)
class Pace:
    """Speed, set against the reported ~1,000 clips per 9-hour shift."""

    clips_done: int
    active_seconds: float

    @property
    def seconds_per_clip(self) -> float | None:
        return self.active_seconds / self.clips_done if self.clips_done else None

    @property
    def clips_per_hour(self) -> float | None:
        spc = self.seconds_per_clip
        return 3600 / spc if spc else None

    @property
    def projected_per_shift(self) -> float | None:
        """Clips this learner would finish in a 9-hour shift at this pace."""
        spc = self.seconds_per_clip
        return REPORTED_SHIFT_HOURS * 3600 / spc if spc else None

    @property
    def share_of_reported(self) -> float | None:
        """Projected clips as a share of the reported 1,000 (1.0 = the reported pace)."""
        projected = self.projected_per_shift
        return projected / REPORTED_CLIPS_PER_SHIFT if projected is not None else None


class Shift:
    """One shift in progress. Mutable; ``to_dict``/``from_dict`` carry it through progress."""

    def __init__(
        self,
        clip_ids: Sequence[str],
        *,
        seed: int,
        include_distress: bool = False,
        started_at: str | None = None,
        active_seconds: float = 0.0,
        clip_started: float = 0.0,
        records: dict[str, ClipRecord] | None = None,
        clock: Clock = time.monotonic,
        wall_clock: WallClock = utc_now_iso,
    ) -> None:
        self.clip_ids = tuple(clip_ids)
        self.seed = seed
        self.include_distress = include_distress
        self.started_at = started_at or wall_clock()
        self.records: dict[str, ClipRecord] = dict(records or {})
        self._clock = clock
        self._active = active_seconds
        self._resumed_at: float | None = None
        self._clip_started = clip_started

    @property
    def id(self) -> str:
        """Stable name of this shift in the progress file."""
        return f"{self.started_at}~{self.seed}"

    # -- the active clock -------------------------------------------------
    @property
    def running(self) -> bool:
        return self._resumed_at is not None

    def resume_clock(self) -> None:
        if self._resumed_at is None:
            self._resumed_at = self._clock()

    def pause_clock(self) -> None:
        if self._resumed_at is not None:
            self._active += max(0.0, self._clock() - self._resumed_at)
            self._resumed_at = None

    def elapsed(self) -> float:
        """Active seconds so far (only time with the seat on screen counts)."""
        running = self._clock() - self._resumed_at if self._resumed_at is not None else 0.0
        return self._active + max(0.0, running)

    # -- the clips ----------------------------------------------------------
    @property
    def current_clip_id(self) -> str | None:
        return next((c for c in self.clip_ids if c not in self.records), None)

    @property
    def finished(self) -> bool:
        return self.current_clip_id is None

    @property
    def position(self) -> int:
        """1-based number of the current clip (len + 1 when finished)."""
        return len(self.records) + 1

    def begin_clip(self) -> None:
        """Start timing the current clip (call when it is shown)."""
        self._clip_started = self.elapsed()

    def _record(self, clip_id: str, answer: Answer | None) -> None:
        if clip_id != self.current_clip_id:
            raise ValueError(f"{clip_id} is not the current clip")
        seconds = max(0.0, self.elapsed() - self._clip_started)
        self.records[clip_id] = ClipRecord(answer, seconds)
        self._clip_started = self.elapsed()

    def submit(self, clip: Clip, answer: Answer) -> ClipScore:
        self._record(clip.id, answer)
        return score_clip(clip, answer)

    def skip(self, clip_id: str) -> None:
        self._record(clip_id, None)

    def scores(self, course: Course) -> list[ClipScore]:
        """Scores of the answered clips in shift order (clips gone from the course are left out)."""
        known = {c.id: c for c in course.clips}
        return [
            score_clip(known[cid], rec.answer)
            for cid, rec in self.records.items()
            if rec.answer is not None and cid in known
        ]

    def pace(self) -> Pace:
        answered = [r for r in self.records.values() if not r.skipped]
        return Pace(len(answered), sum(r.seconds for r in answered))

    def summary(self, course: Course) -> dict:
        """Plain numbers for the export and the history of shifts."""
        scores = self.scores(course)
        pace = self.pace()
        return {
            "started_at": self.started_at,
            "clips_done": pace.clips_done,
            "clips_skipped": sum(1 for r in self.records.values() if r.skipped),
            "mean_wer": mean(s.wer for s in scores if s.transcribed),  # false wakes: nothing to transcribe
            "label_accuracy": mean(s.label_accuracy for s in scores),
            "active_seconds": round(self.elapsed(), 1),
            "seconds_per_clip": pace.seconds_per_clip,
            "clips_per_hour": pace.clips_per_hour,
        }

    # -- persistence ----------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "version": STATE_VERSION,
            "clip_ids": list(self.clip_ids),
            "seed": self.seed,
            "include_distress": self.include_distress,
            "started_at": self.started_at,
            "active_seconds": round(self.elapsed(), 3),
            "clip_started": round(self._clip_started, 3),
            "records": {
                cid: {
                    "answer": rec.answer.to_dict() if rec.answer else None,
                    "seconds": round(rec.seconds, 3),
                }
                for cid, rec in self.records.items()
            },
        }

    @classmethod
    def from_dict(
        cls, data: dict, *, clock: Clock = time.monotonic, wall_clock: WallClock = utc_now_iso
    ) -> Shift:
        """Rebuild a saved shift; raises ValueError when the saved data is not a shift we understand."""
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise ValueError("not a saved shift of this version")
        clip_ids = data.get("clip_ids")
        if not isinstance(clip_ids, list) or not all(isinstance(c, str) for c in clip_ids):
            raise ValueError("the shift's clip list is damaged")
        records: dict[str, ClipRecord] = {}
        raw_records = data.get("records", {})
        if not isinstance(raw_records, dict):
            raise ValueError("the shift's answers are damaged")
        for cid in clip_ids:  # keep shift order, drop anything that is not in the shift
            raw = raw_records.get(cid)
            if raw is None:
                continue
            if not isinstance(raw, dict):
                raise ValueError(f"the answer for {cid} is damaged")
            answer = Answer.from_dict(raw["answer"]) if raw.get("answer") is not None else None
            records[cid] = ClipRecord(answer, float(raw.get("seconds", 0.0)))
        try:
            return cls(
                clip_ids,
                seed=int(data.get("seed", 0)),
                include_distress=bool(data.get("include_distress", False)),
                started_at=str(data.get("started_at") or wall_clock()),
                active_seconds=float(data.get("active_seconds", 0.0)),
                clip_started=float(data.get("clip_started", 0.0)),
                records=records,
                clock=clock,
                wall_clock=wall_clock,
            )
        except (TypeError, ValueError) as error:
            raise ValueError(f"the shift's numbers are damaged ({error})") from error
