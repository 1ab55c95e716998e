"""Scoring one reviewed clip: the transcript (WER), the labels, and each rule the answer broke.

A real annotation tool compares a reviewer's work with a gold answer; so do we, and we tell the
learner *which rule of the job* their answer broke and *which words of the clip* broke it,
because the rules are the lesson. The rules' words live in ``content/clips/rules.toml`` (the
sidebar, F2 and the feedback all show them); this module decides when each is broken, by id:

* ``verbatim``       a word said to the device was changed or left out, or a word nobody said
                     was added;
* ``numbers``        a number was typed in digits where a number word was said;
* ``unintelligible`` a word the captions mark as masked was left out (type [unintelligible]),
                     or the tag was typed for a word that was clear;
* ``background``     on a command, talk between people in the room was typed;
* ``media``          the TV's or radio's words were typed;
* ``false-wake``     the flag is wrong, or words were typed for a clip nobody spoke to the device;
* ``intent``         the wrong intent (a false wake's is "none");
* ``critical-data``  a kind of personal data the clip reveals was not flagged.

The reference is what the rules say to transcribe: the clip's ``transcript`` ("" for a false
wake), or its ``unclear_transcript`` (with [unintelligible] for masked words) when that one is
closer to what was typed -- so either spelling of a masked word scores as right. The transcript's
rules, word by word, are ``learning.shift_transcript``; this module adds the labels' and scores.

Label accuracy is the mean of three parts, each between 0 and 1: the intent (right or wrong),
the false-wake flag (right or wrong) and the personal-data boxes (the overlap of ticked and
true kinds: |ticked ∩ true| / |ticked ∪ true|, or 1 when both are empty).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from explainer.course.model import PERSONAL_DATA_KINDS, Clip
from explainer.learning.shift_transcript import Breach as Breach
from explainer.learning.shift_transcript import best_reference, transcript_breaches
from explainer.learning.shift_transcript import is_media as is_media
from explainer.learning.wer import WordDiff, words

NO_INTENT = "none"
RULE_IDS = (
    "verbatim", "numbers", "unintelligible", "background", "media",
    "false-wake", "intent", "critical-data", "distress",
)
QUOTE_WORDS = 8  # at most this many words of the clip in one quote


@dataclass(frozen=True)
class Answer:
    """What the learner submitted for one clip."""

    transcript: str
    intent: str = NO_INTENT
    false_wake: bool = False
    personal: frozenset[str] = field(default_factory=frozenset)
    escalated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "transcript": self.transcript,
            "intent": self.intent,
            "false_wake": self.false_wake,
            "personal": sorted(self.personal),
            "escalated": self.escalated,
        }

    @classmethod
    def from_dict(cls, data: object) -> Answer:
        """Rebuild an answer from saved progress; raises ValueError on anything malformed."""
        if not isinstance(data, dict) or not isinstance(data.get("transcript"), str):
            raise ValueError("answer without a transcript")
        personal = data.get("personal", [])
        if not isinstance(personal, list) or not all(isinstance(k, str) for k in personal):
            raise ValueError("personal data kinds must be a list of names")
        return cls(
            transcript=data["transcript"],
            intent=str(data.get("intent") or NO_INTENT),
            false_wake=bool(data.get("false_wake", False)),
            personal=frozenset(k for k in personal if k in PERSONAL_DATA_KINDS),
            escalated=bool(data.get("escalated", False)),
        )


@dataclass(frozen=True)
class ClipScore:
    """How one answer compares with the truth of one clip."""

    clip_id: str
    diff: WordDiff
    intent_correct: bool
    false_wake_correct: bool
    personal_true: frozenset[str]
    personal_ticked: frozenset[str]
    breaches: tuple[Breach, ...] = ()
    reference: str = ""  # the reference the transcript was scored against

    @property
    def missed(self) -> tuple[str, ...]:
        """Ids of the rules the answer broke, in the rulebook's order."""
        broken = {b.rule for b in self.breaches}
        return tuple(rule for rule in RULE_IDS if rule in broken)

    @property
    def wer(self) -> float:
        return self.diff.wer

    @property
    def transcribed(self) -> bool:
        """False for a clip with nothing to transcribe (a false wake): its WER is a count of the
        words typed, not a rate, so averages of WER leave it out (the false-wake rule scores it)."""
        return self.diff.reference_words > 0

    @property
    def personal_flagged(self) -> frozenset[str]:
        """True kinds the learner ticked."""
        return self.personal_true & self.personal_ticked

    @property
    def personal_missed(self) -> frozenset[str]:
        return self.personal_true - self.personal_ticked

    @property
    def personal_extra(self) -> frozenset[str]:
        return self.personal_ticked - self.personal_true

    @property
    def personal_precision(self) -> float:
        return len(self.personal_flagged) / len(self.personal_ticked) if self.personal_ticked else 1.0

    @property
    def personal_recall(self) -> float:
        return len(self.personal_flagged) / len(self.personal_true) if self.personal_true else 1.0

    @property
    def personal_overlap(self) -> float:
        union = self.personal_true | self.personal_ticked
        return len(self.personal_flagged) / len(union) if union else 1.0

    @property
    def label_accuracy(self) -> float:
        parts = (float(self.intent_correct), float(self.false_wake_correct), self.personal_overlap)
        return sum(parts) / len(parts)


def score_clip(clip: Clip, answer: Answer) -> ClipScore:
    """Compare ``answer`` with the truth of ``clip``."""
    reference, diff = best_reference(clip, answer.transcript)
    breaches = transcript_breaches(clip, reference, diff)
    true_intent = NO_INTENT if clip.false_wake else (clip.intent or NO_INTENT)
    intent_correct = answer.intent.casefold() == true_intent.casefold()
    false_wake_correct = answer.false_wake == clip.false_wake
    if not false_wake_correct:
        breaches.insert(0, Breach("false-wake", said=_opening(clip)))
    if not intent_correct:
        breaches.append(Breach("intent", said=_first_words(reference), kind=answer.intent))
    personal_true = frozenset(clip.personal)
    for kind in clip.personal:
        if kind not in answer.personal:
            fact = next(f for f in clip.facts if f.kind == kind) if clip.facts else None
            breaches.append(Breach("critical-data", said=tuple(words(fact.words)) if fact else (), kind=kind))
    return ClipScore(
        clip_id=clip.id,
        diff=diff,
        intent_correct=intent_correct,
        false_wake_correct=false_wake_correct,
        personal_true=personal_true,
        personal_ticked=frozenset(answer.personal),
        breaches=tuple(breaches),
        reference=reference,
    )


def _first_words(text: str) -> tuple[str, ...]:
    found = words(text)
    return tuple(found[:QUOTE_WORDS])


def _opening(clip: Clip) -> tuple[str, ...]:
    """The clip's first words: what woke the device (a false wake) or the command (a real one)."""
    if not clip.false_wake and clip.transcript:
        return _first_words(clip.transcript)
    return _first_words(clip.lines[0].text) if clip.lines else ()


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None
