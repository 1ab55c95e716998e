"""The lab's voice transforms (MLLR): the file format, the estimate, the shipped files, and which runs use them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from explainer.voice.adaptation import (
    ADAPTED_DIR,
    LOUD_ROOM,
    STREAMS,
    WIDTH,
    accumulate,
    accumulate_spread,
    map_path,
    read_transform,
    solve,
    transform_for,
    transform_path,
    write_transform,
)
from explainer.voice.adaptation_build import VOICES, features


def test_a_transform_survives_writing_and_reading(tmp_path):
    rng = np.random.default_rng(1)
    rows, scale = rng.normal(0, 1, (STREAMS, WIDTH, WIDTH + 1)), rng.uniform(0.5, 1.5, (STREAMS, WIDTH))
    write_transform(rows, tmp_path / "t.mllr", scale)
    read_rows, read_scale = read_transform(tmp_path / "t.mllr")
    assert np.allclose(read_rows, rows, atol=1e-5) and np.allclose(read_scale, scale, atol=1e-5)
    text = (tmp_path / "t.mllr").read_text().split("\n")
    assert text[:3] == ["1", "3", "13"]  # one class, three streams, each 13 wide: pocketsphinx's layout
    write_transform(rows, tmp_path / "means-only.mllr")
    assert np.all(read_transform(tmp_path / "means-only.mllr")[1] == 1.0)  # variances left as they are


def test_every_voice_the_lab_speaks_with_and_the_loud_room_have_a_shipped_transform_and_nothing_else_does():
    for voice in (*VOICES, LOUD_ROOM):
        path = transform_for(voice)
        assert path is not None and path.parent == ADAPTED_DIR
        rows, variance_scale = read_transform(path)
        scale = np.diagonal(rows[:, :, 1:], axis1=1, axis2=2)
        assert np.all((scale > 0.3) & (scale < 2.0))  # an adaptation, not a different model
        assert np.all(variance_scale == 1.0) if voice != LOUD_ROOM else np.all(
            (variance_scale > 0.3) & (variance_scale < 1.0))  # noisy speech still sharper than the population's
    assert transform_for("") is None and transform_for("en-us+whisper") is None
    assert sorted(ADAPTED_DIR.glob("*.mllr")) == sorted(transform_path(v) for v in (*VOICES, LOUD_ROOM))
    assert sorted(ADAPTED_DIR.glob("*.npz")) == sorted(map_path(v) for v in (*VOICES, LOUD_ROOM))


def test_an_adapted_model_is_the_model_moved_by_its_transform_and_map_offsets(tmp_path):
    from explainer.voice.adaptation import adapted_model, model_dir, move_means, read_gaussians

    files = adapted_model("en-us", tmp_path)
    assert files is not None and set(files) == {"mean"}  # a voice's transform leaves the variances alone
    assert adapted_model("en-us", tmp_path) == files  # made once, then found by its hash
    ours, model = read_gaussians(Path(files["mean"])), read_gaussians(model_dir() / "means")
    assert ours.shape == model.shape == (42, STREAMS, 128, WIDTH)
    moved = move_means(model, read_transform(transform_for("en-us"))[0])
    with np.load(map_path("en-us")) as shipped:
        where = tuple(shipped["where"].T)
        assert np.allclose(ours[where], moved[where] + shipped["offset"].astype(np.float32), atol=1e-4)
        untouched = np.ones(model.shape[:3], bool)
        untouched[where] = False
    assert np.allclose(ours[untouched], moved[untouched], atol=1e-4)  # the rest: the transform alone
    assert adapted_model("en-us+whisper", tmp_path) is None


def test_the_loud_rooms_model_has_its_variances_scaled_too(tmp_path):
    from explainer.voice.adaptation import adapted_model, model_dir, read_gaussians

    files = adapted_model(LOUD_ROOM, tmp_path)
    assert files is not None and set(files) == {"mean", "var"}
    scale = read_transform(transform_for(LOUD_ROOM))[1]
    expected = read_gaussians(model_dir() / "variances") * scale[None, :, None, :]
    assert np.allclose(read_gaussians(Path(files["var"])), expected, rtol=1e-5)


def test_map_moves_a_well_heard_gaussian_most_of_the_way_and_a_rare_one_little():
    from explainer.voice.adaptation_build import Statistics

    stats = Statistics.__new__(Statistics)
    rng = np.random.default_rng(5)
    stats.means = rng.normal(0, 50, (1, STREAMS, 128, WIDTH))
    stats.variances = np.ones((1, STREAMS, 128, WIDTH))
    target = stats.means[0, :, 7] + 0.5  # Gaussian 7 heard 180 times, 0.5 off in every dimension
    frames = np.hstack([np.tile(target[s], (180, 1)) for s in range(STREAMS)])
    stats.kept = [(frames, 0)]
    identity = np.concatenate([np.zeros((STREAMS, WIDTH, 1)), np.tile(np.eye(WIDTH), (STREAMS, 1, 1))], axis=2)
    where, offset = stats.map_offsets(identity, prior=20.0)
    assert where.tolist() == [[0, s, 7] for s in range(STREAMS)]  # only the Gaussian that was heard
    assert np.allclose(offset.astype(float), 0.5 * 180 / 200, atol=1e-2)  # n / (n + prior) of the way


def test_the_estimate_finds_the_shift_that_moved_the_voice():
    """Frames spoken 'around' the model's Gaussians moved by a known offset: the bias comes back."""
    rng = np.random.default_rng(2)
    means = rng.normal(0, 10, (STREAMS, 128, WIDTH))
    variances = np.ones((STREAMS, 128, WIDTH))
    shift = rng.normal(0, 0.3, WIDTH)
    chosen = rng.integers(0, 128, 4000)
    frames = np.hstack([means[s, chosen] + shift + rng.normal(0, 0.05, (4000, WIDTH)) for s in range(STREAMS)])
    gram = np.zeros((STREAMS, WIDTH, WIDTH + 1, WIDTH + 1))
    cross = np.zeros((STREAMS, WIDTH, WIDTH + 1))
    accumulate(frames, means, variances, gram, cross)
    rows = solve(gram, cross)
    assert np.allclose(rows[:, :, 0], shift, atol=0.05)  # the bias
    assert np.allclose(rows[:, :, 1:], np.eye(WIDTH), atol=0.02)  # and no rotation


