"""One request on a timeline: what an endpointing timeout decides about what is uploaded.

After the wake word fires, an Alexa device streams about 500 ms of pre-roll from *before* the
wake word, the wake word and the request, until it (or the cloud) decides the speaker has
stopped. The listening-window station lets the learner change the end-of-speech timeout:
too short and a speaker who pauses mid-sentence is cut off; longer and the stream keeps
running into whatever the room says next. This module computes that from a small scripted
scene; the scene is illustrative, the 500 ms pre-roll and 16 kHz 16-bit audio are real
parameters (Amazon AVS requirements; pocketsphinx's input format).
"""

from __future__ import annotations

from dataclasses import dataclass

PRE_ROLL_S = 0.5
SAMPLE_RATE = 16_000
BYTES_PER_SAMPLE = 2
MIN_TIMEOUT_S = 0.2
MAX_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class Sound:
    """Something audible in the room: (kind, start s, end s, words)."""

    kind: str  # "room" | "wake" | "speech" | "bystander"
    start: float
    end: float
    text: str


# An illustrative scene: a request with a hesitation, then someone else in the room speaks.
SCENE: tuple[Sound, ...] = (
    Sound("room", 0.0, 0.9, "…so I told her we'd be late"),
    Sound("wake", 1.0, 1.6, "Alexa,"),
    Sound("speech", 1.7, 3.0, "set a timer for"),
    Sound("speech", 3.6, 4.5, "twenty minutes"),
    Sound("bystander", 5.4, 7.4, "did you ring the doctor about your test?"),
)


@dataclass(frozen=True)
class Capture:
    start: float  # stream start (pre-roll begins)
    end: float  # stream end (endpoint)
    heard: tuple[Sound, ...]  # sounds (clipped) inside the stream
    cut_off: bool  # part of the request was lost
    bystander: bool  # someone else's words were uploaded

    @property
    def seconds(self) -> float:
        return self.end - self.start

    @property
    def kilobytes(self) -> float:
        return self.seconds * SAMPLE_RATE * BYTES_PER_SAMPLE / 1000


def clamp_timeout(seconds: float) -> float:
    return round(min(MAX_TIMEOUT_S, max(MIN_TIMEOUT_S, seconds)), 2)


def capture(timeout: float, scene: tuple[Sound, ...] = SCENE, pre_roll: float = PRE_ROLL_S) -> Capture:
    """Where the stream starts and ends for an end-of-speech ``timeout`` (seconds of silence)."""
    wake = next(s for s in scene if s.kind == "wake")
    start = max(0.0, wake.start - pre_roll)
    voiced = sorted((s for s in scene if s.kind != "room" and s.start >= wake.start), key=lambda s: s.start)
    end = wake.end + timeout
    for sound in voiced:
        if sound.start > end:
            break  # silence lasted the whole timeout before this sound began
        end = max(end, sound.end + timeout)
    heard = tuple(
        clipped for s in scene if s.end > start and s.start < end
        if (clipped := clip(s, max(s.start, start), min(s.end, end))).text
    )
    request = [s for s in scene if s.kind == "speech"]
    cut_off = any(s.end > end for s in request)
    bystander = any(s.kind == "bystander" for s in heard)
    return Capture(start, end, heard, cut_off, bystander)


def clip(sound: Sound, start: float, end: float) -> Sound:
    """``sound`` cut to [start, end]: only the words spoken inside it (spread evenly over the
    sound), with "…" where words were cut -- 0.5 s of pre-roll catches a word, not a sentence."""
    words = sound.text.split()
    if (start <= sound.start and end >= sound.end) or not words:
        return Sound(sound.kind, start, end, sound.text)
    step = (sound.end - sound.start) / len(words)
    kept = [w for i, w in enumerate(words) if start <= sound.start + (i + 0.5) * step <= end]
    if not kept:
        return Sound(sound.kind, start, end, "")
    text = " ".join(kept)
    if kept[0] != words[0]:
        text = "…" + text.lstrip("…")
    if kept[-1] != words[-1]:
        text += "…"
    return Sound(sound.kind, start, end, text)


def pre_roll_of(course: object) -> float:
    """The pre-roll the course declares (facts.toml "avs-pre-roll-seconds"), else PRE_ROLL_S."""
    fact = getattr(course, "facts", {}).get("avs-pre-roll-seconds")
    return fact.values[0] if fact is not None and fact.values else PRE_ROLL_S


def scene_length(scene: tuple[Sound, ...] = SCENE) -> float:
    return max(s.end for s in scene) + MAX_TIMEOUT_S
