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

The screen is a small state machine over four panes (intro, content-note gate, task,
feedback) plus pushed screens for the guidelines and the debrief.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, ContentSwitcher, ProgressBar, Static

from explainer.course.model import Clip, Course
from explainer.i18n import _
from explainer.learning.shift import DISTRESS_KIND, Shift
from explainer.learning.shift_debrief import build_debrief
from explainer.learning.shift_score import guidelines
from explainer.learning.shift_store import discard_shift, load_shift, new_shift, save_shift
from explainer.tui.screens.reviewer_audio import ClipAudioLoader
from explainer.tui.screens.reviewer_debrief import ReviewerDebriefScreen
from explainer.tui.screens.reviewer_guidelines import ReviewerGuidelinesScreen, read_guidelines
from explainer.tui.screens.reviewer_own import ReviewerOwnClipScreen, fetch_own_audio, own_clips
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


class ReviewerScreen(ClipAudioLoader, Screen[None]):
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

    @property
    def course(self) -> Course:
        return self.app.course  # type: ignore[attr-defined]

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
        config = getattr(self.app, "config", None)
        return bool(getattr(config, "audio", True))

    def _intents(self) -> tuple[str, ...]:
        course = getattr(self.app, "course", None)
        return tuple(course.intents) if course is not None else ()

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
        return self.app.progress.section("reviewer")  # type: ignore[attr-defined]

    def _save(self) -> None:
        if self.shift is not None:
            save_shift(self._section(), self.shift, self.course)
            self.app.save_progress()  # type: ignore[attr-defined]

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
        base = getattr(getattr(self.app, "config", None), "seed", None)
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

    def _new_shift_intro(self) -> None:
        self.shift = None
        self._own_checked = False
        self._switch("reviewer-intro")
        self.query_one("#reviewer-start", Button).focus()
        self._refresh_bar()

    # -- one clip ------------------------------------------------------------------------------------
    def _current_clip(self) -> Clip | None:
        if self.shift is None or self.shift.current_clip_id is None:
            return None
        return self.course.clip(self.shift.current_clip_id)

    def _position(self) -> str:
        assert self.shift is not None
        return f"{self.shift.position}/{len(self.shift.clip_ids)}"

    def _show_current(self) -> None:
        self._refresh_bar()
        clip = self._current_clip()
        if clip is None:
            self._open_debrief()
            return
        if clip.content_note and not self._gate_open:
            text = Text(_("The next clip has a content note:") + "\n\n", style="bold")
            text.append(clip.content_note + "\n\n")
            text.append(
                _("It will not play unless you choose to listen. Skipping costs you nothing.")
            )
            self.query_one("#reviewer-gate-note", Static).update(text)
            self._switch("reviewer-gate")
            self.query_one("#reviewer-gate-skip", Button).focus()
            return
        self.query_one("#reviewer-loading-label", Static).update(
            Text(_("Preparing clip {position}: rendering its audio…").format(position=self._position()))
        )
        self.query_one("#reviewer-progress", ProgressBar).update(total=None, progress=0)  # pulses
        self._switch("reviewer-loading")
        if self.shift is not None:
            self.shift.pause_clock()  # rendering is the machine's time, not the reviewer's
        # Paint "Preparing…" first; then render (a thread) and mount the task panes meanwhile.
        self.call_after_refresh(self._load_audio, clip)
        self.call_after_refresh(self._work_panes)

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

    async def _audio_ready(
        self,
        clip: Clip,
        path: Path | None,
        notice: str,
        guess: str | None = None,
        guessed_by: str = "scripted",
    ) -> None:
        await self._work_panes()
        if clip is not self._current_clip() or self.shift is None:
            return
        if self.is_current:
            self.shift.resume_clock()
        player = self.query_one(ReviewerPlayer)
        households = {h.id: h for h in self.course.households}
        self.query_one(ToolHeader).show(clip, households.get(clip.household), self._position())
        player.load(clip, path)
        self.query_one(ReviewerTask).load(guess if guess is not None else clip.machine_guess)
        self._guess_note = (
            _("Machine guess: lab recogniser.")
            if guessed_by == "lab" and guess is not None
            else _("Machine guess: scripted.")
        )
        if path is None and notice:
            self.notify(notice, severity="warning", markup=False)
        if not player.audible and not self._told_no_sound:
            self._told_no_sound = True
            self.notify(
                player.reason or _("No sound device: captions are shown instead."), markup=False
            )
        self._status(_("Ctrl+O plays the clip. Correct the transcript, label it, then Ctrl+N."))
        self._switch("reviewer-work")
        self.query_one(ReviewerTask).focus_transcript()
        if (upcoming := self._next_clip_after(clip)) is not None:
            self._prefetch(upcoming)

    def _status(self, message: str) -> None:
        # the status line sits under the task; it always says where the pre-filled guess came from
        self.query_one("#reviewer-status", Static).update(
            Text(f"{self._guess_note} {message}".strip())
        )

    # -- submitting and feedback ------------------------------------------------------------------
    def action_submit(self) -> None:
        pane = self._pane()
        if pane == "reviewer-feedback-pane":
            self._next_clip()
            return
        if pane != "reviewer-work" or self.shift is None:
            return
        clip = self._current_clip()
        player = self.query_one(ReviewerPlayer)
        if clip is None:
            return
        if not player.heard:
            self.app.bell()
            self._status(_("Listen to the end first (Ctrl+O), or show the captions (Ctrl+T)."))
            return
        player.unload()
        position = self._position()
        answer = self.query_one(ReviewerTask).answer()
        score = self.shift.submit(clip, answer)
        self._gate_open = False
        self._save()
        seconds = self.shift.records[clip.id].seconds
        self.query_one(ReviewerFeedback).show(clip, score, seconds, position, answer)
        next_label = _("See the debrief") if self.shift.finished else _("Next clip")
        self.query_one("#reviewer-next", Button).label = next_label
        self._switch("reviewer-feedback-pane")
        self.query_one("#reviewer-next", Button).focus()
        self._refresh_bar()

    @on(Button.Pressed, "#reviewer-next")
    def _next_clip(self) -> None:
        self._show_current()

    def _open_debrief(self) -> None:
        if self.shift is None:
            return
        self.shift.pause_clock()
        self._save()
        if not self._own_checked:  # first: is one of the learner's own lab uploads in the queue?
            self._own_checked = True
            self._look_for_own_clip({i for i in self._offered_own() if isinstance(i, int)})
            return

        def done(_new: bool | None) -> None:
            discard_shift(self._section())  # the summary stays for the export and the history
            self.app.save_progress()  # type: ignore[attr-defined]
            self._new_shift_intro()

        self.app.push_screen(ReviewerDebriefScreen(build_debrief(self.shift, self.course)), done)

    # -- your own clip (from the voice lab) -----------------------------------------------------
    def _offered_own(self) -> list:
        offered = self._section().get("own_offered")
        if not isinstance(offered, list):
            offered = self._section()["own_offered"] = []
        return offered

    @work(thread=True, exclusive=True, group="reviewer-own", exit_on_error=False)
    def _look_for_own_clip(self, offered: set[int]) -> None:
        """Find a selected upload not offered before and fetch its audio (off the UI thread)."""
        entry, path = None, None
        config = getattr(self.app, "config", None)
        data = getattr(config, "data", None)
        if data is not None:
            entries = own_clips(data.history_db, offered)
            if entries:
                entry = entries[0]
                path = fetch_own_audio(
                    data.history_db, entry.id, data.clip_cache_dir / f"own-{entry.id}.wav"
                )
        self.app.call_from_thread(self._own_clip_found, entry, path)

    def _own_clip_found(self, entry, path: Path | None) -> None:  # noqa: ANN001 - a HistoryEntry or None
        if entry is None:
            self._open_debrief()
            return
        self._offered_own().append(entry.id)
        self._save()
        self.app.push_screen(
            ReviewerOwnClipScreen(entry, path, sound=self._sound_wanted()),
            lambda _result: self._open_debrief(),
        )

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
