"""Speech in: the lab's first stage turns a typed sentence or a shipped clip into 16 kHz audio.

Typed text is spoken by pyttsx3 in its child process (``explainer.voice.speech``), then
placed in a room (``distance``) and under a background (``noise``) with the voice-audio
helpers, with a second of quiet before it so the device's pre-roll has something to keep.
Bad input is refused with a message the learner can act on: empty or very long text,
text with nothing speakable, no speech engine (clips still work).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from explainer.i18n import _
from explainer.paths import packaged_content_dir
from explainer.voice import audio

SAMPLE_RATE = 16000
MAX_TYPED_CHARS = 200
LEAD_S, TAIL_S = 1.0, 1.0
_SPEAKABLE = re.compile(r"[^\w\s'’,.!?;:()\-]", re.UNICODE)


class LabInputError(Exception):
    """The input cannot be used; ``str()`` is a message for the learner."""


@dataclass
class HeardAudio:
    samples: np.ndarray  # float32, 16 kHz
    source: str  # "typed" | "clip:<id>"
    text: str  # what was said (reference transcript)
    voice: str = ""
    notices: list[str] = field(default_factory=list)


def check_typed(text: str) -> tuple[str, list[str]]:
    """The sentence to speak and any notices; raises LabInputError for unusable text."""
    notices: list[str] = []
    text = " ".join(str(text).split())
    if not text:
        raise LabInputError(_("Type a sentence first, for example: alexa set a timer for ten minutes"))
    if len(text) > MAX_TYPED_CHARS:
        raise LabInputError(_("That is {n} characters; the lab takes at most {limit} (a voice command is one sentence).")
                            .format(n=len(text), limit=MAX_TYPED_CHARS))
    cleaned = " ".join(_SPEAKABLE.sub(" ", text).split())
    if cleaned != text:
        notices.append(_("Some characters cannot be spoken and were left out."))
    if not re.search(r"[A-Za-z0-9]", cleaned):
        raise LabInputError(_("There is nothing the speech engine can say in that text: use letters and numbers."))
    return cleaned, notices


def _shape(samples: np.ndarray, rate: int, settings, seed: int) -> np.ndarray:
    samples = audio.resample(samples, rate, SAMPLE_RATE)
    if settings.distance and settings.distance > 1.0:
        samples = audio.room(samples, SAMPLE_RATE, settings.distance, seed=seed)
    lead, tail = np.zeros(int(LEAD_S * SAMPLE_RATE), np.float32), np.zeros(int(TAIL_S * SAMPLE_RATE), np.float32)
    samples = np.concatenate([lead, samples.astype(np.float32), tail])
    if settings.noise and settings.noise != "none":
        samples = audio.add_background(samples, settings.noise, settings.noise_level, SAMPLE_RATE, seed=seed)
    peak = float(np.max(np.abs(samples))) if len(samples) else 0.0
    return (samples / peak * 0.9).astype(np.float32) if peak > 1.0 else samples.astype(np.float32)


def typed_input(text: str, settings, scratch: Path) -> HeardAudio:
    from explainer.voice.speech import SpeechError, SpeechUnavailable, speech_available, synthesize

    sentence, notices = check_typed(text)
    ok, reason = speech_available()
    if not ok:
        raise LabInputError(_("Typed sentences need a speech engine, and there is none: {reason} "
                              "Pick a recorded clip instead.").format(reason=reason))
    try:
        path = synthesize(sentence, scratch, voice=settings.voice, rate=settings.rate)
    except SpeechUnavailable as exc:
        raise LabInputError(_("No speech engine: {reason} Pick a recorded clip instead.").format(reason=exc)) from exc
    except SpeechError as exc:
        raise LabInputError(str(exc)) from exc
    samples, rate = audio.read_wav(path)
    return HeardAudio(_shape(samples, rate, settings, seed=len(sentence)), "typed", sentence, settings.voice, notices)


def find_clip(clip_id: str, content_dir: Path | None = None) -> tuple[dict, Path]:
    """The clip's table from content/clips/*.toml and the path of its audio."""
    root = (content_dir or packaged_content_dir()) / "clips"
    for path in sorted(root.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        for clip in data.get("clips", []):
            if clip.get("id") == clip_id:
                return clip, root / "audio" / str(clip.get("audio") or f"{clip_id}.wav")
    raise LabInputError(_("There is no clip called {id!r}; `explainer lab clips` lists them.").format(id=clip_id))


def list_clips(content_dir: Path | None = None) -> list[dict]:
    root = (content_dir or packaged_content_dir()) / "clips"
    clips: list[dict] = []
    for path in sorted(root.glob("*.toml")):
        try:
            clips.extend(tomllib.loads(path.read_text(encoding="utf-8")).get("clips", []))
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return [c for c in clips if isinstance(c, dict) and c.get("id")]


def clip_input(clip_id: str, settings, content_dir: Path | None = None) -> HeardAudio:
    clip, path = find_clip(clip_id, content_dir)
    if not path.exists():
        raise LabInputError(_("The audio for clip {id!r} is missing ({path}).").format(id=clip_id, path=path))
    try:
        samples, rate = audio.read_wav(path)
    except Exception as exc:  # a damaged WAV is content trouble, not a crash
        raise LabInputError(_("Could not read the audio of clip {id!r}: {error}").format(id=clip_id, error=exc)) from exc
    settings_for_clip = type(settings)(**{**settings.__dict__, "distance": 1.0})  # the clip's room is baked in
    return HeardAudio(_shape(samples, rate, settings_for_clip, seed=7), f"clip:{clip_id}",
                      str(clip.get("transcript", "")), "clip")
