"""Fixtures shared by the TUI tests."""

from __future__ import annotations

import pytest

from explainer.paths import data_paths
from explainer.tui.config import AppConfig
from tests.builders import make_course
from tests.reviewer_fixtures import FakeClock


@pytest.fixture
def seat(silent, app):
    """Factory: ``seat(course=None, progress=None, lab=None)`` -> the real app (silent, fake clock) over
    the test course; open the seat with ``await tests.pilot.open_reviewer(pilot)``."""
    _clock, config = silent

    def build(course=None, progress=None, lab=None):
        made = app(course=course or make_course(), lab=lab, data=config.data, audio=config.audio)
        if progress is not None:
            made.progress = progress
        return made

    return build


@pytest.fixture
def real_seat(silent, app):
    """Factory: the real app over the packaged course (its clips, audio and stored guesses), silent."""
    _clock, config = silent
    return lambda: app(data=config.data, audio=config.audio)


@pytest.fixture
def silent(monkeypatch, tmp_path):
    """The reviewer seat with no sound device, no speech engine and a fake clock: (clock, config)."""
    import explainer.voice.playback as playback
    import explainer.voice.speech as speech
    from explainer.tui.screens.reviewer import ReviewerScreen
    from explainer.voice import decoder

    # As in a fresh app where the lab was never opened: the seat's machine guess is the script's,
    # whatever an earlier test in this process loaded (tests that want the recogniser say so).
    monkeypatch.setattr(decoder, "_engines", {})

    monkeypatch.setattr(
        playback, "sound_available", lambda refresh=False: (False, "No sound device (test).")
    )
    monkeypatch.setattr(
        speech, "speech_available", lambda refresh=False: (False, "no engine (test)")
    )
    clock = FakeClock()
    monkeypatch.setattr(ReviewerScreen, "clock", staticmethod(clock))
    config = AppConfig(data=data_paths(tmp_path / "data"), seed=7, audio=True)
    return clock, config
