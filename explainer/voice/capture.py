"""Recording the learner's own voice for the lab: a microphone through miniaudio, kept in memory.

The lab screen records only after the learner agrees (one line, once per session) and keeps
the audio in memory; it reaches the disk only if the learner keeps the run in the voice
history.  No microphone (a server, a classroom PC without one, no sound card at all) is one
clear sentence, never a crash and never a stream of ALSA messages on the terminal.

``CaptureSource`` is the door: the app passes ``MicrophoneCapture``; tests pass any object
with the same ``record`` method (for example one that returns a WAV file's samples).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator
from typing import Any, Protocol

import numpy as np

from explainer.i18n import _

log = logging.getLogger(__name__)
CAPTURE_RATE = 16000
MAX_SECONDS = 10.0


class CaptureUnavailable(Exception):
    """No way to record here; ``str()`` is the sentence to show."""


class CaptureSource(Protocol):
    def record(self, seconds: float, stop: threading.Event | None = None) -> tuple[np.ndarray, int]:
        """Record up to ``seconds`` (sooner if ``stop`` is set): (mono float32 samples, rate)."""
        ...


class MicrophoneCapture:
    """The default input device, through miniaudio's real backends (never its "Null" one)."""

    def record(self, seconds: float, stop: threading.Event | None = None) -> tuple[np.ndarray, int]:
        try:
            import miniaudio

            from explainer.voice.sound_check import miniaudio_backends, quiet_stderr
        except ImportError as exc:
            raise CaptureUnavailable(_("No microphone: the audio library is missing ({error}).").format(error=exc)) from exc
        seconds = float(min(max(seconds, 0.5), MAX_SECONDS))
        chunks: list[bytes] = []

        def collect() -> Generator[None, Any, None]:
            while True:
                data = yield
                chunks.append(bytes(data))

        try:
            with quiet_stderr():
                device = miniaudio.CaptureDevice(input_format=miniaudio.SampleFormat.SIGNED16, nchannels=1,
                                                 sample_rate=CAPTURE_RATE, backends=miniaudio_backends())
                generator = collect()
                next(generator)
                device.start(generator)
        except Exception as exc:  # noqa: BLE001 - no device, no backend, busy: all the same to a learner
            log.info("no microphone: %r", exc)  # the library's own words ("failed to init device", -401) go to the log
            raise CaptureUnavailable(_("No microphone could be opened on this computer. "
                                       "Type a sentence or pick a clip instead.")) from exc
        try:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and not (stop is not None and stop.is_set()):
                time.sleep(0.05)
        finally:
            with quiet_stderr():
                device.close()
        samples = np.frombuffer(b"".join(chunks), dtype="<i2").astype(np.float32) / 32768.0
        if len(samples) == 0:
            raise CaptureUnavailable(_("The microphone sent no sound. Is it muted or in use by another program?"))
        return samples, CAPTURE_RATE
