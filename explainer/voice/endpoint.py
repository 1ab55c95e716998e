"""Endpointing: after the wake word, when does the device stop sending audio?

A voice-activity detector (pocketsphinx's WebRTC-style ``Vad``) labels each 30 ms frame
speech or not; the upload ends once ``silence_s`` of continuous non-speech follows the
last speech, or after ``max_s``.  The ~0.5 s *pre-roll* kept in the device's buffer from
before the wake word is part of the upload too.  A TV in the background keeps the
detector hearing "speech", so the upload runs long — one of the lab's lessons.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pocketsphinx import Vad

PRE_ROLL_S = 0.5
SILENCE_S = 0.7
MAX_S = 8.0
SAMPLE_RATE = 16000


@dataclass(frozen=True)
class EndpointResult:
    upload_start: float  # seconds into the audio: wake-word start minus the pre-roll
    wake_start: float
    speech_end: float  # last speech frame heard before the end
    upload_end: float
    reason: str  # "silence" | "max length" | "end of audio"
    speech_frames: str  # one character per 30 ms frame from upload_start: '#' speech, '.' not

    @property
    def seconds(self) -> float:
        return round(self.upload_end - self.upload_start, 3)


def _int16(samples: np.ndarray) -> np.ndarray:
    if samples.dtype == np.int16:
        return samples
    return (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)


class SpeechEndpointer:
    """``SpeechEndpointer().find(samples16k, wake_start, wake_end)`` -> EndpointResult."""

    def __init__(self, silence_s: float = SILENCE_S, max_s: float = MAX_S, pre_roll_s: float = PRE_ROLL_S,
                 mode: int = Vad.LOOSE) -> None:
        self.silence_s = silence_s
        self.max_s = max_s
        self.pre_roll_s = pre_roll_s
        self.vad = Vad(mode, SAMPLE_RATE, 0.03)

    def frames(self, samples: np.ndarray, start: float, stop: float) -> list[bool]:
        """Speech / non-speech for each whole frame between ``start`` and ``stop`` seconds."""
        pcm = _int16(samples)
        step = self.vad.frame_bytes // 2
        first, last = int(start * SAMPLE_RATE), min(len(pcm), int(stop * SAMPLE_RATE))
        return [self.vad.is_speech(pcm[i:i + step].tobytes()) for i in range(first, last - step + 1, step)]

    def find(self, samples: np.ndarray, wake_start: float, wake_end: float) -> EndpointResult:
        duration = len(samples) / SAMPLE_RATE
        upload_start = max(0.0, wake_start - self.pre_roll_s)
        frame_s = self.vad.frame_length
        flags = self.frames(samples, upload_start, duration)
        speech_end = wake_end
        silence = 0.0
        reason = "end of audio"
        upload_end = duration
        for index, is_speech in enumerate(flags):
            t = upload_start + (index + 1) * frame_s
            if t <= wake_end:
                continue
            if is_speech:
                speech_end, silence = t, 0.0
            else:
                silence += frame_s
            if silence >= self.silence_s:
                reason, upload_end = "silence", t
                break
            if t - wake_start >= self.max_s:
                reason, upload_end = "max length", t
                break
        kept = flags[: int(round((upload_end - upload_start) / frame_s))]
        return EndpointResult(
            upload_start=round(upload_start, 3), wake_start=round(wake_start, 3), speech_end=round(speech_end, 3),
            upload_end=round(upload_end, 3), reason=reason, speech_frames="".join("#" if f else "." for f in kept),
        )
