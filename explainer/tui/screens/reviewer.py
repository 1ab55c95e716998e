"""The reviewer seat (mode "reviewer"): work a shift as a 2019 annotator did, on synthetic clips.

The learner hears a clip, corrects the machine's transcript, labels it, and is scored the way
an annotation tool scores its annotators (``explainer.learning.shift_score``). The shift keeps
the pace the reviewers reportedly worked to, and ends in a debrief of what the learner now knows
about strangers' homes. Keyboard first, at 80x24:

* playback keys work while typing (they are Ctrl keys no text field uses). Ctrl+P is the
  Textual command palette (a priority binding of the app), and Ctrl+B is tmux's prefix, so
  play/pause is Ctrl+O and "back 2 s" is Ctrl+G (Ctrl+B also works outside tmux);
* an answer is refused until the clip was heard to the end or its captions were shown;
* the distress clip is opt-in at the start of a shift, comes behind its content note, can be
  skipped, and never plays on its own;
* the shift is saved after every clip and when the learner leaves, and resumes on return.

The screen is a small state machine over its panes (intro, content-note gate, loading, task,
feedback) plus pushed screens for the guidelines, the learner's own clip and the debrief. This
module lays the panes out, keeps the shift saved and answers keys and buttons; the order a shift
runs in is ``reviewer_flow.ShiftFlow``'s, and the clip audio ``reviewer_audio.ClipAudioLoader``'s.
"""

from __future__ import annotations

import random
import time

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, ContentSwitcher, ProgressBar, Static

from explainer.course.model import Course
from explainer.i18n import _
from explainer.learning.shift import DISTRESS_KIND, Shift
from explainer.learning.shift_score import guidelines
from explainer.learning.shift_store import load_shift, new_shift, save_shift
from explainer.tui.host import Host
from explainer.tui.screens.reviewer_audio import ClipAudioLoader
from explainer.tui.screens.reviewer_flow import ShiftFlow
from explainer.tui.screens.reviewer_guidelines import ReviewerGuidelinesScreen, read_guidelines
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.reviewer_bars import ShiftBar, SyntheticBanner, ToolHeader
from explainer.tui.widgets.reviewer_feedback import ReviewerFeedback
from explainer.tui.widgets.reviewer_player import ReviewerPlayer
from explainer.tui.widgets.reviewer_task import ReviewerTask, TickBox

AUTOSAVE_TICKS = 15  # seconds of active time between automatic saves


def intro_text() -> str:
    return _(
        "You are now a reviewer for a voice assistant. Work a shift of 6 short clips: listen, "
        "correct the machine's transcript, choose the intent, flag false wakes and personal data.\n\n"
        "In 2019 reviewers reportedly handled up to 1,000 clips in a 9-hour shift: about 32 seconds "
        "a clip. Your clock runs only while this screen is open, and your shift is saved as you go."
    )


