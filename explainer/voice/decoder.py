"""The one pocketsphinx decoder the lab shares, loaded once, reset for every utterance.

Loading the acoustic model takes ~0.1 s and ~50 MB, so the wake word and the recogniser share
one decoder with named searches: ``commands`` (the language model built from the intent
templates, see ``langmodel``), ``general`` (the general en-us model that ships in the
wheel, loaded only the first time it is needed) and one keyword-spotting search per wake
word and threshold.  Callers run in worker threads; the lock makes them take turns.

Same audio, same result: before every utterance the feature extraction is re-initialised
(``Decoder.reinit_feat``: cepstral mean, noise statistics, frequency warp), so nothing of the
previous clip carries over.  Measured: without it, "alex sit down and eat your dinner" came
out differently after three other clips had run; with it, identically (tests run a list
forwards and backwards and compare).

High voices: pocketsphinx's own frequency warping (``warp_type inverse_linear``) scales the
spectrum before the acoustic model sees it — vocal-tract-length normalisation — with the
factor chosen per utterance from the voice's pitch (``frontend``).

Pre-processing: synthetic speech has stretches of exact digital silence that real
microphones never produce, and they upset the recogniser's feature normalisation
(measured: command WER 51% -> 8% on espeak voices).  ``to_pcm`` therefore adds a faint,
seeded dither at about -50 dBFS — a fixed, reproducible "microphone hiss".
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
DITHER = 100.0  # int16 units, ~ -50 dBFS
NOISE_WORDS = ("<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]")
# Where the cepstral mean starts for every utterance.  The keyword spotter adapts its mean as
# the audio streams in, so it needs a sensible start; the model's own (40,3,-1) is far from
# speech and made the wake word miss low voices.  This is the mean measured over the 28 shipped
# clips and 14 espeak recordings, each with a second of quiet either side (as the lab's uploads
# have).  A full decode computes its own mean over the whole upload and does not depend on it.
CMN_INIT = "57.00,-8.24,-4.50,4.11,-6.72,-3.08,-7.42,-7.66,-2.75,-0.67,1.53,-1.84,-1.60"


def to_pcm(samples: np.ndarray, seed: int = 0) -> np.ndarray:
    """float32 [-1, 1] (or int16) at 16 kHz -> int16 with the dither added."""
    if samples.dtype != np.int16:
        samples = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0) * 32767.0
    noise = np.random.default_rng(seed).normal(0.0, DITHER, len(samples))
    return np.clip(samples.astype(np.float64) + noise, -32768, 32767).astype(np.int16)


@dataclass(frozen=True)
class Word:
    word: str
    start: float  # seconds into the decoded audio
    end: float
    posterior: float  # 0..1, from the lattice: how sure the decoder is of this word here


@dataclass(frozen=True)
class Decoded:
    """One decode: the decoder's own words, its confidence and its N best alternatives."""

    text: str  # the hypothesis exactly as the decoder wrote it (fillers such as <sil> left out)
    words: tuple[Word, ...] = ()
    confidence: float = 0.0  # posterior probability of the whole hypothesis (lattice), 0..1
    log_score: float = 0.0  # the path score in the decoder's log units (base 1.0001), higher is better
    nbest: tuple[tuple[str, float], ...] = field(default_factory=tuple)  # (text, log score), best first

    @property
    def min_word_posterior(self) -> float:
        return min((w.posterior for w in self.words), default=0.0)


