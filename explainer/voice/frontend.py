"""Voice normalisation before the wake word and the recogniser: how much to warp a high voice.

The acoustic model that ships with pocketsphinx was trained mostly on adult voices and does
badly on a high-pitched one: on the lab bench the espeak voice ``en-us+f3`` (median pitch
~210 Hz, the others ~105 Hz) missed 4 of 10 wake words.  Real recognisers handle this with
vocal-tract-length normalisation (VTLN): scaling the frequency axis so every speaker looks
like the "average" one.  pocketsphinx has that built in (``warp_type inverse_linear``); this
module only decides the factor: it estimates the voice's pitch (autocorrelation over voiced
frames) and, for a voice above ``TARGET_PITCH_HZ``, scales frequencies by
``TARGET_PITCH_HZ / pitch`` (never below ``MIN_WARP``).  The audio itself is not changed, so
every time in the trace is the input's own.

Measured on the lab's development sentences (``tests/data/lab_dev_commands.toml``, all four
bench voices, quiet room, 2026-12-05): ``en-us+f3`` (pitch 197-235 Hz) at fixed factors
0.6 / 0.65 / 0.7 / 0.75 / ~0.81 (the old rule, ``170 / pitch``) woke on 100 / 100 / 98 / 54 / 35 %
of the commands at the wake threshold 1e-38, and 0.65 acted rightly on 44 of 81 (the old
rule: 38 of 81 at 1e-40).  The other espeak women (f1, f4 ~177 Hz, f2 ~190 Hz) hardly care
(f1: 16 of 17 right at 1.0, 15 at 0.65; f2: 16-17 at every factor), so the factor follows the
pitch, ``140 / pitch``, never below ``MIN_WARP``: f3 gets ~0.6-0.7, f1 ~0.79.  Tuned on espeak
voices: treat the constants as measured for espeak, not as universal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TARGET_PITCH_HZ = 140.0  # a voice above this is warped by TARGET / pitch (adult male ~100-120 Hz; f3 ~210 Hz)
MIN_WARP = 0.65
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
class VoiceWarp:
    warp: float  # 1.0 = unchanged; 0.8 = every frequency x 0.8 for the acoustic model
    pitch_hz: float | None

    def describe(self) -> str:
        pitch = f"{self.pitch_hz:.0f} Hz" if self.pitch_hz else "no voiced speech found"
        if self.warp == 1.0:
            return f"voice pitch {pitch}: unchanged"
        return f"voice pitch {pitch}: frequencies x{self.warp:g} for the recogniser (pocketsphinx's warping)"


def voice_warp(samples: np.ndarray, rate: int = 16000, enabled: bool = True) -> VoiceWarp:
    """The warp for a voice pitched above ``TARGET_PITCH_HZ`` (at most ``MIN_WARP``); others 1.0."""
    pitch = median_pitch(samples, rate)
    if not enabled or pitch is None or pitch <= TARGET_PITCH_HZ:
        return VoiceWarp(1.0, pitch)
    return VoiceWarp(round(max(MIN_WARP, TARGET_PITCH_HZ / pitch), 3), pitch)
