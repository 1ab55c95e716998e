"""Fixtures shared by the TUI tests."""

from __future__ import annotations

import pytest

from explainer.paths import data_paths
from explainer.tui.config import AppConfig
from tests.reviewer_fixtures import FakeClock


@pytest.fixture
def silent(monkeypatch, tmp_path):
    """The reviewer seat with no sound device, no speech engine and a fake clock: (clock, config)."""
    import explainer.voice.playback as playback
    import explainer.voice.speech as speech
    from explainer.tui.screens.reviewer import ReviewerScreen

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
