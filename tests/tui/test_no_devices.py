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


async def start_shift(pilot, made, until) -> None:
    """Open the seat from the app, press Enter on Start, then settle until ``until()`` (or give up)."""
    await settle(pilot, made)
    made.open_reviewer()
    await settle(pilot, made)
    await pilot.press("enter")  # start the shift
    for _ in range(50):
        await settle(pilot, made)
        if until():
            break


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
        await start_shift(pilot, made, lambda: made.screen.query_one("#reviewer-panes").current
                          in ("reviewer-work", "reviewer-gate"))
        assert made.screen.query_one("#reviewer-panes").current in ("reviewer-work", "reviewer-gate")
        await pilot.press("ctrl+o")  # play: nothing to play on, so it says so
        await settle(pilot, made)
        assert type(made.screen).__name__ == "ReviewerScreen"
        assert screen_text(made).strip()


async def test_the_seat_says_no_sound_in_plain_words_and_logs_the_device_error(app, monkeypatch):
    """The sound library's own words ("failed to init device") never reach the learner's screen:
    the seat says there is no sound card and what to do, and the error log keeps the detail."""
    import explainer.voice.playback as playback

    raw = "No sound device found (no output device: failed to init device). Captions are shown instead."
    from explainer.tui.screens.reviewer import ReviewerScreen

    monkeypatch.setattr(playback, "sound_available", lambda refresh=False: (False, raw))
    told: list[str] = []
    notify = ReviewerScreen.notify
    monkeypatch.setattr(ReviewerScreen, "notify", lambda self, message, **kw: (told.append(str(message)),
                                                                                notify(self, message, **kw)))
    made = app(audio=True)
    async with made.run_test(size=(100, 30)) as pilot:
        await start_shift(pilot, made, lambda: bool(told))
        await settle(pilot, made)
        shown = screen_text(made)
        assert told[0].startswith("No sound card found, so clips play silently: read the captions instead.")
        assert str(made.config.data.error_log) in told[0]  # where a teacher finds the detail
        assert "failed to init" not in shown and "no output device" not in shown
        assert "silent: no sound device" in shown  # the player's own line says it too
        await made.workers.wait_for_complete()
    log = made.config.data.error_log.read_text()
    assert "reviewer seat: no sound" in log and "no output device: failed to init device" in log


def test_no_sound_words():
    from explainer.tui.sound_words import no_sound_words

    raw = "No sound device found (no output device: failed to init device). Captions are shown instead."
    plain = no_sound_words(raw)
    assert plain.detail == "no output device: failed to init device" and "(" not in plain.words
    assert plain.short == "No sound card found."
    served = no_sound_words("Sound is off for this session. Captions are shown instead.", served=True)
    assert "not in your browser" in served.words and served.detail == ""
    off = no_sound_words("Sound is switched off (EXPLAINER_AUDIO=off). Captions are shown instead.")
    assert off.words.startswith("Sound is switched off") and off.detail == ""  # on purpose: says how
    assert no_sound_words("Sound is off for this session. Captions are shown instead.").detail == ""


def test_the_lab_says_no_sound_in_plain_words_once():
    """Replaying a lab run on a machine without a sound card: plain words once, the device's own
    message kept for the error log, the words of the run shown every time."""
    from types import SimpleNamespace

    import numpy as np

    from explainer.tui.widgets.lab_playback import LabPlayback

    raw = "No sound device found (no output device: failed to init device). Captions are shown instead."
    player = SimpleNamespace(audible=False, reason=raw)
    trace = SimpleNamespace(transcript="alexa what time is it", text="", input_samples=np.zeros(160),
                            reply="It is ten past nine.", reply_samples=(np.zeros(160), 22050))
    playback = LabPlayback(player)
    first = playback.play(trace, "input")
    assert "failed to init" not in first.warning and "captions" in first.warning
    assert first.detail == "no output device: failed to init device"
    assert "alexa what time is it" in first.message
    again = playback.play(trace, "reply")
    assert again.warning == "" and again.detail == "" and "ten past nine" in again.message
    assert again.message == "The reply, in words (no sound here): “It is ten past nine.”"  # said as what it is
    asleep = SimpleNamespace(transcript="", text="hello there", input_samples=np.zeros(160), reply="",
                             reply_samples=None)
    assert playback.play(asleep, "reply").message == "No reply to play: the assistant said nothing this time."
    served = LabPlayback(player, served=True).play(trace, "input")
    assert "browser" in served.warning and served.detail == ""
