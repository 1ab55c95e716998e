"""A shift, step by step: the order the reviewer seat runs in, without any widget.

The seat's screen shows one step at a time; this state machine says which, and moves on when
the learner acts::

    INTRO --start--> [GATE --listen/skip-->] LOADING --clip ready--> TASK --submit--> FEEDBACK
      ^                                                                                  |
      |                    (next clip: GATE, LOADING or straight to TASK if prepared) <--+
      +-- close debrief <-- DEBRIEF <-- [OWN: the learner's own lab upload] <-- OWN_CHECK <-- last clip

* GATE comes before a clip with a content note; it plays only if the learner chooses to listen.
* LOADING is skipped when the clip was prepared in the background (``ClipPreparer``), which
  is the usual case: the next clip is ready before the learner presses Next.
* The shift's clock runs only in TASK and FEEDBACK while the seat is on screen (``visible``):
  preparing audio is the machine's time, not the reviewer's; each clip is timed from the
  moment its task opens.
* The shift is saved (``save``) after every change that matters, in the "reviewer" section of
  the learner's progress (``shift_store``), and resumes where it stopped.
"""

from __future__ import annotations

import enum
import random
import time
from collections.abc import Callable
from typing import Any

from explainer.course.model import Clip, Course
from explainer.learning.shift import Clock, Shift
from explainer.learning.shift_prepare import PreparedClip
from explainer.learning.shift_score import Answer, ClipScore
from explainer.learning.shift_store import discard_shift, load_shift, new_shift, save_shift


class Step(enum.Enum):
    INTRO = "intro"
    GATE = "gate"
    LOADING = "loading"
    TASK = "task"
    FEEDBACK = "feedback"
    OWN_CHECK = "own-check"
    OWN = "own"
    DEBRIEF = "debrief"


