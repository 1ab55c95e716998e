"""Reading a lesson page aloud, without ever freezing the screen.

Being read to helps younger readers and people who find screens tiring (Interland reads
everything aloud). Speech comes from pyttsx3, which is fragile on Linux, so it runs in a
child process behind ``explainer.voice.speech``; here we only prepare the words, run the
synthesis and playback in a thread worker, and turn every failure (no speech engine, no
sound device, a read-only cache) into one clear notification. Citation markers are left
out: "bracket at bloomberg" helps nobody.

In a browser (``explainer serve``) the app runs on the host's computer: speech would come out
of the host's speakers, not the visitor's. So there ``r`` says that in plain words and what the
visitor can do instead (``SERVED_NOTICE``), and never starts speech at all.
"""

from __future__ import annotations

import atexit
import hashlib
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from explainer.course import markup
from explainer.course.model import Page
from explainer.i18n import _
from explainer.privacy import private_folder
from explainer.tui.config import AppConfig
from explainer.tui.host import Host

CHUNK_CHARS = 900  # the speech child speaks at most ~1,000 characters per request
SERVED_NOTICE = (
    "Read aloud plays through the speakers of the computer that runs this app, not in your browser, "
    "so it is off here. The page stays on screen. To hear it, run Who's Listening? on your own "
    "computer (r reads each page there), or ask your host for the plain-text course (explainer read) "
    "for a screen reader."
)
SERVED_SETTING = "Plays on the computer running the app, not in your browser: off here"


def narration_text(page: Page) -> str:
    """The words to speak: title, paragraphs, list items and asides; no citations, no code."""
    parts = [page.title + "."]
    for block in markup.blocks(page.body):
        if block.kind == "code":
            continue
        words = " ".join(markup.plain_text(block.text).split())
        words = re.sub(r"[*_`#]+", "", words)
        if not words:
            continue
        if block.kind == "quote":
            words = _("Aside:") + " " + words
        if words[-1] not in ".?!:":
            words += "."
        parts.append(words)
    return "\n".join(parts)


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Split at sentence ends so each piece stays under ``limit`` characters."""
    sentences = re.split(r"(?<=[.?!:])\s+", text.strip())
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > limit:  # one enormous sentence: cut at a space
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def narration_voice() -> str:
    """The espeak-ng voice for the interface language ("es" is espeak-ng's roa/es)."""
    from explainer.i18n import language

    return {"es": "es"}.get(language(), "en-us")


def _cache_dir(config: AppConfig) -> Path:
    # memory-only sessions point config.data at a scratch folder removed at exit
    folder = config.data.narration_cache_dir
    try:
        return private_folder(folder)
    except OSError:
        pass
    # No shared, fixed-name folder in the temp dir (anyone could plant links there): a private
    # one of our own, removed when the app exits.
    scratch = Path(tempfile.mkdtemp(prefix="explainer-narration-"))
    atexit.register(shutil.rmtree, scratch, True)
    return scratch


class Narrator:
    """Reads text aloud for one screen; ``toggle`` starts or stops."""

    def __init__(self, owner: Widget) -> None:
        self.owner = owner  # the screen whose text is read: workers and notices are its
        self.player: Any = None
        self.worker: Worker | None = None
        self.unavailable = False  # told the learner once; automatic reading stays quiet after that

    @property
    def active(self) -> bool:
        running = self.worker is not None and not self.worker.is_finished
        return running or bool(self.player is not None and self.player.playing)

    def toggle(self, text: str) -> bool:
        """Start reading ``text`` or, if already reading, stop. Returns True when it started."""
        if self.active:
            self.stop()
            self.owner.notify(_("Reading stopped."), timeout=2)
            return False
        self.start(text)
        return True

    def start(self, text: str, *, automatic: bool = False) -> None:
        """Read ``text``; ``automatic`` (narration setting on) gives up quietly once told why not."""
        if automatic and self.unavailable:
            return
        app = self.owner.app
        if isinstance(app, Host) and app.config.served:  # the host's speakers are not the visitor's
            self.unavailable = True
            self.owner.notify(_(SERVED_NOTICE), title=_("Read aloud"), timeout=15, markup=False)
            return
        self.stop()
        self.worker = self.owner.run_worker(
            lambda: self._speak(text, announce=not automatic), thread=True, group="narration", exclusive=True,
            exit_on_error=False, name="narration",
        )

    def stop(self) -> None:
        if self.worker is not None and not self.worker.is_finished:
            self.worker.cancel()
        self.worker = None
        if self.player is not None:
            self.player.stop()

    def _tell(self, message: str, severity: str = "information") -> None:
        self.owner.app.call_from_thread(
            self.owner.notify, message, severity=severity, timeout=8, markup=False
        )

    def _speak(self, text: str, announce: bool = False) -> None:
        """Thread worker: synthesize (cached by text), then play. Never raises into the UI."""
        from explainer.voice import audio, playback, speech

        worker = get_current_worker()
        app = self.owner.app
        assert isinstance(app, Host)
        ok, reason = speech.speech_available()
        if not ok:
            self.unavailable = True
            self._tell(_("Narration needs a speech engine: ") + reason, "warning")
            return
        player = playback.Player(enabled=app.config.audio)
        if not player.audible:
            self.unavailable = True
            # the first clause only ("No sound device found"), not the driver's own details
            why = player.reason.split(". ")[0].split(" (")[0].rstrip(".")
            self._tell(_("Narration cannot play: {why}. The page text stays on screen.").format(why=why), "warning")
            return
        if announce:  # said only once sound can really play (no promise that is then broken)
            self._tell(_("Reading the page aloud… press r to stop."))
        try:
            folder = _cache_dir(app.config)
            voice = narration_voice()
            digest = hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()[:16]
            target = folder / f"page-{digest}.wav"
            if not target.exists():
                pieces = []
                for index, piece in enumerate(chunks(text)):
                    if worker.is_cancelled:
                        return
                    pieces.append(speech.synthesize(piece, folder / f"part-{digest}-{index}.wav", voice=voice))
                samples = [audio.read_wav(path) for path in pieces]
                rate = samples[0][1]
                import numpy as np

                audio.write_wav(target, np.concatenate([s for s, _r in samples]), rate)
                for path in pieces:
                    path.unlink(missing_ok=True)
        except speech.SpeechUnavailable as error:
            self.unavailable = True
            self._tell(_("Narration needs a speech engine: ") + str(error), "warning")
            return
        except (speech.SpeechError, OSError, ValueError) as error:
            self._tell(_("Narration failed: ") + str(error), "error")
            return
        if worker.is_cancelled:
            return
        self.player = player
        player.play(target)
