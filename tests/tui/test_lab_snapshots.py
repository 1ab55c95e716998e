"""Snapshots of the lab at 80x24 on the stand-in lab service (``tests/tui/lab_fake.py``): the trace after a
run (every stage row in plain words, the status line as the caption, the footer's keys) and "fool the wake
word" after a run of its sentences.  Review with ``--snapshot-report`` before ``--snapshot-update``."""

from __future__ import annotations

import pytest

from tests.pilot import settle
from tests.tui.lab_fake import FakeLab


@pytest.fixture(autouse=True)
def _no_sound(monkeypatch):
    import explainer.voice.playback as playback

    monkeypatch.setattr(playback, "sound_available", lambda refresh=False: (False, "No sound device (test)."))


def test_lab_after_a_run_80x24(snap_compare, app):
    made = app(lab=FakeLab())

    async def run_before(pilot) -> None:
        await settle(pilot, made)
        made.open_lab()
        await settle(pilot, made)
        await pilot.press(*"alexa set a timer for ten minutes", "enter")
        await settle(pilot, made)
        await pilot.press("down", "down")  # the wake word stage, explained under the table
        await settle(pilot, made)

    assert snap_compare(made, terminal_size=(80, 24), run_before=run_before)


def test_fool_the_wake_word_80x24(snap_compare, app):
    made = app(lab=FakeLab(woke_on=("lexus",)))

    async def run_before(pilot) -> None:
        await settle(pilot, made)
        made.open_lab()
        await settle(pilot, made)
        await pilot.press("f3")
        await settle(pilot, made)
        await pilot.press("r")
        await settle(pilot, made)
        await pilot.press("down")
        await settle(pilot, made)

    assert snap_compare(made, terminal_size=(80, 24), run_before=run_before)
