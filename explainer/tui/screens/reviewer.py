"""The reviewer seat (mode "reviewer"): work a shift as a 2019 annotator did, on synthetic clips.

The learner hears a clip, corrects the machine's transcript, labels it, and is scored the way
an annotation tool scores its annotators. Keyboard first, at 80x24, like Common Voice's Listen
page: when no field is being edited, single keys do the job -- Space plays, e edits the
transcript, i picks the intent, w marks a false wake, 1-6 flag personal data, x escalates,
Enter submits, and Enter on the feedback opens the next clip. While typing, the Ctrl keys
play (Ctrl+O), replay (Ctrl+R), go back 2 s (Ctrl+G) and slow down (Ctrl+S); Enter or Esc ends
the edit. Focus always rests on the next action (Start, the player, Next), every Tab stop is
a visible control, and the footer and ``?`` list exactly the keys that work in the current step.

This screen is glue: the order of a shift is ``learning.shift_flow.ShiftFlow`` (a state
machine, tested without Textual), the answer being built is ``learning.shift_draft.TaskDraft``,
and clips are prepared in the background by ``learning.shift_prepare.ClipPreparer`` -- the
next clip's audio, waveform and stored machine guess are ready before the learner presses
Next (``screens.reviewer_ahead`` hands them over). The panes are widgets (``widgets.reviewer_panes``,
``reviewer_task``, ``reviewer_player``); the end of a shift pushes its screens (``screens.reviewer_end``).
"""

from __future__ import annotations

import time
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Checkbox, ContentSwitcher

from explainer.course.model import Course
from explainer.i18n import _
from explainer.learning.shift import DISTRESS_KIND
from explainer.learning.shift_draft import TaskDraft, short_list
from explainer.learning.shift_flow import ShiftFlow, Step
from explainer.learning.shift_prepare import ClipPreparer, PreparedClip
from explainer.tui.host import Host
from explainer.tui.screens.reviewer_ahead import ClipsAhead
from explainer.tui.screens.reviewer_end import ShiftEnd
from explainer.tui.screens.reviewer_intent import IntentPicker
from explainer.tui.screens.reviewer_keys import SEAT_BINDINGS, enabled_now
from explainer.tui.screens.reviewer_rules import ReviewerRulesScreen
from explainer.tui.sound_words import no_sound_words
from explainer.tui.widgets.action_button import ActionButton
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.reviewer_bars import ShiftBar, SyntheticBanner
from explainer.tui.widgets.reviewer_panes import (
    FeedbackPane,
    GatePane,
    IntroPane,
    LoadingPane,
)
from explainer.tui.widgets.reviewer_player import ReviewerPlayer
from explainer.tui.widgets.reviewer_work import WorkPane
from explainer.tui.worker_watch import log_detail

AUTOSAVE_TICKS = 15  # seconds of active time between automatic saves
PANES = {
    Step.INTRO: "reviewer-intro",
    Step.GATE: "reviewer-gate",
    Step.LOADING: "reviewer-loading",
    Step.TASK: "reviewer-work",
    Step.FEEDBACK: "reviewer-feedback-pane",
}


