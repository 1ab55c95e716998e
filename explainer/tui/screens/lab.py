"""The voice lab (mode "lab"): type a sentence, pick a clip or record yourself, choose the room
and the wake word, press enter, and watch a real, offline miniature assistant work stage by
stage.  Slides say what happens; this shows it happening on the learner's own machine — and
shows "nothing left the device" when the wake word did not fire, and "sorry" when the
assistant is not sure.

The screen asks the app's lab service (``app.lab``, ``explainer.voice.lab_service``) and
draws: the wake words, rooms, distances and stages are the service's lists.  All slow work
(speech synthesis, decoding, recording, the sound probe) runs in thread workers behind a
spinner.  From here: F3 (or w) "fool the wake word", F4 (or h) the voice history, F5 (or m)
record from the microphone.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Select

from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.lab_controls import (
    LAB_HELP,
    BusyLine,
    LabHelp,
    LabInput,
    ThresholdControl,
    intent_table,
)
from explainer.tui.widgets.lab_playback import LabPlayback
from explainer.tui.widgets.lab_trace import TraceView
from explainer.tui.widgets.lab_words import Words, strictness_explained, strictness_words
from explainer.tui.widgets.lab_words import summary as plain_summary
from explainer.tui.worker_watch import log_detail

if TYPE_CHECKING:
    from explainer.voice.lab_service import LabRequest, LabService
    from explainer.voice.trace import Trace

TYPED = ""  # the clip Select's value for "use the typed sentence"
RECORD_SECONDS = 5.0


class LabScreen(LabHelp, Screen[None]):
    """Mode "lab": the trace view, with the fool-the-wake-word and history screens a key away."""

    HELP_TITLE = "Voice lab"

    BINDINGS = [
        Binding("ctrl+r", "run", "Run"),
        # F-keys work while the cursor is in the text field; letters once it is not.
        Binding("f3,w", "fool_wake", "Fool the wake word"),
        Binding("f4,h", "history", "History"),
        Binding("f5,m", "record", "Record"),
        Binding("k", "keep", "Keep your recording", show=False),
        Binding("i", "play_input", "Play what it heard", show=False),  # the footer has no room at 80 columns; ? lists it
        Binding("p", "play_reply", "Play reply"),
        Binding("down", "stages", "Stages", show=False),  # from the field (which has no use for ↓) to the table
        # Esc says what it does: out of the text field first, then back to the map
        Binding("escape", "leave_field", "Leave field"),
        Binding("escape", "leave", "Map"),
        LAB_HELP,
    ]

    app = getters.app(Host)

    def __init__(self) -> None:
        super().__init__()
        self.trace: Trace | None = None
        self.threshold: float | None = None
        self.playback = LabPlayback()
        self._speech_ok = True
        self._trace_running = False
        self._consented = False
        self._room = "none"
        self._wake = "alexa"
        self._playhead_timer: Timer | None = None
        self._intents: dict[str, Any] | None = None

    @property
    def lab(self) -> LabService:
        return self.app.lab

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lab = self.lab
        steps, default = lab.thresholds("alexa")
        # no Header: at 80x24 its row is needed so that a three-line status (the caption) leaves all ten stages
        with Horizontal(id="lab-top"):
            yield LabInput(placeholder=_("Type a command; enter runs it"), id="lab-text", compact=True)
            yield Select(self._clip_options(), allow_blank=False, value=TYPED, id="lab-clip", compact=True)
        with Horizontal(id="lab-options"):
            yield Select([(Text(_("noise: {n}").format(n=_(name))), name) for name in lab.rooms],
                         allow_blank=False, value="none", id="lab-noise", compact=True)
            yield Select([(Text(_("distance: {d:g} m").format(d=d)), d) for d in lab.distances],
                         allow_blank=False, value=1.0, id="lab-distance", compact=True)
            yield Select([(Text(_("wake word: {w}").format(w=w)), w) for w in lab.wake_words],
                         allow_blank=False, value="alexa", id="lab-wake", compact=True)
            yield ThresholdControl(steps, default, id="lab-threshold")
        yield BusyLine(self._hint(), id="lab-status")
        yield TraceView(lab.stages, self.words(), id="lab-trace")
        yield Footer(compact=True)

    def _clip_options(self) -> list[tuple[Text, str]]:
        options = [(Text(_("(the typed sentence)")), TYPED)]
        for clip in self.app.course.clips:
            if not clip.content_note:  # opt-in clips stay behind their note in the reviewer seat
                options.append((Text(clip.title), clip.id))
        return options

    def _hint(self) -> str:
        return _("Type what you would say to a smart speaker, starting with its wake word “alexa”, and press enter.")

    def words(self, wake_word: str | None = None) -> Words:
        """What the plain-words trace needs: station 4's intent words and the wake word's strictness steps."""
        if self._intents is None:
            self._intents = intent_table(self.app.course)
        wake = wake_word or (self._wake_word() if self.is_mounted else "alexa")
        steps, usual = self.lab.thresholds(wake)
        return Words(self._intents, steps, usual)

    def on_mount(self) -> None:
        self.threshold = self.query_one(ThresholdControl).value
        self.query_one("#lab-text", Input).focus()
        self._probe()

    @work(thread=True, group="lab-probe", exit_on_error=False)
    def _probe(self) -> None:
        """Speech engine and sound device (slow to ask), then the decoder, before the first run."""
        from explainer.voice.playback import Player

        speech_ok, speech_reason = self.lab.speech()
        player = Player(enabled=self.app.config.audio)
        self.app.call_from_thread(self._probed, speech_ok, speech_reason, player)
        self.app.call_from_thread(self._status_if_idle, _("Loading the speech decoder (once)…"), True)
        notice = self.lab.warm_up()
        self.app.call_from_thread(self._warmed, notice)

    def _probed(self, speech_ok: bool, speech_reason: str, player: Any) -> None:
        self.playback.player = player
        self.playback.served = self.app.config.served
        self._speech_ok = speech_ok
        if not speech_ok:
            field = self.query_one("#lab-text", Input)
            field.disabled = True
            field.placeholder = _("Typed sentences need a speech engine; pick a clip instead.")
            self.query_one(BusyLine).done(_("No speech engine: typed sentences are off, clips still run. ({why})").format(
                why=speech_reason), "bold")
            self.query_one("#lab-clip", Select).focus()

    def _status_if_idle(self, text: str, busy: bool = False) -> None:
        status = self.query_one(BusyLine)
        if self._trace_running or status.text not in (self._hint(), _("Loading the speech decoder (once)…")):
            return
        status.busy(text) if busy else status.done(text)

    def _warmed(self, notice: str) -> None:
        if notice:
            self.query_one(BusyLine).done(notice, "bold")
        else:
            self._status_if_idle(self._hint())

    # -- running -------------------------------------------------------------------------
    @on(Input.Submitted, "#lab-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_run()

    @on(Select.Changed, "#lab-clip")
    def _clip_changed(self, event: Select.Changed) -> None:
        if event.value != TYPED:  # say how to run it, and how to go back to typing
            self.query_one(BusyLine).done(_("Clip chosen: ctrl+r plays it to the device. Typing in the field goes "
                                            "back to your own sentence."))

    @on(Input.Changed, "#lab-text")
    def _typing(self, event: Input.Changed) -> None:
        clip = self.query_one("#lab-clip", Select)
        if event.input.has_focus and clip.value != TYPED:
            clip.value = TYPED  # the learner types a command: enter runs what they typed, not the clip chosen before

    @on(Select.Changed, "#lab-wake")
    def _wake_word_changed(self, event: Select.Changed) -> None:
        steps, default = self.lab.thresholds(str(event.value))
        control = self.query_one(ThresholdControl)
        control.configure(steps, default)  # each wake word has its own measured default
        self.threshold = control.value
        self.query_one(TraceView).words = words = self.words(str(event.value))
        if str(event.value) != self._wake:  # the learner's change, not the first value
            self._wake = str(event.value)
            self.query_one(BusyLine).done(_("Wake word “{w}”: start what you say with it. Its strictness is back to "
                                            "its usual: {s}.").format(w=self._wake, s=strictness_words(
                                                words.steps, words.usual, words.usual)))

    @on(Select.Changed, "#lab-noise")
    def _room_changed(self, event: Select.Changed) -> None:
        room = self.lab.rooms.get(str(event.value))
        if room is not None and room.name != self._room:  # the learner's change, not the first value
            self._room = room.name
            distance = self.query_one("#lab-distance", Select)
            if room.distance_m in self.lab.distances:
                distance.value = room.distance_m
            self.query_one(BusyLine).done(_("Room: {room}.").format(room=room.describe()))

    @on(ThresholdControl.Changed)
    def _threshold(self, event: ThresholdControl.Changed) -> None:
        self.threshold = event.value
        words = self.words()
        self.query_one(BusyLine).done(strictness_explained(words.steps, event.value, words.usual))

    def request(self, recording: tuple[Any, int] | None = None) -> LabRequest | str:
        """The learner's choices, or a message saying why they cannot run."""
        from explainer.voice.lab_service import LabRequest

        clip = self.query_one("#lab-clip", Select).value
        text = self.query_one("#lab-text", Input).value
        if recording is None and clip == TYPED:
            if not self._speech_ok:
                return _("Typed sentences need a speech engine, which this computer lacks. Pick a clip instead.")
            problem = self.lab.check_text(text)
            if problem:
                return problem
        use_clip = recording is None and clip != TYPED
        return LabRequest(
            text=text.strip() if recording is None and not use_clip else "", clip_id=str(clip) if use_clip else None,
            recording=recording, noise=str(self.query_one("#lab-noise", Select).value),
            distance=float(self.query_one("#lab-distance", Select).value),  # type: ignore[arg-type]
            wake_word=str(self.query_one("#lab-wake", Select).value), threshold=self.threshold,
            keep=recording is None,  # your own voice stays in memory unless you press k
        )

    def action_run(self, recording: tuple[Any, int] | None = None) -> None:
        status = self.query_one(BusyLine)
        if self._trace_running:
            status.busy(_("Still running the last one…"))
            return
        request = self.request(recording)
        if isinstance(request, str):
            status.done(request, "bold")
            return
        self._trace_running = True
        self.query_one(TraceView).clear()
        status.busy(_("Running the pipeline…"))
        self._run(request)

    @work(thread=True, exclusive=True, group="lab-run", exit_on_error=False)
    def _run(self, request: LabRequest) -> None:
        from explainer.voice.audio import envelope

        def on_stage(record: Any) -> None:
            self.app.call_from_thread(self._stage_done, record)

        try:
            trace = self.lab.run(request, on_stage=on_stage)
        except Exception as error:  # noqa: BLE001 - the learner gets a sentence, never a traceback
            message = str(error) if type(error).__name__ in ("LabInputError", "ValueError", "HistoryError",
                                                             "CacheFolderError") else _(
                "The pipeline stopped: {error}").format(error=error)
            self.app.call_from_thread(self._failed, message)
            return
        shape = envelope(trace.input_samples, 200) if trace.input_samples is not None else []
        self.app.call_from_thread(self._finished, trace, shape)

    def _stage_done(self, record: Any) -> None:
        self.query_one(TraceView).stage_done(record)
        stages = list(self.lab.stages)
        name = str(record.name)
        following = stages[stages.index(name) + 1] if name in stages[:-1] else None
        # say what is running now (a slow stage is the one the learner waits on), not what just ended
        self.query_one(BusyLine).busy(_("Running: {stage}…").format(stage=_(following)) if following else _(
            "Finishing…"))

    def _failed(self, message: str) -> None:
        self._trace_running = False
        self.query_one(BusyLine).done(message, "bold")

    def _finished(self, trace: Trace, envelope: list[float]) -> None:
        self._trace_running = False
        self.trace = trace
        view = self.query_one(TraceView)
        view.words = self.words(trace.wake_word)
        view.show_trace(trace, envelope)
        self.query_one(BusyLine).done(summary(trace, view.words))
        field = self.query_one("#lab-text", Input)
        if trace.source == "typed" and not field.disabled:  # the next command is typed over this one
            field.focus()
            field.select_all()
        else:  # a clip or a recording: the keys that follow (k keeps it, p plays the reply) are letters
            self.query_one("#lab-trace-table", DataTable).focus()
        lab = self.app.progress.section("lab")
        try:
            count = int(lab.get("traces", 0))
        except (TypeError, ValueError):  # a damaged count starts again rather than never saving
            count = 0
        lab["traces"] = count + 1
        self.app.save_progress()

    # -- your own voice ------------------------------------------------------------------
    def action_record(self) -> None:
        if self._trace_running:
            return
        if self._consented:
            self._record()
            return
        from explainer.tui.screens.lab_confirm import LabConfirmScreen

        question = _("Record {s:.0f} s from your microphone? The audio stays in this app's memory; "
                     "it is saved only if you press k afterwards.").format(s=RECORD_SECONDS)
        self.app.push_screen(LabConfirmScreen(question, yes=_("Yes, record"), no=_("No")), self._consent)

    def _consent(self, answer: bool | None) -> None:
        if answer:
            self._consented = True
            self._record()
        else:
            self.query_one(BusyLine).done(_("Nothing was recorded."))

    def _record(self) -> None:
        self._trace_running = True
        self.query_one(BusyLine).busy(_("Recording {s:.0f} s: say “alexa” and a command…").format(s=RECORD_SECONDS))
        self._capture()

    @work(thread=True, exclusive=True, group="lab-record", exit_on_error=False)
    def _capture(self) -> None:
        try:
            samples, rate = self.lab.record(RECORD_SECONDS, threading.Event())
        except Exception as error:  # noqa: BLE001 - no microphone is one clear line
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._recorded, samples, rate)

    def _recorded(self, samples: Any, rate: int) -> None:
        self._trace_running = False
        self.action_run(recording=(samples, rate))

    def action_keep(self) -> None:
        status = self.query_one(BusyLine)
        trace = self.trace
        if trace is None or trace.source != "microphone" or trace.history_id is not None:
            status.done(_("k keeps a microphone recording in the voice history, after a run that woke."))
            return
        try:
            number = self.lab.keep(trace)
        except Exception as error:  # noqa: BLE001 - nothing uploaded, a locked file: say so
            status.done(_("Not kept: {error}").format(error=error), "bold")
            return
        status.done(_("Kept in the voice history as recording #{n} (F4 to see or delete it).").format(n=number))

    # -- playback and navigation -----------------------------------------------------------
    def action_play_input(self) -> None:
        self._play("input")

    def action_play_reply(self) -> None:
        self._play("reply")

    def _play(self, which: str) -> None:
        outcome = self.playback.play(self.trace, which)
        if outcome.warning:  # the sound library's own words go to the error log, for a teacher
            self.notify(log_detail(self, "lab: no sound", outcome.warning, outcome.detail),
                        severity="warning", markup=False)
        self.query_one(BusyLine).done(outcome.message)
        if outcome.follows_wave:
            if self._playhead_timer is not None:
                self._playhead_timer.stop()
            self._playhead_timer = self.set_interval(0.1, self._follow_playhead)

    def _follow_playhead(self) -> None:
        position = self.playback.position()
        self.query_one(TraceView).set_playhead(position)
        if position is None and self._playhead_timer is not None:
            self._playhead_timer.stop()
            self._playhead_timer = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_field = isinstance(self.focused, Input)
        if action in ("leave_field", "stages"):
            return in_field  # otherwise the key goes on: Esc to the map, ↓ to the table's own cursor
        if action == "leave":
            return not in_field
        return True

    def action_leave_field(self) -> None:
        self.query_one("#lab-trace-table", DataTable).focus()

    def action_stages(self) -> None:
        self.query_one("#lab-trace-table", DataTable).focus()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the footer's Esc says "Leave the field" or "Map"

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def action_leave(self) -> None:
        self.app.open_map()

    def action_fool_wake(self) -> None:
        from explainer.tui.screens.lab_wake import FoolWakeScreen

        control = self.query_one(ThresholdControl)
        self.app.push_screen(FoolWakeScreen(self._wake_word(), control.value, self._speech_ok))

    def action_history(self) -> None:
        from explainer.tui.screens.lab_history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def _wake_word(self) -> str:
        return str(self.query_one("#lab-wake", Select).value)

    def on_unmount(self) -> None:
        self.playback.close()


def summary(trace: Trace, words: Words | None = None) -> str:
    """The status line after a run, in plain words; notices (a history recreated...) follow it."""
    said = plain_summary(trace, words or Words())
    reply = trace.stage("reply")
    spoken_note = str((reply.data or {}).get("audio") or "") if reply is not None else ""
    notes = [str(n) for n in trace.notices if str(n) != spoken_note]  # "shown as text only": the reply's detail says it
    return " ".join([said, *notes])
