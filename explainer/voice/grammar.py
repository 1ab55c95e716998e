"""Words as a recogniser hears them: numbers spelled out, text split into dictionary words.

Shared by the template language model (``explainer.voice.langmodel``) and the skills.  A
strict JSGF grammar built from the templates was tried first and measured worse than the
template trigram model on espeak voices (slower, 1-2 s per clip, and it often stopped
short of the grammar's end), so the lab uses the trigram model.
"""

from __future__ import annotations

import re

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """0..999 in words, as a speaker says them ("one hundred twenty")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("" if ones == 0 else " " + _ONES[ones])
    hundreds, rest = divmod(n, 100)
    return _ONES[hundreds] + " hundred" + ("" if rest == 0 else " " + number_words(rest))


_WORD = re.compile(r"[a-z']+")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))
