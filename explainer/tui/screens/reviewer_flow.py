"""One shift, clip by clip: the content-note gate, loading, the task, feedback and the end.

``ReviewerScreen`` lays out the seat and answers keys and buttons; this mixin is the state
machine those keys drive. It decides which pane shows next -- the gate before a clip with a
content note, "Preparing…" while the audio renders, the task when it is ready, feedback after
a submit -- and, when the queue is empty, offers the learner's own lab recording (if the voice
lab selected one for review) before the debrief. Kept apart so the order of a shift can be
read in one place, without the layout and the playback keys around it.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.widgets import Button, ProgressBar, Static

from explainer.course.model import Clip
from explainer.i18n import _
from explainer.learning.shift_debrief import build_debrief
from explainer.learning.shift_store import discard_shift
from explainer.tui.screens.reviewer_debrief import ReviewerDebriefScreen
from explainer.tui.screens.reviewer_own import ReviewerOwnClipScreen, fetch_own_audio, own_clips
from explainer.tui.widgets.reviewer_bars import ToolHeader
from explainer.tui.widgets.reviewer_feedback import ReviewerFeedback
from explainer.tui.widgets.reviewer_player import ReviewerPlayer
from explainer.tui.widgets.reviewer_task import ReviewerTask


class ShiftFlow:
    """Mixin for ReviewerScreen: needs its panes and state (``shift``, ``_gate_open``,
    ``_told_no_sound``, ``_guess_note``, ``_own_checked``), ``_switch``/``_pane``, ``_save``,
    ``_section``, ``_refresh_bar``, ``_work_panes``, ``_sound_wanted`` and ``_next_clip``,
    plus ``ClipAudioLoader``'s ``_load_audio``, ``_next_clip_after`` and ``_prefetch``.
    """

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

    # -- the end of the shift ---------------------------------------------------------------------
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
            self.app.save_progress()
            self._new_shift_intro()

        self.app.push_screen(ReviewerDebriefScreen(build_debrief(self.shift, self.course)), done)

    def _new_shift_intro(self) -> None:
        self.shift = None
        self._own_checked = False
        self._switch("reviewer-intro")
        self.query_one("#reviewer-start", Button).focus()
        self._refresh_bar()

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
        data = self.app.config.data
        entries = own_clips(data.history_db, offered)
        if entries:
            entry = entries[0]
            path = fetch_own_audio(data.history_db, entry.id, data.clip_cache_dir / f"own-{entry.id}.wav")
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
