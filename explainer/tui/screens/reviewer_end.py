"""The end of a reviewer shift: the learner's own lab recording if one was selected, then the debrief.

After the last clip the shift's flow (``learning.shift_flow``) asks whether one of the learner's
own lab uploads was "selected for human review" (looked up off the UI thread: the voice history
is a SQLite file that may be missing or locked), offers it on its own screen, and then opens the
debrief.  These steps are screens pushed on top of the seat, not panes inside it, so they are
kept here as a helper ``ReviewerScreen`` owns; it remembers which of them is on top so a redraw
never pushes one twice.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explainer.learning.shift_debrief import build_debrief
from explainer.learning.shift_flow import Step
from explainer.tui.screens.reviewer_debrief import ReviewerDebriefScreen
from explainer.tui.screens.reviewer_own import ReviewerOwnClipScreen, fetch_own_audio, own_clips

if TYPE_CHECKING:
    from explainer.tui.screens.reviewer import ReviewerScreen


class ShiftEnd:
    """The own-clip check, the own clip and the debrief, for the seat that owns it."""

    def __init__(self, screen: ReviewerScreen) -> None:
        self.screen = screen
        self.pushed: Step | None = None  # the step whose screen is on top of the seat
        self._own: tuple[Any, Path | None] = (None, None)

    def draw(self, step: Step) -> None:
        """Step OWN_CHECK, OWN or DEBRIEF: look for the own clip, or push its screen once."""
        screen = self.screen
        if step is Step.OWN_CHECK:
            screen.set_focus(None)
            offered = screen.shift_flow().offered_own()
            # a worker of the screen's, as @work on the screen would start it (same name, group and rules)
            screen.run_worker(partial(self._look_for_own_clip, offered), name="_look_for_own_clip",
                              group="reviewer-own", description=f"_look_for_own_clip({offered!r})",
                              exclusive=True, exit_on_error=False, thread=True)
        elif step is Step.OWN and self.pushed is not Step.OWN:
            self._push_own()
        elif step is Step.DEBRIEF and self.pushed is not Step.DEBRIEF:
            self._push_debrief()

    def _look_for_own_clip(self, offered: set[int]) -> None:
        """Find a selected lab upload not offered before and fetch its audio (off the UI thread)."""
        entry, path = None, None
        data = self.screen.app.config.data
        entries = own_clips(data.history_db, offered)
        if entries:
            entry = entries[0]
            path = fetch_own_audio(data.history_db, entry.id, data.clip_cache_dir / f"own-{entry.id}.wav")
        self.screen.app.call_from_thread(self._own_found, entry, path)

    def _own_found(self, entry: Any, path: Path | None) -> None:
        self._own = (entry, path)
        self.screen.shift_flow().own_found(entry.id if entry is not None else None)

    def _push_own(self) -> None:
        screen = self.screen
        self.pushed = Step.OWN
        entry, path = self._own
        if entry is None:
            screen.shift_flow().own_done()
            return

        def done(_result: None) -> None:
            self.pushed = None
            screen.shift_flow().own_done()

        screen.app.push_screen(ReviewerOwnClipScreen(entry, path, sound=screen.app.config.audio), done)

    def _push_debrief(self) -> None:
        screen = self.screen
        flow = screen.shift_flow()
        if flow.shift is None:
            return
        self.pushed = Step.DEBRIEF

        def done(_new: bool | None) -> None:
            self.pushed = None
            flow.close_debrief()

        screen.app.push_screen(ReviewerDebriefScreen(build_debrief(flow.shift, screen.course)), done)
