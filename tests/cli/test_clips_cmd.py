"""``explainer clips list`` and ``explainer clips render`` as a teacher would type them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer.cli import run
from explainer.voice import audio, speech

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


@pytest.fixture(autouse=True)
def _fresh_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "_availability", None)


def test_list_shows_every_clip(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["clips", "list"]) == 0
    out = capsys.readouterr().out
    assert "ph-05-fallen" in out and "distress" in out and "shipped" in out


@needs_espeak
def test_render_one_clip_into_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["clips", "render", "--out", str(tmp_path), "--only", "ol-01-timer"]) == 0
    samples, rate = audio.read_wav(tmp_path / "ol-01-timer.wav")
    assert rate == 16000 and 3.0 <= len(samples) / rate <= 10.0 and audio.rms(samples) > 0.03
    assert [p.name for p in tmp_path.iterdir()] == ["ol-01-timer.wav"]
    assert "Rendered 1 of 1 clips" in capsys.readouterr().out


@needs_espeak
def test_render_into_the_cache_then_reuse_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["clips", "render", "--only", "ph-04-time"]) == 0
    assert run(["clips", "render", "--only", "ph-04-time"]) == 0
    assert "1 from the cache" in capsys.readouterr().out
    assert run(["clips", "list"]) == 0
    assert "cached" in capsys.readouterr().out


def test_unknown_clip_id_is_a_bad_invocation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["clips", "render", "--out", str(tmp_path), "--only", "no-such-clip"]) == 2
    assert "Unknown clip id: no-such-clip" in capsys.readouterr().out


def test_render_without_an_engine_says_why(tmp_path: Path, monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EXPLAINER_TTS_MODULE", "no_such_tts_engine_module")
    assert run(["clips", "render", "--out", str(tmp_path), "--only", "ol-01-timer"]) == 1
    out = capsys.readouterr().out
    assert "Cannot render: No speech engine" in out and "shipped clips still work" in out
    assert not list(tmp_path.iterdir())


def test_broken_clip_file_is_reported_as_path_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    (content / "clips").mkdir(parents=True)
    (content / "clips" / "households.toml").write_text("[[households]\nid = 'x'\n", encoding="utf-8")
    assert run(["--content", str(content), "clips", "list"]) == 1
    out = capsys.readouterr().out
    assert "clips/households.toml:1" in out and "Traceback" not in out


def test_unwritable_output_folder_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert run(["clips", "render", "--out", str(blocker / "audio"), "--only", "ol-01-timer"]) == 1
    out = capsys.readouterr().out
    assert "Cannot write to" in out and "Traceback" not in out
