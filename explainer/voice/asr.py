"""Speech recognition of the upload: the command language model first, the general one as fallback.

The recogniser first decodes with a trigram model built from the lab's intent templates
(``explainer.voice.langmodel``): in-domain commands come out well.  If the result is not
something the lab understands, it decodes again with the general en-us model that ships
inside pocketsphinx, so out-of-domain speech ("she drove a lexus...") gets a general —
often wrong — transcript instead of being forced into a command.  Scores are log-scores
from the decoder (higher is better); the n-best list shows the runners-up, as the cloud's
recogniser would weigh them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from explainer.voice.decoder import engine, to_pcm
from explainer.voice.nlu import parse

_NOISE = ("<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]")


@dataclass(frozen=True)
class AsrResult:
    text: str
    score: float
    model: str  # "commands" | "general"
    nbest: list[tuple[str, float]] = field(default_factory=list)
    tried: dict[str, str] = field(default_factory=dict)  # model -> its transcript


def _clean(text: str) -> str:
    return " ".join(w for w in text.split() if w not in _NOISE and not w.startswith("+"))


def _first_understood(candidates: list[str]) -> str | None:
    """The first hypothesis (best first) the lab understands, allowing one stray word at the end.

    Choosing among the n-best with the language-understanding step is what real assistants
    do; the stray final word is usually the recogniser hearing the trailing silence.
    """
    for candidate in candidates:
        words = candidate.split()
        for cut in (0, 1):
            text = " ".join(words[: len(words) - cut])
            if text and parse(text) is not None:
                return text
    return None


class Recogniser:
    """``Recogniser().recognise(samples16k)`` -> AsrResult; ``nbest(samples16k, n)`` -> [(text, score)]."""

    def __init__(self, nbest_size: int = 5) -> None:
        self.nbest_size = nbest_size

    def recognise(self, samples: np.ndarray, pcm: np.ndarray | None = None, wake_word: str | None = None) -> AsrResult:
        """Decode ``samples``; with ``wake_word`` the audio is the command after an already-verified wake word."""
        pcm = to_pcm(samples) if pcm is None else pcm
        sphinx = engine()
        prefix = f"{wake_word} " if wake_word else ""
        text, score, alternatives = sphinx.decode(pcm, "domain", nbest=self.nbest_size)
        alternatives = [(prefix + _clean(t), s) for t, s in alternatives]
        text = prefix + _clean(text)
        tried = {"commands": text.strip()}
        understood = _first_understood([text, *[t for t, _s in alternatives]])
        if understood:
            return AsrResult(understood, score, "commands", alternatives, tried)
        general, general_score, general_alts = sphinx.decode(pcm, "_default", nbest=self.nbest_size)
        general = prefix + _clean(general)
        general_alts = [(prefix + _clean(t), s) for t, s in general_alts]
        tried["general"] = general
        if not general and text:
            return AsrResult(text, score, "commands", alternatives, tried)
        return AsrResult(general, general_score, "general", general_alts, tried)

    def nbest(self, samples: np.ndarray, n: int = 5, model: str = "commands") -> list[tuple[str, float]]:
        search = "domain" if model == "commands" else "_default"
        _text, _score, alternatives = engine().decode(to_pcm(samples), search, nbest=n)
        return [(_clean(t), s) for t, s in alternatives]
