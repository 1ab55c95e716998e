"""The voice lab's sound in and out: the devices asked before the first run, the learner's own
recording, and playing back a run.

Before the first run the speech engine and the sound device are asked (slow), then the speech
decoder is loaded.  Recording from the microphone is asked first (the audio stays in memory;
it is saved only when the learner presses k), and a run's input or reply plays with the
waveform's playhead following it.  These are the lab's parts that touch a speech engine, a
microphone and speakers -- the ones a learner with no sound card meets as one clear sentence
instead -- so they live together, apart from the screen that draws the trace and runs the
pipeline.  ``LabSound`` is a helper the screen owns, not a mixin: it goes through the screen's
public parts (its status line, fields, trace view, ``running`` and ``action_run``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual.widgets import Input, Select

from explainer.i18n import _
from explainer.tui.widgets.lab_controls import BusyLine
from explainer.tui.widgets.lab_playback import LabPlayback
from explainer.tui.widgets.lab_trace import TraceView
from explainer.tui.worker_watch import log_detail

if TYPE_CHECKING:
    from textual.timer import Timer

    from explainer.tui.screens.lab import LabScreen

RECORD_SECONDS = 5.0


class LabSound:
    """The lab screen's devices: the speech engine and sound device, the microphone (with consent, and k
    to keep) and its playback of a run."""

    def __init__(self, screen: LabScreen) -> None:
        self.screen = screen
        self.playback = LabPlayback()
        self.consented = False
        self._playhead_timer: Timer | None = None

    # -- before the first run ------------------------------------------------------------
    def probe(self) -> None:
        # a worker of the screen's, as @work on the screen would start it (same name, group and rules)
        self.screen.run_worker(self._probe, name="_probe", group="lab-probe", description="_probe()",
                               exit_on_error=False, thread=True)

    def _probe(self) -> None:
        """Speech engine and sound device (slow to ask), then the decoder, before the first run."""
        from explainer.voice.playback import Player

        screen = self.screen
        speech_ok, speech_reason = screen.lab.speech()
        player = Player(enabled=screen.app.config.audio)
        screen.app.call_from_thread(self._probed, speech_ok, speech_reason, player)
        screen.app.call_from_thread(screen.status_if_idle, _("Loading the speech decoder (once)…"), True)
        notice = screen.lab.warm_up()
        screen.app.call_from_thread(screen.warmed, notice)

    def _probed(self, speech_ok: bool, speech_reason: str, player: Any) -> None:
        screen = self.screen
        self.playback.player = player
        self.playback.served = screen.app.config.served
        screen.speech_ok = speech_ok
        if not speech_ok:
            field = screen.query_one("#lab-text", Input)
            field.disabled = True
            field.placeholder = _("Typed sentences need a speech engine; pick a clip instead.")
            screen.query_one(BusyLine).done(_("No speech engine: typed sentences are off, clips still run. ({why})").format(
                why=speech_reason), "bold")
            screen.query_one("#lab-clip", Select).focus()

    # -- your own voice ------------------------------------------------------------------
    def record(self) -> None:
        screen = self.screen
        if screen.running:
            return
        if self.consented:
            self._record()
            return
        from explainer.tui.screens.lab_confirm import LabConfirmScreen

        question = _("Record {s:.0f} s from your microphone? The audio stays in this app's memory; "
                     "it is saved only if you press k afterwards.").format(s=RECORD_SECONDS)
        screen.app.push_screen(LabConfirmScreen(question, yes=_("Yes, record"), no=_("No")), self._consent)

    def _consent(self, answer: bool | None) -> None:
        if answer:
            self.consented = True
            self._record()
        else:
            self.screen.query_one(BusyLine).done(_("Nothing was recorded."))

    def _record(self) -> None:
        self.screen.running = True
        self.screen.query_one(BusyLine).busy(_("Recording {s:.0f} s: say “alexa” and a command…").format(
            s=RECORD_SECONDS))
        self.screen.run_worker(self._capture, name="_capture", group="lab-record", description="_capture()",
                               exclusive=True, exit_on_error=False, thread=True)

    def _capture(self) -> None:
        screen = self.screen
        try:
            samples, rate = screen.lab.record(RECORD_SECONDS, threading.Event())
        except Exception as error:  # noqa: BLE001 - no microphone is one clear line
            screen.app.call_from_thread(screen.failed, str(error))
            return
        screen.app.call_from_thread(self._recorded, samples, rate)

    def _recorded(self, samples: Any, rate: int) -> None:
        self.screen.running = False
        self.screen.action_run(recording=(samples, rate))

    def keep(self) -> None:
        status = self.screen.query_one(BusyLine)
        trace = self.screen.trace
        if trace is None or trace.source != "microphone" or trace.history_id is not None:
            status.done(_("k keeps a microphone recording in the voice history, after a run that woke."))
            return
        try:
            number = self.screen.lab.keep(trace)
        except Exception as error:  # noqa: BLE001 - nothing uploaded, a locked file: say so
            status.done(_("Not kept: {error}").format(error=error), "bold")
            return
        status.done(_("Kept in the voice history as recording #{n} (F4 to see or delete it).").format(n=number))

    # -- playback ------------------------------------------------------------------------
    def play(self, which: str) -> None:
        screen = self.screen
        outcome = self.playback.play(screen.trace, which)
        if outcome.warning:  # the sound library's own words go to the error log, for a teacher
            screen.notify(log_detail(screen, "lab: no sound", outcome.warning, outcome.detail),
                          severity="warning", markup=False)
        screen.query_one(BusyLine).done(outcome.message)
        if outcome.follows_wave:
            if self._playhead_timer is not None:
                self._playhead_timer.stop()
            self._playhead_timer = screen.set_interval(0.1, self._follow_playhead)

    def _follow_playhead(self) -> None:
        position = self.playback.position()
        self.screen.query_one(TraceView).set_playhead(position)
        if position is None and self._playhead_timer is not None:
            self._playhead_timer.stop()
            self._playhead_timer = None

    def close(self) -> None:
        self.playback.close()
