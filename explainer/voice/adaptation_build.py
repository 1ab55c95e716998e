"""Making the lab's voice transforms (``adaptation``): run ``python -m explainer.voice.adaptation_build``.

A developer's tool, not part of a lab run: for each espeak voice the lab speaks with, the
course's own lesson sentences are synthesised, aligned by pocketsphinx state by state, and
turned into an MLLR transform (``adaptation.accumulate``/``solve``), written to
``explainer/voice/adapted/<voice>.mllr``.  About 20 s a voice.  Then the loud room's transform
(``adaptation.LOUD_ROOM``): all four voices, the features taken from their speech with television
noise added, the alignment from the clean speech (the noise does not move the words in time),
and a variance scale as well; about a minute.

The features must be exactly the decoder's, so they come from pocketsphinx's own front end
(``fe_process_utt`` in the C library its wheel ships, called through ctypes) with the decoder's
configuration; cepstral mean subtraction and the deltas of ``1s_c_d_dd`` are then added here as
pocketsphinx's ``feat`` does.  The model's Gaussians are read from its ``means`` and
``variances`` files (sphinx3 binary format).
"""

from __future__ import annotations

import ctypes
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from explainer.voice.adaptation import (
    ADAPTED_DIR,
    LOUD_ROOM,
    MAP_PRIOR,
    SENTENCES,
    STREAMS,
    WIDTH,
    accumulate,
    accumulate_spread,
    map_path,
    model_dir,
    move_means,
    nearest_gaussians,
    read_gaussians,
    solve,
    transform_path,
    write_transform,
)

if TYPE_CHECKING:
    from explainer.voice.decoder import SphinxEngine

VOICES: tuple[str, ...] = ("en-us", "en-gb", "en-us+f3", "en-us+m3")  # the voices the lab and its bench speak with
CI_PHONES = ("+NSN+ +SPN+ AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH "
             "SIL T TH UH UW V W Y Z ZH").split()  # the en-us model's base phones = its codebooks, in order


class FrontEnd:
    """pocketsphinx's own feature extraction, through its C library."""

    def __init__(self, config_json: str) -> None:
        import pocketsphinx

        library = next(Path(pocketsphinx.__file__).parent.glob("_pocketsphinx*.so"))
        self.lib = ctypes.CDLL(str(library))
        self.lib.ps_config_parse_json.restype = ctypes.c_void_p
        self.lib.ps_config_parse_json.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        self.lib.fe_init_auto_r.restype = ctypes.c_void_p
        self.lib.fe_init_auto_r.argtypes = [ctypes.c_void_p]
        self.lib.fe_process_utt.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int16), ctypes.c_size_t,
                                            ctypes.POINTER(ctypes.POINTER(ctypes.POINTER(ctypes.c_float))),
                                            ctypes.POINTER(ctypes.c_int32)]
        self.lib.ckd_free_2d.argtypes = [ctypes.c_void_p]
        self.lib.fe_free.argtypes = [ctypes.c_void_p]
        self.config = {k: v for k, v in json.loads(config_json).items() if v is not None}

    def cepstra(self, pcm: np.ndarray, warp: float) -> np.ndarray:
        config = dict(self.config, warp_params=f"{1.0 / warp:.4f}")
        handle = self.lib.ps_config_parse_json(None, json.dumps(config).encode())
        fe = self.lib.fe_init_auto_r(handle)
        if not fe:
            raise RuntimeError("pocketsphinx's front end could not start")
        samples = np.ascontiguousarray(pcm, dtype=np.int16)
        block, frames = ctypes.POINTER(ctypes.POINTER(ctypes.c_float))(), ctypes.c_int32(0)
        self.lib.fe_process_utt(fe, samples.ctypes.data_as(ctypes.POINTER(ctypes.c_int16)), len(samples),
                                ctypes.byref(block), ctypes.byref(frames))
        out = np.array([[block[t][j] for j in range(WIDTH)] for t in range(frames.value)], dtype=np.float64)
        self.lib.ckd_free_2d(ctypes.cast(block, ctypes.c_void_p))
        self.lib.fe_free(fe)
        return out.reshape(-1, WIDTH)


def features(cepstra: np.ndarray) -> np.ndarray:
    """Batch mean subtraction and ``1s_c_d_dd``: c, c[t+2]-c[t-2], (c[t+3]-c[t-1])-(c[t+1]-c[t-3])."""
    c = cepstra - cepstra.mean(axis=0)
    padded, n = np.pad(c, ((3, 3), (0, 0)), mode="edge"), len(c)

    def at(k: int) -> np.ndarray:
        return padded[3 + k:3 + k + n]

    return np.hstack([c, at(2) - at(-2), (at(3) - at(-1)) - (at(1) - at(-3))])


def lesson_sentences(content_dir: Path, known: Callable[[str], bool], count: int = SENTENCES) -> list[str]:
    """Sentences of 6-14 words from the course's lesson pages that the dictionary can say."""
    from explainer.voice.words import spell_numbers, words_of

    found = []
    for page in sorted(content_dir.glob("stations/*/*.md")):
        text = re.sub(r"[\[\]()*_#>`|]", " ", page.read_text(encoding="utf-8"))
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            words = words_of(spell_numbers(sentence.lower()))
            if 6 <= len(words) <= 14 and all(known(w) for w in words):
                found.append(" ".join(words))
    unique = list(dict.fromkeys(found))
    random.Random(7).shuffle(unique)
    return unique[:count]


