"""The reviewer seat's waits: Start → first clip, and Next → next clip, as a learner feels them.

Issue 13's targets, on 2 cores with a warm cache (as after a first start): Start → the first
clip's task painted in at most 1 s, and Next → the next clip's task painted in at most 300 ms
at the 95th percentile. Measured in a fresh child process (``python -m explainer.bench.seat
DATA_DIR ROUNDS``) on the packaged course, with no sound card, after a warm-up child has run
one shift in the same data folder (so the course cache, the parsed styles and any clip render
are there, as for a learner's second start).

Keys go in through the driver, like a real terminal's, and the clock stops when the seat shows
the expected clip's task, every queued message is handled and a frame is composited (see
``transitions.settle``). A learner's work between clips is not timed: the answer is submitted
(Enter) and the feedback settled, then Enter on Next is what is timed. The clips are prepared
in the background from the moment Start is pressed, as in the app; the benchmark's "learner"
works WORK_S on each clip before submitting -- far less than any real reviewer (the reported
pace was ~32 s a clip), so the background preparation gets no more help than it would in class.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from explainer.bench.transitions import PREWARM_WAIT_S, NotReached, _focus, _on, settle, timed_press

WORK_S = 0.5  # seconds the benchmark spends on a clip before submitting (a real learner: 10-60)


def _seat(app: Any) -> Any:
    return next((s for s in reversed(app.screen_stack) if s.id == "reviewer-screen"), None)


def _task_of_next_clip(app: Any, before: str | None) -> Any:
    """Ready when the seat shows a new clip's task (not ``before``)."""
    from explainer.learning.shift_flow import Step

    def ready() -> bool:
        seat = _seat(app)
        if seat is None or app.screen is not seat or seat.flow is None or seat.flow.step is not Step.TASK:
            return False
        clip = seat.flow.clip
        return clip is not None and clip.id != before and seat.shown_clip == clip.id

    return ready


def _step(app: Any, *steps: Any) -> Any:
    return lambda: (seat := _seat(app)) is not None and seat.flow is not None and seat.flow.step in steps


async def measure(data_dir: Path, rounds: int) -> dict[str, Any]:
    from explainer.learning.shift_flow import Step
    from explainer.paths import data_paths
    from explainer.tui.config import AppConfig
    from explainer.tui.factory import make_app

    app = make_app(AppConfig(data=data_paths(data_dir), audio=False, seed=1))
    first: list[float] = []
    following: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, _on(app, "MapScreen"))
        await asyncio.sleep(PREWARM_WAIT_S)  # a learner reads the map; the app imports the modes meanwhile
        await app.workers.wait_for_complete()
        await _focus(pilot, "#open-reviewer")
        await timed_press(pilot, "enter", _step(app, Step.INTRO))
        for _round in range(rounds):
            await settle(pilot, lambda: app.focused is not None and app.focused.id == "reviewer-start")
            await asyncio.sleep(0.3)  # a learner reads the intro before pressing Start
            first.append(await timed_press(pilot, "enter", _task_of_next_clip(app, None)))
            seat = _seat(app)
            while True:
                shown = seat.flow.clip.id
                await asyncio.sleep(WORK_S)
                await timed_press(pilot, "enter", _step(app, Step.FEEDBACK))  # submit (not what is timed)
                if seat.flow.finished:
                    break
                following.append(await timed_press(pilot, "enter", _task_of_next_clip(app, shown)))
            await timed_press(pilot, "enter", lambda: app.screen.id == "reviewer-debrief-screen")
            await timed_press(pilot, "n", _step(app, Step.INTRO))  # a new shift
        await app.workers.wait_for_complete()
    return {"first_clip_s": first, "next_clip_s": following}


def main(argv: list[str]) -> int:
    data_dir, rounds = Path(argv[0]), int(argv[1])
    try:
        result = asyncio.run(measure(data_dir, rounds))
    except NotReached as error:
        result = {"error": str(error)}
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