class SphinxEngine:
    """The shared decoder.  Use ``LabService.engine()`` (or ``engine_for``); every method takes the lock."""

    def __init__(self, intent_dict: dict, wake_words: tuple[str, ...], cache_dir: Path,
                 mllr: Path | None = None, language_weight: float | None = None,
                 model_files: dict[str, str] | None = None) -> None:
        from pocketsphinx import Decoder

        from explainer.voice.langmodel import ensure_language_model

        self.lock = threading.RLock()
        self.adapted_to = mllr  # the transform of a lab voice or a loud room (``adaptation``), or None
        # the adapted model's own means and variances (``adaptation.adapted_model``), or the transform alone
        adapted = model_files or ({"mllr": str(mllr)} if mllr else {})
        self.decoder = Decoder(lm=None, loglevel="FATAL", **adapted)
        self.config = self.decoder.config
        self.config["warp_type"] = "inverse_linear"
        self.config["cmninit"] = CMN_INIT
        if language_weight is not None:  # before the language model is added: it is read then
            self.config["lw"] = language_weight
        self.logmath = self.decoder.get_logmath()
        self.lm_path, self.sentences_path, self.built = ensure_language_model(
            intent_dict, wake_words, cache_dir, self.known_word)
        self.decoder.add_lm_file("commands", str(self.lm_path))
        self._kws_dir = cache_dir
        self._kws: set[str] = set()
        self._general = False
        self._warp = None

    def known_word(self, word: str) -> bool:
        return self.decoder.lookup_word(word) is not None

    def _start(self, search: str, warp: float) -> None:
        """Every utterance starts from the same state: feature extraction re-initialised."""
        if search == "general" and not self._general:
            from pocketsphinx import get_model_path

            self.decoder.add_lm_file("general", str(Path(get_model_path()) / "en-us" / "en-us.lm.bin"))
            self._general = True
        self.config["warp_params"] = f"{1.0 / warp:.4f}"  # inverse linear: frequencies divided by this
        self.decoder.reinit_feat(self.config)
        self.decoder.activate_search(search)
        self.decoder.start_utt()

    def kws_search(self, word: str, threshold: float) -> str:
        from explainer.voice import labcache

        name = f"kws-{word}-{threshold:.0e}"
        if name not in self._kws:
            path = self._kws_dir / f"{name}.txt"
            if not labcache.readable(path):
                labcache.write_atomic(path, f"{word} /{threshold:.0e}/\n".encode())
            self.decoder.add_kws(name, str(path))
            self._kws.add(name)
        return name

    def spot(self, pcm: np.ndarray, word: str, threshold: float, warp: float = 1.0,
             chunk_s: float = 0.1) -> tuple[float, float, float] | None:
        """Feed audio chunk by chunk, as a device does; -> (detected_at_s, start_s, end_s) or None."""
        with self.lock:
            search = self.kws_search(word, threshold)
            self._start(search, warp)
            step = int(chunk_s * SAMPLE_RATE)
            try:
                for offset in range(0, len(pcm), step):
                    self.decoder.process_raw(pcm[offset:offset + step].tobytes(), False, False)
                    if self.decoder.hyp() is not None:
                        segs = [s for s in self.decoder.seg() if s.word == word] or list(self.decoder.seg())
                        detected = min(len(pcm), offset + step) / SAMPLE_RATE
                        if segs:
                            return detected, segs[0].start_frame / 100.0, (segs[0].end_frame + 1) / 100.0
                        return detected, max(0.0, detected - 0.6), detected
                return None
            finally:
                self.decoder.end_utt()

    def check_wake(self, pcm: np.ndarray, word: str, rivals: tuple[str, ...], around: tuple[str, ...],
                   span: tuple[float, float], warp: float = 1.0) -> tuple[str, float]:
        """A second, closer listen to where the wake word was spotted (``span``, in seconds, already
        widened by the caller): -> (the best of ``word`` and ``rivals`` in a grammar that lets one of
        ``around`` follow, how much better the rivals alone fit than ``word`` alone in log units — only
        weighed when a rival won, else -inf)."""
        with self.lock:
            known = [w for w in rivals if self.known_word(w)]
            glue = [w for w in around if self.known_word(w)]
            names = {}
            for part, body in (("open", f"( {' | '.join([word, *known])} ) [ {' | '.join(glue)} ]"),
                               ("word", word), ("rivals", " | ".join(known))):
                names[part] = f"check-{word}-{part}"
                if names[part] not in self._kws:
                    self.decoder.add_jsgf_string(names[part], f"#JSGF V1.0;\ngrammar {part};\npublic <s> = {body} ;\n")
                    self._kws.add(names[part])
            piece = pcm[max(0, int(span[0] * SAMPLE_RATE)):max(0, int(span[1] * SAMPLE_RATE))]
            best = (self.decode(piece, names["open"], warp=warp).text.split() or [""])[0]
            if best not in known:  # the wake word itself (or nothing) won: no need to weigh the rivals
                return best, float("-inf")
            alone, others = (self.decode(piece, names[part], warp=warp) for part in ("word", "rivals"))
            if not alone.text or not others.text:  # one grammar found no path: no evidence either way
                return best, float("-inf")
            return best, others.log_score - alone.log_score

    def decode(self, pcm: np.ndarray, search: str = "commands", nbest: int = 0, warp: float = 1.0) -> Decoded:
        """The whole of ``pcm`` with one search: words, confidence and (optionally) the N best."""
        with self.lock:
            self._start(search, warp)
            self.decoder.process_raw(pcm.tobytes(), False, True)
            self.decoder.end_utt()
            hyp = self.decoder.hyp()
            if hyp is None:
                return Decoded("")
            words = tuple(Word(s.word, s.start_frame / 100.0, (s.end_frame + 1) / 100.0, float(s.prob))
                          for s in self.decoder.seg() if s.word not in NOISE_WORDS and not s.word.startswith("+"))
            text = " ".join(w for w in hyp.hypstr.split() if w not in NOISE_WORDS and not w.startswith("+"))
            alternatives = self._nbest(nbest) if nbest else ()
            return Decoded(text, words, float(hyp.prob), self._log(hyp.best_score), alternatives)

    def _log(self, linear: float) -> float:
        return float(self.logmath.log(linear)) if linear > 0 else float("-inf")

    def _nbest(self, n: int) -> tuple[tuple[str, float], ...]:
        seen: dict[str, float] = {}
        try:
            for count, alt in enumerate(self.decoder.nbest() or ()):
                words = " ".join(w for w in alt.hypstr.split() if w not in NOISE_WORDS and not w.startswith("+"))
                score = self._log(alt.score)
                if words not in seen or score > seen[words]:
                    seen[words] = score
                if len(seen) >= n or count > 20 * n:
                    break
        except Exception:  # noqa: BLE001 - no lattice (nothing decoded): no alternatives
            log.debug("no n-best list", exc_info=True)
        return tuple(sorted(seen.items(), key=lambda item: item[1], reverse=True))


