"""Text to speech that cannot take the app down.

pyttsx3 is run in its own child process (``explainer.voice.speech_child``): one engine, one
request at a time, a reply with a timeout, then a check that the file exists and has frames.
The reasons are measured in shared/design/audio.md -- in-process pyttsx3 hangs or kills the
whole process when Textual's thread workers touch it. Here a crash, a hang or ``exit(1)`` in
the engine becomes :class:`SpeechUnavailable` or :class:`SpeechError` with a clear message.

Each request gets a FRESH child (~0.1 s to start). Measured here: an engine that has already
spoken applies the next request's rate unreliably (the same line came out 2.8 s or 3.9 s long
from run to run), while a fresh engine's output is bit-identical to ``espeak-ng -w`` every
time -- and rendering must be deterministic for the cache and the tests. All calls are
serialised by one lock, so any thread may call :func:`synthesize`.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

from explainer.i18n import _

log = logging.getLogger(__name__)

MAX_CHARS = 1000  # longer text is cut at a word boundary: clips are seconds long
START_TIMEOUT = 20.0
SAMPLE_RATE = 22050
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE_RE = re.compile(r"\s+")


class SpeechError(Exception):
    """One synthesis failed (timeout, bad output); the engine may work for the next request."""


class SpeechUnavailable(SpeechError):
    """There is no working speech engine on this machine; the message says what to install."""


@dataclass(frozen=True)
class SpeechResult:
    path: Path
    frames: int
    voice: str  # the voice really used
    notice: str  # non-empty when a fallback happened (e.g. unknown voice)


def clean_text(text: str, limit: int = MAX_CHARS) -> str:
    """Text the engine can say: no control characters, one space between words, at most ``limit`` chars."""
    text = _CONTROL_RE.sub(" ", str(text).replace("\u2028", " "))
    text = _SPACE_RE.sub(" ", text).strip()
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > limit // 2 else limit]
    return text


class _Child:
    """The running child process plus a thread that turns its reply lines into a queue."""

    def __init__(self) -> None:
        self.stderr = tempfile.TemporaryFile()
        env = dict(os.environ)
        package_parent = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
        env["PYTHONIOENCODING"] = "utf-8"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "explainer.voice.speech_child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=env,
            text=True,
            encoding="utf-8",
            start_new_session=True,  # Ctrl+C in the terminal is the app's business, not the engine's
        )
        self.replies: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True, name="speech-child-reader").start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.replies.put(line)
        self.replies.put(None)

    def ask(self, request: dict, timeout: float) -> dict:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._died() from None
        try:
            line = self.replies.get(timeout=timeout)
        except queue.Empty:
            self.close()
            raise SpeechError(_("The speech engine did not answer within {seconds:g} s; it was stopped.").format(seconds=timeout)) from None
        if line is None:
            raise self._died()
        return json.loads(line)

    def _died(self) -> SpeechError:
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        tail = self.stderr_tail()
        detail = f" Last message: {tail}" if tail else ""
        return SpeechUnavailable(
            _("The speech engine stopped unexpectedly (exit code {code}). If espeak-ng is installed, its data may "
              "be missing: sudo apt install --reinstall espeak-ng espeak-ng-data.").format(code=code) + detail
        )

    def stderr_tail(self) -> str:
        try:
            self.stderr.seek(0)
            lines = [ln for ln in self.stderr.read().decode("utf-8", "replace").splitlines() if ln.strip()]
        except OSError:
            return ""
        lines = [ln for ln in lines if not ln.startswith("Audio saved to")]
        return lines[-1].strip()[:200] if lines else ""

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                if self.process.stdin:
                    self.process.stdin.close()
                self.process.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self.stderr.close()


_lock = threading.RLock()
_running: _Child | None = None
_availability: tuple[bool, str] | None = None


def _ask(request: dict, timeout: float) -> dict:
    """Start a fresh child, ask it one thing, and stop it again."""
    global _running
    with _lock:
        _running = _Child()
        try:
            return _check(_running.ask(request, timeout))
        finally:
            _running.close()
            _running = None


def shutdown() -> None:
    """Stop a running child process (called at exit; safe to call twice)."""
    child = _running
    if child is not None and child.alive():
        child.process.kill()


atexit.register(shutdown)


def _check(reply: dict) -> dict:
    if reply.get("ok"):
        return reply
    message = str(reply.get("message", "unknown error"))
    if reply.get("kind") == "unavailable":
        raise SpeechUnavailable(message)
    raise SpeechError(f"Speech synthesis failed: {message}")


def speech_available(refresh: bool = False) -> tuple[bool, str]:
    """(True, "") or (False, reason). Probes once in the child process; the answer is cached."""
    global _availability
    with _lock:
        if _availability is not None and not refresh:
            return _availability
        try:
            _ask({"op": "probe"}, START_TIMEOUT)
            _availability = (True, "")
        except SpeechError as exc:
            _availability = (False, str(exc))
        except (OSError, ValueError) as exc:
            _availability = (False, _("No speech engine: could not start it ({error}).").format(error=exc))
        return _availability


def synthesize_detailed(
    text: str, out_path: Path | str, *, voice: str = "en-us", rate: int = 160, volume: float = 1.0, timeout: float = 30
) -> SpeechResult:
    """Like :func:`synthesize` but also says which voice was used and any fallback notice."""
    out = Path(out_path)
    words = clean_text(text)
    if not words:
        raise SpeechError(_("Nothing to say: the text is empty after removing control characters."))
    ok, reason = speech_available()
    if not ok:
        raise SpeechUnavailable(reason)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f".{out.name}.{os.getpid()}.part.wav")
    request = {"op": "synth", "text": words, "out": str(part), "voice": voice,
               "rate": int(rate), "volume": float(volume), "timeout": float(timeout)}
    try:
        reply = _ask(request, timeout + START_TIMEOUT)
    except (SpeechError, OSError, ValueError) as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, SpeechError):
            raise
        raise SpeechError(f"Could not run the speech engine: {exc}") from exc
    frames = _verify(part)
    os.replace(part, out)
    notice = str(reply.get("notice", ""))
    if notice:
        log.info("%s", notice)
    return SpeechResult(out, frames, str(reply.get("voice", voice)), notice)


def synthesize(
    text: str, out_path: Path | str, *, voice: str = "en-us", rate: int = 160, volume: float = 1.0, timeout: float = 30
) -> Path:
    """Speak ``text`` into ``out_path`` (WAV mono 16-bit 22,050 Hz) using pyttsx3 in a child process.

    Raises SpeechUnavailable (no engine; the message says what to install) or SpeechError.
    An unknown voice falls back to the default voice and the notice says so (see synthesize_detailed).
    """
    return synthesize_detailed(text, out_path, voice=voice, rate=rate, volume=volume, timeout=timeout).path


def _verify(path: Path) -> int:
    try:
        with wave.open(str(path), "rb") as handle:
            frames = handle.getnframes()
            if handle.getsampwidth() != 2 or handle.getnchannels() != 1:
                raise SpeechError("The speech engine wrote an unexpected WAV format.")
        if path.stat().st_size < 44 + frames * 2:
            raise SpeechError("The speech engine's audio file is incomplete.")
    except (OSError, EOFError, wave.Error) as exc:
        path.unlink(missing_ok=True)
        raise SpeechError(f"The speech engine's audio file is missing or unreadable ({exc}).") from exc
    if frames <= 0:
        path.unlink(missing_ok=True)
        raise SpeechError("The speech engine wrote an empty audio file.")
    return frames
