"""Speech recognition of the upload: the command language model first, the general one only if needed.

The recogniser decodes with a trigram model built from the lab's intent templates
(``langmodel``): in-domain commands come out well.  Only when that result is not good enough
— nothing the lab understands in it, nor in any hypothesis the decoder finds as likely
(``rescore.NEAR``) — is the upload decoded a second time, with the general
en-us model that ships inside pocketsphinx, and whichever of the two the decoder is surer of
is reported: out-of-domain speech ("she drove a lexus...") then gets a general (often wrong)
transcript instead of being forced into a command.  Whatever is
reported is the decoder's own output: nothing is edited to suit the parser here (that is the
clean-up stage's job, shown separately in the trace).

Confidence: pocketsphinx's lattice gives every word a posterior probability (0..1); the
recogniser's confidence in a hypothesis is the geometric mean of its words' posteriors
after the wake word.  The N-best list is sorted by the decoder's path score and reported
relative to the best, in the decoder's log units (see ``NBEST_SCALE``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from explainer.voice.decoder import Decoded, SphinxEngine, to_pcm
from explainer.voice.rescore import NEAR

NBEST_SIZE = 10  # the N-best check looks at the near ones among these
NBEST_SCALE = ("score against the best guess, in the recogniser's log units (base 1.0001; 0 = the best, "
               "more negative = less likely to the recogniser; a gap of a few hundred is small, of thousands large)")


@dataclass(frozen=True)
class AsrResult:
    text: str  # the decoder's own hypothesis (fillers removed, nothing else changed)
    model: str  # "commands" | "general"
    confidence: float  # 0..1 (geometric mean of the word posteriors after the wake word)
    log_score: float = 0.0
    nbest: tuple[tuple[str, float], ...] = ()  # (text, score relative to the best), best first
    words: tuple[tuple[str, float], ...] = ()  # (word, posterior)
    tried: dict[str, str] = field(default_factory=dict)  # model -> its transcript
    second_pass: str = ""  # why the general model was tried (empty: it was not)


def confidence(decoded: Decoded, wake_words: tuple[str, ...] = ()) -> float:
    words = list(decoded.words)
    if words and words[0].word in wake_words:
        words = words[1:]
    if not words:
        return 0.0
    logs = [math.log(max(w.posterior, 1e-6)) for w in words]
    return round(math.exp(sum(logs) / len(logs)), 3)


def relative_nbest(decoded: Decoded) -> tuple[tuple[str, float], ...]:
    """The N best, sorted by the decoder's score, each as its gap to the best (0, -120, ...)."""
    if not decoded.nbest:
        return ()
    ranked = sorted(decoded.nbest, key=lambda item: item[1], reverse=True)
    top = ranked[0][1]
    return tuple((text, round(score - top, 1)) for text, score in ranked)


class Recogniser:
    """``Recogniser(engine).recognise(pcm, warp=..., understood=...)`` -> AsrResult."""

    def __init__(self, engine: SphinxEngine, wake_words: tuple[str, ...] = (), nbest_size: int = NBEST_SIZE) -> None:
        self.engine = engine
        self.wake_words = wake_words
        self.nbest_size = nbest_size

    def recognise(self, pcm: np.ndarray, warp: float = 1.0, understood: Any = None, parses: Any = None) -> AsrResult:
        """Decode the whole upload.  ``understood(text) -> bool`` says whether the lab can use the
        best transcript (a template or a safe guess); ``parses(text) -> bool`` whether a template
        matches an alternative exactly (default: ``understood``).  When neither holds, the
        general model is tried once.  Only the best is offered to the (slower) nearest-command
        guess: the N-best check only ever picks an alternative a template matches exactly, and
        guessing for ten alternatives made the slowest tenth of the traces (~0.1 s a guess)."""
        first = self.engine.decode(pcm, "commands", nbest=self.nbest_size, warp=warp)
        tried = {"commands": first.text}
        result = AsrResult(first.text, "commands", confidence(first, self.wake_words), first.log_score,
                           relative_nbest(first), tuple((w.word, round(w.posterior, 3)) for w in first.words), tried)
        others = [text for text, gap in result.nbest if -gap <= NEAR and text != first.text]
        exact = parses or understood
        if first.text and (understood is None or understood(first.text) or any(exact(text) for text in others)):
            return result  # good enough (the best, or one as likely, is a command): no second decode
        reason = "nothing recognised" if not first.text else "the command model's words are not a command"
        second = self.engine.decode(pcm, "general", nbest=self.nbest_size, warp=warp)
        tried["general"] = second.text
        general = confidence(second, self.wake_words)
        if not second.text or general <= result.confidence:  # the surer of the two is reported
            return AsrResult(first.text, "commands", result.confidence, first.log_score, result.nbest, result.words,
                             tried, reason)
        return AsrResult(second.text, "general", general, second.log_score, relative_nbest(second),
                         tuple((w.word, round(w.posterior, 3)) for w in second.words), tried, reason)

    def nbest(self, samples: np.ndarray, n: int = NBEST_SIZE, model: str = "commands") -> list[tuple[str, float]]:
        """The N best for ``samples`` (16 kHz), sorted by the decoder's score, relative to the best."""
        decoded = self.engine.decode(to_pcm(samples), model, nbest=n)
        return list(relative_nbest(decoded))