_engines: dict[str, SphinxEngine] = {}
_engines_lock = threading.Lock()
_unusable: set[str] = set()  # transforms that would not load (logged once; the model as trained is used)


def _model_files(voice: str, cache_dir: Path) -> dict[str, str] | None:
    """The adapted model's files, or None to use its transform alone (no MAP shipped, or the
    cache folder cannot be written: the transform still adapts, a little less)."""
    from explainer.voice.adaptation import adapted_model

    try:
        return adapted_model(voice, cache_dir)
    except (OSError, ValueError, KeyError):
        log.warning("the adapted model for %s could not be made; using the transform alone", voice, exc_info=True)
        return None


def shared_engine(content_dir: Path | None, cache_dir: Path, voice: str = "") -> SphinxEngine:
    """The process's decoder for these templates, made on first use (in a worker: ~0.2 s, plus a
    few seconds the first time the templates' language model is built into ``cache_dir``).
    With ``voice`` (one of the lab's espeak voices, or ``adaptation.LOUD_ROOM``), a decoder whose
    acoustic model is adapted to it, when a transform ships for it (``adaptation``); otherwise
    the shared one.

    One per set of templates (and voice), whoever asks: a second learner folder in the same
    process (tests, a kiosk's scratch folder) reuses the decoder already in memory."""
    from explainer.voice.adaptation import LOUD_ROOM, LOUD_ROOM_LANGUAGE_WEIGHT, transform_for
    from explainer.voice.langmodel import templates_digest
    from explainer.voice.nlu import load_intent_dict
    from explainer.voice.wake import WAKE_WORDS

    intent_dict = load_intent_dict(content_dir)
    plain = templates_digest(intent_dict, WAKE_WORDS)
    mllr = transform_for(voice)
    key = f"{plain}:{mllr.name}" if mllr else plain
    with _engines_lock:
        if key not in _engines and mllr is not None and key not in _unusable:
            try:
                weight = LOUD_ROOM_LANGUAGE_WEIGHT if voice == LOUD_ROOM else None
                _engines[key] = SphinxEngine(intent_dict, WAKE_WORDS, cache_dir, mllr, weight,
                                             _model_files(voice, cache_dir))
            except RuntimeError:  # a damaged transform file: the model as trained still works
                log.warning("the voice transform %s could not be loaded; using the model as trained", mllr,
                            exc_info=True)
                _unusable.add(key)
        if key in _engines:
            return _engines[key]
        if plain not in _engines:
            _engines[plain] = SphinxEngine(intent_dict, WAKE_WORDS, cache_dir)
        return _engines[plain]
