"""The speech engine's own process: ``python -m explainer.voice.speech_child``.

pyttsx3 on Linux is fragile (see shared/design/audio.md): a second engine steals espeak's
callback, two threads hang, a missing data folder makes espeak call ``exit(1)`` with no Python
exception. So the engine lives here, alone: ONE engine, ONE request at a time, never ``say()``.
If it crashes, only this process dies and the parent (``explainer.voice.speech``) turns that
into a clear message.

Protocol: one JSON object per line on stdin, one JSON reply per line on the original stdout.
pyttsx3 prints chatter ("Audio saved to ...") to stdout, so fd 1 is pointed at stderr and the
replies go to a private duplicate of the original stdout.

    {"op": "probe"}                               -> {"ok": true, "voices": n, "default": "gmw/en"}
    {"op": "synth", "text", "out", "voice", "rate", "volume", "timeout"}
                                                  -> {"ok": true, "frames": n, "voice": used, "notice": ""}
    failure                                       -> {"ok": false, "kind": "unavailable"|"error", "message": ...}

``EXPLAINER_TTS_MODULE`` (default ``pyttsx3``) names the module providing ``init()``; tests
point it at a missing or crashing module to prove the parent survives.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import wave
from pathlib import Path
from typing import Any

ENGINE_MODULE_ENV = "EXPLAINER_TTS_MODULE"
POLL_SECONDS = 0.02
STABLE_POLLS = 3
INSTALL_HINT = "install espeak-ng (sudo apt install espeak-ng)"


class _Engine:
    """One pyttsx3 engine plus the voice names it really knows."""

    def __init__(self) -> None:
        module_name = os.environ.get(ENGINE_MODULE_ENV, "pyttsx3")
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise _Unavailable(f"No speech engine: the {module_name} package cannot be imported ({exc}).") from exc
        if module_name == "pyttsx3":
            _patch_espeak_driver()
        try:
            self.engine = module.init()
        except (RuntimeError, OSError, ImportError, AttributeError) as exc:
            text = str(exc) or exc.__class__.__name__
            if "espeak" in text.lower() or isinstance(exc, OSError):
                raise _Unavailable(f"No speech engine: {INSTALL_HINT}. ({text})") from exc
            raise _Unavailable(f"No speech engine: {text}") from exc
        self.default_voice = str(self.engine.getProperty("voice") or "")
        self.known, self.variants = self._voice_names()

    def _voice_names(self) -> tuple[set[str], set[str]]:
        known: set[str] = set()
        try:
            voices = self.engine.getProperty("voices") or []
        except Exception:  # noqa: BLE001 - a driver without a voice list: accept what we are given
            voices = []
        for voice in voices:
            vid = str(getattr(voice, "id", "")).lower()
            if vid.startswith("mb/"):
                continue  # mbrola voices are listed but produce junk without mbrola installed
            known.add(vid)
            known.add(vid.rsplit("/", 1)[-1])
            for lang in getattr(voice, "languages", None) or []:
                if isinstance(lang, bytes):
                    lang = lang.decode("utf-8", "ignore")
                known.add(str(lang).lower())
        return known, _espeak_variants()

    def resolve(self, voice: str) -> tuple[str, str]:
        """(voice to set, notice). Unknown voices fall back to the default, and say so."""
        wanted = (voice or "").strip().lower()
        if not self.known:
            return wanted or self.default_voice, ""
        base, _, variant = wanted.partition("+")
        if base in self.known and (not variant or not self.variants or variant in self.variants):
            return wanted, ""
        if base in self.known:
            return base, f"Voice variant '{variant}' is not installed; used '{base}' instead."
        return self.default_voice, f"Voice '{voice}' is not installed; used the default voice '{self.default_voice}'."

    def synth(self, request: dict) -> dict:
        out = Path(request["out"])
        voice, notice = self.resolve(str(request.get("voice", "")))
        rate = int(request.get("rate", 160))
        volume = float(request.get("volume", 1.0))
        timeout = float(request.get("timeout", 30))
        rate = max(60, min(400, rate))
        deadline = time.monotonic() + timeout
        for _attempt in range(3):
            out.unlink(missing_ok=True)
            voice, notice = self._configure(voice, notice, rate, volume)
            self.engine.save_to_file(str(request["text"]), str(out))
            self.engine.runAndWait()
            frames = _wait_for_wav(out, deadline)
            held = _espeak_rate()
            if held in (None, rate):
                break  # the rate held for the whole utterance
            _note(f"rate {held} instead of {rate} after synthesis; speaking again")
        return {"ok": True, "frames": frames, "voice": voice, "notice": notice}

    def _configure(self, voice: str, notice: str, rate: int, volume: float) -> tuple[str, str]:
        """Set voice, rate and volume, and wait until espeak has really applied them.

        The driver runs espeak asynchronously: parameters go into espeak's command queue, and
        under load a request was measured speaking at pyttsx3's start-up rate (200) instead of
        the one asked for. So: set, wait for the queue to drain, read the rate back, retry."""
        for _attempt in range(3):
            try:
                self.engine.setProperty("voice", voice)
            except (ValueError, KeyError, OSError):
                voice, notice = self.default_voice, f"Voice '{voice}' was refused; used the default voice."
                self.engine.setProperty("voice", voice)
            self.engine.setProperty("rate", rate)
            self.engine.setProperty("volume", max(0.0, min(1.0, volume)))
            current = _espeak_rate()
            if current in (None, rate):
                break
            _note(f"rate {current} instead of {rate} after setting it; setting again")
        return voice, notice


class _Unavailable(Exception):
    pass


def _patch_espeak_driver() -> None:
    """Keep the last chunk of audio. pyttsx3 2.99's espeak driver writes the WAV when it sees
    EVENT_MSG_TERMINATED and only THEN appends that callback's samples, so the final chunk is
    lost. Chunk sizes depend on timing, so under load up to a second of speech went missing
    (measured: "Help. I've fallen. I can't get up." came out 4.1 s or 2.2 s). Appending the
    samples first, and handing the original an empty chunk, gives the whole utterance."""
    try:
        import ctypes

        from pyttsx3.drivers import espeak as driver
    except Exception:  # noqa: BLE001 - no espeak driver (other platforms): nothing to patch
        return
    original = driver.EspeakDriver._onSynth
    if getattr(original, "_keeps_last_chunk", False):
        return

    def on_synth(self: Any, wav: Any, numsamples: int, events: Any) -> int:
        if self._speaking and numsamples > 0:
            self._data_buffer += ctypes.string_at(wav, numsamples * ctypes.sizeof(ctypes.c_short))
        return original(self, wav, 0, events)

    on_synth._keeps_last_chunk = True  # type: ignore[attr-defined]
    driver.EspeakDriver._onSynth = on_synth


def _note(message: str) -> None:
    """A diagnostic line on stderr (the parent shows the last one if the child fails)."""
    sys.stderr.write(f"speech_child: {message}\n")
    sys.stderr.flush()
    log = os.environ.get("EXPLAINER_SPEECH_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(message + "\n")


def _espeak_rate() -> int | None:
    """espeak's CURRENT speaking rate once its command queue is empty; None if not espeak."""
    try:
        from pyttsx3.drivers import _espeak as api
    except Exception:  # noqa: BLE001 - another engine (tests, other platforms)
        return None
    if os.environ.get(ENGINE_MODULE_ENV, "pyttsx3") != "pyttsx3" or api.dll is None:
        return None
    api.Synchronize()
    return int(api.dll.espeak_GetParameter(api.RATE, 1))


