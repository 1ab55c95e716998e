"""Play a clip on whatever this machine has -- or say clearly that it has nothing.

Classrooms run the app on laptops, servers without sound cards, browsers through
textual-serve. The chain (measured, see shared/design/audio.md):

1. miniaudio with real backends only (never "Null"); how that is checked quietly is in
   ``sound_check``. Around real device calls fd 2 points at /dev/null (ALSA chatter).
2. a command-line player (pw-play, paplay, aplay, afplay) in a subprocess, if its sound
   server or card is actually there.
3. silent mode: the playhead still moves over the waveform and captions, and ``reason`` says
   why there is no sound.

Slow playback (0.75x) stretches the samples by resampling (pitch drops, like a tape machine,
which is what transcription pedals did). Positions are always in seconds of the clip.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Generator
from pathlib import Path

import numpy as np

from explainer.i18n import _
from explainer.voice import sound_check
from explainer.voice.audio import read_wav, resample, write_wav
from explainer.voice.sound_check import quiet_stderr

REWIND_SECONDS = 2.0
__all__ = ["REWIND_SECONDS", "Player", "quiet_stderr", "sound_available"]
_availability: tuple[bool, str] | None = None


def sound_available(refresh: bool = False) -> tuple[bool, str]:
    """(True, "how sound will play") or (False, "why there is no sound"). Cached; never writes to stderr."""
    global _availability
    if _availability is not None and not refresh:
        return _availability
    if os.environ.get("EXPLAINER_AUDIO", "").lower() in ("off", "0", "no", "none"):
        _availability = (False, _("Sound is switched off (EXPLAINER_AUDIO=off). Captions are shown instead."))
        return _availability
    problem = sound_check.probe_miniaudio()
    if not problem:
        _availability = (True, "miniaudio")
    elif command := sound_check.command_player():
        _availability = (True, Path(command[0]).name)
    else:
        _availability = (False, _("No sound device found ({problem}). Captions are shown instead.").format(problem=problem))
    return _availability


class _Clock:
    """Position in clip seconds for players we cannot ask (command-line, silent)."""

    def __init__(self) -> None:
        self.base = 0.0
        self.started: float | None = None
        self.speed = 1.0

    def start(self, at: float, speed: float) -> None:
        self.base, self.speed, self.started = at, speed, time.monotonic()

    def hold(self) -> float:
        self.base, self.started = self.now(), None
        return self.base

    def now(self) -> float:
        if self.started is None:
            return self.base
        return self.base + (time.monotonic() - self.started) * self.speed


def _remove_when_done(process: subprocess.Popen, temp: Path) -> None:
    with contextlib.suppress(Exception):
        process.wait()
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


class Player:
    """Plays one clip at a time. ``backend`` is "miniaudio", a command name, or "silent" (see ``reason``)."""

    def __init__(self, *, enabled: bool = True) -> None:
        ok, why = sound_available() if enabled else (False, _("Sound is off for this session. Captions are shown instead."))
        self.backend = ("miniaudio" if why == "miniaudio" else "command") if ok else "silent"
        self.reason = "" if ok else why
        self._command = sound_check.command_player() if self.backend == "command" else None
        self._lock = threading.RLock()
        self._samples = np.zeros(0, dtype=np.float32)
        self._rate = 22050
        self._speed = 1.0
        self._clock = _Clock()
        self._paused = False
        self._playing = False
        self._device = None
        self._process: subprocess.Popen | None = None
        self._temp: Path | None = None
        self._frame = 0  # miniaudio: next frame of the (stretched) buffer
        self._stretched = np.zeros(0, dtype=np.int16)

    # ------------------------------------------------------------ state

    @property
    def audible(self) -> bool:
        return self.backend != "silent"

    @property
    def duration(self) -> float:
        return len(self._samples) / self._rate if self._rate else 0.0

    @property
    def playing(self) -> bool:
        with self._lock:
            if self._playing and not self._paused and self.position() >= self.duration:
                self._finish()
            return self._playing and not self._paused

    @property
    def paused(self) -> bool:
        return self._playing and self._paused

    def position(self) -> float:
        """Seconds into the clip (at clip speed, whatever the playback speed)."""
        with self._lock:
            if self.backend == "miniaudio" and self._playing:
                pos = self._frame / self._rate * self._speed
            else:
                pos = self._clock.now()
            return float(min(max(pos, 0.0), self.duration))

    # ------------------------------------------------------------ controls

    def load(self, path: Path | str) -> float:
        """Read a WAV and return its duration; stops whatever was playing."""
        samples, rate = read_wav(path)
        with self._lock:
            self.stop()
            self._samples, self._rate = samples, rate
            self._clock = _Clock()
        return self.duration

    def load_samples(self, samples: np.ndarray, rate: int) -> float:
        """Audio already in memory (a lab run, a voice-history upload): nothing is written to disk
        for miniaudio; a command-line player gets a private temp file removed when it stops."""
        with self._lock:
            self.stop()
            self._samples, self._rate = np.asarray(samples, dtype=np.float32), int(rate)
            self._clock = _Clock()
        return self.duration

    def play(self, path: Path | str | None = None, speed: float = 1.0, start: float = 0.0) -> None:
        """Play ``path`` (or the loaded clip) from ``start`` seconds at ``speed`` (e.g. 0.75)."""
        with self._lock:
            if path is not None:
                self.load(path)
            self._stop_output()
            self._speed = float(min(max(speed, 0.25), 2.0))
            self._stretched = self._stretch(self._speed)
            self._playing, self._paused = True, False
            self._start_output(min(max(start, 0.0), self.duration))

    def pause(self) -> None:
        with self._lock:
            if self._playing and not self._paused:
                at = self.position()
                self._stop_output()
                self._paused = True
                self._clock.base, self._clock.started = at, None

    def resume(self) -> None:
        with self._lock:
            if self._playing and self._paused:
                self._paused = False
                self._start_output(self._clock.base)

    def toggle(self) -> None:
        """Play/pause on one key: resume if paused, replay from the start if finished."""
        if self.paused:
            self.resume()
        elif self.playing:
            self.pause()
        else:
            self.play(speed=self._speed)

    def seek(self, seconds: float) -> None:
        with self._lock:
            target = min(max(seconds, 0.0), self.duration)
            if self._playing and not self._paused:
                self._stop_output()
                self._start_output(target)
            else:
                self._clock.base, self._clock.started = target, None

    def rewind(self, seconds: float = REWIND_SECONDS) -> None:
        self.seek(self.position() - seconds)

    def set_speed(self, speed: float) -> None:
        """Change speed, keeping the place in the clip."""
        with self._lock:
            at, was_playing = self.position(), self.playing
            self._speed = float(min(max(speed, 0.25), 2.0))
            self._stretched = self._stretch(self._speed)
            if was_playing:
                self._stop_output()
                self._start_output(at)
            else:
                self._clock.base = at

    @property
    def speed(self) -> float:
        return self._speed

    def stop(self) -> None:
        with self._lock:
            self._stop_output()
            self._playing = self._paused = False
            self._clock = _Clock()

    def close(self) -> None:
        self.stop()

    # ------------------------------------------------------------ backends

    def _finish(self) -> None:
        self._stop_output()
        self._playing = self._paused = False
        self._clock.base, self._clock.started = self.duration, None

    def _stretch(self, speed: float) -> np.ndarray:
        data = self._samples if speed == 1.0 else resample(self._samples, int(self._rate * speed), self._rate)
        return (np.clip(data, -1, 1) * 32767).astype(np.int16)

    def _start_output(self, at: float) -> None:
        self._clock.start(at, self._speed)
        if self.backend == "miniaudio":
            self._frame = int(at / self._speed * self._rate)
            self._start_miniaudio()
        elif self.backend == "command" and self._command:
            first = int(at / self._speed * self._rate)
            fd, name = tempfile.mkstemp(prefix="explainer-play-", suffix=".wav")
            os.close(fd)
            self._temp = write_wav(name, self._stretched[first:].astype(np.float32) / 32767.0, self._rate)
            self._process = subprocess.Popen(
                [*self._command, str(self._temp)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            # The private copy goes as soon as the player is done with it, even if nobody asks.
            threading.Thread(target=_remove_when_done, args=(self._process, self._temp), daemon=True).start()

    def _start_miniaudio(self) -> None:
        import miniaudio

        def frames() -> Generator[bytes, int, None]:
            needed = yield b""
            while True:
                with self._lock:
                    chunk = self._stretched[self._frame : self._frame + needed]
                    self._frame += len(chunk)
                if len(chunk) < needed:
                    chunk = np.concatenate([chunk, np.zeros(needed - len(chunk), dtype=np.int16)])
                needed = yield chunk.tobytes()

        try:
            with sound_check.quiet_stderr():
                device = miniaudio.PlaybackDevice(nchannels=1, sample_rate=self._rate, backends=sound_check.miniaudio_backends())
                generator = frames()
                next(generator)
                device.start(generator)
            self._device = device
        except Exception as exc:  # noqa: BLE001 - the device vanished (unplugged headset): carry on silently
            self.backend, self.reason = "silent", _("The sound device stopped working ({error}). Captions are shown instead.").format(error=exc)

    def _stop_output(self) -> None:
        if self._device is not None:
            with sound_check.quiet_stderr():
                with contextlib.suppress(Exception):
                    self._device.close()
            self._device = None
        if self._process is not None:
            if self._process.poll() is None:
                self._process.terminate()
                try:
                    self._process.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
            self._process = None
        if self._temp is not None:
            self._temp.unlink(missing_ok=True)
            self._temp = None
        if self._playing and not self._paused:
            self._clock.hold()
