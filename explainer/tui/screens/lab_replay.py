"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

Replaying a run on the trace view: i plays what the microphone heard, p the assistant's
reply. With no sound device the learner is told once why, and the words are shown instead
-- a classroom server without speakers still gets the whole lesson. While the input plays,
the waveform's playhead follows it.
"""

from __future__ import annotations

from typing import Any

from textual.timer import Timer

from explainer.i18n import _
from explainer.tui.widgets.lab_controls import BusyLine
from explainer.tui.widgets.lab_trace import TraceView


class LabReplay:
    """Mixin for LabScreen: needs ``trace``, ``player``, ``_sound_told``, ``_playhead_timer``."""

    trace: Any
    player: Any
    _sound_told: bool
    _playhead_timer: Timer | None

    def action_play_input(self) -> None:
        self._play(getattr(self.trace, "input_audio", None), getattr(self.trace, "transcript", "") or
                   getattr(self.trace, "text", ""), _("what the microphone heard"))

    def action_play_reply(self) -> None:
        self._play(getattr(self.trace, "reply_audio", None), getattr(self.trace, "reply", ""), _("the reply"))

    def _play(self, path: str | None, text: str, what: str) -> None:
        status = self.query_one(BusyLine)
        if self.trace is None:
            status.done(_("Nothing to play yet: run a sentence or a clip first."))
            return
        if self.player is None or not self.player.audible or not path:
            reason = getattr(self.player, "reason", "") or _("No audio was made for {what}.").format(what=what)
            if not self._sound_told:
                self._sound_told = True
                self.notify(reason, severity="warning", markup=False)
            status.done(f"{what}: “{text}”")
            return
        try:
            self.player.play(path)
        except Exception as error:  # noqa: BLE001 - a broken file is a message, not a crash
            status.done(_("Could not play {what}: {error}").format(what=what, error=error))
            return
        status.done(_("Playing {what}: “{text}”").format(what=what, text=text))
        if path == getattr(self.trace, "input_audio", None):  # the waveform is the input's: follow it
            if self._playhead_timer is not None:
                self._playhead_timer.stop()
            self._playhead_timer = self.set_interval(0.1, self._follow_playhead)

    def _follow_playhead(self) -> None:
        view = self.query_one(TraceView)
        if self.player is None or not self.player.playing:
            view.set_playhead(None)
            if self._playhead_timer is not None:
                self._playhead_timer.stop()
                self._playhead_timer = None
            return
        view.set_playhead(self.player.position())

