"""Start-up time of the app against a bare Textual "hello world", measured in the same run.

Both are started the same way -- a fresh Python process, headless, 80x24 -- and timed from the
moment the process is spawned to the moment the first interactive screen is settled and painted:
for the app that is the journey map (mounted, every queued message handled, one frame
composited); for the bare app its one Static. The runs alternate (bare, app, bare, app...) so a
busy moment on a shared machine hits both, and the medians are compared as a ratio. Interpreter
start and Textual's own import are in both, which is the point: the ratio is what *we* add.

The app child goes through the real command line (``parse_command_line``, ``run.build_app``), so every import the ``explainer`` command pays is counted. The bare child never
imports ``explainer``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from explainer.bench.stats import median
from explainer.tui.textual_private import READY_CHILD_CODE

# Shared by both children, word for word, so "ready" means the same thing for each.
_READY = READY_CHILD_CODE

BARE_CHILD = _READY + '''
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello, world!", id="hello")

Hello().run(headless=True, size=(80, 24), auto_pilot=when_ready(lambda app: bool(app.screen.query("#hello"))))
'''

APP_CHILD = _READY + '''
from explainer.cli import parse_command_line
from explainer.tui.run import build_app

args = parse_command_line(["--data-dir", sys.argv[1]])
app = build_app(args)
app.run(headless=True, size=(80, 24), auto_pilot=when_ready(lambda app: type(app.screen).__name__ == "MapScreen"))
'''


@dataclass
class StartupResult:
    bare_s: list[float] = field(default_factory=list)
    app_s: list[float] = field(default_factory=list)
    bare_cpu_s: list[float] = field(default_factory=list)  # CPU time of the child when ready
    app_cpu_s: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def ratio(self) -> float:
        return median(self.app_s) / median(self.bare_s) if self.bare_s and self.app_s else float("nan")

    @property
    def cpu_ratio(self) -> float:
        """The same ratio in CPU time: steadier than wall time on a busy machine."""
        if not (self.bare_cpu_s and self.app_cpu_s):
            return float("nan")
        return median(self.app_cpu_s) / median(self.bare_cpu_s)


def child_env() -> dict[str, str]:
    """The environment for a measured child: bytecode caching on, as for a learner.

    Python compiles every module from source when it may not cache bytecode
    (``PYTHONDONTWRITEBYTECODE``, set on some build machines), which costs more than everything
    we measure. An installed app caches it after its first start, so the children get a cache
    of their own (``PYTHONPYCACHEPREFIX``, outside the source tree) and are timed warm.
    """
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "explainer-bench-pycache")
    return env


def time_child(source: str, *args: str, timeout: float = 60.0) -> tuple[float, float]:
    """(wall seconds from spawning ``python -c source`` to its "ready" line, its CPU seconds then)."""
    env = child_env()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", source, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("not-ready"):
                raise RuntimeError(f"the app never reached its first screen (stuck on {line.split()[-1]})")
            if line.startswith("ready"):
                elapsed = time.perf_counter() - started
                cpu = float(line.split()[1])
                break
        else:
            _out, err = process.communicate(timeout=timeout)
            raise RuntimeError(f"the child never became ready: {(err or '').strip()[-400:]}")
        process.communicate(timeout=timeout)
        return elapsed, cpu
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def measure_startup(runs: int = 7) -> StartupResult:
    result = StartupResult()
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as data_dir:
        time_child(BARE_CHILD)  # warm the OS file cache for both, untimed
        time_child(APP_CHILD, data_dir)
        for _ in range(runs):
            wall, cpu = time_child(BARE_CHILD)
            result.bare_s.append(wall)
            result.bare_cpu_s.append(cpu)
            wall, cpu = time_child(APP_CHILD, data_dir)
            result.app_s.append(wall)
            result.app_cpu_s.append(cpu)
    return result
