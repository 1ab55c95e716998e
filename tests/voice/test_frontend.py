"""The lab's voice normalisation and the slot-aware nearest-command fallback."""

from __future__ import annotations

import numpy as np

from explainer.voice.frontend import MIN_WARP, TARGET_PITCH_HZ, median_pitch, normalise_voice
from explainer.voice.nlu import understand


def _voiced(pitch_hz: float, seconds: float = 1.0, rate: int = 16000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    # a buzz with harmonics, like a vowel
    return (0.3 * sum(np.sin(2 * np.pi * pitch_hz * k * t) / k for k in range(1, 6))).astype(np.float32)


def test_pitch_is_estimated_for_low_and_high_voices():
    assert abs(median_pitch(_voiced(110)) - 110) < 5
    assert abs(median_pitch(_voiced(220)) - 220) < 10
    assert median_pitch(np.zeros(16000, np.float32)) is None


def test_a_low_voice_is_left_alone_and_a_high_one_lowered_with_times_mapped_back():
    low = normalise_voice(_voiced(110))
    assert low.warp == 1.0 and low.samples is not None and len(low.samples) == 16000
    high = normalise_voice(_voiced(240))
    assert high.warp == MIN_WARP  # 170/240 < 0.8: never lowered by more than MIN_WARP
    assert len(high.samples) == round(16000 / MIN_WARP)
    assert high.to_input_time(1.25) == 1.0
    slightly = normalise_voice(_voiced(180))
    assert abs(slightly.warp - TARGET_PITCH_HZ / slightly.pitch_hz) < 0.01
    assert normalise_voice(_voiced(240), enabled=False).warp == 1.0


def test_the_nearest_command_never_invents_a_slot():
    # "dog" is no genre: the nearest command with a genre would invent one
    result = understand("alexa play some dog")
    assert result is None or "genre" not in result.slots
    assert understand("alexa set a timer for to eight") is None or understand(
        "alexa set a timer for to eight"
    ).slots.get("minutes") != 58
    # a slip in a non-slot word still finds the command, slots intact
    near = understand("alexa are milk to my shopping list")
    assert near is not None and near.intent == "AddToList" and near.slots == {"item": "milk"}
    assert near.closest == "alexa add milk to my shopping list"