class ShiftFlow:
    """The seat's state. Call the verbs; read ``step`` and the properties; ``on_change`` is told."""

    def __init__(
        self,
        course: Course,
        section: dict[str, Any],
        *,
        save: Callable[[], None] = lambda: None,
        clock: Clock = time.monotonic,
        on_change: Callable[[Step], None] = lambda _step: None,
    ) -> None:
        self.course = course
        self.section = section
        self._save_progress = save
        self.clock = clock
        self.on_change = on_change
        self.step = Step.INTRO
        self.shift: Shift | None = None
        self.gate_open = False
        self.visible = False
        self.prepared: dict[str, PreparedClip] = {}
        self.score: ClipScore | None = None  # the last submitted clip's
        self.answer: Answer | None = None
        self.scored_clip: Clip | None = None
        self.own_entry: int | None = None

    # -- reading ------------------------------------------------------------------------------
    @property
    def clip(self) -> Clip | None:
        """The clip being worked on (None at the intro and after the last one)."""
        if self.shift is None or self.shift.current_clip_id is None:
            return None
        return self.course.clip(self.shift.current_clip_id)

    @property
    def position(self) -> str:
        if self.shift is None:
            return ""
        return f"{min(self.shift.position, len(self.shift.clip_ids))}/{len(self.shift.clip_ids)}"

    def to_prepare(self) -> list[str]:
        """Clips still to be heard, the current one first: what the preparer should work on."""
        if self.shift is None:
            return []
        return [cid for cid in self.shift.clip_ids if cid not in self.shift.records]

    def current_prepared(self) -> PreparedClip | None:
        clip = self.clip
        return self.prepared.get(clip.id) if clip is not None else None

    # -- the screen ----------------------------------------------------------------------------
    def show(self) -> None:
        """The seat came on screen: the clock runs again (in TASK and FEEDBACK)."""
        self.visible = True
        self._clock()

    def hide(self) -> None:
        """The seat left the screen: stop the clock and save."""
        self.visible = False
        self._clock()
        self.save()

    def _clock(self) -> None:
        if self.shift is None:
            return
        if self.visible and self.step in (Step.TASK, Step.FEEDBACK):
            self.shift.resume_clock()
        else:
            self.shift.pause_clock()

    def _go(self, step: Step) -> None:
        self.step = step
        self._clock()
        self.on_change(step)

    def save(self) -> None:
        if self.shift is not None:
            save_shift(self.section, self.shift, self.course)
            self._save_progress()

    # -- starting and resuming ----------------------------------------------------------------
    def resume(self) -> str | None:
        """Pick up a saved shift (a notice when saved data had to be set aside)."""
        shift, notice = load_shift(self.section, self.course, clock=self.clock)
        self.shift = shift
        if shift is None:
            self._go(Step.INTRO)
        else:
            self._advance()
        return notice

    def start(self, *, include_distress: bool = False, seed: int | None = None) -> None:
        if seed is None:
            seed = random.SystemRandom().randrange(1 << 30)
        self.shift = new_shift(self.course, seed, include_distress=include_distress, clock=self.clock)
        self.gate_open = False
        self.save()
        self._advance()

    def next_seed(self, base: int | None) -> int:
        """``--seed`` makes shifts reproducible, yet each new shift brings different clips."""
        shifts = self.section.get("shifts")
        started = len(shifts) if isinstance(shifts, dict) else 0
        return base + started if base is not None else random.SystemRandom().randrange(1 << 30)

    # -- one clip ----------------------------------------------------------------------------------
    def _advance(self) -> None:
        clip = self.clip
        if clip is None:
            self._go(Step.OWN_CHECK if self.own_entry is None else Step.DEBRIEF)
            return
        if clip.content_note and not self.gate_open:
            self._go(Step.GATE)
        elif clip.id in self.prepared:
            self._open_task()
        else:
            self._go(Step.LOADING)

    def _open_task(self) -> None:
        self.step = Step.TASK
        self._clock()
        if self.shift is not None:
            self.shift.begin_clip()
        self.on_change(Step.TASK)

    def listen(self) -> None:
        """GATE: the learner chose to hear the clip with a content note."""
        if self.step is Step.GATE:
            self.gate_open = True
            self._advance()

    def skip(self) -> None:
        """GATE (or TASK): leave this clip unheard; it counts as skipped, not as wrong."""
        clip = self.clip
        if self.shift is None or clip is None or self.step not in (Step.GATE, Step.TASK):
            return
        self.shift.skip(clip.id)
        self.gate_open = False
        self.save()
        self._advance()

    def ready(self, prepared: PreparedClip) -> bool:
        """A clip's audio and guess arrived; True when it is the clip on screen (redraw it)."""
        self.prepared[prepared.clip_id] = prepared
        clip = self.clip
        if clip is None or clip.id != prepared.clip_id:
            return False
        if self.step is Step.LOADING:
            self._open_task()
        return self.step is Step.TASK

    def submit(self, answer: Answer) -> ClipScore | None:
        """TASK: score the answer and show feedback (None when there is nothing to submit)."""
        clip = self.clip
        if self.shift is None or clip is None or self.step is not Step.TASK:
            return None
        self.score = self.shift.submit(clip, answer)
        self.answer, self.scored_clip = answer, clip
        self.gate_open = False
        self.save()
        self._go(Step.FEEDBACK)
        return self.score

    def next(self) -> None:
        """FEEDBACK: on to the next clip, or to the end of the shift."""
        if self.step is Step.FEEDBACK:
            self._advance()

    @property
    def finished(self) -> bool:
        return self.shift is not None and self.shift.finished

    # -- the end -------------------------------------------------------------------------------
    def offered_own(self) -> set[int]:
        offered = self.section.get("own_offered")
        return {i for i in offered if isinstance(i, int)} if isinstance(offered, list) else set()

    def own_found(self, entry_id: int | None) -> None:
        """OWN_CHECK: the learner's own lab upload to review (None: there is none)."""
        if self.step is not Step.OWN_CHECK:
            return
        if entry_id is None:
            self._go(Step.DEBRIEF)
            return
        offered = self.section.get("own_offered")
        if not isinstance(offered, list):
            offered = self.section["own_offered"] = []
        offered.append(entry_id)
        self.own_entry = entry_id
        self.save()
        self._go(Step.OWN)

    def own_done(self) -> None:
        if self.step is Step.OWN:
            self._go(Step.DEBRIEF)

    @property
    def shifts_finished(self) -> int:
        """How many shifts this learner has finished (their summaries stay in the history)."""
        history = self.section.get("history")
        return len(history) if isinstance(history, dict) else 0

    def close_debrief(self) -> None:
        """DEBRIEF: the shift is over; its summary stays for the export and the history."""
        if self.step is not Step.DEBRIEF:
            return
        discard_shift(self.section)
        self._save_progress()
        self.shift, self.own_entry, self.score, self.answer = None, None, None, None
        self.prepared.clear()
        self._go(Step.INTRO)