def test_the_variance_scale_finds_how_spread_out_the_voice_is():
    """Frames scattered half as widely (in standard deviations) as the model's Gaussians: h = 0.25."""
    rng = np.random.default_rng(3)
    means = rng.normal(0, 10, (STREAMS, 128, WIDTH))
    variances = np.full((STREAMS, 128, WIDTH), 4.0)
    chosen = rng.integers(0, 128, 4000)
    frames = np.hstack([means[s, chosen] + rng.normal(0, 1.0, (4000, WIDTH)) for s in range(STREAMS)])
    identity = np.concatenate([np.zeros((STREAMS, WIDTH, 1)), np.tile(np.eye(WIDTH), (STREAMS, 1, 1))], axis=2)
    spread = np.zeros((STREAMS, WIDTH))
    weight = accumulate_spread(frames, means, variances, identity, spread)
    assert weight == 4000 and np.allclose(spread / weight, 0.25, atol=0.03)


def test_the_features_are_pocketsphinxs_deltas():
    ramp = np.outer(np.arange(20.0), np.ones(WIDTH))
    out = features(ramp)
    assert out.shape == (20, 3 * WIDTH)
    assert np.allclose(out[5:15, WIDTH:2 * WIDTH], 4.0)  # c[t+2] - c[t-2]
    assert np.allclose(out[5:15, 2 * WIDTH:], 0.0)  # a straight line has no acceleration
    assert np.allclose(out[:, :WIDTH].mean(axis=0), 0.0)  # the mean is taken off


def _voice_in_a_room(background: float) -> np.ndarray:
    """3 s: a second of background, a second of 'voice' over it, a second of background."""
    rng = np.random.default_rng(4)
    samples = rng.normal(0, background, 48000)
    samples[16000:32000] += np.sin(np.arange(16000) / 8.0) * 0.3
    return samples.astype(np.float32)


def test_the_voice_over_the_background_is_measured_from_the_sound():
    from explainer.voice.adaptation import voice_over_background_db

    assert voice_over_background_db(_voice_in_a_room(0.001)) > 40  # a quiet room
    assert 5 < voice_over_background_db(_voice_in_a_room(0.1)) < 17  # the voice barely above a loud room
    assert voice_over_background_db(np.zeros(100, dtype=np.float32)) == 0.0  # too short to tell


class _Engine:
    def __init__(self, name: str, log: list) -> None:
        self.name, self.log = name, log
        self.adapted_to = None if name == "plain" else transform_path(name)

    def spot(self, pcm, word, threshold, warp=1.0):
        self.log.append(("wake", self.name))
        return 0.9, 0.2, 0.8

    def check_wake(self, pcm, word, rivals, around, span, warp=1.0):
        return word, float("-inf")

    def decode(self, pcm, search="commands", nbest=0, warp=1.0):
        from explainer.voice.decoder import Decoded, Word

        self.log.append(("recognise", self.name))
        return Decoded("alexa play some music", (Word("play", 0.3, 0.6, 0.99), Word("some", 0.6, 0.9, 0.99),
                                                  Word("music", 0.9, 1.2, 0.99)), 0.9, -1000.0)