def _espeak_variants() -> set[str]:
    """Names of espeak-ng's voice variants (the part after '+'), from its data folder."""
    candidates = [os.environ.get("ESPEAK_DATA_PATH", "")]
    candidates += [f"/usr/lib/{arch}/espeak-ng-data" for arch in ("x86_64-linux-gnu", "aarch64-linux-gnu")]
    candidates += ["/usr/share/espeak-ng-data", "/usr/local/share/espeak-ng-data", "/opt/homebrew/share/espeak-ng-data"]
    for root in candidates:
        folder = Path(root) / "voices" / "!v" if root else None
        if folder is not None and folder.is_dir():
            return {p.name.lower() for p in folder.iterdir()}
    return set()


def _wav_frames(path: Path) -> int:
    """Frames in a COMPLETE file, else 0. The header announces the frame count before the data is
    written, so a file read mid-write (seen under load: a 64 KiB prefix) has fewer bytes than it claims."""
    try:
        with wave.open(str(path), "rb") as handle:
            frames = handle.getnframes()
            needed = 44 + frames * handle.getsampwidth() * handle.getnchannels()
        return frames if path.stat().st_size >= needed else 0
    except (OSError, EOFError, wave.Error):
        return 0


def _wait_for_wav(path: Path, deadline: float) -> int:
    """Wait until the file exists, has frames and its size stopped changing (runAndWait may return early)."""
    last_size, stable = -1, 0
    while time.monotonic() < deadline:
        size = path.stat().st_size if path.exists() else -1
        if size > 44 and size == last_size:
            stable += 1
            if stable >= STABLE_POLLS:
                frames = _wav_frames(path)
                if frames > 0:
                    return frames
        else:
            stable = 0
        last_size = size
        time.sleep(POLL_SECONDS)
    raise TimeoutError("the speech engine did not finish writing the audio file in time")


def main() -> int:
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # pyttsx3's prints go to stderr, never into the protocol
    sys.stdout = sys.stderr
    engine: _Engine | None = None

    def reply(message: dict) -> None:
        replies.write(json.dumps(message) + "\n")
        replies.flush()

    for raw in sys.stdin:
        try:
            request = json.loads(raw)
        except json.JSONDecodeError:
            reply({"ok": False, "kind": "error", "message": "bad request"})
            continue
        try:
            if engine is None:
                engine = _Engine()
            if request.get("op") == "probe":
                reply({"ok": True, "voices": len(engine.known), "default": engine.default_voice})
            elif request.get("op") == "synth":
                reply(engine.synth(request))
            else:
                reply({"ok": False, "kind": "error", "message": f"unknown op {request.get('op')!r}"})
        except _Unavailable as exc:
            reply({"ok": False, "kind": "unavailable", "message": str(exc)})
            return 3
        except Exception as exc:  # noqa: BLE001 - report every failure to the parent, never die silently
            reply({"ok": False, "kind": "error", "message": f"{exc.__class__.__name__}: {exc}"})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
