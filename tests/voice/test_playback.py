"""Playback with no sound device: a clear reason, nothing on stderr, and a silent player whose
playhead still works (pause, resume, rewind 2 s, seek, 0.75x). Time is a fake clock: no sleeps."""

from __future__ import annotations

import numpy as np
import pytest

from explainer.voice import audio, playback, sound_check


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(playback.time, "monotonic", fake)
    return fake


@pytest.fixture
def no_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(playback, "_availability", None)
    monkeypatch.setattr(sound_check, "probe_miniaudio", lambda: "no output device: failed to init device")
    monkeypatch.setattr(sound_check, "command_player", lambda: None)


@pytest.fixture
def clip(tmp_path):
    return audio.write_wav(tmp_path / "clip.wav", np.zeros(16000 * 6, dtype=np.float32), 16000)


def test_real_probe_never_writes_to_stderr(capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(playback, "_availability", None)
    ok, reason = playback.sound_available()
    out, err = capfd.readouterr()
    assert err == "" and out == ""
    assert ok or "No sound device" in reason


def test_no_device_gives_a_reason(no_device: None) -> None:
    ok, reason = playback.sound_available()
    assert ok is False
    assert "No sound device found" in reason and "Captions" in reason


def test_sound_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(playback, "_availability", None)
    monkeypatch.setenv("EXPLAINER_AUDIO", "off")
    assert playback.sound_available() == (False, "Sound is switched off (EXPLAINER_AUDIO=off). Captions are shown instead.")


def test_quiet_stderr_silences_c_level_writes(capfd: pytest.CaptureFixture[str]) -> None:
    import os

    with playback.quiet_stderr():
        os.write(2, b"ALSA lib pcm.c: unable to open slave\n")
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n"


def test_silent_player_tracks_position(no_device: None, clock: FakeClock, clip) -> None:
    player = playback.Player()
    assert player.backend == "silent" and not player.audible and "No sound device" in player.reason
    player.play(clip)
    assert player.duration == pytest.approx(6.0) and player.playing
    clock.now += 3.0
    assert player.position() == pytest.approx(3.0)
    player.pause()
    clock.now += 10.0
    assert player.paused and player.position() == pytest.approx(3.0)
    player.resume()
    clock.now += 1.0
    assert player.position() == pytest.approx(4.0)
    player.rewind()
    assert player.position() == pytest.approx(2.0)
    player.seek(5.5)
    clock.now += 1.0
    assert player.position() == pytest.approx(6.0)
    assert not player.playing  # reached the end


def test_slow_speed_moves_the_playhead_slower(no_device: None, clock: FakeClock, clip) -> None:
    player = playback.Player()
    player.play(clip, speed=0.75)
    clock.now += 4.0
    assert player.position() == pytest.approx(3.0)
    player.set_speed(1.0)
    clock.now += 1.0
    assert player.position() == pytest.approx(4.0)


def test_toggle_replays_after_the_end(no_device: None, clock: FakeClock, clip) -> None:
    player = playback.Player()
    player.play(clip, start=5.0)
    clock.now += 2.0
    assert not player.playing and player.position() == pytest.approx(6.0)
    player.toggle()
    assert player.playing and player.position() == pytest.approx(0.0)
    player.stop()
    assert not player.playing and player.position() == 0.0


def test_disabled_player_is_silent_without_probing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(playback, "sound_available", lambda: pytest.fail("must not probe"))
    player = playback.Player(enabled=False)
    assert player.backend == "silent" and "off" in player.reason


def test_command_line_player_gets_a_file_from_the_position(
    monkeypatch: pytest.MonkeyPatch, clock: FakeClock, clip, tmp_path
) -> None:
    calls = []

    class FakeProcess:
        def __init__(self, args, **kwargs) -> None:
            calls.append(args)
            self.samples = len(audio.read_wav(args[-1])[0])

        def poll(self):
            return None

        def terminate(self) -> None:
            pass

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(playback, "_availability", None)
    monkeypatch.setattr(sound_check, "probe_miniaudio", lambda: "no output device")
    monkeypatch.setattr(sound_check, "command_player", lambda: ["/usr/bin/aplay", "-q"])
    monkeypatch.setattr(playback.subprocess, "Popen", FakeProcess)
    player = playback.Player()
    assert player.backend == "command" and player.audible
    player.play(clip, start=2.0)
    assert calls[-1][:2] == ["/usr/bin/aplay", "-q"]
    assert player._process.samples == 16000 * 4
    temp = player._temp
    player.stop()
    assert not temp.exists()