def aligned_phones(engine: SphinxEngine, pcm: np.ndarray, text: str, warp: float) -> list[tuple[int, int]]:
    """(frame, codebook) for every frame of a speech sound, from pocketsphinx's state alignment."""
    decoder = engine.decoder
    engine.config["warp_params"] = f"{1.0 / warp:.4f}"
    decoder.reinit_feat(engine.config)
    try:
        decoder.set_align_text(text)
        for _pass in range(2):
            decoder.start_utt()
            decoder.process_raw(pcm.tobytes(), False, True)
            decoder.end_utt()
            if _pass == 0:
                decoder.set_alignment()
        alignment = decoder.get_alignment()
    except RuntimeError:  # the sentence would not align: leave it out
        return []
    return [(t, CI_PHONES.index(phone.name)) for word in alignment or () for phone in word
            if phone.name in CI_PHONES and phone.name != "SIL" and not phone.name.startswith("+")
            for t in range(phone.start, phone.start + phone.duration)]


LOUD_NOISE, LOUD_SNR_DB, LOUD_SEEDS = "tv", 10.0, 1000  # typed runs seed their noise with the length: <= 200


class Statistics:
    """What the estimate needs, gathered sentence by sentence: the frames by codebook, and G and k."""

    def __init__(self) -> None:
        model = model_dir()
        self.means = read_gaussians(model / "means")
        self.variances = np.maximum(read_gaussians(model / "variances"), 1e-4)  # pocketsphinx's variance floor
        self.gram = np.zeros((STREAMS, WIDTH, WIDTH + 1, WIDTH + 1))
        self.cross = np.zeros((STREAMS, WIDTH, WIDTH + 1))
        self.kept: list[tuple[np.ndarray, int]] = []

    def add(self, feats: np.ndarray, frames: list[tuple[int, int]]) -> None:
        for book in sorted({b for _t, b in frames}):
            rows = [t for t, b in frames if b == book and t < len(feats)]
            accumulate(feats[rows], self.means[book], self.variances[book], self.gram, self.cross)
            self.kept.append((feats[rows], book))

    def frames(self) -> int:
        return sum(len(x) for x, _book in self.kept)

    def variance_scale(self, rows: np.ndarray) -> np.ndarray:
        spread, weight = np.zeros((STREAMS, WIDTH)), 0.0
        for x, book in self.kept:
            weight += accumulate_spread(x, self.means[book], self.variances[book], rows, spread)
        return spread / max(weight, 1.0)

    def map_offsets(self, rows: np.ndarray, prior: float = MAP_PRIOR) -> tuple[np.ndarray, np.ndarray]:
        """MAP on top of the transform: each Gaussian the voice used moves from its transformed
        mean towards the mean of the frames it was given, by n / (n + prior) of the way (n: its
        share of the frames).  -> (where: k x 3 [codebook, stream, density], offset: k x 13)."""
        moved = move_means(self.means, rows)
        count, total = np.zeros(moved.shape[:3]), np.zeros(moved.shape)
        for x, book in self.kept:
            for stream in range(STREAMS):
                part = x[:, stream * WIDTH:(stream + 1) * WIDTH]
                nearest, share = nearest_gaussians(part, moved[book, stream], self.variances[book, stream])
                for column in range(nearest.shape[1]):
                    np.add.at(count[book, stream], nearest[:, column], share[:, column])
                    np.add.at(total[book, stream], nearest[:, column], share[:, column:column + 1] * part)
        offset = (total - count[..., None] * moved) / (prior + count[..., None])
        where = np.argwhere(count >= 1.0)  # a Gaussian with less than a frame would move under 1/21 of the way
        return where.astype(np.int16), offset[tuple(where.T)].astype(np.float16)


def gather(voices: tuple[str, ...], engine: SphinxEngine, content_dir: Path, scratch: Path,
           loud: bool = False) -> Statistics:
    """Each lesson sentence spoken by each voice and aligned on the clean speech; the features
    from the clean speech, or (``loud``) from it with the loud room's noise added."""
    from explainer.voice import audio
    from explainer.voice.decoder import to_pcm
    from explainer.voice.frontend import voice_warp
    from explainer.voice.labinput import typed_input
    from explainer.voice.rooms import room

    stats, front = Statistics(), FrontEnd(engine.config.dumps())
    for voice in voices:
        for index, sentence in enumerate(lesson_sentences(content_dir, engine.known_word)):
            heard = typed_input(sentence, room("none"), voice, 160, scratch)
            frames = aligned_phones(engine, to_pcm(heard.samples), sentence, voice_warp(heard.samples, 16000).warp)
            samples = heard.samples
            if loud:
                samples = audio.add_noise_at_snr(samples, LOUD_NOISE, LOUD_SNR_DB, 16000, seed=LOUD_SEEDS + index)
                peak = float(np.max(np.abs(samples)))
                samples = samples / peak * 0.9 if peak > 1.0 else samples  # as ``labinput.place`` does
            stats.add(features(front.cepstra(to_pcm(samples), voice_warp(samples, 16000).warp)), frames)
    return stats


def main(argv: list[str]) -> int:
    """Every voice's transform, then the loud room's (or only those named: a voice, or "loud room")."""
    from explainer.voice.lab_service import LocalLab

    lab = LocalLab(keep_history=False)
    engine = lab.engine()
    ADAPTED_DIR.mkdir(exist_ok=True)
    for name in argv or (*VOICES, LOUD_ROOM):
        loud = name == LOUD_ROOM
        stats = gather(VOICES if loud else (name,), engine, lab.content_dir, lab.cache_dir, loud=loud)
        rows = solve(stats.gram, stats.cross)
        path = transform_path(name)
        write_transform(rows, path, stats.variance_scale(rows) if loud else None)
        where, offset = stats.map_offsets(rows)
        np.savez_compressed(map_path(name), where=where, offset=offset)
        print(f"{name}: {stats.frames()} frames -> {path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
