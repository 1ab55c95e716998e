"""Speech in: the lab's first stage turns a typed sentence, a shipped clip, a WAV file or a
microphone recording into 16 kHz audio in a room.

Typed text is spoken by pyttsx3 in its child process (``explainer.voice.speech``) into a
private temp file in the lab's cache folder, read back and removed.  The voice is then placed
in a room (``rooms``: distance, and background noise at a stated SNR), with a second of
quiet before it so the device's pre-roll has something to keep.  Clips, WAV files and
recordings already carry their own room, so only the chosen noise is added to them.
Bad input is refused with a message the learner can act on: empty or very long text, text
with nothing speakable, no speech engine (clips still work), an unreadable or silent WAV.
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
from explainer.voice.rooms import Room

SAMPLE_RATE = 16000
MAX_TYPED_CHARS = 200
MAX_RECORDING_S = 30.0
LEAD_S, TAIL_S = 1.0, 1.0
_SPEAKABLE = re.compile(r"[^\w\s'’,.!?;:()\-]", re.UNICODE)


class LabInputError(Exception):
    """The input cannot be used; ``str()`` is a message for the learner."""


@dataclass
class HeardAudio:
    samples: np.ndarray  # float32, 16 kHz: what the device's microphone "heard"
    source: str  # "typed" | "clip:<id>" | "wav:<name>" | "microphone"
    text: str  # what was said (the reference transcript), "" when unknown
    voice: str = ""
    notices: list[str] = field(default_factory=list)
    room: str = ""  # the room, in words ("kitchen noise at 15 dB SNR, 2 m from the device")


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


def place(samples: np.ndarray, rate: int, room: Room, seed: int, reverb: bool = True) -> np.ndarray:
    """16 kHz, the room's distance (reverb) and noise at its SNR, a second of quiet either side."""
    samples = audio.resample(samples, rate, SAMPLE_RATE)
    if reverb and room.distance_m > 1.0:  # 1 m is the reference: the voice as recorded
        samples = audio.reverberate(samples, SAMPLE_RATE, room.distance_m, seed=seed)
    lead, tail = np.zeros(int(LEAD_S * SAMPLE_RATE), np.float32), np.zeros(int(TAIL_S * SAMPLE_RATE), np.float32)
    samples = np.concatenate([lead, samples.astype(np.float32), tail])
    samples = audio.add_noise_at_snr(samples, room.noise, room.snr_db, SAMPLE_RATE, seed=seed)
    peak = float(np.max(np.abs(samples))) if len(samples) else 0.0
    return (samples / peak * 0.9).astype(np.float32) if peak > 1.0 else samples.astype(np.float32)


def typed_input(text: str, room: Room, voice: str, rate: int, scratch_dir: Path) -> HeardAudio:
    from explainer.voice import labcache
    from explainer.voice.speech import SpeechError, SpeechUnavailable, speech_available, synthesize

    sentence, notices = check_typed(text)
    ok, reason = speech_available()
    if not ok:
        raise LabInputError(_("Typed sentences need a speech engine, and there is none: {reason} "
                              "Pick a recorded clip instead.").format(reason=reason))
    try:
        with labcache.scratch_file(scratch_dir, ".wav") as scratch:
            synthesize(sentence, scratch, voice=voice, rate=rate)
            samples, sample_rate = audio.read_wav(scratch)
    except SpeechUnavailable as exc:
        raise LabInputError(_("No speech engine: {reason} Pick a recorded clip instead.").format(reason=exc)) from exc
    except SpeechError as exc:
        raise LabInputError(str(exc)) from exc
    placed = place(samples, sample_rate, room, seed=len(sentence))
    return HeardAudio(placed, "typed", sentence, voice, notices, room.describe())


def wav_input(path: Path, room: Room) -> HeardAudio:
    """Any WAV file (8/16/24/32-bit, mono or stereo, any rate), resampled to 16 kHz."""
    try:
        samples, rate = audio.read_wav(path)
    except OSError as exc:
        raise LabInputError(_("Could not open {path}: {error}").format(path=path, error=exc.strerror or exc)) from exc
    except ValueError as exc:
        raise LabInputError(str(exc)) from exc
    return recorded_input(samples, rate, room, f"wav:{Path(path).name}")


def recorded_input(samples: np.ndarray, rate: int, room: Room, source: str = "microphone") -> HeardAudio:
    """A recording (the microphone, or a WAV file): its own room is in it, so only noise is added."""
    if len(samples) == 0 or float(np.max(np.abs(samples))) < 1e-4:
        raise LabInputError(_("The recording is silent: nothing to listen to."))
    if len(samples) / rate > MAX_RECORDING_S:
        raise LabInputError(_("The recording is {s:.0f} s long; the lab takes at most {limit:.0f} s "
                              "(a voice command lasts seconds).").format(s=len(samples) / rate, limit=MAX_RECORDING_S))
    placed = place(samples, rate, room, seed=7, reverb=False)
    what = room.describe() if room.noise != "none" else _("as recorded")
    return HeardAudio(placed, source, "", "recording", [], what)


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


def clip_input(clip_id: str, room: Room, content_dir: Path | None = None) -> HeardAudio:
    clip, path = find_clip(clip_id, content_dir)
    if not path.exists():
        raise LabInputError(_("The audio for clip {id!r} is missing ({path}).").format(id=clip_id, path=path))
    try:
        samples, rate = audio.read_wav(path)
    except Exception as exc:  # a damaged WAV is content trouble, not a crash
        raise LabInputError(_("Could not read the audio of clip {id!r}: {error}").format(id=clip_id, error=exc)) from exc
    placed = place(samples, rate, room, seed=7, reverb=False)  # the clip's room is baked in
    return HeardAudio(placed, f"clip:{clip_id}", str(clip.get("transcript", "")), "clip", [], room.describe())