class ReviewerScreen(Screen[None]):
    HELP_TITLE = "Reviewer seat"
    BINDINGS = list[Binding | tuple[str, str] | tuple[str, str, str]](SEAT_BINDINGS)

    clock = staticmethod(time.monotonic)  # tests replace it with a fake clock

    def __init__(self) -> None:
        super().__init__(id="reviewer-screen")
        self.flow: ShiftFlow | None = None
        self.ahead = ClipsAhead(self)  # the clips prepared in the background
        self.end = ShiftEnd(self)  # the own clip and the debrief, pushed on top
        self._told_no_sound = False
        self._ticks = 0
        self._work_mounted = False
        self.shown_clip: str | None = None

    # -- what the app gives the seat (the typed door: tui/host.py) --------------------------------------
    app = getters.app(Host)

    @property
    def course(self) -> Course:
        return self.app.course

    def _section(self) -> dict[str, Any]:
        return self.app.progress.section("reviewer")

    def _sound_wanted(self) -> bool:
        return self.app.config.audio

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        distress = next((c for c in self.course.clips if c.kind == DISTRESS_KIND and c.content_note), None)
        yield SyntheticBanner(id="reviewer-banner")
        yield ShiftBar(id="reviewer-shiftbar")
        with ContentSwitcher(initial="reviewer-intro", id="reviewer-panes"):
            yield IntroPane(distress.content_note if distress else "", id="reviewer-intro")
            yield GatePane(id="reviewer-gate")
            yield LoadingPane(id="reviewer-loading")
            # The task and feedback panes are mounted after the first frame (_mount_work), so the
            # seat's first visit paints the intro at once; they are ready before Start is pressed.
        yield Footer(compact=True)

    async def _mount_work(self) -> None:
        if self._work_mounted:
            return
        self._work_mounted = True
        work_pane = WorkPane(self.course, self._sound_wanted(), id="reviewer-work")
        feedback = FeedbackPane(id="reviewer-feedback-pane")
        work_pane.display = feedback.display = False  # the ContentSwitcher shows one when switched to
        await self.query_one(ContentSwitcher).mount(work_pane, feedback)

    @property
    def pane(self) -> WorkPane:
        """The task pane (mounted by ``_mount_work`` before any clip is shown)."""
        return self.query_one(WorkPane)

    @property
    def preparer(self) -> ClipPreparer | None:
        """The background preparer, once a shift wanted clips (``reviewer_ahead``)."""
        return self.ahead.preparer

    # -- lifecycle -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.flow = ShiftFlow(
            self.course, self._section(), save=self.app.save_progress, clock=self.clock, on_change=self._changed
        )
        self.set_interval(1.0, self._tick)
        self.call_after_refresh(self._mount_work)

    async def on_screen_resume(self) -> None:
        flow = self.shift_flow()
        if flow.shift is None and flow.step is Step.INTRO:
            notice = flow.resume()
            if notice:
                self.notify(notice, severity="warning", markup=False)
            if flow.shift is not None and flow.shift.records and not flow.finished:
                self.notify(
                    _("Welcome back: your shift resumes at clip {position}.").format(position=flow.position),
                    markup=False,
                )
        flow.show()
        self.ahead.prepare()
        await self._render_step(flow.step)

    def on_screen_suspend(self) -> None:
        for player in self.query(ReviewerPlayer):
            player.unload()
        if self.flow is not None:
            self.flow.hide()

    def on_unmount(self) -> None:
        self.ahead.close()

    def shift_flow(self) -> ShiftFlow:
        assert self.flow is not None
        return self.flow

    def _tick(self) -> None:
        flow = self.flow
        self.query_one(ShiftBar).show(flow.shift if flow else None, flow.shifts_finished if flow else 0)
        if flow is not None and flow.shift is not None and flow.shift.running:
            self._ticks += 1
            if self._ticks % AUTOSAVE_TICKS == 0:  # quitting with Ctrl+Q loses at most this much
                flow.save()

    # -- drawing each step ------------------------------------------------------------------------
    def _changed(self, step: Step) -> None:
        self.call_later(self._render_step, step)

    async def _render_step(self, step: Step) -> None:
        flow = self.shift_flow()
        if step is not flow.step:
            return  # a later change already drew
        if step in (Step.TASK, Step.FEEDBACK):
            await self._mount_work()
        with self.app.batch_update():  # one frame for the whole change, not one per widget
            self._draw_step(step)

    def _draw_step(self, step: Step) -> None:
        flow = self.shift_flow()
        self.query_one(ShiftBar).show(flow.shift, flow.shifts_finished)
        if step in PANES:
            getattr(self, f"_show_{step.value}")()
            self.query_one(ContentSwitcher).current = PANES[step]
        else:
            self.end.draw(step)  # the own clip and the debrief
        self.refresh_bindings()

    def _show_intro(self) -> None:
        self.shown_clip = None
        self.set_focus(self.query_one("#reviewer-start", ActionButton))

    def _show_gate(self) -> None:
        clip = self.shift_flow().clip
        self.query_one(GatePane).show(clip.content_note if clip else "")
        self.set_focus(self.query_one("#reviewer-gate-skip", ActionButton))

    def _show_loading(self) -> None:
        self.set_focus(None)  # nothing on this pane to press; the hidden panes must not keep focus
        self.query_one(LoadingPane).waiting(self.shift_flow().position)

    def _show_task(self) -> None:
        flow = self.shift_flow()
        clip, prepared = flow.clip, flow.current_prepared()
        if clip is None:
            return
        work = self.pane
        if self.shown_clip != clip.id:  # a new clip: a fresh form; a resumed one keeps its draft
            self.shown_clip = clip.id
            draft = TaskDraft(prepared.guess.text if prepared and prepared.guess else "")
            work.open_clip(clip, prepared, flow.position, draft, self.likely(prepared))
            if prepared is not None and prepared.audio is None and prepared.notice:
                self.notify(prepared.notice, severity="warning", markup=False)
            if not work.player.audible and not self._told_no_sound:
                self._told_no_sound = True
                self._tell_no_sound(work.player.reason)
        work.status()
        self.set_focus(work.player)
        self.ahead.prepare_rest()  # the rest of the shift, while the learner works

    def _tell_no_sound(self, reason: str) -> None:
        """Plain words on screen; the sound library's own message into the error log, for a teacher."""
        silent = no_sound_words(reason, served=self.app.config.served)
        self.notify(log_detail(self, "reviewer seat: no sound", silent.words, silent.detail), timeout=10, markup=False)

    def likely(self, prepared: PreparedClip | None) -> tuple[str, ...]:
        guessed = prepared.guess.intents if prepared is not None and prepared.guess is not None else ()
        return short_list(guessed, tuple(self.course.intents))

    def _show_feedback(self) -> None:
        flow = self.shift_flow()
        if flow.score is None or flow.scored_clip is None or flow.answer is None or flow.shift is None:
            return
        seconds = flow.shift.records[flow.scored_clip.id].seconds
        position = f"{len(flow.shift.records)}/{len(flow.shift.clip_ids)}"
        self.set_focus(self.query_one(FeedbackPane).show(self.course, flow.scored_clip, flow.score, seconds, position,
                                                         flow.answer, finished=flow.finished))

    # -- keys: which work now ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return enabled_now(action, self.flow, has_optin=bool(self.query("#reviewer-optin")))

    # -- intro and gate ----------------------------------------------------------------------------
    @on(ActionButton.Pressed, "#reviewer-start")
    def _start(self) -> None:
        flow = self.shift_flow()
        include = bool(self.query("#reviewer-optin")) and self.query_one("#reviewer-optin", Checkbox).value
        flow.start(include_distress=include, seed=flow.next_seed(self.app.config.seed))
        self.ahead.prepare()

    def action_optin(self) -> None:
        box = self.query_one("#reviewer-optin", Checkbox)
        box.value = not box.value

    @on(ActionButton.Pressed, "#reviewer-gate-listen")
    def action_listen(self) -> None:
        self.shift_flow().listen()

    @on(ActionButton.Pressed, "#reviewer-gate-skip")
    def action_skip(self) -> None:
        for player in self.query(ReviewerPlayer):
            player.unload()
        self.shift_flow().skip()

    # -- the task (its keys are the pane's) ------------------------------------------------------------
    @on(WorkPane.IntentWanted)
    def _pick_intent(self) -> None:
        pane = self.pane
        picker = IntentPicker(self.likely(pane.prepared), tuple(self.course.intents), pane.draft.intent)
        self.app.push_screen(picker, pane.set_intent)

    @on(WorkPane.SubmitWanted)
    def _submit(self) -> None:
        flow = self.shift_flow()
        if flow.step is Step.TASK:
            flow.submit(self.pane.draft.answer())

    # -- feedback ---------------------------------------------------------------------------------
    @on(ActionButton.Pressed, "#reviewer-next")
    def action_next(self) -> None:
        self.shift_flow().next()
        self.ahead.prepare()

    def action_scroll(self, lines: int) -> None:
        self.query_one(FeedbackPane).scroll(lines)

    # -- anywhere ---------------------------------------------------------------------------------
    def action_leave(self) -> None:
        """Esc: back to the map (the shift is saved and waits; Esc in the transcript ends the edit)."""
        self.app.open_map()

    def action_rules(self) -> None:
        self.app.push_screen(ReviewerRulesScreen(self.course))
