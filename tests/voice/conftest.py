"""Fixtures shared by the voice tests: one decoder for the whole session (it takes seconds to load)."""

from __future__ import annotations

import shutil

import pytest

needs_speech = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


@pytest.fixture(scope="session")
def session_paths(tmp_path_factory):
    from explainer.paths import data_paths

    return data_paths(tmp_path_factory.mktemp("lab-session"))


@pytest.fixture(scope="session")
def warm_lab(session_paths):
    """A LocalLab whose decoder is loaded (built once per session into a session cache folder)."""
    from explainer.voice.lab_service import LocalLab

    lab = LocalLab(paths=session_paths, keep_history=False)
    assert lab.warm_up() == ""
    yield lab
    lab.close()


@pytest.fixture
def lab(warm_lab, tmp_path):
    """A LocalLab on this test's own folders, sharing the session's decoder."""
    from explainer.paths import data_paths
    from explainer.voice.lab_service import LocalLab

    made = LocalLab(paths=data_paths(tmp_path / "learner"))
    yield made
    made.close()
