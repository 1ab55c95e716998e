"""How long loading and validating the whole packaged course takes.

``load_course`` parses every TOML, Markdown and YAML file and checks every reference, so it is
both "load" and "validate"; the app pays it once at start-up. ``check_content`` (what
``explainer check`` runs, which also looks for stray files) is reported beside it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from explainer.bench.stats import median


@dataclass
class ContentResult:
    load_s: list[float] = field(default_factory=list)
    check_s: list[float] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _time(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def measure_content(root: Path | None = None, runs: int = 15) -> ContentResult:
    from explainer.course.check import check_content
    from explainer.course.load import load_course
    from explainer.paths import packaged_content_dir

    root = root or packaged_content_dir()
    result = ContentResult()
    course = load_course(root)  # first call imports the readers: not what we time
    result.counts = {
        "stations": len(course.stations),
        "pages": sum(len(station.pages) for station in course.stations),
        "questions": sum(len(station.questions) for station in course.stations) + len(course.final_quiz),
        "clips": len(course.clips),
    }
    result.load_s = [_time(lambda: load_course(root)) for _ in range(runs)]
    result.check_s = [_time(lambda: check_content(root)) for _ in range(max(3, runs // 3))]
    return result


def load_ms(result: ContentResult) -> float:
    return median(result.load_s) * 1000.0
