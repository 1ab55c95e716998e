"""The task pane of the reviewer seat: the tool's header, the player, the form, the status line
and the rulebook's short lines beside them -- and the task's keys.

When no field is being edited, single keys do the job (Common Voice's Listen page, Prodigy):
Space plays, r replays, b goes back 2 s, s slows down, c shows the captions, e edits the
transcript, i picks the intent, w marks a false wake, 1-6 flag personal data, x escalates and
Enter submits; W marks a false wake and submits at once (flags first). While the transcript is edited, Ctrl+O/R/G/S/N still play, replay, go back, slow
down and submit, and Enter or Esc ends the edit. The keys live here, so they work exactly while
the focus is in the pane (it is hidden between clips). The answer being built is a
``TaskDraft``; the pane asks its screen for the intent picker and to submit (``IntentWanted``,
``SubmitWanted``), because the order of a shift is the screen's (``ShiftFlow``).

The status line says what to do next -- listen first, then the keys; while editing, how to end
the edit -- and always where the pre-filled guess came from (the lab's recogniser, stored beside
the audio, or why there is none yet).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static

from explainer.course.model import Clip, Course
from explainer.i18n import _
from explainer.learning.shift_draft import TaskDraft
from explainer.learning.shift_prepare import PreparedClip
from explainer.tui.widgets.reviewer_bars import ToolHeader
from explainer.tui.widgets.reviewer_panes import RulesSidebar
from explainer.tui.widgets.reviewer_player import ReviewerPlayer
from explainer.tui.widgets.reviewer_task import ReviewerTask


def guess_note(prepared: PreparedClip | None) -> str:
    """Where the transcript's pre-filled guess came from, or why there is none (yet)."""
    if prepared is None:
        return ""
    if prepared.guess is not None:
        return _("Guess: {who}.").format(who=prepared.guess.described or _("the lab's recogniser"))
    return prepared.guess_note


TASK_BINDINGS = [
    Binding("space", "play_pause", "Play"),
    # e and i move the focus, so they act as soon as the app reads them (priority): keys typed
    # right after them (Ctrl+U, the first letters) must reach the field or the picker.
    # check_action turns them off while the transcript is being edited.
    Binding("e", "edit", "Edit", priority=True),
    Binding("i", "intent", "Intent", priority=True),
    Binding("w", "false_wake", "False wake"),
    # a false wake's whole answer is the mark and its flags: flags first, then W marks and submits
    # in one key (Common Voice's answer-and-next), so a clip with three kinds of personal data
    # takes 4 keys, not 5
    Binding("W", "false_wake_submit", "False wake and submit", show=False),
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
    Binding("escape", "end_edit", "End the edit", show=False),
]


