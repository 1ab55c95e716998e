"""The acoustic model adapted to the lab's own synthetic voices (MLLR, then MAP) and to a loud room.

pocketsphinx's acoustic model was trained on people; the lab speaks typed text with espeak-ng,
whose formant voices sound unlike anyone in that training data.  Real assistants adapt to the
voices of a household; the lab does the same for the voices it owns.  First a *maximum
likelihood linear regression* (MLLR) transform per espeak voice moves all the model's Gaussian
means together towards how that voice sounds; then *maximum a posteriori* (MAP) moves each
Gaussian the voice used further, towards the frames it was given, in proportion to how many
(``MAP_PRIOR``).  The result is a means file made once in the lab's cache folder
(``adapted_model``) and loaded with the model (``-mean``), so decoding costs nothing extra.
Measured with ``explainer bench lab`` on the development sentences (``docs/lab-bench.md``):
right in a quiet room 0.691 -> 0.852 (MLLR) -> 0.901 (and MAP), in the kitchen 0.407 -> 0.617 ->
0.790; with the television on, neither helped, so in a loud room (``ADAPT_ABOVE_DB``) the
loud room's own transform is used instead (below).

Only the recogniser is adapted, and only for typed text — the lab knows which of its voices
spoke it.  In an ordinary room the wake word is still spotted by the model as trained (a
device's listener is the same for everyone; its thresholds and sound-alike rates were measured
on it).  A recording or
a WAV file is a person, and a shipped clip stands for a household's own recording: the model
as trained.  The transforms are estimated from the course's own lesson sentences (never from a
test set) and shipped in ``explainer/voice/adapted/`` (a transform, and MAP offsets for the
Gaussians the voice used); ``python -m explainer.voice.adaptation_build`` makes them again
(about 20 s a voice), e.g. after a new espeak-ng.

How (the textbook recipe, Leggetter & Woodland 1995, with one class per feature stream): each
sentence is spoken by the voice, aligned to its words state by state by pocketsphinx
(``set_align_text``/``set_alignment``), and every frame's features (pocketsphinx's own front
end, through its C library) are shared among the four nearest Gaussians of the aligned phone's
codebook.  For each output dimension the transform's row solves G w = k, the weighted least
squares that maximises the likelihood.  MAP (Gauvain & Lee 1994) then gives each Gaussian the
mean (prior x its transformed mean + its share of the frames, summed) / (prior + its share):
a Gaussian heard for 20 frames moves half way, one never heard stays where MLLR put it.

A loud room (television babble) gets a transform of its own, ``LOUD_ROOM``, for every voice
at once: the same sentences by all four voices, aligned on the clean speech, with the features
taken from the speech mixed with the lab's television noise at 10 dB (other noise than any
bench run hears: seeds from 1000).  With it, a per-dimension variance scale (Gales & Woodland
1996, diagonal): the adapted Gaussians are sharper than the population's (scale 0.45-0.93).
It hears both the wake word and the command of typed text when the voice stands less than
``ADAPT_ABOVE_DB`` above the background — a device tuning itself to a noisy room — with a
heavier language weight (``LOUD_ROOM_LANGUAGE_WEIGHT``: trust the commands' grammar more when
the sound is poor), and MAP on top like the voices'.  Development sentences, television at
10 dB: right 0.123 -> 0.333 (transform) -> 0.605 (and MAP), wake word heard 0.765 -> 0.901,
sound-alikes that woke 0.222 -> 0.222 (``docs/lab-bench.md``).  Because its noise comes from
the same generator as the bench's television (not the same stretch of it), the TV condition is
close to a matched test: the gain is an upper bound on what it would do in a real living room
(the bench's ``music`` condition, a noise nothing was adapted to, is the check).
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
MAP_PRIOR = 20.0  # MAP: frames a Gaussian needs to move halfway from its transformed mean to the voice's
LOUD_ROOM = "loud room"  # the transform for typed text in a loud room, whichever voice spoke it
LOUD_ROOM_LANGUAGE_WEIGHT = 10.0  # pocketsphinx's -lw for it (6.5 as trained); development TV right 0.284 -> 0.333


def model_dir() -> Path:
    """pocketsphinx's own en-us acoustic model, inside its wheel."""
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us" / "en-us"


