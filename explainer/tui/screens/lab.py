"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

The voice lab (mode "lab"): type a sentence or pick a clip, choose the room and the wake
word, press enter, and watch a real, offline miniature assistant work stage by stage.
Slides say what happens; this shows it happening on the learner's own machine -- and shows
"nothing left the device" when the wake word did not fire.

All slow work (speech synthesis, decoding, the sound-device probe) runs in thread workers
behind a spinner; the screen never waits. The pipeline itself is reached only through
``explainer.tui.lab_adapter``, which says so plainly when it is missing from a build.
From here: F3 (or w) "fool the wake word", F4 (or h) the voice-history browser.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Select

from explainer.i18n import _
from explainer.tui import lab_adapter
from explainer.tui.host import Host
from explainer.tui.screens.lab_replay import LabReplay
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.lab_controls import BusyLine, ThresholdControl
from explainer.tui.widgets.lab_trace import TraceView

TYPED = ""  # the clip Select's value for "use the typed sentence"


class LabScreen(LabReplay, Screen[None]):
    """Mode "lab": the trace view, with the fool-the-wake-word and history screens a key away."""

    BINDINGS = [
        Binding("ctrl+r", "run", "Run"),
        # F3/F4 work while the cursor is in the text field; w/h once it is not.
        Binding("f3,w", "fool_wake", "Fool the wake word"),
        Binding("f4,h", "history", "Voice history"),
        Binding("i", "play_input", "Play input"),
        Binding("p", "play_reply", "Play reply"),
        Binding("escape", "leave", "Map"),
    ]

    app = getters.app(Host)

    def __init__(self) -> None:
        super().__init__()
        self.player: Any = None
        self.trace: Any = None
        self.threshold: float | None = None
        self._speech_ok = True
        self._sound_told = False
        self._trace_running = False
        self._playhead_timer: Timer | None = None
        self._session: lab_adapter.LabSession | None = None

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lab-top"):
            yield Input(placeholder=_("Type a command; enter runs it"),
                        id="lab-text", compact=True)
            yield Select(self._clip_options(), allow_blank=False, value=TYPED, id="lab-clip", compact=True)
        with Horizontal(id="lab-options"):
            yield Select([(Text(_("noise: {n}").format(n=_(n))), n) for n in lab_adapter.NOISES],
                         allow_blank=False, value="none", id="lab-noise", compact=True)
            yield Select([(Text(_("distance: {d:g} m").format(d=d)), d) for d in lab_adapter.DISTANCES],
                         allow_blank=False, value=1.0, id="lab-distance", compact=True)
            yield Select([(Text(_("wake word: {w}").format(w=w)), w) for w in lab_adapter.WAKE_WORDS],
                         allow_blank=False, value="alexa", id="lab-wake", compact=True)
            yield ThresholdControl(id="lab-threshold")
        yield BusyLine(self._hint(), id="lab-status")
        yield TraceView(id="lab-trace")
        yield Footer(compact=True)

    def _clip_options(self) -> list[tuple[Text, str]]:
        options = [(Text(_("(the typed sentence)")), TYPED)]
        for clip in self.app.course.clips:
            if clip.content_note:
                continue  # opt-in clips stay behind their note in the reviewer seat
            options.append((Text(clip.title), clip.id))
        return options

    def on_mount(self) -> None:
        self.query_one("#lab-text", Input).focus()
        self._probe()

    @work(thread=True, group="lab-probe", exit_on_error=False)
    def _probe(self) -> None:
        """Speech engine, sound device and the wake stage's thresholds: all slow to ask."""
        from explainer.voice.playback import Player
        from explainer.voice.speech import speech_available

        speech_ok, speech_reason = speech_available()
        player = Player(enabled=self.app.config.audio)
        steps, default = lab_adapter.threshold_choices(self._wake_word())
        pipeline_ok, pipeline_reason = lab_adapter.available()
        self.app.call_from_thread(self._probed, speech_ok, speech_reason, player, steps, default,
                                  pipeline_ok, pipeline_reason)
        if pipeline_ok:
            self.app.call_from_thread(self._warming)
            notice = lab_adapter.warm_up()  # the decoders, off the event loop, before the first run
            self.app.call_from_thread(self._warmed, notice)

    def _warming(self) -> None:
        status = self.query_one(BusyLine)
        if not self._trace_running and status.text == self._hint():
            status.busy(_("Loading the speech decoders (once)…"))

    def _warmed(self, notice: str) -> None:
        status = self.query_one(BusyLine)
        if notice:
            status.done(notice, "bold")
        elif not self._trace_running and status.text == _("Loading the speech decoders (once)…"):
            status.done(self._hint())

    def _hint(self) -> str:
        return _("Enter runs the sentence (or the chosen clip) · F3 fool the wake word · F4 history")

    def _probed(self, speech_ok: bool, speech_reason: str, player: Any, steps: tuple[float, ...],
                default: float, pipeline_ok: bool, pipeline_reason: str) -> None:
        self.player = player
        self._speech_ok = speech_ok
        control = self.query_one(ThresholdControl)
        control.configure(steps, default)
        self.threshold = control.value
        status = self.query_one(BusyLine)
        if not pipeline_ok:
            status.done(pipeline_reason, "bold")
        if not speech_ok:
            field = self.query_one("#lab-text", Input)
            field.disabled = True
            field.placeholder = _("Typed sentences need a speech engine; pick a clip instead.")
            status.done(_("No speech engine: typed sentences are off, clips still run. ({why})").format(
                why=speech_reason), "bold")
            self.query_one("#lab-clip", Select).focus()

    # -- running -------------------------------------------------------------------------
    @on(Input.Submitted, "#lab-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_run()

    @on(Select.Changed, "#lab-wake")
    def _wake_word_changed(self, event: Select.Changed) -> None:
        if self.player is None:
            return  # the probe (in a worker) has not loaded the wake stage yet; it sets the threshold
        steps, default = lab_adapter.threshold_choices(str(event.value))
        control = self.query_one(ThresholdControl)
        if steps:
            control.configure(steps, default)  # each wake word has its own measured default
            self.threshold = control.value

    @on(ThresholdControl.Changed)
    def _threshold(self, event: ThresholdControl.Changed) -> None:
        self.threshold = event.value

    def request(self) -> lab_adapter.LabRequest | str:
        """The learner's choices, or a message saying why they cannot run."""
        clip = self.query_one("#lab-clip", Select).value
        text = self.query_one("#lab-text", Input).value
        if clip == TYPED:
            if not self._speech_ok:
                return _("Typed sentences need a speech engine, which this computer lacks. Pick a clip instead.")
            problem = lab_adapter.check_text(text)
            if problem:
                return problem
        return lab_adapter.LabRequest(
            text=text.strip() if clip == TYPED else "", clip_id=None if clip == TYPED else str(clip),
            noise=str(self.query_one("#lab-noise", Select).value),
            distance=float(self.query_one("#lab-distance", Select).value),  # type: ignore[arg-type]
            wake_word=str(self.query_one("#lab-wake", Select).value), threshold=self.threshold,
        )

    def action_run(self) -> None:
        status = self.query_one(BusyLine)
        if self._trace_running:
            status.busy(_("Still running the last one…"))
            return
        request = self.request()
        if isinstance(request, str):
            status.done(request, "bold")
            return
        ok, reason = lab_adapter.available()
        if not ok:
            status.done(reason, "bold")
            return
        self._trace_running = True
        self.query_one(TraceView).clear()
        status.busy(_("Running the pipeline…"))
        self._run(request)

    def session(self) -> lab_adapter.LabSession:
        """The lab's pipeline for this screen's life (made on first use, closed on unmount)."""
        if self._session is None:
            self._session = lab_adapter.session_for(self.app, keep=True)
        return self._session

    @work(thread=True, exclusive=True, group="lab-run", exit_on_error=False)
    def _run(self, request: lab_adapter.LabRequest) -> None:
        def on_stage(record: Any) -> None:
            self.app.call_from_thread(self._stage_done, record)

        try:
            trace = self.session().run(request, on_stage=on_stage)
        except lab_adapter.LabUnavailable as missing:
            self.app.call_from_thread(self._failed, str(missing))
            return
        except Exception as error:  # noqa: BLE001 - the learner gets a sentence, never a traceback
            message = str(error) if lab_adapter.is_input_error(error) else _(
                "The pipeline stopped: {error}").format(error=error)
            self.app.call_from_thread(self._failed, message)
            return
        envelope: list[float] = []
        if getattr(trace, "input_audio", None):
            try:
                from explainer.voice.audio import envelope as make_envelope
                from explainer.voice.audio import read_wav

                samples, _rate = read_wav(trace.input_audio)
                envelope = make_envelope(samples, 200)
            except Exception:  # noqa: BLE001 - no picture is fine; the rows still show
                envelope = []
        self.app.call_from_thread(self._finished, trace, envelope)

    def _stage_done(self, record: Any) -> None:
        self.query_one(TraceView).stage_done(record)
        self.query_one(BusyLine).busy(_("Running: {stage} done…").format(stage=_(record.name)))

    def _failed(self, message: str) -> None:
        self._trace_running = False
        self.query_one(BusyLine).done(message, "bold")

    def _finished(self, trace: Any, envelope: list[float]) -> None:
        self._trace_running = False
        self.trace = trace
        self.query_one(TraceView).show_trace(trace, envelope)
        woke = _("woke") if trace.woke else _("did not wake")
        summary = f"{woke} · {float(trace.total_ms):.0f} ms"
        if trace.woke:
            summary += " · " + _("said “{said}”, heard “{heard}”").format(said=trace.text, heard=trace.transcript)
        if trace.intent:
            summary += f" · {trace.intent}"
        if getattr(trace, "selected_for_review", False):
            summary += " · " + _("selected for human review (this lab samples {lab:.0%}; companies reported about "
                                 "0.2% in 2019)").format(lab=_lab_rate(trace))
        notices = " ".join(str(n) for n in getattr(trace, "notices", []) or [])
        self.query_one(BusyLine).done(summary + (f" · {notices}" if notices else ""))
        self.query_one("#lab-trace-table", DataTable).focus()
        lab = self.app.progress.section("lab")
        lab["traces"] = int(lab.get("traces", 0)) + 1
        self.app.save_progress()

    # -- navigation ----------------------------------------------------------------------
    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#lab-trace-table", DataTable).focus()  # leave the field first
        else:
            self.app.open_map()

    def action_fool_wake(self) -> None:
        from explainer.tui.screens.lab_wake import FoolWakeScreen

        control = self.query_one(ThresholdControl)
        self.app.push_screen(FoolWakeScreen(self._wake_word(), control.steps, control.value, self._speech_ok))

    def action_history(self) -> None:
        from explainer.tui.screens.lab_history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def _wake_word(self) -> str:
        return str(self.query_one("#lab-wake", Select).value)

    def on_unmount(self) -> None:
        if self.player is not None:
            self.player.close()
        if self._session is not None:
            self._session.close()


def _lab_rate(trace: object) -> float:
    """The rate the lab's sampler used for this run (its stage records it), for the summary line."""
    for stage in getattr(trace, "stages", []) or []:
        if getattr(stage, "name", "") == "sampling" and isinstance(getattr(stage, "data", None), dict):
            return float(stage.data.get("rate", 0.25))
    return 0.25