@pytest.mark.parametrize("typed", [True, False])
def test_typed_text_is_recognised_by_the_model_adapted_to_its_voice_and_a_recording_is_not(typed, tmp_path, monkeypatch):
    from explainer.voice.labinput import HeardAudio
    from explainer.voice.pipeline import LabSettings, Pipeline

    log: list = []
    heard = HeardAudio(_voice_in_a_room(background=0.001), "typed" if typed else "microphone", "",
                       "en-us+f3" if typed else "")
    pipeline = Pipeline(None, tmp_path, engine_for=lambda voice: _Engine(voice or "plain", log))  # type: ignore[arg-type, return-value]
    monkeypatch.setattr(pipeline, "_hear", lambda *args: heard)
    trace = pipeline.run(text="anything", settings=LabSettings(speak_reply=False))
    expected = "en-us+f3" if typed else "plain"
    assert ("recognise", expected) in log and ("recognise", "plain" if typed else "en-us+f3") not in log
    assert [entry for entry in log if entry[0] == "wake"] == [("wake", "plain")]  # the device's listener: as trained
    assert trace.stage("speech recognition").data["acoustic_model"] == (
        "adapted to the lab's voice en-us+f3" if typed else "as trained")


def test_a_damaged_transform_falls_back_to_the_model_as_trained(tmp_path, monkeypatch, caplog):
    from explainer.voice import adaptation, decoder

    broken = tmp_path / "damaged.mllr"  # a name no shipped transform has: the process's engines stay as they are
    broken.write_text("1\n3\n13\nnot numbers\n")
    monkeypatch.setattr(adaptation, "transform_for", lambda voice: broken if voice else None)
    monkeypatch.setattr(decoder, "_unusable", set())
    engine = decoder.shared_engine(None, tmp_path / "cache", "en-us")
    assert engine.adapted_to is None and engine is decoder.shared_engine(None, tmp_path / "cache")
    assert "could not be loaded" in caplog.text


def test_in_a_loud_room_typed_text_is_heard_by_the_loud_room_model_wake_word_and_all(tmp_path, monkeypatch):
    from explainer.voice.labinput import HeardAudio
    from explainer.voice.pipeline import LabSettings, Pipeline

    log: list = []
    heard = HeardAudio(_voice_in_a_room(background=0.1), "typed", "", "en-us")
    pipeline = Pipeline(None, tmp_path, engine_for=lambda voice: _Engine(voice or "plain", log))  # type: ignore[arg-type, return-value]
    monkeypatch.setattr(pipeline, "_hear", lambda *args: heard)
    trace = pipeline.run(text="anything", settings=LabSettings(speak_reply=False))
    assert log == [("wake", LOUD_ROOM), ("recognise", LOUD_ROOM)]
    said = trace.stage("speech recognition").data["acoustic_model"]
    assert said.startswith("adapted to a loud room (the voice is") and trace.stage("wake word").data[
        "acoustic_model"] == said
    assert "acoustic model adapted to a loud room" in trace.stage("wake word").output


def test_the_loud_room_decoder_leans_harder_on_the_commands_grammar(tmp_path):
    from explainer.voice.adaptation import LOUD_ROOM_LANGUAGE_WEIGHT
    from explainer.voice.decoder import shared_engine

    loud, plain = shared_engine(None, tmp_path, LOUD_ROOM), shared_engine(None, tmp_path)
    assert loud.adapted_to == transform_path(LOUD_ROOM) and loud.config["lw"] == LOUD_ROOM_LANGUAGE_WEIGHT
    assert loud.config["mllr"] is None and "/adapted/loud_room-" in str(loud.config["var"])  # its own variances
    assert plain.adapted_to is None and plain.config["lw"] == 6.5  # pocketsphinx's own


def test_a_voices_decoder_loads_its_own_means_and_falls_back_to_the_transform_if_they_cannot_be_made(
        tmp_path, monkeypatch):
    from explainer.voice import decoder

    voice = decoder.shared_engine(None, tmp_path, "en-gb")
    assert voice.adapted_to == transform_path("en-gb") and voice.config["mllr"] is None
    assert "/adapted/en_gb-" in str(voice.config["mean"])  # made in the cache folder of whoever loaded it first
    monkeypatch.setattr("explainer.voice.labcache.write_atomic", lambda *args: (_ for _ in ()).throw(
        PermissionError("read-only")))
    assert decoder._model_files("en-us+m3", tmp_path / "elsewhere") is None  # the transform alone, logged
