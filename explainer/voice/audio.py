"""Audio as numpy arrays: resample, mix voices, add a room and a noisy home (WAV files: ``wav_files``).

A reviewer heard speech from real rooms: a TV in the background, someone further away,
two people at once. The clips are synthetic, so the room is built here -- deterministically
(every random choice comes from a seeded generator) so the same clip always renders to the
same audio and tests can compare numbers. Samples are float32 mono in [-1, 1]; files are
16-bit PCM. Pure numpy: no scipy, no audioop (gone in Python 3.13).
"""

from __future__ import annotations

import numpy as np

# The WAV files' functions, where the modules that read and write clips have always found them.
from explainer.voice.wav_files import read_wav as read_wav
from explainer.voice.wav_files import wav_bytes as wav_bytes
from explainer.voice.wav_files import wav_comment as wav_comment
from explainer.voice.wav_files import write_wav as write_wav

RECOGNITION_RATE = 16000
NOISE_KINDS = ("none", "tv", "music", "kitchen")


# ---------------------------------------------------------------- basic maths


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if len(samples) else 0.0


def _lowpass_fft(samples: np.ndarray, rate: int, cutoff: float) -> np.ndarray:
    """A steep low-pass: flat to 0.9 x cutoff, a raised-cosine slope, nothing above 1.05 x cutoff."""
    if len(samples) == 0:
        return samples.astype(np.float32)
    spectrum = np.fft.rfft(samples)
    freqs = np.fft.rfftfreq(len(samples), 1.0 / rate)
    low, high = 0.9 * cutoff, 1.05 * cutoff
    slope = np.clip((freqs - low) / (high - low), 0.0, 1.0)
    gain = 0.5 * (1.0 + np.cos(np.pi * slope))
    return np.fft.irfft(spectrum * gain, n=len(samples)).astype(np.float32)


def _band_fft(samples: np.ndarray, rate: int, low: float, high: float) -> np.ndarray:
    """Band-pass by masking the spectrum, with smooth edges so it does not ring much."""
    if len(samples) == 0:
        return samples.astype(np.float32)
    spectrum = np.fft.rfft(samples)
    freqs = np.fft.rfftfreq(len(samples), 1.0 / rate)
    gain = np.ones_like(freqs)
    if low > 0:
        gain *= 1.0 / (1.0 + (low / np.maximum(freqs, 1e-6)) ** 4)
    if high < rate / 2:
        gain *= 1.0 / (1.0 + (freqs / high) ** 4)
    return np.fft.irfft(spectrum * gain, n=len(samples)).astype(np.float32)


