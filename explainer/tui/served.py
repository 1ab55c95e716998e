"""``explainer serve``'s app side: the fork server's preparation (``prepare``), then one visitor
per forked child (``run_visitor``); ``python -m explainer.tui.served`` is the fork server process.

The process mechanics (the control socket, forking, reaping, scratch folders) are
``explainer.classroom.forkserver``'s; this module is what the fork server runs, kept here beside
``run.py`` because, like it, it turns command-line options into a running app.

``prepare`` does everything a visitor's app would otherwise do for itself at start: import
Textual and every screen a visit is likely to open, load and validate the course once, and run
one app headless to its painted map, so Textual's and Rich's lazy caches are full before the
first fork. Nothing of that run survives but caches: its app, event loop and threads are gone
before the fork server forks (checked: a process that forks with a thread running can hand the
child a lock held forever).

``run_visitor`` runs in the forked child. It turns the process into what textual-serve would
have started: the session's pipes on stdin, stdout and stderr, the terminal size in COLUMNS and
ROWS, default signal handlers, new random seeds, and the temp folder pointed into the visitor's
own scratch folder; then it builds a fresh app (memory-only progress, like every served
session) from the course already in memory and runs it on textual-serve's web driver.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explainer.classroom.forkserver import run, set_parent_death_signal
from explainer.tui.textual_private import paint_now, wait_for_screen

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from explainer.course.model import Course
    from explainer.tui.config import AppConfig

_config: AppConfig | None = None  # the AppConfig every visitor's app is built from (set by ``prepare``)
_course: Course | None = None  # the course, loaded and validated once, shared by every visitor (None if broken)


def prepare(argv: list[str], root: Path) -> dict[str, Any]:
    """Load everything a visit needs, once; return what the host may want to know."""
    global _config, _course
    started, cpu = time.perf_counter(), time.process_time()
    from explainer.tui import services
    from explainer.tui.run import config_from_args

    _config = config_from_args(_options(argv))
    _course, problems = services.load_course_or_problems(_config)
    # ...and what each visitor's app would work out 0.5 s after its map (``ExplainerApp._prewarm``):
    # the seat's recogniser fingerprint is cached per process, so every child inherits it.
    services.prewarm_screens((*services.PREWARM_MODULES, "explainer.tui.screens.lab"),
                             content_dir=Path(_course.root) if _course is not None else None)
    import textual.drivers.web_driver  # noqa: F401 - the driver every child uses

    lab_ms = _load_recogniser(_config, root) if _course is not None else None

    _warm_up(_config)
    if threading.active_count() != 1:
        raise RuntimeError(f"threads still running after the warm-up: {threading.enumerate()}")
    return {
        "course": _course is not None,
        "problems": len(problems),
        "prepare_ms": round((time.perf_counter() - started) * 1000),
        "prepare_cpu_ms": round((time.process_time() - cpu) * 1000),
        "recogniser_ms": lab_ms,
    }


def _load_recogniser(config: AppConfig, root: Path) -> int | None:
    """The voice lab's speech decoder, loaded here once for every visitor (``voice.decoder.shared_engine``
    keeps one per process): ~100 MB that each lab visitor otherwise loaded for itself (measured:
    a visitor's private memory went from 23 to 144 MB on opening the lab). Forked children
    share its model pages; only what a decoding writes becomes theirs. Its language-model files
    go under the server's scratch root, copied from the host's own lab cache when the lab has
    run there before (~3 s of CPU saved at every start), else built. If it cannot load, the lab
    says why when opened."""
    started = time.perf_counter()
    try:
        from explainer.voice.decoder import shared_engine

        shared = root / "shared"
        _copy_built_models(config.data.lab_cache_dir, shared)
        shared_engine(config.content_dir, shared)
    except Exception:  # noqa: BLE001 - no recogniser here: the lab explains it to whoever opens it
        return None
    return round((time.perf_counter() - started) * 1000)


def _copy_built_models(host_cache: Path, folder: Path) -> None:
    """The language models the host's lab already built, copied into ``folder`` (the host's
    cache is only read; a model for other templates is simply not used, a missing one is built)."""
    from explainer.voice import labcache

    try:
        built = [path for path in Path(host_cache).iterdir()
                 if path.name.startswith("commands-") and labcache.readable(path)]
    except OSError:
        return
    for path in built:
        try:
            labcache.write_atomic(folder / path.name, path.read_bytes())  # whole or not at all
        except OSError:
            return


def _options(argv: list[str]) -> argparse.Namespace:
    """The options ``explainer serve`` passes on to every session (``serve_cmd``)."""
    parser = argparse.ArgumentParser(prog="explainer.tui.served", add_help=False)
    parser.add_argument("--content")
    parser.add_argument("--lang")
    parser.add_argument("--seed", type=int)
    return parser.parse_args(argv)


def _warm_up(config: AppConfig) -> None:
    """One headless app, run until its first screen is painted, then closed."""
    import asyncio

    from explainer.tui.factory import make_app

    app = make_app(config, course=_course)

    async def auto_pilot(pilot: Pilot[Any]) -> None:
        app = pilot.app
        deadline = time.monotonic() + 30
        while type(app.screen).__name__ not in ("MapScreen", "ContentProblemsScreen"):
            if time.monotonic() > deadline:
                break
            await wait_for_screen(pilot)
            await asyncio.sleep(0)
        await wait_for_screen(pilot)
        paint_now(app.screen)  # composite and paint one frame
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=auto_pilot)
    for thread in threading.enumerate():
        if thread is not threading.main_thread():
            thread.join(5)


def run_visitor(fds: list[int], request: dict[str, Any], folder: Path, control: Any) -> int:
    """The forked child: become a served session on ``fds`` and run the app until it ends."""
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL)
    set_parent_death_signal()  # the fork server gone means the room is closed
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    # Nothing of the fork server's, nor another session's pipe end queued behind ours, stays open.
    os.closerange(3, _max_fd())
    os.environ["COLUMNS"] = str(_size(request.get("cols"), 80))
    os.environ["ROWS"] = str(_size(request.get("rows"), 24))
    temp = folder / "tmp"
    temp.mkdir()
    os.environ["TMPDIR"] = tempfile.tempdir = str(temp)
    _reseed()

    from explainer.tui.factory import make_app

    assert _config is not None, "prepare() runs first, in the fork server"
    app = make_app(_config, course=_course)
    app.run()
    return int(app.return_code or 0)


def _size(value: object, default: int) -> int:
    try:
        return max(10, min(1000, int(value)))  # type: ignore[call-overload]  # anything a client sent
    except (TypeError, ValueError):
        return default


def _max_fd() -> int:
    try:
        return min(os.sysconf("SC_OPEN_MAX"), 65536)
    except (ValueError, OSError):
        return 1024


def _reseed() -> None:
    """Each visitor its own randomness (``random`` reseeds itself after fork; numpy does not)."""
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed(int.from_bytes(os.urandom(4), "little"))


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:], prepare, run_visitor))
