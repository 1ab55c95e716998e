"""No sound device and no speech engine: the app still teaches, and says why there is no sound.

The reviewer seat with neither is covered in tests/tui/test_reviewer_screen.py (the ``silent``
fixture); here the whole app runs with sound wanted (``audio=True``) on such a machine,
including the lesson "read aloud" key, narration switched on and the reviewer's first clip.
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.pilot import screen_text, settle


@pytest.fixture
def no_devices(monkeypatch):
    import explainer.voice.playback as playback
    import explainer.voice.speech as speech

    def no_sound(refresh=False):
        return (False, "No sound device found (test). Captions are shown instead.")

    def no_speech(refresh=False):
        return (False, "No speech engine (test): install espeak-ng.")

    def must_not_speak(*args, **kwargs):
        raise AssertionError("synthesize() called although no speech engine is available")

    monkeypatch.setattr(playback, "sound_available", no_sound)
    monkeypatch.setattr(speech, "speech_available", no_speech)
    monkeypatch.setattr(speech, "synthesize", must_not_speak)


async def test_lessons_read_aloud_and_narration_without_speech(app, no_devices):
    made = app(audio=True)
    async with made.run_test(size=(100, 30)) as pilot:
        await settle(pilot, made)
        made.apply_settings(dataclasses.replace(made.settings, narration=True), save=False)
        made.open_station("wake-word")
        await settle(pilot, made)
        await pilot.press("r")  # read aloud: a message, not a crash
        await settle(pilot, made)
        await pilot.press("right", "right")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "LessonScreen"
        assert made.screen.walk.index == 2


async def test_reviewer_first_clip_without_sound_or_speech(app, no_devices):
    made = app(audio=True)
    async with made.run_test(size=(100, 30)) as pilot:
        await settle(pilot, made)
        made.open_reviewer()
        await settle(pilot, made)
        await pilot.press("enter")  # start the shift
        for _ in range(50):
            await settle(pilot, made)
            if made.screen.query_one("#reviewer-panes").current in ("reviewer-work", "reviewer-gate"):
                break
        assert made.screen.query_one("#reviewer-panes").current in ("reviewer-work", "reviewer-gate")
        await pilot.press("ctrl+o")  # play: nothing to play on, so it says so
        await settle(pilot, made)
        assert type(made.screen).__name__ == "ReviewerScreen"
        assert screen_text(made).strip()