def resample(samples: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """Change the sample rate (low-passed before going down, so no aliasing); e.g. 22,050 -> 16,000 Hz."""
    samples = np.asarray(samples, dtype=np.float32)
    if from_rate == to_rate or len(samples) == 0:
        return samples.copy()
    if to_rate < from_rate:
        samples = _lowpass_fft(samples, from_rate, 0.45 * to_rate)
    count = max(1, int(round(len(samples) * to_rate / from_rate)))
    positions = np.arange(count, dtype=np.float64) * (from_rate / to_rate)
    return np.interp(positions, np.arange(len(samples)), samples).astype(np.float32)


def mix(tracks: list[tuple[np.ndarray, float]], rate: int, *, length: float | None = None) -> np.ndarray:
    """Add tracks, each starting at its offset in seconds. The result lasts until the last one ends."""
    starts = [max(0, int(round(offset * rate))) for _, offset in tracks]
    end = max((s + len(t) for (t, _), s in zip(tracks, starts, strict=False)), default=0)
    if length is not None:
        end = max(end, int(round(length * rate)))
    out = np.zeros(end, dtype=np.float32)
    for (track, _), start in zip(tracks, starts, strict=False):
        out[start : start + len(track)] += np.asarray(track, dtype=np.float32)
    return out


def normalise(samples: np.ndarray, peak_db: float = -1.0) -> np.ndarray:
    """Scale so the loudest sample sits at ``peak_db`` dBFS (-1 dBFS by default). Silence stays silent."""
    peak = float(np.max(np.abs(samples))) if len(samples) else 0.0
    if peak < 1e-9:
        return np.asarray(samples, dtype=np.float32).copy()
    return (samples * (10 ** (peak_db / 20.0) / peak)).astype(np.float32)


def envelope(samples: np.ndarray, columns: int) -> list[float]:
    """``columns`` values in [0, 1]: the peak level of each slice, scaled to the loudest slice."""
    columns = max(0, int(columns))
    if columns == 0:
        return []
    if len(samples) == 0:
        return [0.0] * columns
    edges = np.linspace(0, len(samples), columns + 1).astype(int)
    magnitude = np.abs(np.asarray(samples, dtype=np.float32))
    peaks = [float(magnitude[a:b].max()) if b > a else 0.0 for a, b in zip(edges[:-1], edges[1:], strict=False)]
    top = max(peaks)
    return [p / top if top > 0 else 0.0 for p in peaks]


# ---------------------------------------------------------------- the room


def room(samples: np.ndarray, rate: int, distance: float, seed: int = 0) -> np.ndarray:
    """Place the speech ``distance`` metres from the device: early reflections plus a decaying tail.

    Further away means less direct sound relative to the reflections, a longer tail and fewer
    high frequencies -- the muddiness that makes far speech hard to transcribe.
    """
    samples = np.asarray(samples, dtype=np.float32)
    distance = float(min(max(distance, 0.3), 10.0))
    if len(samples) == 0:
        return samples.copy()
    rng = np.random.default_rng(seed)
    rt60 = 0.25 + 0.06 * distance
    ir = np.zeros(int(rate * min(rt60, 0.9)), dtype=np.float64)
    ir[0] = 1.0 / distance
    for _ in range(8):  # early reflections off walls, table, ceiling
        at = int(rate * rng.uniform(0.003, 0.03 + 0.005 * distance))
        ir[min(at, len(ir) - 1)] += rng.uniform(0.15, 0.35) * rng.choice((-1.0, 1.0))
    t = np.arange(len(ir)) / rate
    tail_level = 0.012 * (0.5 + distance / 2.0)
    tail = rng.standard_normal(len(ir)) * tail_level * np.exp(-6.9 * t / rt60)
    tail[: int(0.01 * rate)] = 0.0
    ir += tail
    size = len(samples) + len(ir) - 1
    nfft = 1 << (size - 1).bit_length()
    wet = np.fft.irfft(np.fft.rfft(samples, nfft) * np.fft.rfft(ir, nfft), nfft)[: len(samples)]
    wet = wet.astype(np.float32)
    if distance > 1.5:
        wet = _lowpass_fft(wet, rate, max(2500.0, 9000.0 / distance))
    return wet


# ---------------------------------------------------------------- background noise beds


def _syllable_envelope(rng: np.random.Generator, n: int, rate: int, syllables_per_s: float) -> np.ndarray:
    """A bumpy 0..1 envelope like the loudness of running speech (syllables, pauses between phrases)."""
    steps = max(2, int(n / rate * syllables_per_s) + 2)
    points = rng.uniform(0.0, 1.0, steps) ** 1.5
    pauses = rng.random(steps) < 0.15
    points[pauses] = 0.02
    return np.interp(np.linspace(0, steps - 1, n), np.arange(steps), points).astype(np.float32)


def _tv_bed(rng: np.random.Generator, n: int, rate: int) -> np.ndarray:
    t = np.arange(n) / rate
    babble = np.zeros(n, dtype=np.float32)
    for _ in range(5):  # several distant talkers: band-limited noise with speech-like loudness
        voice = _band_fft(rng.standard_normal(n).astype(np.float32), rate, 250.0, 3200.0)
        babble += voice * _syllable_envelope(rng, n, rate, rng.uniform(3.0, 5.5))
    pitch = rng.uniform(110.0, 190.0) * (1.0 + 0.12 * np.sin(2 * np.pi * rng.uniform(0.2, 0.6) * t))
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    harmonics = np.zeros_like(phase)  # a voiced 'presenter'
    for k in range(1, 9):
        harmonics += np.sin(k * phase) / k
    tone = harmonics.astype(np.float32)
    tone = _band_fft(tone, rate, 200.0, 3500.0) * _syllable_envelope(rng, n, rate, 4.0)
    return babble / max(rms(babble), 1e-9) + 0.8 * tone / max(rms(tone), 1e-9)


def _music_bed(rng: np.random.Generator, n: int, rate: int) -> np.ndarray:
    chords = ((261.63, 329.63, 392.00), (220.00, 261.63, 329.63), (174.61, 220.00, 261.63), (196.00, 246.94, 293.66))
    chord_len = int(rate * rng.uniform(1.6, 2.2))
    out = np.zeros(n, dtype=np.float32)
    first = int(rng.integers(0, len(chords)))
    for index, start in enumerate(range(0, n, chord_len)):
        length = min(chord_len, n - start)
        t = np.arange(length) / rate
        shape = np.minimum(1.0, t / 0.02) * np.exp(-1.2 * t)
        notes = chords[(first + index) % len(chords)]
        sound = sum(np.sin(2 * np.pi * f * t) + 0.3 * np.sin(4 * np.pi * f * t) for f in notes)
        sound += 0.8 * np.sin(np.pi * notes[0] * t)  # bass an octave down
        out[start : start + length] += (sound * shape).astype(np.float32)
    return out


def _kitchen_bed(rng: np.random.Generator, n: int, rate: int) -> np.ndarray:
    t = np.arange(n) / rate
    hum = 0.25 * np.sin(2 * np.pi * 50 * t) + 0.12 * np.sin(2 * np.pi * 100 * t) + 0.06 * np.sin(2 * np.pi * 150 * t)
    out = hum.astype(np.float32) + 0.05 * _band_fft(rng.standard_normal(n).astype(np.float32), rate, 100.0, 1000.0)
    for _ in range(max(1, int(n / rate * 1.5))):  # clatter: plates, cutlery, a cupboard door
        start = int(rng.integers(0, max(1, n - 1)))
        length = min(int(rate * rng.uniform(0.05, 0.25)), n - start)
        tt = np.arange(length) / rate
        ring = np.sin(2 * np.pi * rng.uniform(1800.0, 5000.0) * tt) * rng.uniform(0.3, 1.0)
        hit = (rng.standard_normal(length) + ring) * np.exp(-tt * rng.uniform(25.0, 60.0))
        out[start : start + length] += (rng.uniform(1.5, 4.0) * hit).astype(np.float32)
    return out


def noise_bed(kind: str, seconds: float, rate: int, seed: int = 0) -> np.ndarray:
    """A background of ``kind`` (tv | music | kitchen | none), RMS 1 (zeros for none). Same seed, same noise."""
    n = max(0, int(round(seconds * rate)))
    if kind == "none" or n == 0:
        return np.zeros(n, dtype=np.float32)
    builders = {"tv": _tv_bed, "music": _music_bed, "kitchen": _kitchen_bed}
    if kind not in builders:
        raise ValueError(f"unknown background noise {kind!r}; expected one of {', '.join(NOISE_KINDS)}")
    bed = builders[kind](np.random.default_rng(seed), n, rate)
    fade = min(n // 4, int(0.05 * rate))
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        bed[:fade] *= ramp
        bed[-fade:] *= ramp[::-1]
    return (bed / max(rms(bed), 1e-9)).astype(np.float32)


def add_background(samples: np.ndarray, kind: str, level: float, rate: int, seed: int = 0) -> np.ndarray:
    """Add a noise bed whose loudness is ``level`` (0..1) times the loudness of the speech it covers.

    level 0.5 is about 6 dB below the speech, 1.0 as loud as the speech.
    """
    samples = np.asarray(samples, dtype=np.float32)
    if kind == "none" or level <= 0 or len(samples) == 0:
        return samples.copy()
    active = samples[np.abs(samples) > 0.02 * float(np.max(np.abs(samples)) or 1.0)]
    speech_rms = rms(active) if len(active) else rms(samples)
    bed = noise_bed(kind, len(samples) / rate, rate, seed)[: len(samples)]
    return (samples + bed * (float(min(level, 1.5)) * speech_rms)).astype(np.float32)


def add_noise_at_snr(samples: np.ndarray, kind: str, snr_db: float | None, rate: int, seed: int = 0) -> np.ndarray:
    """Add a noise bed ``snr_db`` decibels below the speech (measured on the speech that is there:
    samples above 2% of the peak), so "10 dB" means what a sound engineer would mean by it."""
    samples = np.asarray(samples, dtype=np.float32)
    if kind == "none" or snr_db is None or len(samples) == 0:
        return samples.copy()
    active = samples[np.abs(samples) > 0.02 * float(np.max(np.abs(samples)) or 1.0)]
    speech_rms = rms(active) if len(active) else rms(samples)
    bed = noise_bed(kind, len(samples) / rate, rate, seed)[: len(samples)]
    bed = bed / max(rms(bed), 1e-9)
    return (samples + bed * speech_rms * 10 ** (-float(snr_db) / 20)).astype(np.float32)


def measured_snr_db(speech: np.ndarray, mixed: np.ndarray) -> float:
    """The SNR actually in ``mixed`` (speech-active samples of ``speech`` against what was added)."""
    speech = np.asarray(speech, dtype=np.float64)
    noise = np.asarray(mixed, dtype=np.float64)[: len(speech)] - speech
    active = np.abs(speech) > 0.02 * float(np.max(np.abs(speech)) or 1.0)
    signal = float(np.sqrt(np.mean(speech[active] ** 2))) if active.any() else rms(speech)
    return 20 * float(np.log10(max(signal, 1e-12) / max(float(np.sqrt(np.mean(noise ** 2))), 1e-12)))


SPEED_OF_SOUND = 343.0


def reverberate(samples: np.ndarray, rate: int, distance: float, *, rt60: float = 0.3,
                critical_distance: float = 2.0, seed: int = 0) -> np.ndarray:
    """A talker ``distance`` metres from the microphone in a furnished room (the lab's rooms).

    A simple physical model rather than the clip renderer's stylised ``room``: the direct sound
    falls as 1/distance; eight early reflections come off walls, floor and furniture on paths
    0.5-4 m longer; the late reverberation has the same energy everywhere in the room, equal to
    the direct sound's at the *critical distance* (~1.2 m in a living room), decays over
    ``rt60`` seconds and loses its highs to soft furnishings.  Farther than the critical
    distance, more reverberation than voice reaches the device — the real reason far speech is
    hard.  The direct sound keeps its high frequencies (air absorbs almost none over a room).
    """
    samples = np.asarray(samples, dtype=np.float32)
    distance = float(min(max(distance, 0.3), 10.0))
    if len(samples) == 0:
        return samples.copy()
    rng = np.random.default_rng(seed)
    length = int(rate * min(1.5 * rt60, 1.0))
    ir = np.zeros(length, dtype=np.float64)
    ir[0] = 1.0 / distance
    for _ in range(8):
        path = distance + rng.uniform(0.5, 4.0)
        at = int(rate * (path - distance) / SPEED_OF_SOUND)
        if at < length:
            ir[at] += 0.6 / path * rng.choice((-1.0, 1.0))
    t = np.arange(length) / rate
    decay = np.exp(-6.9 * t / rt60)
    tail = rng.standard_normal(length) * decay
    tail[: int(0.005 * rate)] = 0.0
    tail = _lowpass_fft(tail.astype(np.float32), rate, 4000.0).astype(np.float64)
    energy = float(np.sum(tail**2)) or 1.0
    ir += tail * np.sqrt((1.0 / critical_distance**2) / energy)
    size = len(samples) + length - 1
    nfft = 1 << (size - 1).bit_length()
    wet = np.fft.irfft(np.fft.rfft(samples, nfft) * np.fft.rfft(ir, nfft), nfft)[: len(samples)]
    return (wet * distance).astype(np.float32)  # level as at 1 m: the SNR is set afterwards anyway
