"""Voice normalisation before the wake word and the recogniser: high voices are lowered.

The acoustic model that ships with pocketsphinx was trained mostly on adult voices and does
badly on a high-pitched one: on the lab bench the espeak voice ``en-us+f3`` (median pitch
~210 Hz, the others ~105 Hz) missed 4 of 10 wake words and 2 of the 6 it woke on came out as
nonsense.  Real recognisers handle this with vocal-tract-length normalisation (VTLN):
scaling the frequency axis so every speaker looks like the "average" one.  This module does
the simplest version of that: it estimates the voice's pitch (autocorrelation over voiced
frames) and, for a voice above ``TARGET_PITCH_HZ``, scales every frequency by
``TARGET_PITCH_HZ / pitch`` (never below ``MIN_WARP``) — pitch and formants together — by
resampling.  The audio gets longer by the same factor, so the pipeline converts times back
with ``Normalised.to_input_time``.

Measured on the bench's high voice (en-us+f3, 10 commands): warp 0.95 -> 10/10 woke, 8 right;
0.9 -> 9, 7; 0.8 -> 10, 10; 0.75 -> 1, 0.  A FIXED 0.8 for every voice above 165 Hz broke the
other espeak female voices (f1, f2, f4, ~175 Hz: 7/7 woke -> 1/7), so the warp is scaled to
the pitch: those voices get ~0.97 and stay as good as before (docs/lab-bench.md).  Tuned on
one voice: treat the constants as measured for espeak, not as universal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.voice.audio import resample

TARGET_PITCH_HZ = 170.0  # a voice above this is lowered to it (adult male ~100-120 Hz; f3 ~210 Hz)
MIN_WARP = 0.8  # never lower by more than this: 0.75 already broke the recogniser
_FRAME = 640  # 40 ms at 16 kHz
_MIN_HZ, _MAX_HZ = 70, 400


def median_pitch(samples: np.ndarray, rate: int = 16000) -> float | None:
    """Median pitch of the voiced frames in Hz, or None when nothing voiced is found."""
    found = []
    low, high = rate // _MAX_HZ, rate // _MIN_HZ
    # at most ~200 frames spread over the audio: cheap even for a long clip
    step = max(_FRAME, (len(samples) - _FRAME) // 200 or _FRAME)
    for start in range(0, len(samples) - _FRAME, step):
        frame = samples[start:start + _FRAME].astype(np.float64)
        frame = frame - frame.mean()
        energy = float(np.dot(frame, frame))
        if energy < _FRAME * 0.02**2:  # quieter than ~-34 dBFS: not voiced speech
            continue
        spectrum = np.fft.rfft(frame, 2 * _FRAME)
        corr = np.fft.irfft(spectrum * np.conj(spectrum))[:_FRAME]
        lag = low + int(np.argmax(corr[low:high]))
        if corr[lag] > 0.3 * corr[0]:
            found.append(rate / lag)
    return float(np.median(found)) if found else None


@dataclass(frozen=True)
class Normalised:
    samples: np.ndarray  # what the wake word and the recogniser hear
    warp: float  # 1.0 = unchanged; 0.8 = every frequency x 0.8, audio 1.25x as long
    pitch_hz: float | None

    def to_input_time(self, seconds: float | None) -> float | None:
        """A time in the normalised audio -> the same moment in the input audio."""
        return None if seconds is None else round(seconds * self.warp, 3)

    def describe(self) -> str:
        pitch = f"{self.pitch_hz:.0f} Hz" if self.pitch_hz else "no voiced speech found"
        if self.warp == 1.0:
            return f"voice pitch {pitch}: unchanged"
        return f"voice pitch {pitch}: high voice lowered x{self.warp:g} for the recogniser"


def normalise_voice(samples: np.ndarray, rate: int = 16000, enabled: bool = True) -> Normalised:
    """Lower a voice pitched above ``TARGET_PITCH_HZ`` to it (at most by ``MIN_WARP``); others unchanged."""
    pitch = median_pitch(samples, rate)
    if not enabled or pitch is None or pitch <= TARGET_PITCH_HZ:
        return Normalised(samples, 1.0, pitch)
    warp = round(max(MIN_WARP, TARGET_PITCH_HZ / pitch), 3)
    warped = resample(samples, rate, int(round(rate / warp))).astype(np.float32)
    return Normalised(warped, warp, pitch)
