"""Every try at every question, kept: the record a teacher needs to find misconceptions.

A question counted as "correct" once the learner got it right within three tries hides what
the class actually believed: the *first* answer, and how sure the learner was of it. So each
try is appended to an attempt log in the progress file (``progress.attempts``), keyed by
question id::

    {"q-id": [{"quiz": "wake-word", "round": 1, "try": 1, "given": "b", "correct": false,
               "score": 0.0, "confidence": "sure", "at": "2026-12-04T10:00:00+00:00",
               "final": false}, ...]}

``round`` counts sittings of that quiz (1 = the first time through, 2 = the first retake);
``try`` counts tries within a round; ``final`` marks the try that ended the question (right,
or out of tries). ``given`` is exactly what grading saw (option ids, item order, typed text).
An attempt with ``"recorded": false`` came from an older file that kept only the last answer:
it is known to have been wrong, its answer is not known.

The log is also what makes tries stick to their question: the tries spent on an unfinished
question are the attempts of its current round, so answering a question in another quiz (or
quitting) never gives them back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

CHECKS = ("pre", "post")  # the pre/post check: the same items as in the station quizzes
CONFIDENCE = ("sure", "unsure", "guess")
MAX_PER_QUESTION = 60  # a learner retaking a quiz forever must not grow the file forever

AttemptLog = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Attempt:
    """One try at one question, as stored."""

    quiz: str
    round: int
    try_number: int
    given: object
    correct: bool
    score: float
    confidence: str | None
    at: str
    final: bool
    recorded: bool = True

    @property
    def is_check(self) -> bool:
        return self.quiz in CHECKS

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "quiz": self.quiz,
            "round": self.round,
            "try": self.try_number,
            "given": self.given,
            "correct": self.correct,
            "score": self.score,
            "confidence": self.confidence,
            "at": self.at,
            "final": self.final,
        }
        if not self.recorded:
            data["recorded"] = False
        return data

    @classmethod
    def from_json(cls, data: object) -> Attempt | None:
        """The attempt in ``data``, or None when it is not one (a damaged or hand-edited file)."""
        if not isinstance(data, Mapping):
            return None
        quiz, round_, number = data.get("quiz"), data.get("round"), data.get("try")
        if not isinstance(quiz, str) or not _whole(round_) or not _whole(number):
            return None
        score = data.get("score")
        confidence = data.get("confidence")
        return cls(
            quiz=quiz,
            round=int(round_),  # type: ignore[arg-type]
            try_number=int(number),  # type: ignore[arg-type]
            given=data.get("given"),
            correct=data.get("correct") is True,
            score=float(score) if isinstance(score, int | float) and not isinstance(score, bool)
            and 0.0 <= score <= 1.0 else (1.0 if data.get("correct") is True else 0.0),
            confidence=confidence if confidence in CONFIDENCE else None,
            at=str(data.get("at") or ""),
            final=data.get("final") is True,
            recorded=data.get("recorded") is not False,
        )


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100_000


def _key(attempt: Attempt) -> tuple[int, int, str, int]:
    """Order of attempts: checks after the question's own quiz, then by round and try."""
    return (1 if attempt.is_check else 0, attempt.round, attempt.quiz, attempt.try_number)


# ---------------------------------------------------------------- reading the log


def attempts_of(log: Mapping[str, object], question_id: str) -> list[Attempt]:
    """Every readable attempt at one question, in order (its own quiz first, then the checks)."""
    raw = log.get(question_id) if isinstance(log, Mapping) else None
    if not isinstance(raw, list):
        return []
    found = [a for a in (Attempt.from_json(item) for item in raw) if a is not None]
    return sorted(found, key=_key)


def in_quiz(attempts: Iterable[Attempt], quiz: str, round_: int | None = None) -> list[Attempt]:
    return [a for a in attempts if a.quiz == quiz and (round_ is None or a.round == round_)]


def first_try(attempts: Iterable[Attempt]) -> Attempt | None:
    """The very first try at a question in its own quiz (not the pre/post check)."""
    own = [a for a in attempts if not a.is_check]
    return min(own, key=_key) if own else None


def rounds(log: Mapping[str, object], question_ids: Iterable[str], quiz: str) -> int:
    """How many sittings of ``quiz`` the log shows over these questions (0 = never tried)."""
    return max(
        (a.round for qid in question_ids for a in in_quiz(attempts_of(log, qid), quiz)), default=0
    )


def tries_spent(log: Mapping[str, object], question_id: str, quiz: str, round_: int) -> int:
    """Tries used on a question that is not finished in this round (0 if it is finished)."""
    mine = in_quiz(attempts_of(log, question_id), quiz, round_)
    if any(a.final for a in mine):
        return 0
    return len(mine)


# ---------------------------------------------------------------- writing the log


def append(log: AttemptLog, question_id: str, attempt: Attempt) -> None:
    """Add one try, keeping the question's list bounded (the first round always survives)."""
    entries = log.setdefault(question_id, [])
    if not isinstance(entries, list):
        entries = log[question_id] = []
    entries.append(attempt.to_json())
    if len(entries) > MAX_PER_QUESTION:
        keep_first = [e for e in entries if isinstance(e, dict) and e.get("round") == 1]
        rest = [e for e in entries if not (isinstance(e, dict) and e.get("round") == 1)]
        room = max(0, MAX_PER_QUESTION - len(keep_first))
        log[question_id] = (keep_first + rest[-room:] if room else keep_first)[-MAX_PER_QUESTION:]


def mark_confidence(log: AttemptLog, question_id: str, quiz: str, round_: int, confidence: str | None) -> None:
    """Confidence given after checking ("how sure were you?") belongs to that round's tries
    that had none, and always to the try that ended the question."""
    entries = log.get(question_id)
    if not isinstance(entries, list):
        return
    for entry in entries:
        if isinstance(entry, dict) and entry.get("quiz") == quiz and entry.get("round") == round_:
            if entry.get("final") is True or entry.get("confidence") is None:
                entry["confidence"] = confidence if confidence in CONFIDENCE else None


def _identity(entry: object) -> str:
    return json.dumps(entry, sort_keys=True, default=str)


def merged(theirs: Mapping[str, object], mine: Mapping[str, object]) -> AttemptLog:
    """Both logs, each attempt once: two copies of the app saving at once lose no try."""
    out: AttemptLog = {}
    for source in (theirs, mine):
        for qid, entries in source.items():
            if not isinstance(entries, list):
                continue
            target = out.setdefault(qid, [])
            seen = {_identity(e) for e in target}
            for entry in entries:
                if isinstance(entry, dict) and _identity(entry) not in seen:
                    target.append(entry)
                    seen.add(_identity(entry))
    return out


def cleaned(value: object) -> AttemptLog:
    """The attempt table of a loaded file: unreadable entries are dropped, never fatal."""
    if not isinstance(value, Mapping):
        return {}
    out: AttemptLog = {}
    for qid, entries in value.items():
        if isinstance(qid, str) and isinstance(entries, list):
            kept = [e for e in entries if Attempt.from_json(e) is not None]
            if kept:
                out[qid] = kept[-MAX_PER_QUESTION:]
    return out
