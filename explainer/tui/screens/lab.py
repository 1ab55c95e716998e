"""The voice lab (mode "lab"): type a sentence, pick a clip or record yourself, choose the room
and the wake word, press enter, and watch a real, offline miniature assistant work stage by
stage.  Slides say what happens; this shows it happening on the learner's own machine — and
shows "nothing left the device" when the wake word did not fire, and "sorry" when the
assistant is not sure.

The screen asks the app's lab service (``app.lab``, ``explainer.voice.lab_service``) and
draws: the wake words, rooms, distances and stages are the service's lists.  All slow work
(speech synthesis, decoding, recording, the sound probe) runs in thread workers behind a
spinner.  From here: F3 (or w) "fool the wake word", F4 (or h) the voice history, F5 (or m)
record from the microphone.  The rows of choices and the request they make are
``widgets/lab_choices``; the devices (speech engine, sound, microphone, playback) are
``screens/lab_sound``, a helper this screen owns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select

from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.screens.lab_sound import LabSound
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.lab_choices import TYPED, choice_rows, distance_choices, read_request
from explainer.tui.widgets.lab_controls import (
    LAB_HELP,
    BusyLine,
    LabHelp,
    ThresholdControl,
    intent_table,
)
from explainer.tui.widgets.lab_trace import TraceView
from explainer.tui.widgets.lab_words import (
    Words,
    slow_reason,
    status_after_run,
    strictness_explained,
    strictness_words,
)

if TYPE_CHECKING:
    from explainer.voice.lab_service import LabRequest, LabService
    from explainer.voice.trace import Trace


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
        self.sound = LabSound(self)  # the microphone and playback
        self.speech_ok = True
        self.running = False  # a run (or a recording) is under way
        self._next: LabRequest | None = None  # entered during a run: runs when it ends
        self._room = "none"
        self._wake = "alexa"
        self._intents: dict[str, Any] | None = None

    @property
    def lab(self) -> LabService:
        return self.app.lab

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lab = self.lab
        steps, default = lab.thresholds("alexa")
        # no Header: at 80x24 its row is needed so that a three-line status (the caption) leaves all eleven stages
        # and the stage explained; the wave then gives up its letters' row and shows P, W, E on itself (app.tcss)
        yield from choice_rows(lab, self.app.course.clips, steps, default)
        yield BusyLine(self._hint(), id="lab-status")
        yield TraceView(lab.stages, self.words(), id="lab-trace")
        yield Footer(compact=True)

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
        self.sound.probe()

    def status_if_idle(self, text: str, busy: bool = False) -> None:
        status = self.query_one(BusyLine)
        if self.running or status.text not in (self._hint(), _("Loading the speech decoder (once)…")):
            return
        status.busy(text) if busy else status.done(text)

    def warmed(self, notice: str) -> None:
        if notice:
            self.query_one(BusyLine).done(notice, "bold")
        else:
            self.status_if_idle(self._hint())

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
            self.query_one(BusyLine).done(_("Back to your own sentence: enter runs it."))  # not "Clip chosen" still

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
            if room.distance_m in distance_choices(self.lab):
                distance.value = room.distance_m
            # the room's own words first: "loud" alone then read "tv noise at 0 dB SNR", which looked like the wrong room
            self.query_one(BusyLine).done(_("Room ({label}): {room}.").format(label=room.label, room=room.describe()))

    @on(ThresholdControl.Changed)
    def _threshold(self, event: ThresholdControl.Changed) -> None:
        self.threshold = event.value
        words = self.words()
        self.query_one(BusyLine).done(strictness_explained(words.steps, event.value, words.usual))

    def request(self, recording: tuple[Any, int] | None = None) -> LabRequest | str:
        """The learner's choices, or a message saying why they cannot run."""
        return read_request(self, self.lab, recording, speech_ok=self.speech_ok, threshold=self.threshold)

    def action_run(self, recording: tuple[Any, int] | None = None) -> None:
        status = self.query_one(BusyLine)
        request = self.request(recording)
        if isinstance(request, str):
            status.done(request, "bold")
        elif self.running:  # what was entered meanwhile runs next, as enter promised
            self._next = request if recording is None else None
            status.busy(_("Still running the last one… yours runs next."))
        else:
            self._start(request)

    def _start(self, request: LabRequest) -> None:
        self.running = True
        self.query_one(TraceView).clear()
        self.query_one(BusyLine).busy(_("Running the pipeline…"))
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
            self.app.call_from_thread(self.failed, message)
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
            "Finishing…"), why=slow_reason(following))

    def failed(self, message: str) -> None:
        self.running = False
        self.query_one(BusyLine).done(message, "bold")
        self._run_next()

    def _run_next(self) -> None:
        request, self._next = self._next, None
        if request is not None and not self.running:
            self._start(request)

    def _finished(self, trace: Trace, envelope: list[float]) -> None:
        self.running = False
        self.trace = trace
        view = self.query_one(TraceView)
        view.words = self.words(trace.wake_word)
        view.show_trace(trace, envelope)
        self.query_one(BusyLine).done(status_after_run(trace, view.words))
        field = self.query_one("#lab-text", Input)
        if trace.source == "typed" and not field.disabled:  # the next command is typed over this one...
            field.focus()
            if field.value.split() == trace.text.split():  # ...unless the learner has begun it already
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
        self._run_next()

    # -- your own voice, playback and navigation ------------------------------------------
    def action_record(self) -> None:
        self.sound.record()

    def action_keep(self) -> None:
        self.sound.keep()

    def action_play_input(self) -> None:
        self.sound.play("input")

    def action_play_reply(self) -> None:
        self.sound.play("reply")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_field = isinstance(self.focused, Input)
        if action in ("leave_field", "stages"):
            return in_field  # otherwise the key goes on: Esc to the map, ↓ to the table's own cursor
        if action == "leave":
            return not in_field
        return True

    def action_leave_field(self) -> None:
        self.query_one("#lab-trace-table", DataTable).focus()

    action_stages = action_leave_field  # ↓ from the field: to the table, as Esc does

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the footer's Esc says "Leave the field" or "Map"

    on_descendant_blur = on_descendant_focus

    def action_leave(self) -> None:
        self.app.open_map()

    def action_fool_wake(self) -> None:
        from explainer.tui.screens.lab_wake import FoolWakeScreen

        control = self.query_one(ThresholdControl)
        self.app.push_screen(FoolWakeScreen(self._wake_word(), control.value, self.speech_ok))

    def action_history(self) -> None:
        from explainer.tui.screens.lab_history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def _wake_word(self) -> str:
        return str(self.query_one("#lab-wake", Select).value)

    def on_unmount(self) -> None:
        self.sound.close()

