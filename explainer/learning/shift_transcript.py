"""Which of the reviewer's rules a typed transcript broke, and with which of the clip's words.

``learning.shift_score`` scores a whole answer; the transcript is the hard part, so its rules
live here: the reference is the clip's transcript or its unclear one (whichever is closer to
what was typed), and each word-level difference becomes a ``Breach`` of one rule -- a changed
or missing word (``verbatim``), digits for a number word (``numbers``), a masked word left out
or a clear one tagged (``unintelligible``), and added words by where they came from: the TV or
radio (``media``), people in the room (``background``, or ``false-wake`` when nobody spoke to
the device) or nowhere (``verbatim``).  Neighbouring breaches of one rule read as one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explainer.course.model import Clip, ScriptLine
from explainer.learning.wer import UNINTELLIGIBLE, WordDiff, word_diff, words

MEDIA_SPEAKERS = frozenset({"tv", "radio"})
NUMBER_WORDS = frozenset(
    "zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million first second third fourth fifth sixth seventh eighth ninth "
    "tenth eleventh twelfth thirteenth twentieth thirtieth half quarter".split()
)


def is_media(line: ScriptLine) -> bool:
    """A TV, radio or laptop line: audible in the room, never transcribed."""
    return line.speaker.strip().casefold() in MEDIA_SPEAKERS


@dataclass(frozen=True)
class Breach:
    """One rule broken, with the words that broke it.

    ``said``: the clip's words involved (what was said, or the TV's words that were typed);
    ``typed``: what the learner typed in their place; ``kind``: the personal-data kind (for
    critical-data) or the intent chosen (for intent).
    """

    rule: str
    said: tuple[str, ...] = ()
    typed: tuple[str, ...] = ()
    kind: str = ""


def transcript_breaches(clip: Clip, reference: str, diff: WordDiff) -> list[Breach]:
    """The rules ``diff`` (from ``reference`` to what was typed) broke, neighbours of one rule merged."""
    return merged(_breaches(clip, reference, diff))


def merged(found: Iterable[Breach]) -> list[Breach]:
    """Neighbouring breaches of one rule and one shape become one ("you left out “call grandma”")."""
    merged: list[Breach] = []
    for breach in found:
        last = merged[-1] if merged else None
        same_shape = last is not None and (bool(last.said), bool(last.typed)) == (bool(breach.said), bool(breach.typed))
        if last is not None and same_shape and last.rule == breach.rule and breach.rule in ("verbatim", "numbers"):
            merged[-1] = Breach(last.rule, last.said + breach.said, last.typed + breach.typed, last.kind)
        else:
            merged.append(breach)
    return merged


def best_reference(clip: Clip, typed: str) -> tuple[str, WordDiff]:
    """The transcript, or the unclear one when it is closer to what was typed (ties: the transcript)."""
    best = clip.transcript, word_diff(clip.transcript, typed)
    if clip.unclear_transcript and not clip.false_wake:
        unclear = word_diff(clip.unclear_transcript, typed)
        if unclear.errors < best[1].errors:
            best = clip.unclear_transcript, unclear
    return best


def _masked(clip: Clip, reference: str) -> set[int]:
    """Positions of ``reference``'s words that the unclear transcript marks [unintelligible]."""
    if not clip.unclear_transcript or reference == clip.unclear_transcript:
        return set()
    masked: set[int] = set()
    position = 0
    for edit in word_diff(reference, clip.unclear_transcript).edits:
        if edit.kind in ("substitute", "delete") and (edit.kind == "delete" or edit.hypothesis == UNINTELLIGIBLE):
            masked.add(position)
        if edit.kind != "insert":
            position += 1
    return masked


def _word_sets(clip: Clip, reference: str) -> tuple[set[str], set[str], set[str]]:
    room = {w for line in clip.lines if not is_media(line) for w in words(line.text)}
    media = {w for line in clip.lines if is_media(line) for w in words(line.text)}
    return room, media, set(words(reference))


def _breaches(clip: Clip, reference: str, diff: WordDiff) -> Iterable[Breach]:
    masked = _masked(clip, reference)
    room, media, said = _word_sets(clip, reference)
    position = 0
    run: list[str] = []  # consecutive inserted words
    for edit in diff.edits:
        if edit.kind != "insert" and run:
            yield from _insertions(clip, run, room, media, said)
            run = []
        if edit.kind == "equal":
            position += 1
        elif edit.kind == "substitute":
            if edit.hypothesis == UNINTELLIGIBLE and position not in masked:
                yield Breach("unintelligible", said=(edit.reference,), typed=(UNINTELLIGIBLE,))
            elif position in masked:
                yield Breach("unintelligible", said=(edit.reference,), typed=(edit.hypothesis,))
            elif any(c.isdigit() for c in edit.hypothesis) and (
                edit.reference in NUMBER_WORDS or any(c.isdigit() for c in edit.reference)
            ):
                yield Breach("numbers", said=(edit.reference,), typed=(edit.hypothesis,))
            else:
                yield Breach("verbatim", said=(edit.reference,), typed=(edit.hypothesis,))
            position += 1
        elif edit.kind == "delete":
            rule = "unintelligible" if position in masked else "verbatim"
            yield Breach(rule, said=(edit.reference,))
            position += 1
        else:
            run.append(edit.hypothesis)
    if run:
        yield from _insertions(clip, run, room, media, said)


def _insertions(clip: Clip, run: list[str], room: set[str], media: set[str], said: set[str]) -> Iterable[Breach]:
    """Added words, grouped by where they came from: the TV, people in the room, or nowhere."""
    classes: list[str] = []
    for word in run:
        if word == UNINTELLIGIBLE:
            classes.append("unintelligible")
        elif any(c.isdigit() for c in word):
            classes.append("verbatim")
        elif word in media and word not in room:
            classes.append("media")
        elif word in room and word not in said and word not in media:
            classes.append("false-wake" if clip.false_wake else "background")
        elif word in room or word in media:
            classes.append("")  # ambiguous: takes its neighbour's class
        else:
            classes.append("verbatim")
    for index, cls in enumerate(classes):  # ambiguous words join the run they sit in
        if not cls:
            before = next((c for c in reversed(classes[:index]) if c), "")
            after = next((c for c in classes[index + 1 :] if c), "")
            classes[index] = before or after or ("false-wake" if clip.false_wake else "verbatim")
    group: list[str] = []
    for index, word in enumerate(run):
        group.append(word)
        if index + 1 == len(run) or classes[index + 1] != classes[index]:
            cls = classes[index]
            if cls in ("verbatim", "unintelligible"):
                yield Breach(cls, typed=tuple(group))
            else:
                yield Breach(cls, said=tuple(group), typed=tuple(group))
            group = []
