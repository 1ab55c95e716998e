"""Audio maths: WAV round trips, resampling, mixing offsets, noise beds, room, normalising, envelope."""

from __future__ import annotations

import numpy as np
import pytest

from explainer.voice import audio

RATE = 16000


def tone(seconds: float, freq: float = 440.0, rate: int = RATE, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_wav_round_trip_is_16_bit_mono(tmp_path) -> None:
    samples = tone(0.5)
    path = audio.write_wav(tmp_path / "t.wav", samples, RATE)
    back, rate = audio.read_wav(path)
    assert rate == RATE and len(back) == len(samples)
    assert np.max(np.abs(back - samples)) < 1 / 16000
    assert not list(tmp_path.glob(".*tmp"))  # atomic write leaves no temp file


def test_write_clips_out_of_range_samples(tmp_path) -> None:
    back, _ = audio.read_wav(audio.write_wav(tmp_path / "c.wav", np.array([2.0, -3.0, 0.0]), RATE))
    assert back.max() <= 1.0 and back.min() >= -1.0


def test_resample_changes_length_and_keeps_the_tone() -> None:
    samples = tone(1.0, 300.0, rate=22050)
    out = audio.resample(samples, 22050, 16000)
    assert len(out) == 16000
    spectrum = np.abs(np.fft.rfft(out))
    assert abs(np.argmax(spectrum) * 16000 / len(out) - 300.0) < 2.0


def test_resample_removes_what_the_new_rate_cannot_hold() -> None:
    high = tone(1.0, 10000.0, rate=22050)  # above 8 kHz: would alias at 16 kHz
    assert audio.rms(audio.resample(high, 22050, 16000)) < 0.05 * audio.rms(high)


def test_mix_puts_energy_at_the_offsets() -> None:
    a, b = tone(0.5, 300.0), tone(0.5, 600.0)
    mixed = audio.mix([(a, 0.0), (b, 1.5)], RATE)
    assert len(mixed) == int(2.0 * RATE)
    quiet = mixed[int(0.6 * RATE) : int(1.4 * RATE)]
    assert audio.rms(quiet) == 0.0
    assert audio.rms(mixed[: int(0.5 * RATE)]) > 0.3
    assert audio.rms(mixed[int(1.5 * RATE) :]) > 0.3


def test_mix_overlapping_tracks_add_up() -> None:
    a = np.full(RATE, 0.25, dtype=np.float32)
    mixed = audio.mix([(a, 0.0), (a, 0.5)], RATE)
    assert mixed[int(0.75 * RATE)] == pytest.approx(0.5)
    assert len(mixed) == int(1.5 * RATE)


def test_normalise_sets_peak_to_minus_one_dbfs() -> None:
    out = audio.normalise(tone(0.2, amp=0.1))
    assert np.max(np.abs(out)) == pytest.approx(10 ** (-1 / 20), rel=1e-4)
    assert np.all(audio.normalise(np.zeros(100, dtype=np.float32)) == 0)


def test_envelope_has_one_value_per_column_and_finds_the_loud_part() -> None:
    samples = np.concatenate([np.zeros(RATE, dtype=np.float32), tone(1.0)])
    env = audio.envelope(samples, 60)
    assert len(env) == 60 and max(env) == 1.0
    assert max(env[:29]) == 0.0 and min(env[31:]) > 0.5
    assert audio.envelope(np.zeros(0, dtype=np.float32), 5) == [0.0] * 5
    assert audio.envelope(samples, 0) == []


@pytest.mark.parametrize("kind", ["tv", "music", "kitchen"])
def test_noise_beds_are_deterministic_and_normalised(kind: str) -> None:
    a = audio.noise_bed(kind, 2.0, RATE, seed=5)
    b = audio.noise_bed(kind, 2.0, RATE, seed=5)
    c = audio.noise_bed(kind, 2.0, RATE, seed=6)
    assert len(a) == 2 * RATE and np.array_equal(a, b) and not np.array_equal(a, c)
    assert audio.rms(a) == pytest.approx(1.0, rel=1e-3)


def test_unknown_noise_kind_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown background noise"):
        audio.noise_bed("jungle", 1.0, RATE)


def test_background_level_scales_with_the_speech() -> None:
    speech = tone(2.0, amp=0.4)
    quiet = audio.add_background(speech, "tv", 0.1, RATE, seed=1) - speech
    loud = audio.add_background(speech, "tv", 0.8, RATE, seed=1) - speech
    assert audio.rms(loud) == pytest.approx(8 * audio.rms(quiet), rel=0.01)
    assert np.array_equal(audio.add_background(speech, "none", 0.5, RATE), speech)


def test_room_grows_reverberant_with_distance() -> None:
    click = np.zeros(RATE, dtype=np.float32)
    click[100] = 1.0
    near, far = audio.room(click, RATE, 0.5, seed=3), audio.room(click, RATE, 6.0, seed=3)

    def tail_ratio(x: np.ndarray) -> float:
        direct = float(np.sum(x[95:110] ** 2))
        return float(np.sum(x[100 + int(0.05 * RATE) :] ** 2)) / max(direct, 1e-12)

    assert tail_ratio(far) > 5 * tail_ratio(near)
    assert np.array_equal(near, audio.room(click, RATE, 0.5, seed=3))
    assert len(near) == len(click)


@pytest.mark.parametrize("content", [b"", b"RIFF\x00\x00", b"not a wav at all, just text"])
def test_broken_wav_is_a_value_error(tmp_path, content: bytes) -> None:
    path = tmp_path / "broken.wav"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="broken.wav"):
        audio.read_wav(path)


def test_stereo_is_mixed_down(tmp_path) -> None:
    import wave

    path = tmp_path / "stereo.wav"
    frames = np.array([[16384, -16384], [8192, 8192]], dtype="<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(2)
        handle.setsampwidth(2)
        handle.setframerate(8000)
        handle.writeframes(frames.tobytes())
    samples, rate = audio.read_wav(path)
    assert rate == 8000 and samples.tolist() == pytest.approx([0.0, 0.25])


def test_comment_chunk_round_trip(tmp_path) -> None:
    samples = tone(0.25)
    path = audio.write_wav(tmp_path / "c.wav", samples, RATE, comment="explainer clip x recipe abc")
    assert audio.wav_comment(path) == "explainer clip x recipe abc"
    back, rate = audio.read_wav(path)
    assert rate == RATE and len(back) == len(samples)
    assert audio.wav_comment(audio.write_wav(tmp_path / "plain.wav", samples, RATE)) == ""
    (tmp_path / "junk.wav").write_bytes(b"RIFF")
    assert audio.wav_comment(tmp_path / "junk.wav") == ""
