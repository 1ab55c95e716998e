"""The confidence rule, the classroom word filter and the noise presets' stated levels."""

from __future__ import annotations

import numpy as np
import pytest

from explainer.voice import audio
from explainer.voice.decision import ACT_AT, GUESS_AT, decide
from explainer.voice.nlu import NluResult
from explainer.voice.rooms import ROOMS, room
from explainer.voice.wordfilter import MASK, filter_words, mask


def test_sure_and_complete_acts_unsure_asks_again():
    exact = NluResult("SetTimer", {"minutes": 10}, "set a timer for ten minutes")
    assert decide(0.9, exact).act
    assert not decide(ACT_AT / 2, exact).act
    assert "not sure" in decide(ACT_AT / 2, exact).reason
    assert not decide(0.99, None).act


def test_a_guess_needs_more_confidence_and_says_it_is_one():
    guess = NluResult("AddToList", {"item": "milk"}, "are milk to my list", closest="add milk to my list", distance=0.2)
    borderline = (ACT_AT + 0.01) / (1 - 0.2)
    assert decide(borderline, NluResult("AddToList", {}, "x")).act
    assert not decide(borderline, guess).act
    sure = decide(1.0, guess)
    assert sure.act == (0.8 >= GUESS_AT) and "guess" in sure.reason


def test_a_parse_made_of_open_slot_words_counts_less():
    open_heavy = NluResult("AddToList", {"item": "a b c d"}, "add a b c d", wildcard_share=0.8)
    assert decide(0.7, open_heavy).score < decide(0.7, NluResult("AddToList", {"item": "x"}, "add x")).score


def test_filtered_words_are_masked_completely(tmp_path):
    words = filter_words()
    assert words, "the shipped list is not empty"
    word = sorted(words)[0]
    masked, count = mask(f"that is {word} indeed", words)
    assert masked == f"that is {MASK} indeed" and count == 1
    assert word[0] not in MASK
    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / "word_filter.txt").write_text("# teacher's list\nbanana  # a comment\n\n", encoding="utf-8")
    assert filter_words(tmp_path) == frozenset({"banana"})
    assert filter_words(tmp_path / "missing") == frozenset()


def test_the_shipped_sound_alikes_do_not_trip_the_filter():
    from explainer.voice.lab_service import SOUND_ALIKES

    words = filter_words()
    for phrases in SOUND_ALIKES.values():
        for phrase in phrases:
            assert mask(phrase, words)[1] == 0, phrase


@pytest.mark.parametrize("name", [name for name, r in ROOMS.items() if r.snr_db is not None])
def test_each_preset_mixes_its_noise_at_the_stated_snr(name):
    preset = ROOMS[name]
    assert preset.noise in audio.NOISE_KINDS
    t = np.arange(32000) / 16000
    speech = (0.3 * np.sin(2 * np.pi * 200 * t) * (np.sin(2 * np.pi * 2 * t) > 0)).astype(np.float32)
    mixed = audio.add_noise_at_snr(speech, preset.noise, preset.snr_db, 16000, seed=1)
    assert abs(audio.measured_snr_db(speech, mixed) - preset.snr_db) < 0.5
    assert f"{preset.snr_db:g} dB" in preset.describe() and f"{preset.distance_m:g} m" in preset.describe()


def test_presets_are_realistic_by_default_and_loud_shows_failure():
    assert ROOMS["kitchen"].snr_db >= 10 and ROOMS["tv"].snr_db >= 10
    assert ROOMS["loud"].snr_db <= 0 and ROOMS["loud"].distance_m > ROOMS["tv"].distance_m
    assert room("tv", snr_db=5).snr_db == 5
    with pytest.raises(ValueError):
        room("jungle")


def test_reverberation_grows_with_distance():
    rng = np.random.default_rng(0)
    burst = np.zeros(16000, np.float32)
    burst[:800] = rng.standard_normal(800).astype(np.float32)
    near = audio.reverberate(burst, 16000, 1.0, seed=2)
    far = audio.reverberate(burst, 16000, 4.0, seed=2)
    tail = slice(4000, 16000)
    assert audio.rms(far[tail]) / audio.rms(far[:800]) > audio.rms(near[tail]) / audio.rms(near[:800])
