"""The machine's guess for a clip: computed once by the lab's recogniser, stored beside the audio.

A reviewer corrects what the machine heard, so the seat pre-fills each task with the real
recogniser's transcript of the clip's audio -- never a hand-written one -- and lists first the
intents the lab's parser finds likely for it. Recognising takes a second or two (the decoder
loads, then decodes), far too slow to do while a learner waits, so the result is stored as
``<audio>.guess.json`` beside the WAV it was computed from, with what produced it:

* ``audio_sha256`` -- the exact audio (a re-rendered clip, a changed script: a new guess);
* ``recogniser`` -- a fingerprint of the recogniser: the pocketsphinx version, the source of
  the lab modules that turn audio into words and intents, and the intent templates. Change any
  of them and the stored guess no longer matches, so it is computed again
  (``learning.guess_fingerprint``; its names are exported from here too).

Shipped clips ship their guesses (``explainer clips guess --shipped`` writes them next to
``content/clips/audio/*.wav``); a guess for audio rendered on the learner's machine, or one a
changed recogniser made stale, is computed in the background and written to the learner's
cache. Nothing here imports Textual.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from explainer.learning.guess_fingerprint import GUESS_VERSION as GUESS_VERSION
from explainer.learning.guess_fingerprint import audio_sha256 as audio_sha256
from explainer.learning.guess_fingerprint import describe_recogniser as describe_recogniser
from explainer.learning.guess_fingerprint import recogniser_files as recogniser_files
from explainer.learning.guess_fingerprint import recogniser_fingerprint as recogniser_fingerprint

GUESS_SUFFIX = ".guess.json"
LIKELY_INTENTS = 4


@dataclass(frozen=True)
class MachineGuess:
    """What the lab's recogniser made of a clip, and what produced it."""

    text: str
    intents: tuple[str, ...]  # likely intents, best first (what the lab's parser understood)
    recogniser: str  # fingerprint (see module doc)
    audio_sha256: str
    described: str = ""  # for people: "pocketsphinx 5.0.4, lab recogniser"
    seconds: float = 0.0  # how long computing it took

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": GUESS_VERSION,
            "text": self.text,
            "intents": list(self.intents),
            "recogniser": self.recogniser,
            "audio_sha256": self.audio_sha256,
            "described": self.described,
            "seconds": round(self.seconds, 3),
        }

    @classmethod
    def from_dict(cls, data: object) -> MachineGuess | None:
        if not isinstance(data, dict) or data.get("version") != GUESS_VERSION:
            return None
        intents = data.get("intents", [])
        fields = (data.get("text"), data.get("recogniser"), data.get("audio_sha256"))
        if not all(isinstance(v, str) for v in fields) or not isinstance(intents, list):
            return None
        return cls(
            text=str(data["text"]), intents=tuple(str(i) for i in intents if isinstance(i, str)),
            recogniser=str(data["recogniser"]), audio_sha256=str(data["audio_sha256"]),
            described=str(data.get("described", "")), seconds=float(data.get("seconds", 0.0) or 0.0),
        )


class GuessUnavailable(Exception):
    """The recogniser could not run here; the message says why (for the status line)."""


# -- stored guesses ------------------------------------------------------------------------------
def guess_path(audio: Path) -> Path:
    """``clips/audio/ol-01-timer.wav`` -> ``clips/audio/ol-01-timer.guess.json``."""
    return Path(audio).with_suffix(GUESS_SUFFIX)


def cached_guess_path(audio: Path, cache_dir: Path, sha: str) -> Path:
    """Where a guess for read-only (shipped) audio goes when it has to be computed here."""
    return Path(cache_dir) / "guesses" / f"{Path(audio).stem}-{sha[:16]}{GUESS_SUFFIX}"


def read_guess(path: Path, *, sha: str, recogniser: str) -> MachineGuess | None:
    """The stored guess at ``path`` if it was made from this audio by this recogniser."""
    try:
        guess = MachineGuess.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None
    if guess is None or guess.audio_sha256 != sha or guess.recogniser != recogniser:
        return None
    return guess


def write_guess(path: Path, guess: MachineGuess) -> bool:
    """Write atomically; False when the folder is not writable (the guess is then kept in memory)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".guess-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(guess.to_dict(), out, indent=1, ensure_ascii=False)
            out.write("\n")
        os.replace(temp, path)
        return True
    except OSError:
        return False


def stored_guess(audio: Path, content_dir: Path, cache_dir: Path | None) -> MachineGuess | None:
    """The guess stored beside ``audio`` (or in the cache), if still current; never computes."""
    sha = audio_sha256(audio)
    recogniser = recogniser_fingerprint(Path(content_dir) / "intents")
    found = read_guess(guess_path(audio), sha=sha, recogniser=recogniser)
    if found is None and cache_dir is not None:
        found = read_guess(cached_guess_path(audio, cache_dir, sha), sha=sha, recogniser=recogniser)
    return found


def compute_guess(audio: Path, content_dir: Path) -> MachineGuess:
    """Run the lab's recogniser and parser on ``audio`` (seconds; call from a worker thread)."""
    started = time.perf_counter()
    text, intents = _recognise(Path(audio), Path(content_dir))
    return MachineGuess(
        text=text, intents=intents, recogniser=recogniser_fingerprint(Path(content_dir) / "intents"),
        audio_sha256=audio_sha256(audio), described=describe_recogniser(),
        seconds=time.perf_counter() - started,
    )


