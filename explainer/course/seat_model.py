"""The reviewer seat's content as typed, frozen data: households, clips and the rulebook.

``content/clips/`` holds the seat's synthetic recordings (each with its script, its room, the
transcript and labels the rules expect, and the facts a stranger would learn from it), the
fictional households they come from, and the rulebook with worked examples
(``explainer.course.read_clips`` and ``read_rules`` parse them).  They are a world of their own
inside the course -- the seat, the lab's clip list and ``explainer clips`` use them, the lessons
and quizzes never do -- so they are kept apart from ``model``'s pages, questions and stations.
``explainer.course.model`` still exports every name, so ``from explainer.course.model import
Clip`` reads as before.  Like every content type they carry the ``path`` and ``line`` they came
from, outside equality.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.course.problems import line_field, where_field


@dataclass(frozen=True)
class Household:
    """A clearly fictional household whose synthetic clips reach the reviewer seat."""

    id: str
    name: str
    members: tuple[str, ...]
    description: str
    city: str  # rough location, as a reviewer's tool reportedly showed
    account: str
    device_serial: str
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class ScriptLine:
    """One voice in a clip: who speaks what, how, and when (seconds from the clip start)."""

    speaker: str
    text: str
    voice: str = "en-us"
    rate: int = 160
    volume: float = 1.0
    start: float = 0.0


@dataclass(frozen=True)
class Background:
    """The room around the speakers."""

    noise: str = "none"  # none | tv | music | kitchen
    level: float = 0.0  # 0..1, loudness of the noise bed
    distance: float = 1.0  # metres from the device; more = quieter and more reverberant


@dataclass(frozen=True)
class ClipFact:
    """Something a stranger learns from a clip, and the clip's words that give it away.

    ``kind`` is the personal-data flag it calls for (one of PERSONAL_DATA_KINDS), or "" for a
    fact that is not personal data. The flags a clip expects are the kinds of its facts, so
    each expected flag has its reason: the fact and the words.
    """

    text: str
    words: str  # words of the clip's script that reveal the fact (checked)
    kind: str = ""
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class Clip:
    """A synthetic recording a reviewer is asked to transcribe and label."""

    id: str
    household: str
    title: str
    kind: str  # command | false-wake | overheard | child | hard | distress
    lines: tuple[ScriptLine, ...]
    background: Background
    transcript: str  # what the rules say to transcribe (the reference for WER); "" for a false wake
    intent: str | None  # the intended intent, or None
    false_wake: bool
    personal: tuple[str, ...]  # kinds from PERSONAL_DATA_KINDS (the kinds of ``facts``)
    sensitive: bool
    recorded_at: str  # time shown in the reviewer's tool (ISO 8601)
    first_name: str  # the account holder's first name, as the tool reportedly showed
    captions: str = ""  # what was audible, with [noise] / [unintelligible]
    facts: tuple[ClipFact, ...] = ()  # what a listener learns, each tied to the words that say it
    unclear_transcript: str = ""  # the transcript with [unintelligible] where the audio masks words
    content_note: str = ""  # non-empty: opt-in, shown behind this note
    audio: str = ""  # file name of the pre-rendered audio in clips/audio/
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class RuleExample:
    """A worked example of one rule: a clip in brief, an answer, and whether the rule accepts it.

    ``heard`` lists what the clip held, one "Speaker: words" line each (a "TV:" or "Radio:"
    speaker is media); ``transcribe`` is what the rules say to type; ``typed`` the example's
    answer. The checker scores every example and fails one whose verdict the scorer disagrees with.
    """

    verdict: str  # "accept" | "reject"
    heard: tuple[str, ...]
    transcribe: str
    typed: str
    why: str
    false_wake: bool = False  # the example clip is a false wake
    ticked_false_wake: bool | None = None  # the answer's flag (None: the same as ``false_wake``)
    unclear: str = ""  # the transcript with [unintelligible] where the words are masked
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class Rule:
    """One rule of the reviewer's job: the sidebar's line, the full text (F2) and worked examples."""

    id: str  # the scorer names rules by id (see explainer.learning.shift_score.RULE_IDS)
    title: str
    short: str  # the one line in the seat's sidebar
    text: str  # the full rule, with [@source] citations
    examples: tuple[RuleExample, ...] = ()
    citations: tuple[str, ...] = ()
    path: str = where_field()
    line: int = line_field()
