"""Turn a clip's script into the recording a reviewer would have heard.

Each line is spoken by pyttsx3 (in its child process, see ``speech``), trimmed, placed at its
start offset, put in a room at the clip's distance, covered with the household's background
noise and normalised. The result is cached under a hash of everything that shapes the sound
(lines, background, render version), so a teacher who edits a clip gets a fresh render and
nobody waits twice for the same one.

Where the audio comes from, in order (:func:`clip_audio`): the cache; the file shipped in
``content/clips/audio/`` when it was rendered from this exact script (each rendered WAV carries
its recipe hash in a comment chunk); a fresh render when a speech engine exists; the shipped
file even if older. So the seat works at once, and on a machine with no speech engine at all.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import wave
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from explainer.course.model import Clip
from explainer.voice import speech
from explainer.voice.audio import (
    RECOGNITION_RATE,
    add_background,
    mix,
    normalise,
    read_wav,
    resample,
    room,
    wav_comment,
    write_wav,
)

RENDER_VERSION = 2
OUTPUT_RATE = RECOGNITION_RATE  # 16 kHz mono: small to ship, and what the recogniser wants
LEAD_OUT = 0.35  # seconds of room tone after the last word
WAKE_RE = re.compile(r"\b(alexa|alexis|election|a letter|unacceptable)\b", re.IGNORECASE)

Progress = Callable[[int, int, str], None]  # (steps done, steps in all, what is happening)


_SHIPPED_STALE = "The shipped recording was made from an earlier version of this clip's script."


class ClipAudioMissing(Exception):
    """No cached, renderable or shipped audio for a clip; the message says why and what to do."""


@dataclass(frozen=True)
class ClipAudio:
    path: Path
    origin: str  # "cache" | "rendered" | "shipped"
    notice: str = ""  # e.g. why the shipped file was used


def clip_hash(clip: Clip) -> str:
    """A hash of everything that changes the sound of ``clip`` (not its labels or transcript)."""
    recipe = {
        "version": RENDER_VERSION,
        "rate": OUTPUT_RATE,
        "lines": [asdict(line) for line in clip.lines],
        "background": asdict(clip.background),
    }
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode("utf-8")).hexdigest()


def recipe_comment(clip: Clip) -> str:
    """What a rendered file says about itself (stored inside the WAV)."""
    return f"explainer clip {clip.id} recipe {clip_hash(clip)}"


def is_current(clip: Clip, path: Path) -> bool:
    """True when ``path`` was rendered from exactly this clip's current script and background."""
    return wav_comment(path) == recipe_comment(clip)


def cache_path(clip: Clip, cache_dir: Path) -> Path:
    return Path(cache_dir) / f"{clip.id}-{clip_hash(clip)[:16]}.wav"


def _trim(samples: np.ndarray, rate: int) -> np.ndarray:
    """Cut the engine's leading and trailing silence so a line starts when its ``start`` says."""
    loud = np.flatnonzero(np.abs(samples) > 0.01 * float(np.max(np.abs(samples)) or 1.0))
    if len(loud) == 0:
        return samples
    pad = int(0.02 * rate)
    return samples[max(0, loud[0] - pad) : loud[-1] + pad]


def render_clip(
    clip: Clip,
    out_path: Path,
    *,
    progress: Progress | None = None,
    synthesize: Callable[..., Path] | None = None,
) -> Path:
    """Render ``clip`` to ``out_path`` (WAV, mono 16-bit, OUTPUT_RATE). Raises speech.SpeechError."""
    say = synthesize or speech.synthesize
    total = len(clip.lines) + 1
    seed = int(clip_hash(clip)[:8], 16)
    tracks: list[tuple[np.ndarray, float]] = []
    rate = speech.SAMPLE_RATE
    with tempfile.TemporaryDirectory(prefix="explainer-render-") as temp:
        for number, line in enumerate(clip.lines):
            if progress:
                progress(number, total, f"{clip.id}: {line.speaker}")
            wav = say(line.text, Path(temp) / f"line{number}.wav", voice=line.voice, rate=line.rate, volume=1.0)
            samples, rate = read_wav(wav)
            if rate != speech.SAMPLE_RATE:
                samples, rate = resample(samples, rate, speech.SAMPLE_RATE), speech.SAMPLE_RATE
            tracks.append((_trim(samples, rate) * float(line.volume), line.start))
    if progress:
        progress(total - 1, total, f"{clip.id}: room and background")
    voices = mix(tracks, rate)
    voices = np.concatenate([voices, np.zeros(int(LEAD_OUT * rate), dtype=np.float32)])
    placed = room(voices, rate, clip.background.distance, seed)
    noisy = add_background(placed, clip.background.noise, clip.background.level, rate, seed + 1)
    final = normalise(resample(noisy, rate, OUTPUT_RATE))
    write_wav(out_path, final, OUTPUT_RATE, comment=recipe_comment(clip))
    if progress:
        progress(total, total, f"{clip.id}: done")
    return Path(out_path)


