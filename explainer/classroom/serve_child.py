"""Inside the fork server: getting ready once (``prepare``), then one visitor per child (``run_visitor``).

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

import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path


# What textual-serve's AppService puts in each app's environment (``_build_environment``);
# Textual reads these when it is imported, so the fork server must start with them set.
def served_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    from importlib.metadata import version

    from explainer.classroom.serve import SERVED_ENV

    env = dict(os.environ if base is None else base)
    env.update({
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
        "COLUMNS": "80",
        "ROWS": "24",
        SERVED_ENV: "1",
    })
    return env


_config = None  # the AppConfig every visitor's app is built from (set by ``prepare``)
_course = None  # the course, loaded and validated once, shared by every visitor (None if broken)


def prepare(argv: list[str]) -> dict:
    """Load everything a visit needs, once; return what the host may want to know."""
    global _config, _course
    started, cpu = time.perf_counter(), time.process_time()
    from explainer.cli import parse_command_line
    from explainer.tui import services
    from explainer.tui.run import config_from_args

    _config = config_from_args(parse_command_line(argv))
    _course, problems = services.load_course_or_problems(_config)
    services.prewarm_screens()
    import textual.drivers.web_driver  # noqa: F401 - the driver every child uses

    _warm_up(_config)
    if threading.active_count() != 1:
        raise RuntimeError(f"threads still running after the warm-up: {threading.enumerate()}")
    return {
        "course": _course is not None,
        "problems": len(problems),
        "prepare_ms": round((time.perf_counter() - started) * 1000),
        "prepare_cpu_ms": round((time.process_time() - cpu) * 1000),
    }


def _warm_up(config) -> None:
    """One headless app, run until its first screen is painted, then closed."""
    import asyncio

    from explainer.tui.factory import make_app

    app = make_app(config, course=_course)

    async def auto_pilot(pilot) -> None:
        app = pilot.app
        deadline = time.monotonic() + 30
        while type(app.screen).__name__ not in ("MapScreen", "ContentProblemsScreen"):
            if time.monotonic() > deadline:
                break
            await pilot._wait_for_screen()
            await asyncio.sleep(0)
        await pilot._wait_for_screen()
        app.screen._on_timer_update()  # composite and paint one frame
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=auto_pilot)
    for worker in list(app.workers):
        if worker._thread is not None:  # noqa: SLF001 - wait for thread workers that outlive the run
            worker._thread.join(5)
    for thread in threading.enumerate():
        if thread is not threading.main_thread():
            thread.join(5)


def run_visitor(fds: list[int], request: dict, folder: Path, control) -> int:
    """The forked child: become a served session on ``fds`` and run the app until it ends."""
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL)
    from explainer.classroom.forkserver import set_parent_death_signal

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

    app = make_app(_config, course=_course)
    app.run()
    return int(app.return_code or 0)


def _size(value, default: int) -> int:
    try:
        return max(10, min(1000, int(value)))
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
