"""Caches a test starts with, built once instead of in every test (issue 19.7: the suite in 2 minutes).

Every test has its own, empty cache folder (``_isolated_data``), so every app a test starts
used to pay a first start: the course read and validated, the stylesheets parsed (~0.07 s of
CPU more than a learner's usual start, ~400 times a run). And the lab's models -- the
recogniser's command language model and the nearest-command index, seconds each -- were built
again by every worker and every child process that used the real lab.

* ``warm_app_cache``: one real start per worker, headless; its course and stylesheet copies are
  copied into each test's cache folder before the test's app starts (``conftest.app``).
* ``warm_lab_cache``: the lab's models built once per run in a folder shared by the xdist workers
  (and kept between runs in pytest's cache folder, under the templates' hash), under a lock;
  each worker loads its decoder and index from there, and tests that run the lab in a child
  process get hard links to the files in their own cache folder.

A test of the caches themselves says ``@pytest.mark.cold_cache`` and starts empty.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from pathlib import Path

import pytest

from explainer.paths import COURSE_CACHE_FOLDER, CSS_CACHE_FOLDER, make_folders_private


def warm_app_cache(folder: Path) -> Path:
    """Start the real app once (80x24, headless) with its cache in ``folder``; return the cache."""
    from explainer.paths import DataPaths
    from explainer.tui.config import AppConfig
    from explainer.tui.factory import make_app

    cache = folder / "cache"
    made = make_app(AppConfig(data=DataPaths(data_dir=folder / "data", cache_dir=cache), seed=7, audio=False))
    made.animation_level = "none"

    async def start() -> None:
        async with made.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

    loop = asyncio.new_event_loop()  # not asyncio.run: that would unset the tests' event loop
    try:
        loop.run_until_complete(start())
    finally:
        loop.close()
    return cache


def seed_app_cache(warm: Path, cache: Path) -> None:
    """Copy the warm course and stylesheet copies into ``cache`` (private, as the app makes them)."""
    for name in (COURSE_CACHE_FOLDER, CSS_CACHE_FOLDER):
        source, target = warm / name, cache / name
        if source.is_dir() and not target.exists():
            with contextlib.suppress(OSError):  # no usable cache folder (a test of that): the app copes
                make_folders_private(cache)
                shutil.copytree(source, target)


def shared_folder(config: pytest.Config, factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder every xdist worker of this run sees: pytest's cache folder (kept between runs),
    or without the cache plugin the run's temp folder above the workers' own."""
    cache = getattr(config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir(name))
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / name
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def warm_lab_cache(folder: Path) -> Path:
    """The lab's models in ``folder``/lab, built by the first worker to ask (the others wait),
    then loaded into this process: its decoder and index come from there from now on."""
    import fcntl

    from explainer.voice.decoder import shared_engine
    from explainer.voice.nearest import nearest_index

    lab = folder / "lab"
    with open(folder / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        shared_engine(None, lab)  # builds the language model into lab/ unless it is there
        nearest_index(None, lab)
    return lab


def seed_lab_cache(warm: Path, lab: Path) -> None:
    """Hard links to the built models in a test's lab cache folder (files are only ever
    replaced, never written in place, so a link cannot carry one test's change to another)."""
    from explainer.voice import labcache

    labcache.ensure_dir(lab)
    for built in warm.iterdir():
        if built.name.startswith(("commands-", "nearest-")) and labcache.readable(built):
            with contextlib.suppress(FileExistsError):
                os.link(built, lab / built.name)
