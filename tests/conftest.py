"""Shared test set-up: every test runs in its own data folder, with no blinking, no animation
and fixed seeds, so runs are repeatable and nothing touches the real learner's files.

The ``app`` fixture builds the real app through ``make_app`` (no argv), the way the CLI does.

Tests are filed by what they test: ``course/``, ``learning/``, ``voice/`` (the Textual-free
layers), ``tui/`` (screens and widgets, Pilot and snapshots), ``cli/`` (commands as typed),
``classroom/`` (kiosk, class report, serve), ``bench/``, ``architecture/`` (layer rules) and
``e2e/`` (the whole app or the built wheel). Shared builders and helpers sit beside this file.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")  # read by Textual at import time


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Learner data, caches and temp files in the test's own folder; never the real user's
    data dir, and never a file another test (in another xdist worker) writes at the same time."""
    data = tmp_path / "learner-data"
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data))
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(tmp_path / "learner-cache"))
    temp = tmp_path_factory.mktemp("tmp")  # in this process; child processes keep the system's (shared caches)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return data


@pytest.fixture(autouse=True)
def _deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed seeds, no animation, no blinking cursors (blinking makes snapshots flaky)."""
    random.seed(1234)
    try:
        import numpy

        numpy.random.seed(1234)
    except ImportError:  # pragma: no cover
        pass
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    try:
        from textual.widgets import Input, TextArea
    except ImportError:  # pragma: no cover
        return
    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.cursor_blink, "_default", False)
        monkeypatch.setattr(widget, "_default_cursor_blink", False, raising=False)


@pytest.fixture
def app_config(tmp_path: Path):
    """An AppConfig for a test: temp data dir, fixed seed, packaged content, no sound."""
    from explainer.paths import data_paths
    from explainer.tui.config import AppConfig

    def build(**overrides):
        values = {"data": data_paths(tmp_path / "learner-data"), "seed": 7, "audio": False}
        values.update(overrides)
        return AppConfig(**values)

    return build


@pytest.fixture
def app(app_config) -> Callable:
    """Factory: ``app(course=None, lab=None, **config_overrides)`` -> the real app, animations off.

    ``course`` (a test course from ``tests/builders.py``) replaces the packaged content, the
    same way the command line's app is built (``factory.make_app``), just without argv;
    ``lab`` (a stand-in lab service, ``tests/tui/lab_fake.py``) goes through the same door.
    """
    from explainer.tui.factory import make_app

    def build(course=None, lab=None, **overrides):
        made = make_app(app_config(**overrides), course=course, lab=lab)
        made.animation_level = "none"
        return made

    return build


@pytest.fixture
def course_app(app) -> Callable:
    """Factory: ``course_app(course=None, **config_overrides)`` -> the real app over the test
    course (``tests.builders.make_course()`` unless another is given)."""
    from tests.builders import make_course

    def build(course=None, **overrides):
        return app(course=course or make_course(), **overrides)

    return build


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds or runs something big (still part of the default run)")