class WorkPane(Horizontal):
    """One clip's task: header, player, form and status, with the rules' short lines beside."""

    BINDINGS = list[Binding | tuple[str, str] | tuple[str, str, str]](TASK_BINDINGS)

    class IntentWanted(Message):
        """i (or the intent button): the screen opens the intent picker."""

    class SubmitWanted(Message):
        """Enter (or the submit button), after the clip was heard: the screen scores the draft."""

    def __init__(self, course: Course, sound: bool, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.course = course
        self.sound = sound
        self.prepared: PreparedClip | None = None
        self.draft = TaskDraft()

    def compose(self) -> ComposeResult:
        with Vertical(id="reviewer-main"):
            yield ToolHeader(id="reviewer-tool-header")
            yield ReviewerPlayer(sound=self.sound, id="reviewer-player")
            yield ReviewerTask(id="reviewer-task")
            yield Static(id="reviewer-status")
        yield RulesSidebar(id="reviewer-rules-sidebar")

    def on_mount(self) -> None:
        self.query_one(RulesSidebar).show(self.course)

    @property
    def player(self) -> ReviewerPlayer:
        return self.query_one(ReviewerPlayer)

    @property
    def form(self) -> ReviewerTask:
        return self.query_one(ReviewerTask)

    def open_clip(
        self, clip: Clip, prepared: PreparedClip | None, position: str, draft: TaskDraft, likely: tuple[str, ...]
    ) -> None:
        """Show a new clip: its header, its audio (or captions) and a fresh form."""
        self.prepared = prepared
        self.draft = draft
        households = {h.id: h for h in self.course.households}
        self.query_one(ToolHeader).show(clip, households.get(clip.household), position)
        self.player.load(clip, prepared)
        self.form.load(draft, likely)

    def status(self, message: str = "") -> None:
        """The next thing to do (or ``message``), then where the guess came from."""
        if not message:
            if not self.player.heard:
                message = _("Next: Space plays the clip (c shows the captions).")
            else:
                message = _("Next: e edit · i intent · 1-6 flags · ⏎ submit · w false wake (W: and submit).")
        self.query_one("#reviewer-status", Static).update(Text(f"{message} {guess_note(self.prepared)}".strip()))

    def late_guess(self, prepared: PreparedClip, likely: tuple[str, ...]) -> None:
        """The recogniser's guess arrived while the clip is open: fill an untouched transcript."""
        self.prepared = prepared
        if prepared.guess is not None and self.form.set_guess(prepared.guess.text):
            self.form.load(self.draft, likely)
        self.status()

    # -- the task's keys ---------------------------------------------------------------------------
    def _editing(self) -> bool:
        focused = self.screen.focused
        return focused is not None and focused.id == "reviewer-transcript"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "intent"):
            return not self._editing() and self.app.screen is self.screen  # off while typing or under a picker
        if action == "end_edit":
            return self._editing()  # otherwise Esc is the screen's (back to the map)
        return True

    def action_play_pause(self) -> None:
        self.player.play_pause()

    def action_replay(self) -> None:
        self.player.replay()

    def action_rewind(self) -> None:
        self.player.rewind()

    def action_slow(self) -> None:
        self.player.toggle_slow()

    def action_captions(self) -> None:
        self.player.show_captions()

    def action_edit(self) -> None:
        self.form.focus_transcript()

    def action_end_edit(self) -> None:
        self.screen.set_focus(self.player)  # at once: keys pressed right after must land here

    def action_false_wake(self) -> None:
        marked = self.draft.toggle_false_wake()
        self.form.show_draft()
        self.status(_("False wake: nothing to transcribe, intent none (w again undoes it). Flag what you heard, "
                      "then ⏎.")
                    if marked else "")

    def action_false_wake_submit(self) -> None:
        if not self.draft.false_wake:
            self.draft.toggle_false_wake()
            self.form.show_draft()
        self.action_submit()

    def action_flag(self, number: int) -> None:
        self.draft.toggle_flag(number)
        self.form.show_draft()

    def action_escalate(self) -> None:
        self.draft.toggle_escalate()
        self.form.show_draft()

    def set_intent(self, intent: str | None) -> None:
        """The picker's answer (None: cancelled); then the keys again."""
        if intent is not None:
            self.draft.intent = intent
            self.form.show_draft()
        self.screen.set_focus(self.player)

    @on(ReviewerTask.IntentWanted)
    def action_intent(self) -> None:
        self.post_message(self.IntentWanted())

    @on(ReviewerTask.SubmitWanted)
    def action_submit(self) -> None:
        if not self.player.heard:
            self.app.bell()
            self.status(_("Listen to the end first (Space), or show the captions (c)."))
            return
        self.player.unload()
        self.post_message(self.SubmitWanted())

    @on(ReviewerTask.EditDone)
    def _edit_done(self) -> None:
        self.action_end_edit()

    @on(ReviewerPlayer.Heard)
    def _heard(self) -> None:
        self.status()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "reviewer-transcript":
            self.status(_("Editing: type the words said to the device. Ctrl+U clears the line; "
                          "Enter or Esc when done. Ctrl+O plays."))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "reviewer-transcript":
            self.status()
