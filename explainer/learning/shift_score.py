"""Scoring one reviewed clip: the transcript (WER), the labels, and the guideline missed.

A real annotation tool compares a reviewer's work with a gold answer; so do we, and we tell
the learner *which rule of the job* their answer broke, because the rules are the lesson:
the reported tasks were to transcribe, to mark false wakes and to tag personal data as
"critical data" (facts.md §4.1). The rules' full text lives in content/guidelines.md; the
short forms below are what the feedback panel shows.

Label accuracy is the mean of three parts, each between 0 and 1: the intent (right or wrong),
the false-wake flag (right or wrong) and the personal-data boxes (the overlap of ticked and
true kinds: |ticked ∩ true| / |ticked ∪ true|, or 1 when both are empty). Precision and
recall of the personal-data boxes are reported as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from explainer.course.model import PERSONAL_DATA_KINDS, Clip
from explainer.i18n import _
from explainer.learning.wer import WordDiff, word_diff, words

NO_INTENT = "none"


@dataclass(frozen=True)
class Guideline:
    """One rule of the reviewer's job, short enough for a feedback line."""

    id: str
    short: str


def guidelines() -> tuple[Guideline, ...]:
    """The short guidelines, in the order the seat shows them (translated at call time)."""
    return (
        Guideline("verbatim", _("Type the words spoken to the device exactly; numbers as words.")),
        Guideline(
            "addressed-only",
            _("Transcribe only speech addressed to the device, not background talk or TV."),
        ),
        Guideline("false-wake", _("Mark a false wake when nobody was talking to the device.")),
        Guideline(
            "intent", _("Choose the intent the speaker meant, or 'none' when there was no request.")
        ),
        Guideline(
            "critical-data", _("Flag every kind of personal data you hear as critical data.")
        ),
        Guideline("distress", _("A distressing clip may be skipped; you may escalate it.")),
    )


def guideline(guideline_id: str) -> Guideline:
    for item in guidelines():
        if item.id == guideline_id:
            return item
    raise KeyError(guideline_id)


@dataclass(frozen=True)
class Answer:
    """What the learner submitted for one clip."""

    transcript: str
    intent: str = NO_INTENT
    false_wake: bool = False
    personal: frozenset[str] = field(default_factory=frozenset)
    escalated: bool = False

    def to_dict(self) -> dict:
        return {
            "transcript": self.transcript,
            "intent": self.intent,
            "false_wake": self.false_wake,
            "personal": sorted(self.personal),
            "escalated": self.escalated,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Answer:
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
    missed: tuple[str, ...]  # ids of the guidelines the answer broke

    @property
    def wer(self) -> float:
        return self.diff.wer

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
        return (
            len(self.personal_flagged) / len(self.personal_ticked) if self.personal_ticked else 1.0
        )

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


def _background_words(clip: Clip) -> set[str]:
    """Words that were audible in the clip but are not part of the reference transcript."""
    heard = {w for line in clip.lines for w in words(line.text)}
    return heard - set(words(clip.transcript))


def score_clip(clip: Clip, answer: Answer) -> ClipScore:
    """Compare ``answer`` with the truth of ``clip``."""
    diff = word_diff(clip.transcript, answer.transcript)
    true_intent = clip.intent or NO_INTENT
    intent_correct = answer.intent.casefold() == true_intent.casefold()
    false_wake_correct = answer.false_wake == clip.false_wake
    personal_true = frozenset(clip.personal)
    missed: list[str] = []
    background = _background_words(clip)
    background_typed = [w for w in diff.inserted_words() if w in background]
    if diff.substitutions or diff.deletions or len(background_typed) < diff.insertions:
        missed.append("verbatim")
    if background_typed:
        missed.append("addressed-only")
    if not false_wake_correct:
        missed.append("false-wake")
    if not intent_correct:
        missed.append("intent")
    if personal_true - answer.personal:
        missed.append("critical-data")
    return ClipScore(
        clip_id=clip.id,
        diff=diff,
        intent_correct=intent_correct,
        false_wake_correct=false_wake_correct,
        personal_true=personal_true,
        personal_ticked=frozenset(answer.personal),
        missed=tuple(missed),
    )


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None
