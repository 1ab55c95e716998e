"""Word error rate and a word-level diff, the way the reviewer seat scores a transcript.

WER is the number of word edits (substitutions S, deletions D, insertions I) needed to turn
the reference into the learner's transcript, divided by the number of reference words N:
``WER = (S + D + I) / N``. jiwer does the alignment; this module decides what counts as "the
same word" and turns jiwer's alignment into plain data a screen can colour.

Normalisation, applied to both sides before scoring (so the learner is scored on words, not
on typing style):

* lower-case everything;
* ``[unintelligible]`` stays, as one token: it stands for a word the reviewer could not make
  out, and the seat's scorer accepts it where the clip's captions mark a word as masked
  (``shift_score``); every other bracketed tag such as ``[noise]`` is a marker, not a word,
  and is dropped;
* apostrophes are removed (``don't`` = ``dont``); every other punctuation mark becomes a
  space (``wake-word`` = ``wake word``);
* runs of white space collapse to one space;
* numbers are compared AS TYPED: ``5`` and ``five`` are different words. Real transcription
  guidelines pick one convention; ours (content/clips/rules.toml) says "write numbers as words".

Edge cases: an empty reference with an empty transcript scores 0; an empty reference with a
non-empty transcript scores the number of inserted words (N is taken as 1), so WER stays a
count of errors per reference word and never divides by zero. Insertions can push WER above
1.0 -- that is part of the lesson (facts.md §4.4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jiwer

EDIT_KINDS = ("equal", "substitute", "delete", "insert")

UNINTELLIGIBLE = "[unintelligible]"
_UNINTELLIGIBLE_RE = re.compile(r"\[\s*unintelligible\s*\]", re.IGNORECASE)
_PLACEHOLDER = " xunintelligiblex "
_TAG_RE = re.compile(r"\[[^\[\]]*\]")
_APOSTROPHE_RE = re.compile(r"['\u2019\u2018`]")
_NON_WORD_RE = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text as the scorer sees it (see the module docstring for the rules)."""
    text = _UNINTELLIGIBLE_RE.sub(_PLACEHOLDER, text.lower())
    text = _TAG_RE.sub(" ", text)
    text = _APOSTROPHE_RE.sub("", text)
    text = _NON_WORD_RE.sub(" ", text)
    text = _SPACE_RE.sub(" ", text).strip()
    return " ".join(UNINTELLIGIBLE if w == _PLACEHOLDER.strip() else w for w in text.split(" ")) if text else ""


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    normal = normalise(text)
    return normal.split(" ") if normal else []


@dataclass(frozen=True)
class WordEdit:
    """One step of the alignment: a matched, substituted, deleted or inserted word.

    ``reference`` is empty for an insertion, ``hypothesis`` empty for a deletion.
    """

    kind: str  # one of EDIT_KINDS
    reference: str = ""
    hypothesis: str = ""


@dataclass(frozen=True)
class WordDiff:
    """The alignment of a transcript against its reference, with the counts behind WER."""

    edits: tuple[WordEdit, ...]
    substitutions: int
    deletions: int
    insertions: int
    hits: int

    @property
    def reference_words(self) -> int:
        """N: the number of words in the (normalised) reference."""
        return self.substitutions + self.deletions + self.hits

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float:
        return self.errors / max(self.reference_words, 1)

    def inserted_words(self) -> list[str]:
        return [e.hypothesis for e in self.edits if e.kind == "insert"]


def word_diff(reference: str, hypothesis: str) -> WordDiff:
    """Align ``hypothesis`` (the learner's transcript) against ``reference`` (the truth)."""
    ref, hyp = words(reference), words(hypothesis)
    if not ref:
        return WordDiff(tuple(WordEdit("insert", hypothesis=w) for w in hyp), 0, 0, len(hyp), 0)
    if not hyp:
        return WordDiff(tuple(WordEdit("delete", reference=w) for w in ref), 0, len(ref), 0, 0)
    out = jiwer.process_words(" ".join(ref), " ".join(hyp))
    edits: list[WordEdit] = []
    for chunk in out.alignments[0]:
        r = ref[chunk.ref_start_idx : chunk.ref_end_idx]
        h = hyp[chunk.hyp_start_idx : chunk.hyp_end_idx]
        if chunk.type == "equal":
            edits.extend(WordEdit("equal", a, b) for a, b in zip(r, h, strict=True))
        elif chunk.type == "substitute":
            edits.extend(WordEdit("substitute", a, b) for a, b in zip(r, h, strict=True))
        elif chunk.type == "delete":
            edits.extend(WordEdit("delete", reference=a) for a in r)
        else:
            edits.extend(WordEdit("insert", hypothesis=b) for b in h)
    return WordDiff(tuple(edits), out.substitutions, out.deletions, out.insertions, out.hits)


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of ``hypothesis`` against ``reference`` after normalisation."""
    return word_diff(reference, hypothesis).wer