def read_gaussians(path: Path) -> np.ndarray:
    """A sphinx3 means/variances file -> (codebook, stream, density, 13)."""
    raw = path.read_bytes()
    pos = raw.index(b"endhdr\n") + len(b"endhdr\n")
    order = "<" if np.frombuffer(raw[pos:pos + 4], "<i4")[0] == 0x11223344 else ">"
    books, streams, densities = (int(n) for n in np.frombuffer(raw[pos + 4:pos + 16], order + "i4"))
    pos += 16 + 4 * streams + 4
    count = books * streams * densities * WIDTH
    return np.frombuffer(raw[pos:pos + 4 * count], order + "f4").reshape(books, streams, densities, WIDTH)


def map_path(voice: str) -> Path:
    """Where a voice's MAP offsets live, beside its transform: adapted/en_us.map.npz."""
    return transform_path(voice).with_suffix(".map.npz")


def move_means(means: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Every Gaussian's mean moved by the transform (A mu + b, per stream)."""
    return np.einsum("bsdj,sij->bsdi", means, rows[:, :, 1:]) + rows[:, :, 0][None, :, None, :]


def adapted_model(voice: str, cache_dir: Path) -> dict[str, str] | None:
    """pocketsphinx settings for a voice's (or the loud room's) own model: ``mean``, a means file
    with its transform and MAP offsets applied, and ``var``, a variances file scaled as the
    transform says (when it does).  Made in ``cache_dir`` the first time (~0.1 s) and named by a
    hash of what went into them; None when no MAP offsets are shipped for it."""
    import hashlib

    from explainer.voice import labcache

    transform, offsets = transform_for(voice), map_path(voice)
    if transform is None or not offsets.is_file():
        return None
    digest = hashlib.sha256(transform.read_bytes() + offsets.read_bytes()).hexdigest()[:16]
    stem = Path(cache_dir) / "adapted" / f"{transform.stem}-{digest}"
    rows, scale = read_transform(transform)
    files = {"mean": stem.with_suffix(".means")} | ({} if np.all(scale == 1.0) else {"var": stem.with_suffix(".variances")})
    if not all(labcache.readable(path) for path in files.values()):
        means = move_means(read_gaussians(model_dir() / "means"), rows)
        with np.load(offsets) as shipped:
            means[tuple(shipped["where"].T)] += shipped["offset"].astype(np.float32)
        _write_gaussians("means", means, files["mean"])
        if "var" in files:
            _write_gaussians("variances", read_gaussians(model_dir() / "variances") * scale[None, :, None, :], files["var"])
    return {key: str(path) for key, path in files.items()}


def _write_gaussians(kind: str, values: np.ndarray, path: Path) -> None:
    """``values`` in the layout of the model's own ``kind`` file (its header, without the checksum)."""
    from explainer.voice import labcache

    raw = (model_dir() / kind).read_bytes()
    start = raw.index(b"endhdr\n") + len(b"endhdr\n")
    order = "<" if np.frombuffer(raw[start:start + 4], "<i4")[0] == 0x11223344 else ">"
    header = raw[:start].replace(b"chksum0 yes\n", b"").replace(b"endhdr\n", b" " * 12 + b"endhdr\n")
    dims = raw[start:start + 4 + 12 + 4 * STREAMS + 4]  # byte-order mark and sizes: as the model's own
    labcache.write_atomic(path, header + dims + values.astype(order + "f4").tobytes())


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
        lines.append(" ".join("1.0" if variance_scale is None else f"{x:.6f}" for x in scale[stream]))
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


def nearest_gaussians(x: np.ndarray, mu: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
        nearest, share = nearest_gaussians(x, mu, var)
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
        nearest, share = nearest_gaussians(x, mu, var)
        for column in range(NEAREST):
            m = nearest[:, column]
            xi = np.hstack([np.ones((len(m), 1)), mu[m]])  # extended means
            weight = share[:, column:column + 1] / var[m]  # n x 13
            gram[stream] += np.einsum("ni,nj,nk->ijk", weight, xi, xi)
            cross[stream] += np.einsum("ni,nj->ij", weight * x, xi)
