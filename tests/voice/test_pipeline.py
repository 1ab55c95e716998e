"""The whole lab pipeline through its service, on real synthesised speech (espeak-ng via pyttsx3),
WAV files and an injected capture source; and the CLI.

The decoder loads once per test session (``warm_lab`` in conftest.py).
"""

from __future__ import annotations

import json
import wave

import numpy as np
import pytest

from explainer.voice.lab_service import LabRequest, LocalLab
from explainer.voice.labinput import LabInputError, check_typed
from explainer.voice.trace import STAGES
from tests.voice.conftest import needs_speech


def _quiet(request: LabRequest) -> LabRequest:
    from dataclasses import replace

    return replace(request, speak_reply=False)


def _write_wav(path, samples: np.ndarray, rate: int, channels: int = 1) -> None:
    data = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    if channels == 2:
        data = np.repeat(data, 2)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(data.tobytes())


@pytest.fixture(scope="module")
def spoken_timer(tmp_path_factory):
    """'alexa set a timer for ten minutes' spoken by espeak-ng, as a 22,050 Hz WAV."""
    import shutil
    import subprocess

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    path = tmp_path_factory.mktemp("wav") / "timer.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(path), "--",
                    "alexa set a timer for ten minutes"], check=True)
    return path


@needs_speech
def test_cli_trace_json_has_every_stage_and_the_timer(capsys, warm_lab):
    from explainer.cli import run

    assert run(["lab", "trace", "alexa set a timer for ten minutes", "--json", "--no-history"]) == 0
    trace = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in trace["stages"]] == list(STAGES)
    assert all(isinstance(s["ms"], float) and s["ms"] >= 0 for s in trace["stages"])
    assert trace["woke"] is True and trace["acted"] is True
    assert trace["intent"] == "SetTimer" and trace["slots"] == {"minutes": 10}
    assert "ten minutes" in trace["reply"]
    assert "input_samples" not in trace and "raw_transcript" not in trace  # audio stays in memory


def test_the_recognition_stage_shows_the_recognisers_own_words_and_clean_up_its_own_stage(lab, spoken_timer):
    trace = lab.run(_quiet(LabRequest(wav=spoken_timer)))
    recognition, cleanup = trace.stage("speech recognition"), trace.stage("clean-up")
    assert trace.transcript == trace.raw_transcript and trace.transcript.startswith("alexa")
    assert cleanup.input == repr(trace.transcript) and trace.parsed_text == trace.transcript.split(" ", 1)[1]
    assert "wake word" in cleanup.output
    assert recognition.data["model"] == "commands" and "general" not in recognition.data["tried"]  # no 2nd decode
    assert 0.0 < trace.confidence <= 1.0


def test_any_wav_is_resampled_and_stereo_mixed_down(lab, spoken_timer, tmp_path):
    from explainer.voice.audio import read_wav, resample

    samples, rate = read_wav(spoken_timer)
    stereo44 = tmp_path / "stereo44.wav"
    _write_wav(stereo44, resample(samples, rate, 44100), 44100, channels=2)
    first = lab.run(_quiet(LabRequest(wav=spoken_timer)))
    second = lab.run(_quiet(LabRequest(wav=stereo44)))
    assert first.woke and second.woke and second.source == "wav:stereo44.wav"
    assert second.intent == "SetTimer"


def test_bad_wav_files_are_one_clear_message(lab, tmp_path):
    with pytest.raises(LabInputError, match="not a readable WAV"):
        lab.run(LabRequest(wav=_text_file(tmp_path)))
    with pytest.raises(LabInputError, match="Could not open"):
        lab.run(LabRequest(wav=tmp_path / "missing.wav"))
    silent = tmp_path / "silent.wav"
    _write_wav(silent, np.zeros(16000, np.float32), 16000)
    with pytest.raises(LabInputError, match="silent"):
        lab.run(LabRequest(wav=silent))


