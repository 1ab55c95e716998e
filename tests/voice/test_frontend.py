"""The lab's voice normalisation: how much pocketsphinx's frequency warping lowers a high voice."""

from __future__ import annotations

import numpy as np

from explainer.voice.frontend import MIN_WARP, TARGET_PITCH_HZ, median_pitch, voice_warp


def _voiced(pitch_hz: float, seconds: float = 1.0, rate: int = 16000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    # a buzz with harmonics, like a vowel
    return (0.3 * sum(np.sin(2 * np.pi * pitch_hz * k * t) / k for k in range(1, 6))).astype(np.float32)


def test_pitch_is_estimated_for_low_and_high_voices():
    assert abs(median_pitch(_voiced(110)) - 110) < 5
    assert abs(median_pitch(_voiced(220)) - 220) < 10
    assert median_pitch(np.zeros(16000, np.float32)) is None


def test_a_low_voice_is_left_alone_and_a_high_one_warped_by_its_pitch():
    assert voice_warp(_voiced(110)).warp == 1.0
    assert voice_warp(_voiced(240)).warp == MIN_WARP  # 140/240 < 0.65: never lowered by more than MIN_WARP
    slightly = voice_warp(_voiced(180))
    assert abs(slightly.warp - TARGET_PITCH_HZ / slightly.pitch_hz) < 0.01
    assert voice_warp(_voiced(240), enabled=False).warp == 1.0
    assert "pocketsphinx" in voice_warp(_voiced(240)).describe()


def test_the_warp_is_pocketsphinx_own(warm_lab):
    engine = warm_lab.engine()
    assert engine.config["warp_type"] == "inverse_linear"
    engine.decode(np.zeros(8000, np.int16) + 1, warp=0.8)
    assert float(engine.config["warp_params"]) == 1.25  # frequencies divided by 1.25 = x 0.8
