"""Is there anywhere to send sound? Found out without a single line on the terminal.

Split from ``playback`` so the player stays about playing. On a machine without a sound card
opening an audio device makes ALSA print ~30 lines to stderr -- and Textual draws the whole
app on stderr -- so the miniaudio check runs in a child process with its stderr discarded.
Its "Null" backend would "play" into nothing, so only real backends are ever listed. The
command-line players count only if their sound server or card is actually present.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

REAL_BACKENDS = {
    "linux": ("PULSEAUDIO", "ALSA", "JACK"),
    "darwin": ("COREAUDIO",),
    "win32": ("WASAPI", "DSOUND", "WINMM"),
}
@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Point file descriptor 2 at /dev/null for the block (C libraries ignore sys.stderr)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def miniaudio_backends() -> list:
    import miniaudio

    names = REAL_BACKENDS.get(sys.platform, ("PULSEAUDIO", "ALSA", "SNDIO", "OSS", "JACK"))
    return [getattr(miniaudio.Backend, n) for n in names if hasattr(miniaudio.Backend, n)]


PROBE_CODE = """
import sys
try:
    import miniaudio
except ImportError:
    print("miniaudio is not installed"); sys.exit(0)
names = sys.argv[1].split(",")
backends = [getattr(miniaudio.Backend, n) for n in names if hasattr(miniaudio.Backend, n)]
try:
    miniaudio.PlaybackDevice(nchannels=1, sample_rate=22050, backends=backends).close()
except Exception as exc:
    detail = exc.args[0] if exc.args and isinstance(exc.args[0], str) else exc
    print(f"no output device: {detail}"); sys.exit(0)
print("ok")
"""


def probe_miniaudio() -> str:
    """'' if a real output device opens, else why not.

    Probed in a child process with its stderr discarded: ALSA's ~30 lines of complaints never
    reach the terminal, and the app's own stderr (where Textual draws!) is never redirected.
    """
    names = ",".join(REAL_BACKENDS.get(sys.platform, ("PULSEAUDIO", "ALSA", "SNDIO", "OSS", "JACK")))
    try:
        done = subprocess.run(
            [sys.executable, "-c", PROBE_CODE, names], capture_output=True, text=True, timeout=15,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"the sound check could not run ({exc})"
    answer = (done.stdout.strip().splitlines() or [f"the sound check failed (exit code {done.returncode})"])[-1]
    return "" if answer == "ok" else answer


def command_player() -> list[str] | None:
    """The first command-line player whose sound server or card is actually present."""
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR", "/nonexistent"))
    checks: tuple[tuple[str, Callable[[], bool], list[str]], ...] = (
        ("pw-play", lambda: (runtime / "pipewire-0").exists(), []),
        ("paplay", lambda: bool(os.environ.get("PULSE_SERVER")) or (runtime / "pulse" / "native").exists(), []),
        ("aplay", alsa_has_card, ["-q"]),
        ("afplay", lambda: sys.platform == "darwin", []),
    )
    for name, present, extra in checks:
        exe = shutil.which(name)
        if exe and present():
            return [exe, *extra]
    return None


def alsa_has_card() -> bool:
    try:
        text = Path("/proc/asound/cards").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "no soundcards" not in text and bool(text.strip())
