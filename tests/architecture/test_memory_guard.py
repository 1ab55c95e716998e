"""The suite's memory guard (``tests/memory_guard.py``) stops a runaway test process and names the test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GROWS = """
import time
from tests import memory_guard
memory_guard.LIMIT_GB = 0.3
memory_guard.start()
memory_guard.running("tests/voice/test_example.py::test_that_grows")
kept = []
for _ in range(40):  # up to 2 GB, 50 MB every 0.1 s
    kept.append(bytearray(50_000_000))
    time.sleep(0.1)
print("never stopped")
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the guard reads Linux's /proc")
def test_a_test_process_that_grows_past_the_limit_stops_and_says_which_test():
    done = subprocess.run([sys.executable, "-c", GROWS], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 70 and "never stopped" not in done.stdout
    assert "while running tests/voice/test_example.py::test_that_grows" in done.stderr
    assert "Stacks:" in done.stderr and "File" in done.stderr  # every thread's stack, for the culprit's line