def _usable(path: Path) -> bool:
    """A cached file is trusted only if it is a complete WAV (a crash mid-write, a full disk...)."""
    try:
        with wave.open(str(path), "rb") as handle:
            frames = handle.getnframes()
            needed = 44 + frames * handle.getsampwidth() * handle.getnchannels()
        return frames > 0 and path.stat().st_size >= needed
    except (OSError, EOFError, wave.Error):
        return False


def render_cached(clip: Clip, cache_dir: Path, *, progress: Progress | None = None,
                  synthesize: Callable[..., Path] | None = None) -> tuple[Path, bool]:
    """(path, was_cached). Renders only when no file for this exact recipe is in ``cache_dir``."""
    target = cache_path(clip, cache_dir)
    if _usable(target):
        if progress:
            progress(1, 1, f"{clip.id}: cached")
        return target, True
    for stale in Path(cache_dir).glob(f"{clip.id}-*.wav"):
        stale.unlink(missing_ok=True)  # an older recipe of the same clip
    return render_clip(clip, target, progress=progress, synthesize=synthesize), False


def shipped_path(clip: Clip, content_dir: Path) -> Path | None:
    name = clip.audio or f"{clip.id}.wav"
    path = Path(content_dir) / "clips" / "audio" / name
    return path if path.is_file() else None


def clip_audio(clip: Clip, content_dir: Path, cache_dir: Path, *, progress: Progress | None = None) -> ClipAudio:
    """The best audio for ``clip``: cached render, fresh render, or the shipped file (see module doc)."""
    target = cache_path(clip, cache_dir)
    if _usable(target):
        return ClipAudio(target, "cache")
    shipped = shipped_path(clip, content_dir)
    if shipped is not None and is_current(clip, shipped) and _usable(shipped):
        return ClipAudio(shipped, "shipped")  # rendered from this very script: nothing to do
    ok, reason = speech.speech_available()
    if ok:
        try:
            path, _ = render_cached(clip, cache_dir, progress=progress)
            return ClipAudio(path, "rendered")
        except (speech.SpeechError, OSError) as exc:
            reason = str(exc)
    if shipped is not None:
        return ClipAudio(shipped, "shipped", reason + " " + _SHIPPED_STALE)
    raise ClipAudioMissing(
        f"No audio for clip {clip.id}: no speech engine ({reason}) and no shipped file clips/audio/"
        f"{clip.audio or clip.id + '.wav'}. Read the captions instead."
    )


def _estimated_seconds(text: str, rate: int) -> float:
    words = len(text.split())
    pauses = len(re.findall(r"[.,?!;]", text))
    return words / max(rate, 40) * 60.0 + 0.25 * pauses


def clip_marks(clip: Clip, duration: float) -> dict[str, float]:
    """Marks for the waveform: where the pre-roll starts, where the wake (or sound-alike) was heard,
    where speech ends. Estimated from the script (the words' timing follows each line's rate)."""
    marks = {"pre-roll": 0.0}
    for line in sorted(clip.lines, key=lambda ln: ln.start):
        found = WAKE_RE.search(line.text)
        if found:
            before = len(line.text[: found.start()].split())
            marks["wake"] = min(duration, line.start + _estimated_seconds(" ".join(line.text.split()[:before]), line.rate))
            break
    ends = [ln.start + _estimated_seconds(ln.text, ln.rate) for ln in clip.lines]
    marks["end"] = min(duration, max(ends, default=duration))
    return marks


def clip_duration(path: Path) -> float:
    samples, rate = read_wav(path)
    return len(samples) / rate if rate else 0.0
