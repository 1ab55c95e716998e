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
Next. The panes are widgets (``widgets.reviewer_panes``, ``reviewer_task``, ``reviewer_player``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Checkbox, ContentSwitcher, Static

from explainer.course.model import Course
from explainer.i18n import _
from explainer.learning.shift import DISTRESS_KIND
from explainer.learning.shift_debrief import build_debrief
from explainer.learning.shift_draft import TaskDraft, short_list
from explainer.learning.shift_flow import ShiftFlow, Step
from explainer.learning.shift_prepare import ClipPreparer, PreparedClip
from explainer.tui.host import Host
from explainer.tui.screens.reviewer_debrief import ReviewerDebriefScreen
from explainer.tui.screens.reviewer_intent import IntentPicker
from explainer.tui.screens.reviewer_own import ReviewerOwnClipScreen, fetch_own_audio, own_clips
from explainer.tui.screens.reviewer_rules import ReviewerRulesScreen
from explainer.tui.widgets.action_button import ActionButton
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.reviewer_bars import ShiftBar, SyntheticBanner, ToolHeader
from explainer.tui.widgets.reviewer_feedback import ReviewerFeedback
from explainer.tui.widgets.reviewer_panes import (
    FeedbackPane,
    GatePane,
    IntroPane,
    LoadingPane,
    RulesSidebar,
)
from explainer.tui.widgets.reviewer_player import ReviewerPlayer
from explainer.tui.widgets.reviewer_task import ReviewerTask

AUTOSAVE_TICKS = 15  # seconds of active time between automatic saves
AHEAD = 1  # clips prepared ahead of the one on screen straight away; the rest while the learner works
REST_AFTER_S = 0.3  # seconds after a task opens before the rest of the shift is prepared
PANES = {
    Step.INTRO: "reviewer-intro",
    Step.GATE: "reviewer-gate",
    Step.LOADING: "reviewer-loading",
    Step.TASK: "reviewer-work",
    Step.FEEDBACK: "reviewer-feedback-pane",
}
TASK_ACTIONS = {
    "play_pause", "replay", "rewind", "slow", "captions", "edit", "intent", "false_wake", "flag",
    "escalate", "submit",
}


class ReviewerScreen(Screen[None]):
    HELP_TITLE = "Reviewer seat"
    BINDINGS = [
        Binding("space", "play_pause", "Play"),
        # e and i move the focus, so they act as soon as the app reads them (priority): keys typed
        # right after them (Ctrl+U, the first letters) must reach the field or the picker.
        # check_action turns them off while the transcript is being edited.
        Binding("e", "edit", "Edit", priority=True),
        Binding("i", "intent", "Intent", priority=True),
        Binding("w", "false_wake", "False wake"),
        Binding("1", "flag(1)", "Flags", key_display="1-6"),
        Binding("2", "flag(2)", "Flag address", show=False),
        Binding("3", "flag(3)", "Flag health", show=False),
        Binding("4", "flag(4)", "Flag finances", show=False),
        Binding("5", "flag(5)", "Flag children", show=False),
        Binding("6", "flag(6)", "Flag routines", show=False),
        Binding("x", "escalate", "Escalate", show=False),
        Binding("enter", "submit", "Submit"),
        Binding("r,ctrl+r", "replay", "Replay", show=False),
        Binding("b,left,ctrl+g,ctrl+b", "rewind", "Back 2 s", show=False),
        Binding("s,ctrl+s", "slow", "Slow down", show=False),
        Binding("c,ctrl+t", "captions", "Captions", show=False),
        Binding("ctrl+o", "play_pause", "Play (while typing)", show=False),
        Binding("ctrl+n", "submit", "Submit (while typing)", show=False),
        Binding("o", "optin", "Content-note clip"),
        Binding("l", "listen", "Listen"),
        Binding("k", "skip", "Skip clip"),
        Binding("n", "next", "Next"),
        Binding("up", "scroll(-1)", "Scroll up", show=False),
        Binding("down", "scroll(1)", "Scroll down", show=False),
        Binding("pageup", "scroll(-8)", "Page up", show=False),
        Binding("pagedown", "scroll(8)", "Page down", show=False),
        Binding("escape", "leave", "Map", show=False),
        Binding("f2", "rules", "Rules"),
    ]

    clock = staticmethod(time.monotonic)  # tests replace it with a fake clock

    def __init__(self) -> None:
        super().__init__(id="reviewer-screen")
        self.flow: ShiftFlow | None = None
        self.preparer: ClipPreparer | None = None
        self.draft = TaskDraft()
        self._told_no_sound = False
        self._ticks = 0
        self._work_mounted = False
        self._shown_clip: str | None = None
        self._pushed: Step | None = None

    # -- what the app gives the seat (the typed door: tui/host.py) --------------------------------------
    app = getters.app(Host)

    @property
    def course(self) -> Course:
        return self.app.course

    def _section(self) -> dict[str, Any]:
        return self.app.progress.section("reviewer")

    def _sound_wanted(self) -> bool:
        return self.app.config.audio

    def _cache_dir(self) -> Path:
        return self.app.config.data.clip_cache_dir

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
        main = Vertical(
            ToolHeader(id="reviewer-tool-header"),
            ReviewerPlayer(sound=self._sound_wanted(), id="reviewer-player"),
            ReviewerTask(id="reviewer-task"),
            Static(id="reviewer-status"),
            id="reviewer-main",
        )
        sidebar = RulesSidebar(id="reviewer-rules-sidebar")
        work_pane = Horizontal(main, sidebar, id="reviewer-work")
        feedback = FeedbackPane(id="reviewer-feedback-pane")
        work_pane.display = feedback.display = False  # the ContentSwitcher shows one when switched to
        await self.query_one(ContentSwitcher).mount(work_pane, feedback)
        sidebar.show(self.course)

    # -- lifecycle -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.flow = ShiftFlow(
            self.course, self._section(), save=self.app.save_progress, clock=self.clock, on_change=self._changed
        )
        self.set_interval(1.0, self._tick)
        self.call_after_refresh(self._mount_work)

    async def on_screen_resume(self) -> None:
        flow = self._flow()
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
        self._prepare_ahead()
        await self._render_step(flow.step)

    def on_screen_suspend(self) -> None:
        for player in self.query(ReviewerPlayer):
            player.unload()
        if self.flow is not None:
            self.flow.hide()

    def on_unmount(self) -> None:
        if self.preparer is not None:
            self.preparer.close()

    def _flow(self) -> ShiftFlow:
        assert self.flow is not None
        return self.flow

    def _tick(self) -> None:
        flow = self.flow
        self.query_one(ShiftBar).show(flow.shift if flow else None)
        if flow is not None and flow.shift is not None and flow.shift.running:
            self._ticks += 1
            if self._ticks % AUTOSAVE_TICKS == 0:  # quitting with Ctrl+Q loses at most this much
                flow.save()

    # -- preparing clips in the background ---------------------------------------------------------
    def _prepare_ahead(self, ahead: int | None = AHEAD) -> None:
        """Queue the clip on screen and the next ``ahead`` (all with None) for the preparer.

        The rest follow once a task is on screen (``_show_task``): preparing all of a shift's clips
        the moment Start is pressed competed with drawing the first ones (measured: the first Next
        took twice as long as the others in ``explainer bench``).
        """
        flow = self._flow()
        wanted = flow.to_prepare()
        if ahead is not None:
            wanted = wanted[: ahead + 1]
        if not wanted:
            return
        if self.preparer is None:
            self.preparer = ClipPreparer(self.course, self._cache_dir(), self._prepared_off_thread,
                                         self._progress_off_thread)
        for clip_id in wanted:  # prepared for an earlier shift: hand it over again at once
            ready = self.preparer.get(clip_id)
            if ready is not None and clip_id not in flow.prepared:
                flow.ready(ready)
        self.preparer.want(wanted)

    def _prepared_off_thread(self, prepared: PreparedClip) -> None:
        try:
            self.app.call_from_thread(self._prepared, prepared)
        except RuntimeError:  # the app is closing
            pass

    def _progress_off_thread(self, clip_id: str, done: int, total: int, what: str) -> None:
        try:
            self.app.call_from_thread(self._render_progress, clip_id, done, total, what)
        except RuntimeError:
            pass

    def _prepared(self, prepared: PreparedClip) -> None:
        flow = self._flow()
        was_task = flow.step is Step.TASK
        if not flow.ready(prepared):
            return
        if was_task and self._shown_clip == prepared.clip_id:  # the late machine guess of the clip on screen
            if prepared.guess is not None and self.query_one(ReviewerTask).set_guess(prepared.guess.text):
                self.query_one(ReviewerTask).load(self.draft, self._likely(prepared))
            self._status()

    def _render_progress(self, clip_id: str, done: int, total: int, what: str) -> None:
        flow = self.flow
        if flow is not None and flow.step is Step.LOADING and flow.clip is not None and flow.clip.id == clip_id:
            self.query_one(LoadingPane).progress(done, total, what)

    # -- drawing each step ------------------------------------------------------------------------
    def _changed(self, step: Step) -> None:
        self.call_later(self._render_step, step)

    async def _render_step(self, step: Step) -> None:
        flow = self._flow()
        if step is not flow.step:
            return  # a later change already drew
        if step in (Step.TASK, Step.FEEDBACK):
            await self._mount_work()
        with self.app.batch_update():  # one frame for the whole change, not one per widget
            self._draw_step(step)

    def _draw_step(self, step: Step) -> None:
        flow = self._flow()
        self.query_one(ShiftBar).show(flow.shift)
        if step in PANES:
            getattr(self, f"_show_{step.value}")()
            self.query_one(ContentSwitcher).current = PANES[step]
        elif step is Step.OWN_CHECK:
            self.set_focus(None)
            self._look_for_own_clip(flow.offered_own())
        elif step is Step.OWN and self._pushed is not Step.OWN:
            self._push_own()
        elif step is Step.DEBRIEF and self._pushed is not Step.DEBRIEF:
            self._push_debrief()
        self.refresh_bindings()

    def _show_intro(self) -> None:
        self._shown_clip = None
        self.set_focus(self.query_one("#reviewer-start", ActionButton))

    def _show_gate(self) -> None:
        clip = self._flow().clip
        self.query_one(GatePane).show(clip.content_note if clip else "")
        self.set_focus(self.query_one("#reviewer-gate-skip", ActionButton))

    def _show_loading(self) -> None:
        self.set_focus(None)  # nothing on this pane to press; the hidden panes must not keep focus
        self.query_one(LoadingPane).waiting(self._flow().position)

    def _show_task(self) -> None:
        flow = self._flow()
        clip, prepared = flow.clip, flow.current_prepared()
        if clip is None:
            return
        if self._shown_clip != clip.id:  # a new clip: a fresh form; a resumed one keeps its draft
            self._shown_clip = clip.id
            self.draft = TaskDraft(prepared.guess.text if prepared and prepared.guess else "")
            households = {h.id: h for h in self.course.households}
            self.query_one(ToolHeader).show(clip, households.get(clip.household), flow.position)
            player = self.query_one(ReviewerPlayer)
            player.load(clip, prepared)
            self.query_one(ReviewerTask).load(self.draft, self._likely(prepared))
            if prepared is not None and prepared.audio is None and prepared.notice:
                self.notify(prepared.notice, severity="warning", markup=False)
            if not player.audible and not self._told_no_sound:
                self._told_no_sound = True
                self.notify(player.reason or _("No sound device: captions are shown instead."), markup=False)
        self._status()
        self.set_focus(self.query_one(ReviewerPlayer))
        self.set_timer(REST_AFTER_S, lambda: self._prepare_ahead(None))  # the rest, while the learner works

    def _likely(self, prepared: PreparedClip | None) -> tuple[str, ...]:
        guessed = prepared.guess.intents if prepared is not None and prepared.guess is not None else ()
        return short_list(guessed, tuple(self.course.intents))

    def _show_feedback(self) -> None:
        flow = self._flow()
        if flow.score is None or flow.scored_clip is None or flow.answer is None or flow.shift is None:
            return
        seconds = flow.shift.records[flow.scored_clip.id].seconds
        position = f"{len(flow.shift.records)}/{len(flow.shift.clip_ids)}"
        self.query_one(ReviewerFeedback).show(self.course, flow.scored_clip, flow.score, seconds, position, flow.answer)
        self.query_one(FeedbackPane).scroll(-10_000)
        label = _("See the debrief ⏎") if flow.finished else _("Next clip ⏎")
        next_button = self.query_one("#reviewer-next", ActionButton)
        next_button.update(label)
        self.set_focus(next_button)

    def _status(self, message: str = "") -> None:
        if not self._work_mounted:
            return
        prepared = self._flow().current_prepared()
        if prepared is None:
            guess = ""
        elif prepared.guess is not None:
            guess = _("Guess: {who}.").format(who=prepared.guess.described or _("the lab's recogniser"))
        else:
            guess = prepared.guess_note
        if not message:
            player = self.query_one(ReviewerPlayer)
            if not player.heard:
                message = _("Next: Space plays the clip (c shows the captions).")
            else:
                message = _("Next: e edit · i intent · w false wake · 1-6 flags · ⏎ submit.")
        self.query_one("#reviewer-status", Static).update(Text(f"{message} {guess}".strip()))

    # -- keys: which work now ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        flow = self.flow
        step = flow.step if flow is not None else Step.INTRO
        if action in ("edit", "intent"):
            return step is Step.TASK and not self._editing() and self.app.screen is self
        if action in TASK_ACTIONS:
            return step is Step.TASK
        if action == "optin":
            return step is Step.INTRO and bool(self.query("#reviewer-optin"))
        if action == "listen":
            return step is Step.GATE
        if action == "skip":
            clip = flow.clip if flow is not None else None
            return step is Step.GATE or (step is Step.TASK and clip is not None and bool(clip.content_note))
        if action in ("next", "scroll"):
            return step is Step.FEEDBACK
        return True

    def _editing(self) -> bool:
        return self.focused is not None and self.focused.id == "reviewer-transcript"

    # -- intro and gate ----------------------------------------------------------------------------
    @on(ActionButton.Pressed, "#reviewer-start")
    def _start(self) -> None:
        flow = self._flow()
        include = bool(self.query("#reviewer-optin")) and self.query_one("#reviewer-optin", Checkbox).value
        flow.start(include_distress=include, seed=flow.next_seed(self.app.config.seed))
        self._prepare_ahead()

    def action_optin(self) -> None:
        box = self.query_one("#reviewer-optin", Checkbox)
        box.value = not box.value

    @on(ActionButton.Pressed, "#reviewer-gate-listen")
    def action_listen(self) -> None:
        self._flow().listen()

    @on(ActionButton.Pressed, "#reviewer-gate-skip")
    def action_skip(self) -> None:
        for player in self.query(ReviewerPlayer):
            player.unload()
        self._flow().skip()

    # -- the task's keys ---------------------------------------------------------------------------
    def _player(self) -> ReviewerPlayer:
        return self.query_one(ReviewerPlayer)

    def action_play_pause(self) -> None:
        self._player().play_pause()

    def action_replay(self) -> None:
        self._player().replay()

    def action_rewind(self) -> None:
        self._player().rewind()

    def action_slow(self) -> None:
        self._player().toggle_slow()

    def action_captions(self) -> None:
        self._player().show_captions()

    def action_edit(self) -> None:
        self.query_one(ReviewerTask).focus_transcript()

    def action_false_wake(self) -> None:
        marked = self.draft.toggle_false_wake()
        self.query_one(ReviewerTask).show_draft()
        if marked:
            self._status(_("False wake: nothing to transcribe, intent none (w again undoes it). Flag what you heard."))
        else:
            self._status()

    def action_flag(self, number: int) -> None:
        self.draft.toggle_flag(number)
        self.query_one(ReviewerTask).show_draft()

    def action_escalate(self) -> None:
        self.draft.toggle_escalate()
        self.query_one(ReviewerTask).show_draft()

    @on(ReviewerTask.IntentWanted)
    def action_intent(self) -> None:
        prepared = self._flow().current_prepared()

        def chosen(intent: str | None) -> None:
            if intent is not None:
                self.draft.intent = intent
                self.query_one(ReviewerTask).show_draft()
            self.set_focus(self._player())  # at once: keys pressed right after must land here

        picker = IntentPicker(self._likely(prepared), tuple(self.course.intents), self.draft.intent)
        self.app.push_screen(picker, chosen)

    @on(ReviewerTask.EditDone)
    def _edit_done(self) -> None:
        self.set_focus(self._player())  # at once: keys pressed right after must land here

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "reviewer-transcript":
            self._status(_("Editing: type the words said to the device. Ctrl+U clears the line; "
                           "Enter or Esc when done. Ctrl+O plays."))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "reviewer-transcript" and self._flow().step is Step.TASK:
            self._status()

    @on(ReviewerTask.Edited)
    def _edited(self) -> None:
        pass  # the draft is already updated; nothing else depends on it until submit

    @on(ReviewerPlayer.Heard)
    def _heard(self) -> None:
        self._status()

    @on(ReviewerTask.SubmitWanted)
    def action_submit(self) -> None:
        flow = self._flow()
        if flow.step is not Step.TASK:
            return
        player = self._player()
        if not player.heard:
            self.app.bell()
            self._status(_("Listen to the end first (Space), or show the captions (c)."))
            return
        player.unload()
        flow.submit(self.draft.answer())

    # -- feedback ---------------------------------------------------------------------------------
    @on(ActionButton.Pressed, "#reviewer-next")
    def action_next(self) -> None:
        self._flow().next()
        self._prepare_ahead()

    def action_scroll(self, lines: int) -> None:
        self.query_one(FeedbackPane).scroll(lines)

    # -- anywhere ---------------------------------------------------------------------------------
    def action_leave(self) -> None:
        """Esc: end an edit; otherwise back to the map (the shift is saved and waits)."""
        if self._editing():
            self.set_focus(self._player())  # at once: keys pressed right after must land here
        else:
            self.app.open_map()

    def action_rules(self) -> None:
        self.app.push_screen(ReviewerRulesScreen(self.course))

    # -- the end of the shift ---------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="reviewer-own", exit_on_error=False)
    def _look_for_own_clip(self, offered: set[int]) -> None:
        """Find a selected lab upload not offered before and fetch its audio (off the UI thread)."""
        entry, path = None, None
        data = self.app.config.data
        entries = own_clips(data.history_db, offered)
        if entries:
            entry = entries[0]
            path = fetch_own_audio(data.history_db, entry.id, data.clip_cache_dir / f"own-{entry.id}.wav")
        self.app.call_from_thread(self._own_found, entry, path)

    def _own_found(self, entry: Any, path: Path | None) -> None:
        self._own = (entry, path)
        self._flow().own_found(entry.id if entry is not None else None)

    def _push_own(self) -> None:
        self._pushed = Step.OWN
        entry, path = getattr(self, "_own", (None, None))
        if entry is None:
            self._flow().own_done()
            return

        def done(_result: None) -> None:
            self._pushed = None
            self._flow().own_done()

        self.app.push_screen(ReviewerOwnClipScreen(entry, path, sound=self._sound_wanted()), done)

    def _push_debrief(self) -> None:
        flow = self._flow()
        if flow.shift is None:
            return
        self._pushed = Step.DEBRIEF

        def done(_new: bool | None) -> None:
            self._pushed = None
            flow.close_debrief()

        self.app.push_screen(ReviewerDebriefScreen(build_debrief(flow.shift, self.course)), done)
