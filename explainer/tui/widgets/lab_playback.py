"""Replaying a lab run: what the microphone heard, and the assistant's reply — from memory.

Textual-free: the screen asks ``LabPlayback`` to play and draws what it answers.  Audio never
goes through a file in a shared temp folder (``Player.load_samples``).  With no sound device
the learner is told once why, and the words are shown instead — a classroom server without
speakers still gets the whole lesson.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explainer.i18n import _
from explainer.tui.sound_words import no_sound_words


@dataclass(frozen=True)
class PlayOutcome:
    message: str  # the status line
    warning: str = ""  # said once per session (no sound device)
    follows_wave: bool = False  # the input is playing: the waveform's playhead may follow it
    detail: str = ""  # the sound library's own message, for the error log (never shown)


class LabPlayback:
    """Plays a trace's input or reply on a ``Player`` (or says why it cannot)."""

    def __init__(self, player: Any = None, *, served: bool = False) -> None:
        self.player = player
        self.served = served  # in a browser (explainer serve): sound would come out of the host
        self._told = False

    def play(self, trace: Any, which: str) -> PlayOutcome:
        if trace is None:
            return PlayOutcome(_("Nothing to play yet: run a sentence, a clip or a recording first."))
        if which == "input":
            what, text = _("what the microphone heard"), trace.transcript or trace.text
            audio = (trace.input_samples, 16000) if trace.input_samples is not None else None
        else:
            what, text, audio = _("the reply"), trace.reply, trace.reply_samples
            if not text:  # it did not wake: no "the reply: “”"
                return PlayOutcome(_("No reply to play: the assistant said nothing this time."))
        if self.player is None or not self.player.audible or audio is None:
            if audio is None:
                warning, detail = _("No audio was made for {what}.").format(what=what), ""
            else:
                silent = no_sound_words(getattr(self.player, "reason", ""), served=self.served)
                warning, detail = silent.words, silent.detail
            told, self._told = self._told, True
            shown = _("{what}, in words (no sound here): “{text}”").format(what=what[:1].upper() + what[1:], text=text)
            return PlayOutcome(shown, "" if told else warning, detail="" if told else detail)  # not "the reply: …"
        try:
            self.player.load_samples(*audio)
            self.player.play()
        except Exception as error:  # noqa: BLE001 - a vanished device is a message, not a crash
            return PlayOutcome(_("Could not play {what}: {error}").format(what=what, error=error))
        return PlayOutcome(_("Playing {what}: “{text}”").format(what=what, text=text), follows_wave=which == "input")

    def position(self) -> float | None:
        """Seconds into the input while it plays, else None."""
        if self.player is None or not self.player.playing:
            return None
        return float(self.player.position())

    def close(self) -> None:
        if self.player is not None:
            self.player.close()
