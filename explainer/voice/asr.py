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

import codecs
from dataclasses import dataclass, field

import numpy as np

from explainer.voice.decoder import engine, to_pcm
from explainer.voice.nlu import closest_command, parse

_NOISE = ("<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]")
# The general model's vocabulary includes swear words and slurs, and a misrecognition can
# produce them in front of a class.  They are masked ("f***"), as assistants' transcripts are.
# Stored ROT13 so the list itself does not read as a list of slurs.
_MASKED = frozenset(codecs.decode(_w, "rot13") for _w in (
    "shpx shpxvat shpxrq shpxre zbgureshpxre fuvg fuvggl ohyyfuvg ovgpu ovgpurf phag qvpx qvpxurnq pbpx chffl nffubyr nefr nefrubyr onfgneq fyhg juber avttre avttn snt snttbg gjng jnax jnaxre obyybpxf gvgf cvff cvffrq ergneq qlxr fcvp xvxr puvax cbea encr encrq"
).split())


def _mask(word: str) -> str:
    return word[0] + "*" * (len(word) - 1) if word in _MASKED else word


@dataclass(frozen=True)
class AsrResult:
    text: str
    score: float
    model: str  # "commands" | "general"
    nbest: list[tuple[str, float]] = field(default_factory=list)
    tried: dict[str, str] = field(default_factory=dict)  # model -> its transcript


def _clean(text: str) -> str:
    return " ".join(_mask(w) for w in text.split() if w not in _NOISE and not w.startswith("+"))


def _first_understood(candidates: list[str], wake_word: str | None = None) -> str | None:
    """The first hypothesis (best first) the lab understands, allowing one stray word at the end.

    Choosing among the n-best with the language-understanding step is what real assistants
    do; the stray final word is usually the recogniser hearing the trailing silence, and a
    misheard first word sits where the device already verified the wake word.
    """
    for candidate in candidates:
        words = candidate.split()
        variants = [words]
        if wake_word and words and words[0] != wake_word:
            variants.append([wake_word, *words[1:]])
        for variant in variants:
            for cut in (0, 1):
                text = " ".join(variant[: len(variant) - cut])
                if text and parse(text) is not None:
                    return text
    return None


class Recogniser:
    """``Recogniser().recognise(samples16k)`` -> AsrResult; ``nbest(samples16k, n)`` -> [(text, score)]."""

    def __init__(self, nbest_size: int = 5) -> None:
        self.nbest_size = nbest_size

    def recognise(self, samples: np.ndarray, pcm: np.ndarray | None = None, wake_word: str | None = None) -> AsrResult:
        """Decode the whole upload.  With ``wake_word`` (already verified on the device), the first
        word of a hypothesis may be read as that wake word when that makes it a known command."""
        pcm = to_pcm(samples) if pcm is None else pcm
        sphinx = engine()
        text, score, alternatives = sphinx.decode(pcm, "domain", nbest=self.nbest_size)
        text = _clean(text)
        alternatives = [(_clean(t), s) for t, s in alternatives]
        tried = {"commands": text}
        # The 1-best is the first pass's path; the n-best comes from the lattice.  When the
        # lattice does not contain the 1-best at all ("what is date", while the lattice's best
        # is "what time is it"), the two passes disagree and the lattice is trusted first.
        ranked = [t for t, _s in sorted(alternatives, key=lambda alt: alt[1], reverse=True)]
        in_lattice = not ranked or text in ranked
        understood = _first_understood([text, *ranked] if in_lattice else [*ranked, text], wake_word)
        if understood:
            return AsrResult(understood, score, "commands", alternatives, tried)
        if text and closest_command(text) is not None:  # near a known command: keep what was heard
            return AsrResult(text, score, "commands", alternatives, tried)
        general, general_score, general_alts = sphinx.decode(pcm, "_default", nbest=self.nbest_size)
        general = _clean(general)
        general_alts = [(_clean(t), s) for t, s in general_alts]
        tried["general"] = general
        if not general and text:
            return AsrResult(text, score, "commands", alternatives, tried)
        return AsrResult(general, general_score, "general", general_alts, tried)

    def nbest(self, samples: np.ndarray, n: int = 5, model: str = "commands") -> list[tuple[str, float]]:
        search = "domain" if model == "commands" else "_default"
        _text, _score, alternatives = engine().decode(to_pcm(samples), search, nbest=n)
        return [(_clean(t), s) for t, s in alternatives]


def decoder_loaded() -> bool:
    """True when the shared decoder is already in memory (using it then costs no cold load)."""
    from explainer.voice import decoder

    return decoder._engine is not None


def transcribe_file(path, *, budget_s: float = 3.0, load: bool = False) -> str | None:
    """The lab recogniser's transcript of a WAV file, or None.

    None when the decoder is not loaded yet (unless ``load``: the reviewer seat never pays a
    cold load for a pre-filled guess), the file cannot be read, nothing was recognised, or
    decoding takes longer than ``budget_s`` (another lab run may hold the decoder).  The
    decode runs in a helper thread so the budget holds even then; call from a worker.
    """
    import threading

    from explainer.voice import audio
    from explainer.voice.decoder import SAMPLE_RATE

    if not load and not decoder_loaded():
        return None
    outcome: list[str] = []

    def decode() -> None:
        try:
            samples, rate = audio.read_wav(path)
            if rate != SAMPLE_RATE:
                samples = audio.resample(samples, rate, SAMPLE_RATE)
            outcome.append(Recogniser().recognise(samples).text)
        except Exception:  # noqa: BLE001 - unreadable audio or decoder trouble: no guess
            outcome.append("")

    worker = threading.Thread(target=decode, name="lab-transcribe", daemon=True)
    worker.start()
    worker.join(budget_s)
    if worker.is_alive() or not outcome or not outcome[0].strip():
        return None
    return outcome[0]
