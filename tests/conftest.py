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
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")  # read by Textual at import time

# Bytecode caches are part of the suite's warm start (issue 19.7). With PYTHONDONTWRITEBYTECODE
# set (some build machines set it), every xdist worker rewrote and compiled every test module
# and every child process compiled the app from source: ~2.5 s of CPU a worker, ~1 s a child,
# every run. Python reads caches that exist whatever the variable says; this lets the run write
# them (into the usual, git-ignored __pycache__ folders) for itself, its workers and children.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


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
def app(app_config, request: pytest.FixtureRequest, _warm_app_cache: Path) -> Callable:
    """Factory: ``app(course=None, lab=None, **config_overrides)`` -> the real app, animations off.

    ``course`` (a test course from ``tests/builders.py``) replaces the packaged content, the
    same way the command line's app is built (``factory.make_app``), just without argv;
    ``lab`` (a stand-in lab service, ``tests/tui/lab_fake.py``) goes through the same door.
    The test's cache folder starts with the course and stylesheet copies a first start writes
    (``warm_caches.py``), as a learner's does from the second start on; ``@pytest.mark.cold_cache``
    starts it empty (for tests of those caches).
    """
    from explainer.tui.factory import make_app
    from tests.warm_caches import seed_app_cache

    def build(course=None, lab=None, **overrides):
        config = app_config(**overrides)
        if request.node.get_closest_marker("cold_cache") is None and not config.memory_only:
            seed_app_cache(_warm_app_cache, config.data.cache_dir)
        made = make_app(config, course=course, lab=lab)
        made.animation_level = "none"
        return made

    return build


@pytest.fixture(scope="session")
def _warm_app_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.warm_caches import warm_app_cache

    return warm_app_cache(tmp_path_factory.mktemp("warm-app"))


@pytest.fixture(scope="session")
def _warm_lab_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.warm_caches import shared_folder, warm_lab_cache

    return warm_lab_cache(shared_folder(request.config, tmp_path_factory, "warm-lab"))


@pytest.fixture(autouse=True)
def _lab_from_the_warm_cache(request: pytest.FixtureRequest, _isolated_data: Path) -> None:
    """Tests of the real lab start from the session's built models (``warm_caches.py``): the
    decoder and the nearest-command index load from there in this process, and a child process
    finds them in the test's own cache folder, instead of every worker and child rebuilding them."""
    if request.node.get_closest_marker("cold_cache") is not None:
        return
    if request.node.get_closest_marker("real_lab") is None and request.node.get_closest_marker("lab_cache") is None \
            and "warm_lab" not in request.fixturenames:
        return
    from tests.warm_caches import seed_lab_cache

    seed_lab_cache(request.getfixturevalue("_warm_lab_cache"), Path(os.environ["EXPLAINER_CACHE_DIR"]) / "lab")


@pytest.fixture
def course_app(app) -> Callable:
    """Factory: ``course_app(course=None, **config_overrides)`` -> the real app over the test
    course (``tests.builders.make_course()`` unless another is given)."""
    from tests.builders import make_course

    def build(course=None, **overrides):
        return app(course=course or make_course(), **overrides)

    return build


def pytest_unconfigure(config: pytest.Config) -> None:
    """At the very end of a run (each xdist worker's too): nothing is left to collect, so the
    objects of ~170 Pilot tests a worker made need not be walked by one more garbage collection
    while the interpreter shuts down (measured: 0.6 s of CPU a process for 48 TUI tests, 0.03 s
    frozen). Tests and their temporary folders are already finished and cleaned up by then."""
    import gc

    gc.freeze()


def pytest_configure(config: pytest.Config) -> None:
    from tests import memory_guard

    memory_guard.start()
    config.addinivalue_line("markers", "slow: builds or runs something big (still part of the default run)")
    config.addinivalue_line(
        "markers",
        "real_lab: uses the real recogniser or parser (pocketsphinx decoder, nearest-command index); "
        "these share one xdist worker, so each loads once per run",
    )
    config.addinivalue_line(
        "markers", "lab_cache: runs the real lab in a child process: its cache folder starts with the built models")
    config.addinivalue_line(
        "markers", "cold_cache: the test's cache folder starts empty (tests of the caches themselves)")


# Timing is the benchmark's job (`explainer bench`), never a test's: Hypothesis's per-example
# deadline only made tests fail on a busy machine (2 cores shared by many processes).
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("explainer", deadline=None)
    _hypothesis_settings.load_profile("explainer")
except ImportError:  # pragma: no cover
    pass


def pytest_runtest_logstart(nodeid: str, location: tuple) -> None:
    from tests import memory_guard

    memory_guard.running(nodeid)


def pytest_itemcollected(item: pytest.Item) -> None:
    """Every test of the real lab in one xdist group (``--dist loadgroup``: one worker runs them).

    The real decoder and the nearest-command index take seconds to load in each process that
    needs them; sharing one worker loads each once per run instead of once per worker."""
    if item.get_closest_marker("real_lab") is not None or "warm_lab" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.xdist_group("real-lab"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long tests first: started last, a 30-second walk would keep one core busy after the
    others finished; started first, the short tests fill in around it."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: otherwise as collected


# The garbage collector, tuned for a long run of Pilot tests (issue 19.7). Each test builds and
# drops a whole Textual app; with Python's default thresholds the collector ran ~2,900 times in
# 48 TUI tests and took a third of their CPU (2.9 of 9 s), mostly walking the modules, the course
# and the stylesheets that live for the whole run. Those are frozen once collected (never walked
# again) and the youngest generation is collected every 50,000 allocations instead of 700:
# 0.6 s of collection for the same tests. Only when garbage is freed changes, never what a test does.
GC_THRESHOLDS = (50_000, 20, 20)


def _settle_gc() -> None:
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


@pytest.hookimpl(tryfirst=True)  # before the worker sends its collection to the controller
def pytest_collection_finish(session: pytest.Session) -> None:
    """The collector settled for the run (above), then a workaround for pytest-xdist#1386 (open): under pytest 9.2 xdist writes the group into the
    old ``_nodeid`` field, which pytest no longer reads, so ``--dist loadgroup`` silently stops
    grouping. Put the ``@group`` suffix into the structured id, as the proposed fix (#1388) does;
    a no-op once xdist does it itself, or outside a loadgroup worker."""
    _settle_gc()
    if not getattr(session.config.option, "loadgroup", False):  # set in xdist workers only
        return
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # an older pytest: xdist's own suffix works there
        return
    for item in session.items:
        groups = sorted({str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                         for mark in item.iter_markers("xdist_group")})
        if groups and "@" not in item.nodeid and hasattr(item, "_id"):
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")
