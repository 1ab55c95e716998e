"""A memory guard for the test run: a test process that grows past ``LIMIT_GB`` stops itself and
says which test it was running, with every thread's stack, instead of being killed by the
kernel's out-of-memory killer (which says nothing about the test, and hung an xdist run three
times on 2026-12-05: one python process of the suite reached 9, 22 and 21 GB).

A thread reads the process's resident size from ``/proc/self/statm`` twice a second; no limit
is set on the process itself, so child processes (the app, headless Chromium, which reserves
far more address space than it uses) are not affected.  Linux only; elsewhere it does nothing.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import threading
import time
from pathlib import Path

LIMIT_GB = 4.0
_current = {"test": "(between tests)"}


def running(nodeid: str) -> None:
    _current["test"] = nodeid


def _resident_bytes(statm: Path) -> int:
    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _watch(statm: Path, limit: int) -> None:
    while True:
        time.sleep(0.5)
        try:
            used = _resident_bytes(statm)
        except (OSError, ValueError, IndexError):
            return
        if used > limit:
            sys.stderr.write(f"\nmemory guard: this test process uses {used / 1e9:.1f} GB (limit {LIMIT_GB:g} GB) "
                             f"while running {_current['test']}; stopping it. Stacks:\n")
            faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
            sys.stderr.flush()
            os._exit(70)


def start() -> None:
    statm = Path("/proc/self/statm")
    if statm.exists():
        threading.Thread(target=_watch, args=(statm, int(LIMIT_GB * 1e9)), name="memory-guard", daemon=True).start()
