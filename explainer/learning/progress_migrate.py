"""Older progress files, brought up to the current format without losing anything.

Version 1 kept one entry per question: the last answer, how many tries it took, the
confidence mark. Version 2 adds the attempt log (``learning.attempts``). Migrating turns
each version-1 answer into the tries it stands for: the tries before the last are known to
have been wrong but their answers were never stored, so they become attempts marked
``"recorded": false``; the last try keeps the stored answer, result, confidence and time.
So "right first time" is exact for old answers too (a question that took two tries was not
right first time), and nothing the old file held is dropped: ``answers``, ``sections`` and
everything else stay as they were. The pre/post check's answers and a question left half
way (the old ``sections.quiz.open`` pointer) are migrated the same way.

Each step is a pure function on the parsed JSON, so a migration can be tested on a copy of
a real file and the loader simply runs the steps from the file's version up.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from explainer.learning.attempts import CHECKS, CONFIDENCE, AttemptLog

Json = dict[str, Any]


def _count(value: object, default: int = 1) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100:
        return value
    return default


def _answer_attempts(entry: Json, quiz: str) -> list[Json]:
    """The tries one version-1 answer entry stands for."""
    tries = _count(entry.get("tries"))
    at = str(entry.get("at") or "")
    confidence = entry.get("confidence") if entry.get("confidence") in CONFIDENCE else None
    correct = entry.get("correct") is True
    score = entry.get("score")
    if not (isinstance(score, int | float) and not isinstance(score, bool) and 0 <= score <= 1):
        score = 1.0 if correct else 0.0
    earlier = [
        {"quiz": quiz, "round": 1, "try": n, "given": None, "correct": False, "score": 0.0,
         "confidence": None, "at": at, "final": False, "recorded": False}
        for n in range(1, tries)
    ]
    last = {"quiz": quiz, "round": 1, "try": tries, "given": entry.get("given"), "correct": correct,
            "score": float(score), "confidence": confidence, "at": at, "final": True}
    return [*earlier, last]


def v1_to_v2(data: Json) -> Json:
    out = copy.deepcopy(data)
    log: AttemptLog = {}
    answers = out.get("answers")
    if isinstance(answers, dict):
        for qid, entry in answers.items():
            if isinstance(entry, dict) and "correct" in entry:
                quiz = entry.get("quiz") if isinstance(entry.get("quiz"), str) else ""
                log.setdefault(qid, []).extend(_answer_attempts(entry, quiz or "quiz"))
    sections = out.get("sections")
    if not isinstance(sections, dict):
        sections = {}
    prepost = sections.get("prepost")
    if isinstance(prepost, dict):
        for check in CHECKS:
            store = prepost.get(check)
            for qid, entry in (store.items() if isinstance(store, dict) else ()):
                if isinstance(entry, dict) and "correct" in entry:
                    log.setdefault(qid, []).extend(_answer_attempts(entry, check))
    quiz_section = sections.get("quiz")
    pending = quiz_section.get("open") if isinstance(quiz_section, dict) else None
    if isinstance(pending, dict) and isinstance(pending.get("question"), str) and isinstance(pending.get("quiz"), str):
        qid, quiz = pending["question"], pending["quiz"]
        finished = any(a.get("quiz") == quiz and a.get("final") for a in log.get(qid, []))
        if not finished:
            log.setdefault(qid, []).extend(
                {"quiz": quiz, "round": 1, "try": n, "given": None, "correct": False, "score": 0.0,
                 "confidence": None, "at": "", "final": False, "recorded": False}
                for n in range(1, _count(pending.get("tries"), 0) + 1)
            )
    existing = out.get("attempts")
    if isinstance(existing, dict):  # written by a later version and edited back? keep it too
        for qid, entries in existing.items():
            if isinstance(entries, list):
                log.setdefault(qid, []).extend(e for e in entries if isinstance(e, dict))
    out["attempts"] = log
    out["version"] = 2
    return out


# version -> the step that lifts a file of that version by one
STEPS: dict[int, Callable[[Json], Json]] = {1: v1_to_v2}


def migrate(data: Json, to_version: int) -> Json:
    """``data`` lifted step by step to ``to_version`` (unchanged if already there)."""
    version = data.get("version")
    while isinstance(version, int) and version < to_version and version in STEPS:
        data = STEPS[version](data)
        version = data.get("version")
    return data
