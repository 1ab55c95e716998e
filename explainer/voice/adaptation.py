"""The acoustic model adapted to the lab's own synthetic voices (MLLR), one transform per voice.

pocketsphinx's acoustic model was trained on people; the lab speaks typed text with espeak-ng,
whose formant voices sound unlike anyone in that training data.  Real assistants adapt to the
voices of a household; the lab does the same for the voices it owns: a *maximum likelihood
linear regression* (MLLR) transform per espeak voice moves the model's Gaussian means towards
how that voice sounds.  pocketsphinx applies it when the decoder loads (``-mllr``), so decoding
costs nothing extra.  Measured with ``explainer bench lab`` on the development sentences
(``docs/lab-bench.md``): right in a quiet room 0.691 -> 0.864, in the kitchen 0.407 -> 0.617,
word error rate 0.202 -> 0.103; with the television on it did not help (0.123 -> 0.074), so
in a loud room (``ADAPT_ABOVE_DB``) the model as trained is used.

Only the recogniser is adapted, and only for typed text — the lab knows which of its voices
spoke it.  The wake word is still spotted by the model as trained (a device's listener is the
same for everyone; its thresholds and sound-alike rates were measured on it).  A recording or
a WAV file is a person, and a shipped clip stands for a household's own recording: the model
as trained.  The transforms are estimated from the course's own lesson sentences (never from a
test set) and shipped in ``explainer/voice/adapted/``; ``python -m
explainer.voice.adaptation_build`` makes them again (about 20 s a voice), e.g. after a new
espeak-ng.

How (the textbook recipe, Leggetter & Woodland 1995, with one class per feature stream): each
sentence is spoken by the voice, aligned to its words state by state by pocketsphinx
(``set_align_text``/``set_alignment``), and every frame's features (pocketsphinx's own front
end, through its C library) are shared among the four nearest Gaussians of the aligned phone's
codebook.  For each output dimension the transform's row solves G w = k, the weighted least
squares that maximises the likelihood.

A loud room (television babble) gets a transform of its own, ``LOUD_ROOM``, for every voice
at once: the same sentences by all four voices, aligned on the clean speech, with the features
taken from the speech mixed with the lab's television noise at 10 dB (other noise than any
bench run hears: seeds from 1000).  With it, a per-dimension variance scale (Gales & Woodland
1996, diagonal): the adapted Gaussians are sharper than the population's (scale 0.5-0.9).
It hears both the wake word and the command of typed text when the voice stands less than
``ADAPT_ABOVE_DB`` above the background — a device tuning itself to a noisy room — with a
heavier language weight (``LOUD_ROOM_LANGUAGE_WEIGHT``: trust the commands' grammar more when
the sound is poor).  Development sentences, television at 10 dB: right 0.123 -> 0.333, wake
word heard 0.765 -> 0.877, sound-alikes that woke 0.222 -> 0.259 (``docs/lab-bench.md``).
Because its noise comes from the same generator as the bench's television (not the same
stretch of it), this gain is an upper bound on what it would do for a real living room.
Never imports Textual.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

ADAPTED_DIR = Path(__file__).parent / "adapted"
STREAMS, WIDTH = 3, 13  # the en-us model: cepstra, deltas, double deltas, 13 each
NEAREST = 4  # Gaussians a frame is shared among (pocketsphinx's own topn)
# The transforms were learned from clean speech: below this measured voice-to-background ratio the
# model as trained hears better.  Development sentences (quiet / kitchen / TV rooms, every run):
# the ratio spans 25.5-34.3 / 14.6-24.7 (5 % of runs under 20.3) / 6.9-16.4 dB (95 % under 14.6);
# with the TV on the adapted model was right less often (0.123 -> 0.074), in the kitchen more (0.407 -> 0.617).
ADAPT_ABOVE_DB = 17.0
SENTENCES = 40
LOUD_ROOM = "loud room"  # the transform for typed text in a loud room, whichever voice spoke it
LOUD_ROOM_LANGUAGE_WEIGHT = 10.0  # pocketsphinx's -lw for it (6.5 as trained); development TV right 0.284 -> 0.333


def transform_path(voice: str) -> Path:
    """Where the transform of an espeak voice lives: "en-us+f3" -> adapted/en_us_f3.mllr."""
    return ADAPTED_DIR / f"{re.sub(r'[^a-z0-9]+', '_', voice.lower())}.mllr"


def transform_for(voice: str) -> Path | None:
    """The shipped transform for an espeak voice ("en-us+f3") or ``LOUD_ROOM``, or None (the model as trained)."""
    path = transform_path(voice)
    return path if voice and path.is_file() else None


def voice_over_background_db(samples: np.ndarray, frame: int = 400) -> float:
    """How far the voice stands above the background, measured on the sound alone: the loud
    frames' energy (90th percentile of 25 ms frames) over the quiet ones' (15th), in dB."""
    x = np.asarray(samples, dtype=np.float64)
    frames = x[:len(x) // frame * frame].reshape(-1, frame)
    if len(frames) < 4:
        return 0.0
    energy = (frames ** 2).mean(axis=1) + 1e-12
    return float(10.0 * np.log10(np.percentile(energy, 90) / np.percentile(energy, 15)))


def write_transform(rows: np.ndarray, path: Path, variance_scale: np.ndarray | None = None) -> None:
    """pocketsphinx's MLLR text format: classes, streams, then per stream its width, A, b, h
    (h multiplies the variances; 1 = unchanged)."""
    scale = np.ones((STREAMS, WIDTH)) if variance_scale is None else variance_scale
    lines = ["1", str(STREAMS)]
    for stream in range(STREAMS):
        lines.append(str(WIDTH))
        lines += [" ".join(f"{x:.6f}" for x in row) for row in rows[stream, :, 1:]]
        lines.append(" ".join(f"{x:.6f}" for x in rows[stream, :, 0]))
        lines.append(" ".join(f"{x:.6f}" for x in scale[stream]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_transform(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """-> rows (stream, output dim, [bias, A row]) and the variance scale (stream, dim);
    the inverse of ``write_transform``."""
    numbers = [float(x) for x in path.read_text(encoding="utf-8").split()]
    if numbers[:2] != [1.0, float(STREAMS)]:
        raise ValueError(f"{path}: not a one-class, {STREAMS}-stream MLLR transform")
    rows, scale, pos = np.zeros((STREAMS, WIDTH, WIDTH + 1)), np.ones((STREAMS, WIDTH)), 2
    for stream in range(STREAMS):
        pos += 1  # the width
        rows[stream, :, 1:] = np.array(numbers[pos:pos + WIDTH * WIDTH]).reshape(WIDTH, WIDTH)
        pos += WIDTH * WIDTH
        rows[stream, :, 0] = numbers[pos:pos + WIDTH]
        scale[stream] = numbers[pos + WIDTH:pos + 2 * WIDTH]
        pos += 2 * WIDTH
    return rows, scale


def solve(gram: np.ndarray, cross: np.ndarray) -> np.ndarray:
    """Each row w of the transform from its statistics: G w = k (a little ridge keeps G invertible)."""
    eye = 1e-6 * np.eye(gram.shape[-1])
    return np.array([[np.linalg.solve(gram[s, i] + eye, cross[s, i]) for i in range(WIDTH)]
                     for s in range(STREAMS)])


def _nearest(x: np.ndarray, mu: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each frame, its ``NEAREST`` most likely Gaussians and each one's share of the frame."""
    loglik = -0.5 * ((((x[:, None, :] - mu[None]) ** 2) / var[None]) + np.log(var)[None]).sum(axis=2)
    nearest = np.argsort(loglik, axis=1)[:, -NEAREST:]
    picked = np.take_along_axis(loglik, nearest, axis=1)
    share = np.exp(picked - picked.max(axis=1, keepdims=True))
    return nearest, share / share.sum(axis=1, keepdims=True)


