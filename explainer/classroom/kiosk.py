"""Workshop kiosk rules that need no screen: when a visitor has gone, what the host may see,
and where the few files a session cannot avoid (rendered clip audio, narration) may live.

A kiosk stands at a museum or workshop table and serves one visitor after another. It keeps
nothing on disk -- no progress, no settings, no history -- so the next visitor cannot see what
the last one did, and the host's tallies are anonymous counts kept in memory for the day only.
Audio has to be a file to be played, so memory-only sessions get one private scratch folder
(in the temp folder, which may be a RAM disk) that is deleted when the session ends.

Kept apart from the Textual screens (``explainer/tui/screens/kiosk_*.py``) so the rules can
be tested without a terminal and read in one place.
"""

from __future__ import annotations

import atexit
import math
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from explainer.paths import CACHE_DIR_ENV, DATA_DIR_ENV, DataPaths

DEFAULT_IDLE_MINUTES = 3.0
DEFAULT_HOST_CODE = "2468"


def idle_minutes(value: float | None) -> float:
    """A usable idle time: positive and finite (fractions allowed), else the default."""
    if value is None or not math.isfinite(value) or value <= 0:
        return DEFAULT_IDLE_MINUTES
    return float(value)


def valid_host_code(code: str | None) -> str:
    """Four digits, or the default code (shown in ``explainer --help``)."""
    code = (code or "").strip()
    return code if len(code) == 4 and code.isdigit() else DEFAULT_HOST_CODE


@dataclass
class IdlePolicy:
    """Decides when a visitor has walked away: no key or click for ``minutes``."""

    minutes: float = DEFAULT_IDLE_MINUTES
    clock: Callable[[], float] = time.monotonic
    last_input: float = field(init=False)

    def __post_init__(self) -> None:
        self.minutes = idle_minutes(self.minutes)
        self.last_input = self.clock()

    @property
    def seconds(self) -> float:
        return self.minutes * 60.0

    def touch(self) -> None:
        """The visitor did something."""
        self.last_input = self.clock()

    def idle_for(self) -> float:
        return max(0.0, self.clock() - self.last_input)

    def expired(self) -> bool:
        return self.idle_for() >= self.seconds

    def check_every(self) -> float:
        """How often to look: often enough to be on time, rarely enough to cost nothing."""
        return min(5.0, max(0.05, self.seconds / 6))


@dataclass
class QuizTally:
    attempts: int = 0  # visitors who answered at least one question of this quiz
    share_sum: float = 0.0  # sum of each visitor's share of correct answers
    first_sum: float = 0.0  # sum of each visitor's share right at the first try

    @property
    def average(self) -> float:
        return self.share_sum / self.attempts if self.attempts else 0.0

    @property
    def average_first(self) -> float:
        """The share right first time, averaged over visitors: what they knew, not what they found."""
        return self.first_sum / self.attempts if self.attempts else 0.0


@dataclass
class DayTallies:
    """Anonymous counts for one day: how many visitors, how far they got, how quizzes went.

    Nothing identifies a visitor: a finished visit adds one to some counters and is forgotten.
    A new day (the kiosk left running overnight) starts from zero.
    """

    day: date = field(default_factory=date.today)
    visitors: int = 0
    stations: Counter[str] = field(default_factory=Counter)
    quizzes: dict[str, QuizTally] = field(default_factory=dict)
    today: Callable[[], date] = date.today

    def _roll(self) -> None:
        if (now := self.today()) != self.day:
            self.day, self.visitors = now, 0
            self.stations, self.quizzes = Counter(), {}

    def start_visit(self) -> None:
        self._roll()
        self.visitors += 1

    def end_visit(self, course: Any, progress: Any) -> None:
        """Fold one finished visit into the counts (the progress itself is then thrown away)."""
        self._roll()
        add_visit(self, course, progress)

    def summary(self, course: Any, current: Any = None) -> DayTallies:
        """The counts so far, including the visitor at the kiosk now (without changing self)."""
        self._roll()
        snapshot = replace(self, stations=Counter(self.stations),
                           quizzes={k: replace(v) for k, v in self.quizzes.items()})
        if current is not None and course is not None:
            add_visit(snapshot, course, current)
        return snapshot


def add_visit(tallies: DayTallies, course: Any, progress: Any) -> None:
    if course is None or progress is None:
        return
    last = progress.last if isinstance(getattr(progress, "last", None), dict) else {}
    from explainer.learning.journey import Journey

    journey = Journey(course, progress)
    toured = {key.partition("/")[0] for key in getattr(progress, "tour_seen", ())}
    for station in course.stations:
        try:
            reached = journey.station_state(station) != "not started" or station.id in toured
        except Exception:  # noqa: BLE001 - odd progress must not break the host's panel
            reached = False
        if reached or last.get("station") == station.id:
            tallies.stations[station.id] += 1
    from explainer.learning.results import results

    try:
        scores = results(course, progress).quizzes
    except Exception:  # noqa: BLE001
        return
    for score in scores:
        if score.answered:
            tally = tallies.quizzes.setdefault(score.quiz_id, QuizTally())
            tally.attempts += 1
            tally.share_sum += score.correct / score.answered
            tally.first_sum += score.first_try / score.tried if score.tried else 0.0


class Scratch:
    """One private temp folder for a memory-only session; removed when the session ends.

    ``paths`` are DataPaths inside it, so every writer that follows ``config.data`` (clip
    cache, narration, lab history) lands here and disappears with it.
    """

    def __init__(self) -> None:
        from explainer.classroom import stale_scratch

        stale_scratch.clean_stale()  # folders of sessions killed before they could remove theirs
        self.root = Path(tempfile.mkdtemp(prefix=stale_scratch.PREFIX))
        stale_scratch.mark_owner(self.root)
        self.paths = DataPaths(data_dir=self.root / "data", cache_dir=self.root / "cache")
        self._saved_env: dict[str, str | None] | None = None
        self._saved_tempdir: str | None = None
        atexit.register(self.remove)

    def activate(self) -> None:
        """Point EXPLAINER_DATA_DIR / EXPLAINER_CACHE_DIR and the temp folder (``tempfile`` and
        TMPDIR, inherited by child processes) here too, for code that asks ``data_paths()`` or
        ``tempfile`` instead of ``app.config.data``; ``remove()`` puts them back."""
        if self._saved_env is None:
            temp = self.root / "tmp"
            temp.mkdir(exist_ok=True)
            self._saved_env = {name: os.environ.get(name) for name in (DATA_DIR_ENV, CACHE_DIR_ENV, "TMPDIR")}
            self._saved_tempdir = tempfile.tempdir
            os.environ[DATA_DIR_ENV] = str(self.paths.data_dir)
            os.environ[CACHE_DIR_ENV] = str(self.paths.cache_dir)
            os.environ["TMPDIR"] = tempfile.tempdir = str(temp)

    def clear_visitor_data(self) -> None:
        """Forget what a visitor left in the data folder (e.g. lab history); keep the clip cache."""
        shutil.rmtree(self.paths.data_dir, ignore_errors=True)

    def remove(self) -> None:
        if self._saved_env is not None:
            for name, value in self._saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            tempfile.tempdir = self._saved_tempdir
            self._saved_env = None
        shutil.rmtree(self.root, ignore_errors=True)