def machine_guess(audio: Path, content_dir: Path, cache_dir: Path | None, *, beside: bool = False) -> MachineGuess:
    """The stored guess, or a freshly computed one, then stored: beside audio that lives in the
    learner's cache (or anywhere, with ``beside`` -- ``explainer clips guess`` for shipped clips),
    else in ``cache_dir``. The app never writes into the content folder."""
    found = stored_guess(audio, content_dir, cache_dir)
    if found is not None:
        return found
    guess = compute_guess(audio, content_dir)
    in_cache = cache_dir is not None and Path(cache_dir).resolve() in Path(audio).resolve().parents
    if beside or in_cache:
        write_guess(guess_path(audio), guess)
    elif cache_dir is not None:
        write_guess(cached_guess_path(audio, cache_dir, guess.audio_sha256), guess)
    return guess


def compute_guess_fresh(audio: Path, content_dir: Path, timeout: float = 300.0) -> MachineGuess:
    """``compute_guess`` in a new process: a decoder that has heard nothing before this clip.

    The lab's decoder is reset before every utterance, so the order of the clips no longer matters;
    a fresh process still keeps ``explainer clips guess`` independent of whatever ran before, so the
    shipped guesses are reproducible: running it again gives the same files unless the recogniser changed.
    """
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "explainer.learning.shift_guess", str(audio), str(content_dir)],
        capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
    )
    lines = done.stdout.strip().splitlines()
    guess = MachineGuess.from_dict(json.loads(lines[-1])) if done.returncode == 0 and lines else None
    if guess is None:
        raise GuessUnavailable(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no answer")
    return guess


def main(argv: list[str]) -> int:
    """``python -m explainer.learning.shift_guess AUDIO CONTENT_DIR``: one guess as JSON."""
    try:
        guess = compute_guess(Path(argv[0]), Path(argv[1]))
    except GuessUnavailable as error:
        print(str(error), file=__import__("sys").stderr)
        return 1
    print(json.dumps(guess.to_dict()))
    return 0


# -- the recogniser (the one place that talks to the lab) ---------------------------------------
def _recognise(audio: Path, content_dir: Path) -> tuple[str, tuple[str, ...]]:
    """(transcript, likely intents) from the lab's recogniser and parser (its service's door)."""
    try:
        from explainer.voice.lab_service import LocalLab
    except ImportError as error:
        raise GuessUnavailable(f"the voice lab's recogniser is not installed ({error})") from error
    lab = LocalLab(content_dir)
    try:
        text = lab.recognise_file(audio)
    except Exception as error:  # noqa: BLE001 - decoder trouble of any kind: say so, never crash
        raise GuessUnavailable(f"the recogniser failed ({type(error).__name__}: {error})") from error
    return text, likely_intents(text, content_dir, cache_dir=lab.cache_dir)


def likely_intents(text: str, content_dir: Path, limit: int = LIKELY_INTENTS,
                   cache_dir: Path | None = None) -> tuple[str, ...]:
    """Intents the lab's parser finds likely for ``text``: an exact parse first, then the nearest
    known command, then intents with an example sentence whose words are at least half in it.
    Few or none when the recogniser heard nothing like a command -- the seat then offers a search."""
    from explainer.voice.cleanup import clean_up
    from explainer.voice.nlu import load_intents, understand
    from explainer.voice.wake import WAKE_WORDS

    ranked: list[str] = []
    if text.strip():
        understood = understand(clean_up(text, WAKE_WORDS).text, content_dir, cache_dir=cache_dir)  # or a safe guess
        if understood is not None:
            ranked.append(understood.intent)
    heard = set(text.split())
    overlap: dict[str, float] = {}
    for name, sentences in _intent_words(content_dir).items():
        shared = max((len(heard & s) / len(s) for s in sentences if s), default=0.0)
        overlap[name] = shared
    names = sorted(load_intents(content_dir).intents)
    ranked += sorted((n for n in names if overlap.get(n, 0.0) >= 0.5), key=lambda n: -overlap[n])
    return tuple(dict.fromkeys(ranked))[:limit]


@cache
def _intent_words(content_dir: Path) -> dict[str, list[frozenset[str]]]:
    """Each intent's template sentences as word sets (its first 300, in hassil's order: ``template_sample``)."""
    from explainer.learning.template_sample import first_sentences
    from explainer.voice.nlu import load_intents

    words: dict[str, list[frozenset[str]]] = {}
    stop = {"alexa", "computer", "echo", "amazon", "the", "a", "to", "me", "my", "please", "for", "is", "it"}
    for intent, sentence in first_sentences(load_intents(content_dir), 300):
        bucket = words.setdefault(intent, [])
        if len(bucket) < 300:
            bucket.append(frozenset(w for w in sentence.lower().split() if w not in stop))
    return words


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
