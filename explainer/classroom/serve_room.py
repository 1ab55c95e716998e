"""The room's rules for ``explainer serve``: how many visitors, when a session has been left, and
what the host's console says -- kept apart from the web code so they read (and test) on their own.

A teacher's laptop serves a class. It must not say yes to more browsers than its memory can
hold, so there is a ceiling (``--max-visitors``; by default what half the free memory holds at a
generous budget per visitor); the next visitor gets a friendly "the room is full, try again in a
minute" page instead of a slow session for everyone. A tab left open in a bag would keep its seat
forever, so a session nobody has touched for a while is closed -- after a warning on the page,
two minutes ahead, that any key cancels. The host's console gets one line per arrival and
departure, with a visitor number and the count in the room: never an address, a name or
anything typed.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count

# Memory one more visitor may cost, for the default ceiling: a served session measures ~20-30 MB
# of its own (``explainer bench serve``); the voice lab's recogniser adds ~100 MB when opened.
VISITOR_BUDGET_MB = 150
DEFAULT_CEILING = 60  # even a large machine: past this, two cores cannot answer keys in time
DEFAULT_IDLE_MINUTES = 20.0
WARN_BEFORE_S = 120.0

FULL_MESSAGE = "The room is full ({visitors}). Please try again in a minute."
IDLE_WARNING = "Nobody has pressed a key for a while: this session closes in {minutes} unless you press a key."
IDLE_CLOSED = "This session was closed after {minutes} without a key press. Press Restart to begin again."
SHUTDOWN_MESSAGE = "The host has closed the room. Thank you for visiting!"
ENDED_MESSAGE = "This session has ended, and nothing of it was kept. Press Restart to begin again."
LOST_MESSAGE = "Sorry: this session stopped unexpectedly. Press Restart to begin again."
FAILED_MESSAGE = "Sorry: the server could not start a session just now. Press Restart to try again."


def available_memory_mb(meminfo: str = "/proc/meminfo") -> float | None:
    """Memory the kernel says new work can have (MemAvailable), or None where that is unknown."""
    try:
        with open(meminfo, encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_max_visitors(available_mb: float | None) -> int:
    """Half of the free memory at ``VISITOR_BUDGET_MB`` each, between 5 and ``DEFAULT_CEILING``."""
    if available_mb is None or not math.isfinite(available_mb):
        return 30  # a class; the host can say otherwise
    return max(5, min(DEFAULT_CEILING, int(available_mb * 0.5 // VISITOR_BUDGET_MB)))


def visitors_text(count: int) -> str:
    return "1 visitor" if count == 1 else f"{count} visitors"


def minutes_text(seconds: float) -> str:
    """A duration as a visitor reads it: whole minutes, or seconds under a minute (a short
    ``--idle-minutes`` must not say "1 minute" when it means fifteen seconds)."""
    if seconds < 59.5:
        whole = max(1, round(seconds))
        return "1 second" if whole == 1 else f"{whole} seconds"
    minutes = round(seconds / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


@dataclass
class Visit:
    """One browser session: a number (never a name) and when it last did anything."""

    number: int
    clock: Callable[[], float] = time.monotonic
    started: float = field(init=False)
    last_input: float = field(init=False)
    warned: bool = False
    ending: str = ""  # why the server ended it, if it did ("idle")

    def __post_init__(self) -> None:
        self.started = self.last_input = self.clock()

    def touch(self) -> bool:
        """The visitor pressed a key or moved the mouse; True when that cancels a warning."""
        self.last_input = self.clock()
        was_warned, self.warned = self.warned, False
        return was_warned

    def idle_for(self) -> float:
        return self.clock() - self.last_input

    def stayed(self) -> str:
        seconds = self.clock() - self.started
        return f"{seconds:.0f} s" if seconds < 60 else minutes_text(seconds)


@dataclass
class Room:
    """Who is in, the ceiling, and the idle rule (``idle_s`` 0 means never close)."""

    max_visitors: int
    idle_s: float = DEFAULT_IDLE_MINUTES * 60
    clock: Callable[[], float] = time.monotonic
    visits: dict[int, Visit] = field(default_factory=dict)
    _numbers: count = field(default_factory=lambda: count(1))

    @property
    def full(self) -> bool:
        return len(self.visits) >= self.max_visitors

    def enter(self) -> Visit | None:
        if self.full:
            return None
        visit = Visit(next(self._numbers), clock=self.clock)
        self.visits[visit.number] = visit
        return visit

    def leave(self, visit: Visit) -> None:
        self.visits.pop(visit.number, None)

    def idle_state(self, visit: Visit) -> str:
        """"close", "warn" (once, until the next key), or "" -- what the idle rule asks for now."""
        if self.idle_s <= 0:
            return ""
        idle = visit.idle_for()
        if idle >= self.idle_s:
            return "close"
        if idle >= self.idle_s - min(WARN_BEFORE_S, self.idle_s / 2) and not visit.warned:
            visit.warned = True
            return "warn"
        return ""

    def next_check_in(self, visit: Visit) -> float:
        """Seconds until the idle rule could next ask for something (at least 1 s)."""
        if self.idle_s <= 0:
            return 3600.0
        warn_at = self.idle_s - min(WARN_BEFORE_S, self.idle_s / 2)
        target = self.idle_s if visit.warned else warn_at
        return max(1.0, target - visit.idle_for())

    # -- what the host's console says -------------------------------------------------------
    def _line(self, text: str) -> str:
        return f"{time.strftime('%H:%M:%S')}  {text}  ({len(self.visits)} of {self.max_visitors} in the room)"

    def joined(self, visit: Visit) -> str:
        return self._line(f"visitor {visit.number} joined")

    def left(self, visit: Visit, why: str = "") -> str:
        return self._line(f"visitor {visit.number} left after {visit.stayed()}{f' ({why})' if why else ''}")

    def turned_away(self) -> str:
        return self._line("the room is full: a visitor was asked to try again in a minute")

    def idle_closed_message(self) -> str:
        return IDLE_CLOSED.format(minutes=minutes_text(self.idle_s))

    def idle_warning_message(self, visit: Visit) -> str:
        return IDLE_WARNING.format(minutes=minutes_text(max(1.0, self.idle_s - visit.idle_for())))

    def full_message(self) -> str:
        return FULL_MESSAGE.format(visitors=visitors_text(self.max_visitors))
