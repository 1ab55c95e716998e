"""The speech engine runs in a child process: real synthesis when espeak-ng is here, and a clear
SpeechUnavailable -- never a crash of the test process -- when the engine is missing or dies."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from explainer.voice import speech

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


@pytest.fixture(autouse=True)
def _fresh_probe(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(speech, "_availability", None)
    yield


def _frames(path: Path) -> tuple[int, int, int, int]:
    with wave.open(str(path), "rb") as handle:
        return handle.getnframes(), handle.getframerate(), handle.getnchannels(), handle.getsampwidth()


@needs_espeak
def test_real_synthesis_writes_mono_16bit_wav(tmp_path: Path) -> None:
    assert speech.speech_available() == (True, "")
    out = speech.synthesize("Alexa, set a timer for ten minutes.", tmp_path / "a.wav", voice="en-gb", rate=160)
    frames, rate, channels, width = _frames(out)
    assert (rate, channels, width) == (22050, 1, 2)
    assert 1.0 < frames / rate < 6.0


@needs_espeak
def test_same_request_gives_identical_audio(tmp_path: Path) -> None:
    # A fresh engine per request and the kept last chunk make output deterministic.
    a = speech.synthesize("Help. I've fallen. I can't get up.", tmp_path / "a.wav", voice="en-gb+m7", rate=130)
    b = speech.synthesize("Help. I've fallen. I can't get up.", tmp_path / "b.wav", voice="en-gb+m7", rate=130)
    assert a.read_bytes() == b.read_bytes()


@needs_espeak
def test_unknown_voice_falls_back_and_says_so(tmp_path: Path) -> None:
    result = speech.synthesize_detailed("Hello there.", tmp_path / "v.wav", voice="klingon-xx")
    assert result.frames > 0
    assert "klingon-xx" in result.notice and "default" in result.notice


@needs_espeak
def test_control_characters_and_huge_text_are_cleaned(tmp_path: Path) -> None:
    text = "Alexa\x00, what\x07 is\x1b[31m the time?" + " blah" * 5000
    cleaned = speech.clean_text(text)
    assert "\x00" not in cleaned and "\x1b" not in cleaned and len(cleaned) <= speech.MAX_CHARS
    out = speech.synthesize(text[:60], tmp_path / "c.wav")
    assert _frames(out)[0] > 0


def test_empty_text_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(speech.SpeechError, match="Nothing to say"):
        speech.synthesize("\x00\x01  \n", tmp_path / "e.wav")


def test_missing_engine_module_is_unavailable_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLAINER_TTS_MODULE", "no_such_tts_engine_module")
    ok, reason = speech.speech_available()
    assert ok is False and "No speech engine" in reason
    with pytest.raises(speech.SpeechUnavailable, match="No speech engine"):
        speech.synthesize("hello", tmp_path / "x.wav")
    assert not (tmp_path / "x.wav").exists()


def test_engine_that_exits_inside_init_becomes_speech_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # espeak calls exit(1) inside init() when its data folder is missing (audio.md, fault 7).
    fake = tmp_path / "mods"
    fake.mkdir()
    (fake / "exiting_tts.py").write_text("import os\n\ndef init():\n    os._exit(1)\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(fake))
    monkeypatch.setenv("EXPLAINER_TTS_MODULE", "exiting_tts")
    ok, reason = speech.speech_available()
    assert ok is False
    assert "stopped unexpectedly (exit code 1)" in reason and "espeak-ng" in reason


def test_engine_raising_runtime_error_names_the_package_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "mods"
    fake.mkdir()
    (fake / "nolib_tts.py").write_text(
        "def init():\n    raise RuntimeError('libespeak-ng.so.1: cannot open shared object file')\n", encoding="utf-8"
    )
    monkeypatch.setenv("PYTHONPATH", str(fake))
    monkeypatch.setenv("EXPLAINER_TTS_MODULE", "nolib_tts")
    ok, reason = speech.speech_available()
    assert ok is False and "sudo apt install espeak-ng" in reason


def test_probe_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLAINER_TTS_MODULE", "no_such_tts_engine_module")
    first = speech.speech_available()
    monkeypatch.setattr(speech, "_Child", None)  # a second probe would fail loudly
    assert speech.speech_available() == first


HANGING_ENGINE = '''
import time


class Engine:
    def getProperty(self, name):
        return [] if name == "voices" else "default"

    def setProperty(self, name, value):
        pass

    def save_to_file(self, text, path):
        pass

    def runAndWait(self):
        time.sleep(3600)  # audio.md fault 3: the engine loops forever


def init():
    return Engine()
'''


def test_a_hanging_engine_times_out_with_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "mods"
    fake.mkdir()
    (fake / "hanging_tts.py").write_text(HANGING_ENGINE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(fake))
    monkeypatch.setenv("EXPLAINER_TTS_MODULE", "hanging_tts")
    monkeypatch.setattr(speech, "START_TIMEOUT", 3.0)
    assert speech.speech_available() == (True, "")
    with pytest.raises(speech.SpeechError, match="did not answer"):
        speech.synthesize("hello", tmp_path / "h.wav", timeout=0.5)
    assert not list(tmp_path.glob("*.wav")) and not list(tmp_path.glob(".*part*"))
    assert speech._running is None  # the child was stopped, not left behind
