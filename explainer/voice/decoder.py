"""The one pocketsphinx decoder the lab shares, loaded once and guarded by a lock.

Loading the acoustic model takes ~0.4 s and ~100 MB, so every stage (wake word, speech
recognition, n-best) uses the same decoder with named searches: ``_default`` (the general
en-us language model that ships in the wheel), ``domain`` (a trigram model built from the
intent templates) and one keyword-spotting search per wake word and threshold.  Callers
run in worker threads; the lock makes them take turns.

Pre-processing: synthetic speech has stretches of exact digital silence that real
microphones never produce, and they upset the recogniser's feature normalisation
(measured: command WER 51% -> 8% on espeak voices).  ``to_pcm`` therefore adds a faint,
seeded dither at about -50 dBFS — a fixed, reproducible "microphone hiss".
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
DITHER = 100.0  # int16 units, ~ -50 dBFS


def to_pcm(samples: np.ndarray, seed: int = 0) -> np.ndarray:
    """float32 [-1, 1] (or int16) at 16 kHz -> int16 with the dither added."""
    if samples.dtype != np.int16:
        samples = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0) * 32767.0
    noise = np.random.default_rng(seed).normal(0.0, DITHER, len(samples))
    return np.clip(samples.astype(np.float64) + noise, -32768, 32767).astype(np.int16)


class SphinxEngine:
    """The shared decoder.  Use ``engine()``; every method takes the lock."""

    def __init__(self, content_dir: Path | None = None, cache_dir: Path | None = None) -> None:
        from pocketsphinx import Decoder, get_model_path

        from explainer.voice.langmodel import build_arpa, template_sentences
        from explainer.voice.nlu import load_intents

        model = Path(get_model_path()) / "en-us"
        self.lock = threading.RLock()
        self.decoder = Decoder(hmm=str(model / "en-us"), dict=str(model / "cmudict-en-us.dict"),
                               lm=str(model / "en-us.lm.bin"), loglevel="FATAL")
        self.initial_cmn = self.decoder.get_cmn(False)
        arpa = build_arpa(template_sentences(load_intents(content_dir)), self.known_word)
        self.lm_path = self._write_cached(arpa, "domain", ".arpa", cache_dir)
        self.decoder.add_lm_file("domain", str(self.lm_path))
        self._kws: set[str] = set()
        self._cache_dir = cache_dir

    def known_word(self, word: str) -> bool:
        return self.decoder.lookup_word(word) is not None

    @staticmethod
    def _write_cached(text: str, stem: str, suffix: str, cache_dir: Path | None) -> Path:
        import tempfile

        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        folders = ([cache_dir / "lab"] if cache_dir else []) + [Path(tempfile.gettempdir()) / "whos-listening-lab"]
        for folder in folders:
            path = folder / f"{stem}-{digest}{suffix}"
            try:
                if not path.exists():
                    folder.mkdir(parents=True, exist_ok=True)
                    tmp = path.with_suffix(".tmp")
                    tmp.write_text(text, encoding="utf-8")
                    tmp.replace(path)
                return path
            except OSError:
                continue
        raise OSError("no writable folder for the recogniser's language model")

    def _reset(self) -> None:
        # Same starting normalisation for every run: results must not depend on the previous clip.
        self.decoder.set_cmn(self.initial_cmn)

    def kws_search(self, word: str, threshold: float) -> str:
        name = f"kws-{word}-{threshold:.0e}"
        if name not in self._kws:
            text = f"{word} /{threshold:.0e}/\n"
            path = self._write_cached(text, "kws-" + word, ".txt", self._cache_dir)
            self.decoder.add_kws(name, str(path))
            self._kws.add(name)
        return name

    def spot(self, pcm: np.ndarray, word: str, threshold: float, chunk_s: float = 0.1):
        """Feed audio chunk by chunk, as a device does; -> (detected_at_s, start_s, end_s) or None."""
        with self.lock:
            self._reset()
            self.decoder.activate_search(self.kws_search(word, threshold))
            step = int(chunk_s * SAMPLE_RATE)
            self.decoder.start_utt()
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

    def decode(self, pcm: np.ndarray, search: str, nbest: int = 0) -> tuple[str, float, list[tuple[str, float]]]:
        """(text, log-score, [(alternative, log-score), ...]) for the whole ``pcm`` with one search."""
        with self.lock:
            self._reset()
            self.decoder.activate_search(search)
            self.decoder.start_utt()
            self.decoder.process_raw(pcm.tobytes(), False, True)
            self.decoder.end_utt()
            hyp = self.decoder.hyp()
            text, score = (hyp.hypstr, float(hyp.best_score)) if hyp is not None else ("", 0.0)
            alternatives: list[tuple[str, float]] = []
            if nbest:
                seen = set()
                try:
                    for alt in self.decoder.nbest():
                        words = " ".join(w for w in alt.hypstr.split() if not w.startswith(("<", "[", "+")))
                        if words in seen:
                            continue
                        seen.add(words)
                        alternatives.append((words, float(alt.score)))
                        if len(alternatives) >= nbest:
                            break
                except Exception:  # no lattice (e.g. nothing decoded)
                    log.debug("no n-best list", exc_info=True)
            return text, score, alternatives


_engine: SphinxEngine | None = None
_engine_lock = threading.Lock()


def engine(content_dir: Path | None = None, cache_dir: Path | None = None) -> SphinxEngine:
    """The shared decoder, created on first use (call from a worker: it takes ~0.5-1 s)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = SphinxEngine(content_dir, cache_dir)
        return _engine
