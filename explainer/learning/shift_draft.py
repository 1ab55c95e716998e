"""The answer being built for one clip, and the keyboard's ways of building it.

Annotation tools are fast because every label is one key: here a number ticks a personal-data
flag, ``w`` marks a false wake, and the intent is picked by number from a short list -- the
intents the machine found likely first, "none" always there -- or found by typing a few letters.
This module holds those rules without any widget, so the seat's screen, its tests and the key
counts in them all use the same logic.

Marking a false wake clears the transcript and sets the intent to "none", because the rulebook
says a false wake has nothing to transcribe and no request (rule "false-wake"); unmarking it
puts the transcript back as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explainer.course.model import PERSONAL_DATA_KINDS
from explainer.learning.shift_score import NO_INTENT, Answer

SHORT_LIST = 4  # likely intents offered by number (1-4); 0 is always "none"
_CAMEL_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def flag_kind(number: int) -> str | None:
    """Personal-data flag by its number on screen (1 = names ... 6 = routines)."""
    return PERSONAL_DATA_KINDS[number - 1] if 1 <= number <= len(PERSONAL_DATA_KINDS) else None


def intent_words(name: str) -> list[str]:
    """``SetTimer`` -> ["set", "timer"]: what type-ahead matches against."""
    return [part.lower() for part in _CAMEL_RE.findall(name)] or [name.lower()]


def short_list(likely: tuple[str, ...], known: tuple[str, ...]) -> tuple[str, ...]:
    """The numbered choices: the machine's likely intents that the course knows, at most SHORT_LIST."""
    names = [name for name in likely if name in known and name != NO_INTENT]
    return tuple(dict.fromkeys(names))[:SHORT_LIST]


def search(query: str, known: tuple[str, ...], likely: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Intents matching what was typed: a word starting with it first, then containing it.

    ``"tim"`` finds SetTimer, CancelTimer, TimerStatus and GetTime; the likely ones come first
    within each group. An empty query lists everything, likely first.
    """
    query = "".join(query.split()).lower()
    order = {name: index for index, name in enumerate(likely)}

    def rank(name: str) -> tuple[int, int, str]:
        return (order.get(name, len(order)), len(name), name)

    if not query:
        return tuple(sorted(known, key=rank))
    starts = [n for n in known if any(w.startswith(query) for w in intent_words(n)) or n.lower().startswith(query)]
    contains = [n for n in known if n not in starts and query in n.lower()]
    return tuple(sorted(starts, key=rank)) + tuple(sorted(contains, key=rank))


@dataclass
class TaskDraft:
    """The form's state for one clip (mutable; one per clip shown)."""

    transcript: str = ""
    intent: str = NO_INTENT
    false_wake: bool = False
    personal: set[str] = field(default_factory=set)
    escalated: bool = False
    _kept: str | None = None  # the transcript a false-wake mark cleared

    def toggle_false_wake(self) -> bool:
        """Mark or unmark a false wake; returns the new state."""
        if not self.false_wake:
            self._kept, self.transcript = self.transcript, ""
            self.intent = NO_INTENT
            self.false_wake = True
        else:
            if self._kept is not None and not self.transcript:
                self.transcript = self._kept
            self._kept = None
            self.false_wake = False
        return self.false_wake

    def toggle_flag(self, number: int) -> str | None:
        """Tick or untick flag ``number`` (1-6); returns its kind, or None for another number."""
        kind = flag_kind(number)
        if kind is not None:
            self.personal.symmetric_difference_update({kind})
        return kind

    def toggle_escalate(self) -> bool:
        self.escalated = not self.escalated
        return self.escalated

    def answer(self) -> Answer:
        return Answer(
            transcript=self.transcript,
            intent=self.intent or NO_INTENT,
            false_wake=self.false_wake,
            personal=frozenset(self.personal),
            escalated=self.escalated,
        )
