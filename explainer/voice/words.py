"""Words as a recogniser hears them: numbers spelled out, text split into dictionary words.

A recogniser writes "ten", never "10", so typed digits are spelled out before they are
compared with what was heard, and the language model's sentences are spelled out too.  The
spelling comes from unicode-rbnf (the CLDR number rules hassil itself uses for "ten" ==
10), not from a hand-written table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[a-z']+")
_NUMBER = re.compile(r"\d+(?::\d\d)?")
_PUNCT = re.compile(r"[^\w' ]+")


@lru_cache(maxsize=1)
def _engine() -> Any:
    from unicode_rbnf import RbnfEngine

    return RbnfEngine.for_language("en")


@lru_cache(maxsize=2048)
def number_words(n: int) -> str:
    """``25`` -> ``"twenty five"`` (hyphens become spaces: a recogniser hears two words)."""
    return _engine().format_number(int(n)).text.replace("-", " ")


def _spell(match: re.Match[str]) -> str:
    text = match.group()
    if ":" in text:  # a clock time, 7:30 -> "seven thirty", 7:00 -> "seven"
        hours, minutes = text.split(":")
        rest = int(minutes)
        return number_words(int(hours)) + ("" if rest == 0 else " oh " + number_words(rest) if rest < 10
                                           else " " + number_words(rest))
    return number_words(int(text)) if len(text) <= 9 else text


def spell_numbers(text: str) -> str:
    """Every number in ``text`` in words, as a recogniser would write it."""
    return _NUMBER.sub(_spell, text)


def normalise(text: str) -> str:
    """Lower case, punctuation dropped (apostrophes kept), spaces collapsed."""
    return " ".join(_PUNCT.sub(" ", text.lower().replace("\u2019", "'").replace("_", " ")).split())


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def without_phrases(text: str, phrases: Iterable[str]) -> str:
    """``text`` (normalised) with every whole-word occurrence of each phrase taken out, longest first."""
    words = text.split()
    for phrase in sorted({normalise(str(p)) for p in phrases if str(p).strip()}, key=lambda p: -len(p.split())):
        target = phrase.split()
        n, i, kept = len(target), 0, []
        while i < len(words):
            if words[i:i + n] == target:
                i += n
            else:
                kept.append(words[i])
                i += 1
        words = kept
    return " ".join(words)
