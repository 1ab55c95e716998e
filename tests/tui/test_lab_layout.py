"""The voice lab's layout at 80x24 (issue 16, as a new user found it): whatever the status line's length,
everything the screen refers to stays on screen -- every stage row, the stage explained in full, and the
sound wave's P, W and E, which the endpointing explanation points at ("On the sound wave below: P …")."""

from __future__ import annotations

import re

import numpy as np
import pytest
from textual.widgets import DataTable, Input

from explainer.voice.trace import STAGES, StageRecord
from tests.pilot import screen_text, settle
from tests.tui.lab_fake import FakeLab
from tests.tui.test_lab_screen import open_lab

# the new user's kitchen run: a long sentence and a long transcript make the status three lines at 80 columns
SENTENCE = "alexa could you please set a timer for the pasta, about eight minutes"
HEARD = "alexa could you please set up timer for the pasta for about take me date"
REPLY = "Timer set for ten minutes. It ends at 11:36."
MARKS = re.compile(r"^P\s*W\s*E$")  # the mark letters, in order, on a silent (blank) wave


@pytest.fixture(autouse=True)
def _no_sound(monkeypatch):
    import explainer.voice.playback as playback

    monkeypatch.setattr(playback, "sound_available", lambda refresh=False: (False, "No sound device (test)."))


class EveryStageLab(FakeLab):
    """The fake's run as the real pipeline shapes it: all eleven stages (the N-best check too), 1 s of sound
    with its pre-roll, wake-word and end marks, and the recogniser's long transcript."""

    def run(self, request, on_stage=None):  # noqa: ANN001
        trace = super().run(request, on_stage)
        if trace.woke:
            trace.transcript, trace.reply = HEARD, REPLY
            at = [s.name for s in trace.stages].index("clean-up")
            trace.stages.insert(at, StageRecord("N-best check", output=f"{HEARD!r} · the recogniser's best is a command",
                                                ms=0.0, data={"text": HEARD, "rank": 0, "agreement": 1.0, "near": 5,
                                                              "confidence": 0.9}))
            trace.duration_s = 1.0
            trace.input_samples = np.zeros(16000, np.float32)
            trace.marks = {"pre-roll": 0.0, "wake": 0.1, "end": 0.95}
        return trace


async def run_sentence(pilot, made, screen) -> None:
    field = screen.query_one("#lab-text", Input)
    field.value = SENTENCE
    field.focus()
    await pilot.press("enter")
    await settle(pilot, made)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_waves_marks_stay_on_screen_after_a_three_line_status(app, size):
    made = app(lab=EveryStageLab())
    async with made.run_test(size=size) as pilot:
        screen = await open_lab(pilot, made)
        await run_sentence(pilot, made, screen)
        status = screen.query_one("#lab-status")
        if size == (80, 24):
            assert status.size.height == 3  # the case the new user met
        table = screen.query_one("#lab-trace-table", DataTable)
        assert table.row_count == len(STAGES)
        table.focus()
        table.move_cursor(row=STAGES.index("endpointing"))
        await settle(pilot, made)
        lines = screen_text(made).splitlines()
        shown = " ".join(" ".join(lines).split())
        assert HEARD in shown and f"Reply: “{REPLY}”" in shown  # the status in full
        for stage in STAGES:
            assert stage in shown, stage  # every row, none scrolled away
        assert "On the sound wave below: P where the sending starts, W the wake word, E where it stops." in shown
        wave = screen.query_one("#lab-wave")
        footer_row = len(lines) - 1
        assert wave.region.y < footer_row
        rows = lines[wave.region.y:min(wave.region.bottom, footer_row)]
        assert any(MARKS.match(row.strip()) for row in rows), rows  # the letters the explanation points at
