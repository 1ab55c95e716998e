"""The whole lab pipeline on real synthesised speech (espeak-ng via pyttsx3) and the CLI.

The decoder loads once per test session (module-level cache in explainer.voice.decoder).
"""

from __future__ import annotations

import json
import shutil

import pytest

from explainer.voice.labinput import LabInputError, check_typed
from explainer.voice.pipeline import STAGES, LabSettings, Pipeline

needs_speech = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


@pytest.fixture(scope="session")
def warm_engine():
    from explainer.voice.decoder import engine

    return engine()


@pytest.fixture
def pipeline(tmp_path, warm_engine):
    from explainer.voice.history import VoiceHistory

    history = VoiceHistory(tmp_path / "history.sqlite3")
    yield Pipeline(tmp_path / "work", history=history)
    history.close()


@needs_speech
def test_cli_trace_json_has_every_stage_and_the_timer(capsys, warm_engine):
    from explainer.cli import run

    assert run(["lab", "trace", "alexa set a timer for ten minutes", "--json"]) == 0
    trace = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in trace["stages"]] == list(STAGES)
    assert all(isinstance(s["ms"], float) and s["ms"] >= 0 for s in trace["stages"])
    assert trace["woke"] is True
    assert trace["intent"] == "SetTimer"
    assert trace["slots"] == {"minutes": 10}
    assert "ten minutes" in trace["reply"]


@needs_speech
def test_a_sound_alike_wakes_at_the_default_threshold(pipeline):
    trace = pipeline.run("she drove a lexus to the election", settings=LabSettings(speak_reply=False))
    assert trace.woke, "the false wake is the lesson: it should fire at the default threshold"
    assert trace.history_id is not None  # a false wake is an upload like any other


@needs_speech
def test_no_wake_means_nothing_uploaded(pipeline):
    trace = pipeline.run("please pass the salt", settings=LabSettings(speak_reply=False))
    assert not trace.woke
    later = trace.stages[2:]
    assert later and all(s.skipped and s.output == "not uploaded" for s in later)
    assert trace.history_id is None and pipeline.history.list() == []


@needs_speech
def test_trace_is_kept_in_history_and_reported_stage_by_stage(pipeline):
    seen = []
    trace = pipeline.run("alexa add milk to my shopping list", settings=LabSettings(speak_reply=False),
                         on_stage=lambda record: seen.append(record.name))
    assert seen == list(STAGES)
    assert trace.intent == "AddToList" and trace.slots == {"item": "milk"}
    entry = pipeline.history.get(trace.history_id)
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


def test_unknown_wake_word_and_bad_threshold(tmp_path):
    p = Pipeline(tmp_path, history=None)
    with pytest.raises(ValueError):
        p.run("hello", settings=LabSettings(wake_word="siri"))
    with pytest.raises(ValueError):
        p.run("hello", settings=LabSettings(threshold=2.0))


def test_cli_refuses_empty_text(capsys):
    from explainer.cli import run

    assert run(["lab", "trace", ""]) == 2
    assert "sentence" in capsys.readouterr().err


def test_no_speech_engine_refuses_typed_text_but_clips_still_run(monkeypatch, pipeline):
    from explainer.voice import speech
    from explainer.voice.labinput import list_clips

    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (False, "espeak-ng is missing."))
    with pytest.raises(LabInputError) as error:
        pipeline.run("alexa what time is it", settings=LabSettings(speak_reply=False))
    assert "speech engine" in str(error.value) and "clip" in str(error.value)
    clip = next(c["id"] for c in list_clips() if c.get("kind") == "command")
    trace = pipeline.run(clip_id=clip, settings=LabSettings())
    assert [s.name for s in trace.stages][:2] == ["speech in", "wake word"]
    if trace.woke:
        assert "text only" in trace.stage("reply").data.get("audio", "")
