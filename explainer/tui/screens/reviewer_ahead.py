"""The reviewer seat's clips, prepared ahead of the learner in the background.

A clip needs its audio rendered, its waveform drawn and the recogniser's stored guess read
before the task can open (``learning.shift_prepare.ClipPreparer`` does that on its own
thread).  The seat asks for the clip on screen and the next one first and for the rest of the
shift once a task is open, hands each finished clip to the shift's flow, shows the loading
pane's progress, and gives a late machine guess to the task already on screen.  Kept apart
from ``ReviewerScreen`` (which draws the steps) as a helper the screen owns: it goes through the
screen's public parts (its flow, course, task and loading panes, and the clip it shows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explainer.learning.shift_flow import Step
from explainer.learning.shift_prepare import ClipPreparer, PreparedClip
from explainer.tui.widgets.reviewer_panes import LoadingPane

if TYPE_CHECKING:
    from explainer.tui.screens.reviewer import ReviewerScreen

AHEAD = 1  # clips prepared ahead of the one on screen straight away; the rest while the learner works
REST_AFTER_S = 0.3  # seconds after a task opens before the rest of the shift is prepared


class ClipsAhead:
    """Owns the seat's ``ClipPreparer`` and routes what it finishes back to the UI thread."""

    def __init__(self, screen: ReviewerScreen) -> None:
        self.screen = screen
        self.preparer: ClipPreparer | None = None

    def prepare(self, ahead: int | None = AHEAD) -> None:
        """Queue the clip on screen and the next ``ahead`` (all with None) for the preparer.

        The rest follow once a task is on screen (``prepare_rest``): preparing all of a
        shift's clips the moment Start is pressed competed with drawing the first ones (measured: the
        first Next took twice as long as the others in ``explainer bench``).
        """
        screen = self.screen
        flow = screen.shift_flow()
        wanted = flow.to_prepare()
        if ahead is not None:
            wanted = wanted[: ahead + 1]
        if not wanted:
            return
        if self.preparer is None:
            self.preparer = ClipPreparer(screen.course, screen.app.config.data.clip_cache_dir,
                                         self._prepared_off_thread, self._progress_off_thread)
        for clip_id in wanted:  # prepared for an earlier shift: hand it over again at once
            ready = self.preparer.get(clip_id)
            if ready is not None and clip_id not in flow.prepared:
                flow.ready(ready)
        self.preparer.want(wanted)

    def prepare_rest(self) -> None:
        """The rest of the shift, ``REST_AFTER_S`` after a task opened (called when it opens)."""
        self.screen.set_timer(REST_AFTER_S, lambda: self.prepare(None))

    def _prepared_off_thread(self, prepared: PreparedClip) -> None:
        try:
            self.screen.app.call_from_thread(self._prepared, prepared)
        except RuntimeError:  # the app is closing
            pass

    def _progress_off_thread(self, clip_id: str, done: int, total: int, what: str) -> None:
        try:
            self.screen.app.call_from_thread(self._render_progress, clip_id, done, total, what)
        except RuntimeError:
            pass

    def _prepared(self, prepared: PreparedClip) -> None:
        screen = self.screen
        flow = screen.shift_flow()
        was_task = flow.step is Step.TASK
        if not flow.ready(prepared):
            return
        if was_task and screen.shown_clip == prepared.clip_id:  # the late machine guess of the clip on screen
            screen.pane.late_guess(prepared, screen.likely(prepared))

    def _render_progress(self, clip_id: str, done: int, total: int, what: str) -> None:
        flow = self.screen.flow
        if flow is not None and flow.step is Step.LOADING and flow.clip is not None and flow.clip.id == clip_id:
            for pane in self.screen.query(LoadingPane):  # none while the step's panes are being swapped
                pane.progress(done, total, what)

    def close(self) -> None:
        if self.preparer is not None:
            self.preparer.close()
