"""Rendering one reviewer-seat clip: cold (a fresh cache, the speech engine speaks every line)
and again from the cache (a hash lookup and a file check).

Uses the same path as the seat and ``explainer clips render``: ``render.render_cached``. The
shortest clip by script length is used, so the figure is the floor a learner waits on the first
clip of a shift when nothing is cached. With no speech engine the cold figure is reported as
missing (with the reason), never faked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explainer.course.model import Clip, Course

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from explainer.bench.stats import median


@dataclass
class ClipResult:
    clip_id: str = ""
    cold_s: list[float] = field(default_factory=list)
    cached_s: list[float] = field(default_factory=list)
    audio_s: float = 0.0
    error: str = ""


def shortest_clip(course: Course) -> Clip:
    return min(course.clips, key=lambda clip: (sum(len(line.text) for line in clip.lines), clip.id))


def measure_clips(course: Course, cold_runs: int = 2, cached_runs: int = 20) -> ClipResult:
    from explainer.voice import render, speech

    result = ClipResult()
    if not course.clips:
        result.error = "the course has no clips"
        return result
    clip = shortest_clip(course)
    result.clip_id = clip.id
    ok, reason = speech.speech_available()
    if not ok:
        result.error = reason or "no speech engine"
        return result
    for _run in range(cold_runs):
        with tempfile.TemporaryDirectory(prefix="explainer-bench-clips-") as cache:
            started = time.perf_counter()
            try:
                path, cached = render.render_cached(clip, Path(cache))
            except speech.SpeechError as error:
                result.error = str(error)
                return result
            result.cold_s.append(time.perf_counter() - started)
            assert not cached
            result.audio_s = render.clip_duration(path)
            for _hit in range(cached_runs // cold_runs):
                started = time.perf_counter()
                _path, cached = render.render_cached(clip, Path(cache))
                result.cached_s.append(time.perf_counter() - started)
                assert cached
    return result


def cold_ms(result: ClipResult) -> float | None:
    return round(median(result.cold_s) * 1000.0, 1) if result.cold_s else None


def cached_ms(result: ClipResult) -> float | None:
    return round(median(result.cached_s) * 1000.0, 3) if result.cached_s else None