class ReviewerScreen(ShiftFlow, ClipAudioLoader, Screen[None]):
    HELP_TITLE = "Reviewer seat"
    BINDINGS = [
        Binding("ctrl+o", "play_pause", _("Play")),
        Binding("ctrl+r", "replay", _("Replay")),
        Binding("ctrl+g,ctrl+b", "rewind", _("-2s")),
        Binding("ctrl+s", "slow", _("Slow")),
        Binding("ctrl+t", "captions", _("Text")),
        Binding("ctrl+n", "submit", _("Submit")),
        Binding("f2", "guidelines", _("Rules")),
    ]

    clock = staticmethod(time.monotonic)  # tests replace it with a fake clock

    def __init__(self) -> None:
        super().__init__(id="reviewer-screen")
        self.shift: Shift | None = None
        self._told_no_sound = False
        self._gate_open = False
        self._ticks = 0
        self._guess_note = ""
        self._panes: AwaitComplete | None = None
        self._own_checked = False

    app = getters.app(Host)

    @property
    def course(self) -> Course:
        return self.app.course

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield SyntheticBanner(id="reviewer-banner")
        yield ShiftBar(id="reviewer-shiftbar")
        with ContentSwitcher(initial="reviewer-intro", id="reviewer-panes"):
            with VerticalScroll(id="reviewer-intro"):
                yield Static(Text(intro_text()), id="reviewer-intro-text")
                yield TickBox(_("Include one clip with a content note"), id="reviewer-optin")
                yield Static(id="reviewer-optin-note")
                yield Button(_("Start the shift"), id="reviewer-start", variant="primary")
            with Vertical(id="reviewer-gate"):
                yield Static(id="reviewer-gate-note")
                with Horizontal(classes="reviewer-row"):
                    yield Button(_("Listen to this clip"), id="reviewer-gate-listen")
                    yield Button(_("Skip it"), id="reviewer-gate-skip", variant="primary")
            with Vertical(id="reviewer-loading"):
                yield Static(_("Preparing the clip's audio…"), id="reviewer-loading-label")
                yield ProgressBar(total=1, show_eta=False, id="reviewer-progress")
            # The task and feedback panes are mounted when a shift first needs them
            # (_work_panes): composing them up front made the seat's first visit cost 300 ms.
        yield Footer(compact=True)

    def _work_panes(self) -> AwaitComplete:
        """Mount the task and feedback panes (once); await the result before using them."""
        if self._panes is not None:
            return self._panes
        main = Vertical(
            ToolHeader(id="reviewer-tool-header"),
            ReviewerPlayer(sound=self._sound_wanted(), id="reviewer-player"),
            ReviewerTask(self._intents(), id="reviewer-task"),
            Static(id="reviewer-status"),
            id="reviewer-main",
        )
        work = Horizontal(main, Static(self._short_guidelines(), id="reviewer-short-guidelines"), id="reviewer-work")
        feedback = VerticalScroll(
            ReviewerFeedback(id="reviewer-feedback"),
            Button(_("Next clip"), id="reviewer-next", variant="primary"),
            id="reviewer-feedback-pane",
        )
        work.display = feedback.display = False  # the ContentSwitcher shows one when switched to
        self._panes = AwaitComplete(self.query_one(ContentSwitcher).mount(work, feedback))
        return self._panes

    def _sound_wanted(self) -> bool:
        return self.app.config.audio

    def _intents(self) -> tuple[str, ...]:
        return tuple(self.app.course.intents)

    def _short_guidelines(self) -> Text:
        text = Text(_("Guidelines (F2: full)") + "\n", style="bold")
        for item in guidelines():
            text.append(f"• {item.short}\n")
        return text

    # -- lifecycle -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        distress = [c for c in self.course.clips if c.kind == DISTRESS_KIND and c.content_note]
        note = self.query_one("#reviewer-optin-note", Static)
        if distress:
            note.update(Text(_("Content note: ") + distress[0].content_note))
        else:
            self.query_one("#reviewer-optin", Checkbox).display = False
            note.display = False
        self.set_interval(1.0, self._refresh_bar)

    def on_screen_resume(self) -> None:
        if self.shift is None:
            shift, notice = load_shift(self._section(), self.course, clock=self.clock)
            if notice:
                self.notify(notice, severity="warning", markup=False)
            self.shift = shift
            if shift is not None and not shift.finished:
                if shift.records:
                    self.notify(
                        _("Welcome back: your shift resumes at clip {position}.").format(
                            position=self._position()
                        ),
                        markup=False,
                    )
                self._show_current()
            elif shift is not None:
                self._open_debrief()
        if self.shift is not None and not self.shift.finished:
            self.shift.resume_clock()
        elif self._pane() == "reviewer-intro":
            self.query_one("#reviewer-start", Button).focus()
        self._refresh_bar()

    def on_screen_suspend(self) -> None:
        for player in self.query(ReviewerPlayer):  # none yet before the first clip
            player.unload()
        if self.shift is not None:
            self.shift.pause_clock()
            self._save()

    def _section(self) -> dict:
        return self.app.progress.section("reviewer")

    def _save(self) -> None:
        if self.shift is not None:
            save_shift(self._section(), self.shift, self.course)
            self.app.save_progress()

    def _refresh_bar(self) -> None:
        self.query_one(ShiftBar).show(self.shift)
        if self.shift is not None and self.shift.running:
            self._ticks += 1
            if self._ticks % AUTOSAVE_TICKS == 0:  # quitting with Ctrl+Q loses at most this much
                self._save()

    def _pane(self) -> str | None:
        return self.query_one(ContentSwitcher).current

    def _switch(self, pane: str) -> None:
        self.query_one(ContentSwitcher).current = pane

    # -- starting a shift ---------------------------------------------------------------------------
    @on(Button.Pressed, "#reviewer-start")
    def _start(self) -> None:
        base = self.app.config.seed
        shifts = self._section().get("shifts")
        started = len(shifts) if isinstance(shifts, dict) else 0
        # --seed makes shifts reproducible, yet each new shift brings different clips
        seed = base + started if base is not None else random.SystemRandom().randrange(1 << 30)
        include = self.query_one("#reviewer-optin", Checkbox).value
        self.shift = new_shift(self.course, seed, include_distress=include, clock=self.clock)
        self._own_checked = False
        self.shift.resume_clock()
        self._show_current()  # the loading pane first, in this very frame; the clip opens when ready
        self._save()

    # -- the gate and the feedback pane's buttons (the flow itself is ShiftFlow's) ------------------
    # @on handlers stay here: Textual registers them only on MessagePump classes, not plain mixins.
    @on(Button.Pressed, "#reviewer-gate-listen")
    def _gate_listen(self) -> None:
        self._gate_open = True
        self._show_current()

    @on(Button.Pressed, "#reviewer-gate-skip")
    def _gate_skip(self) -> None:
        clip = self._current_clip()
        if clip is not None and self.shift is not None:
            self.shift.skip(clip.id)
            self._save()
        self._show_current()

    @on(Button.Pressed, "#reviewer-next")
    def _next_clip(self) -> None:
        self._show_current()

    # -- playback keys (work while typing) --------------------------------------------------------
    def _player(self) -> ReviewerPlayer | None:
        return self.query_one(ReviewerPlayer) if self._pane() == "reviewer-work" else None

    def action_play_pause(self) -> None:
        if player := self._player():
            player.play_pause()

    def action_replay(self) -> None:
        if player := self._player():
            player.replay()

    def action_rewind(self) -> None:
        if player := self._player():
            player.rewind()

    def action_slow(self) -> None:
        if player := self._player():
            player.toggle_slow()

    def action_captions(self) -> None:
        if player := self._player():
            player.show_captions()

    @on(ReviewerPlayer.Heard)
    def _heard(self) -> None:
        self._status(_("Heard. Check the transcript and labels, then Ctrl+N to submit."))

    def action_guidelines(self) -> None:
        self.app.push_screen(ReviewerGuidelinesScreen(read_guidelines(self.course)))