def _text_file(tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("not audio", encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_same_audio_gives_the_same_trace_whatever_ran_before(lab, spoken_timer):
    """A list forwards, then backwards: every item's recognition is identical both times."""
    from explainer.voice.audio import read_wav

    samples, rate = read_wav(spoken_timer)
    items = [LabRequest(wav=spoken_timer, noise=noise) for noise in ("none", "kitchen", "tv", "loud")]
    items.append(LabRequest(recording=(samples[::-1].copy(), rate)))  # speech backwards: nonsense

    def outcome(request):
        trace = lab.run(_quiet(request))
        return (trace.woke, trace.raw_transcript, trace.confidence, trace.understood, trace.acted, trace.slots,
                [s.output for s in trace.stages if s.name in ("wake word", "endpointing", "speech recognition")])

    forwards = [outcome(r) for r in items]
    backwards = [outcome(r) for r in reversed(items)][::-1]
    assert forwards == backwards


def test_the_trace_states_the_rooms_noise_level_and_distance(lab, spoken_timer):
    trace = lab.run(_quiet(LabRequest(wav=spoken_timer, noise="kitchen")))
    assert "kitchen noise at 15 dB SNR" in trace.stage("speech in").output and "15 dB" in trace.room
    loud = lab.run(_quiet(LabRequest(wav=spoken_timer, noise="loud")))
    assert "0 dB SNR" in loud.room


class FileCapture:
    """A capture source that 'records' a WAV file: the door the microphone uses, in a test."""

    def __init__(self, path):
        self.path, self.calls = path, []

    def record(self, seconds, stop=None):
        from explainer.voice.audio import read_wav

        self.calls.append(seconds)
        return read_wav(self.path)


def test_a_recording_runs_in_memory_and_is_kept_only_when_asked(warm_lab, spoken_timer, tmp_path):
    from explainer.paths import data_paths

    capture = FileCapture(spoken_timer)
    lab = LocalLab(paths=data_paths(tmp_path / "me"), capture=capture)
    recording = lab.record(5.0)
    assert capture.calls == [5.0]
    trace = lab.run(_quiet(LabRequest(recording=recording, keep=False)))
    assert trace.source == "microphone" and trace.woke and trace.history_id is None
    assert not (tmp_path / "me").joinpath("voice-history.sqlite3").exists()  # nothing on disk
    number = lab.keep(trace)
    assert [e.id for e in lab.history().list()] == [number]
    lab.close()


def test_no_microphone_is_one_clear_sentence(monkeypatch):
    from explainer.voice.capture import CaptureUnavailable, MicrophoneCapture

    class NoDevice:
        def __init__(self, *args, **kwargs):
            raise RuntimeError(("failed to init device", -401))

    import miniaudio

    monkeypatch.setattr(miniaudio, "CaptureDevice", NoDevice)
    with pytest.raises(CaptureUnavailable) as error:
        MicrophoneCapture().record(1.0)
    assert "No microphone" in str(error.value) and "\n" not in str(error.value)
    assert "-401" not in str(error.value) and "(" not in str(error.value)  # the library's words go to the log


@needs_speech
def test_a_sound_alike_that_wakes_is_kept_but_not_acted_on(lab):
    trace = lab.run(_quiet(LabRequest(text="she drove a lexus to the election")))
    if trace.woke:
        assert not trace.acted and trace.history_id is not None  # a false wake is an upload like any other
        assert trace.stage("fulfilment").output.startswith("nothing done")


@needs_speech
def test_no_wake_means_nothing_uploaded(lab):
    trace = lab.run(_quiet(LabRequest(text="please pass the salt")))
    assert not trace.woke
    later = trace.stages[2:]
    assert later and all(s.skipped and s.output == "not uploaded" for s in later)
    assert trace.history_id is None and lab.history().list() == []


@needs_speech
def test_trace_is_kept_in_history_and_reported_stage_by_stage(lab):
    seen = []
    trace = lab.run(_quiet(LabRequest(text="alexa add milk to my shopping list")), on_stage=lambda r: seen.append(r.name))
    assert seen == list(STAGES)
    assert trace.intent == "AddToList" and trace.slots == {"item": "milk"}
    entry = lab.history().get(trace.history_id)
    assert entry.audio.startswith(b"RIFF") and entry.intent == "AddToList"
    assert {"pre-roll", "wake", "end"} <= set(trace.marks)
    assert trace.marks["wake"] - trace.marks["pre-roll"] == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize("text", ["", "    ", "🙂🙂 ###", "x" * 201])
def test_bad_typed_input_is_refused_with_a_message(text):
    with pytest.raises(LabInputError) as error:
        check_typed(text)
    assert str(error.value)


def test_unspeakable_characters_are_dropped_with_a_notice():
    sentence, notices = check_typed("alexa [bold]call[/bold] mom 🙂")
    assert "🙂" not in sentence and notices


def test_unknown_wake_word_noise_and_bad_threshold(lab):
    with pytest.raises(ValueError):
        lab.run(LabRequest(text="hello", wake_word="siri"))
    with pytest.raises(ValueError):
        lab.run(LabRequest(text="hello", threshold=2.0))
    with pytest.raises(ValueError):
        lab.run(LabRequest(text="hello", noise="jungle"))


def test_cli_refuses_empty_text_and_two_sources(capsys):
    from explainer.cli import run

    assert run(["lab", "trace", ""]) == 2
    assert "sentence" in capsys.readouterr().err
    assert run(["lab", "trace", "alexa stop", "--clip", "x"]) == 2


def test_cli_traces_a_wav_file(capsys, warm_lab, spoken_timer):
    from explainer.cli import run

    assert run(["lab", "trace", "--wav", str(spoken_timer), "--json", "--no-history"]) == 0
    trace = json.loads(capsys.readouterr().out)
    assert trace["source"] == "wav:timer.wav" and trace["intent"] == "SetTimer"


def test_no_speech_engine_refuses_typed_text_but_clips_still_run(monkeypatch, lab):
    from explainer.voice import speech
    from explainer.voice.labinput import list_clips

    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (False, "espeak-ng is missing."))
    with pytest.raises(LabInputError) as error:
        lab.run(LabRequest(text="alexa what time is it"))
    assert "speech engine" in str(error.value) and "clip" in str(error.value)
    clip = next(c["id"] for c in list_clips() if c.get("kind") == "command")
    trace = lab.run(LabRequest(clip_id=clip))
    assert [s.name for s in trace.stages][:2] == ["speech in", "wake word"]
    if trace.woke:
        assert "text only" in trace.stage("reply").data.get("audio", "")