def accumulate_spread(frames: np.ndarray, means: np.ndarray, variances: np.ndarray, rows: np.ndarray,
                      spread: np.ndarray) -> float:
    """Add how far ``frames`` fall from their Gaussians once moved by ``rows``, in variances
    (``spread``: stream x dim); returns the frames' total weight.  ``spread / weight`` is the
    variance scale h that maximises the likelihood for a diagonal variance transform."""
    for stream in range(STREAMS):
        x = frames[:, stream * WIDTH:(stream + 1) * WIDTH]
        mu = means[stream] @ rows[stream, :, 1:].T + rows[stream, :, 0]
        var = variances[stream]
        nearest, share = _nearest(x, mu, var)
        for column in range(NEAREST):
            m = nearest[:, column]
            spread[stream] += (share[:, column:column + 1] * (x - mu[m]) ** 2 / var[m]).sum(axis=0)
    return float(len(frames))


def accumulate(frames: np.ndarray, means: np.ndarray, variances: np.ndarray,
               gram: np.ndarray, cross: np.ndarray) -> None:
    """Add the statistics of ``frames`` (n x 39) aligned to one codebook (means, variances: stream x 128 x 13)."""
    for stream in range(STREAMS):
        x = frames[:, stream * WIDTH:(stream + 1) * WIDTH]
        mu, var = means[stream], variances[stream]
        nearest, share = _nearest(x, mu, var)
        for column in range(NEAREST):
            m = nearest[:, column]
            xi = np.hstack([np.ones((len(m), 1)), mu[m]])  # extended means
            weight = share[:, column:column + 1] / var[m]  # n x 13
            gram[stream] += np.einsum("ni,nj,nk->ijk", weight, xi, xi)
            cross[stream] += np.einsum("ni,nj->ij", weight * x, xi)
