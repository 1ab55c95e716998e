"""The clean-up stage: from what the recogniser wrote to the text the parser is given.

Kept as a stage of its own so the trace stays honest: the recognition stage shows exactly
what the recogniser produced, and this stage shows every change made for the parser —
lower case and punctuation, digits spelled out ("10" -> "ten", as a recogniser writes them),
and the wake word taken off the front (and off the end: "what time is it, alexa").  Nothing
else is changed: no word is swapped, dropped or added to make a command fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explainer.voice.words import normalise, spell_numbers

LEAD_INS = ("hey", "hi", "ok", "okay", "oh")  # said before a wake word: "hey alexa"


@dataclass(frozen=True)
class CleanedText:
    text: str  # what the parser gets
    changes: tuple[str, ...] = field(default_factory=tuple)  # what was done, in words
    wake_word: str = ""  # the wake word taken off ("" when the text had none)

    def describe(self) -> str:
        return "; ".join(self.changes) if self.changes else "nothing to change"


def clean_up(transcript: str, wake_words: tuple[str, ...]) -> CleanedText:
    changes: list[str] = []
    spelled = spell_numbers(transcript)
    if spelled != transcript:
        changes.append("numbers spelled out")
    text = normalise(spelled)
    if text != normalise(transcript) or text != transcript.strip():
        if text != " ".join(transcript.lower().split()) and "numbers spelled out" not in changes:
            changes.append("lower case, punctuation removed")
    words = text.split()
    start = 0
    if len(words) > 1 and words[0] in LEAD_INS and words[1] in wake_words:
        start = 2
    elif words and words[0] in wake_words:
        start = 1
    if start:
        changes.append(f"wake word {' '.join(words[:start])!r} removed")
    wake = words[start - 1] if start else ""
    words = words[start:]
    if len(words) > 1 and words[-1] in wake_words:
        changes.append(f"wake word {words[-1]!r} removed from the end")
        wake = wake or words[-1]
        words = words[:-1]
    return CleanedText(" ".join(words), tuple(changes), wake)
