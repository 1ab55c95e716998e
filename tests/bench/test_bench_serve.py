"""``explainer bench serve`` at a small scale: three visitors over the real protocol, the figures
all there, no errors, each visitor's progress its own, nothing left behind. (No timing is asserted: speed is the bench's job.)"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from explainer.bench import serve_probe
from explainer.bench.serve import Plan, misses, run_serve_bench
from explainer.cli import run

pytestmark = [
    pytest.mark.skipif(not serve_probe.available(), reason="reads processes from /proc (Linux)"),
    pytest.mark.lab_cache,  # the fork server loads the recogniser: its models come built, as on a host that ran the lab
]


def test_three_visitors_join_press_keys_and_leave_nothing_behind():
    result = run_serve_bench(Plan(visitors=3, ramp_s=2, hold_s=4, key_every_s=0.5))
    details = result["details"]
    assert result["errors"] == 0, details["error_list"]
    assert result["leftovers"] == 0, details["leftover_list"]
    assert details["joined"] == 3 and details["keys_steady"] >= 6
    # isolation: every visitor's "skip"/"continue" opened *its own* first unread page (an error otherwise)
    assert details["isolation_checks"] >= 3
    assert details["server_exit_code"] == 0
    assert details["memory"]["processes_full"] == 5  # the web server, the fork server, three visitors
    for name in ("join_p50_ms", "join_p95_ms", "key_p50_ms", "key_p95_ms", "server_mb", "per_visitor_mb"):
        assert result[name] > 0, name
    assert set(misses(result)) <= {"join_p95_ms", "key_p95_ms", "per_visitor_mb"}  # speed is not asserted


def test_the_command_prints_json_and_checks_its_arguments(capsys):
    assert run(["bench", "serve", "--visitors", "0"]) == 2
    assert "--visitors must be between 1 and 200" in capsys.readouterr().err
    code = run(["bench", "serve", "--visitors", "2", "--ramp", "1", "--hold", "2", "--key-every", "0.5", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code in (0, 1) and result["visitors"] == 2 and result["errors"] == 0


def test_a_visitor_notices_progress_that_is_not_its_own():
    from explainer.bench.serve_visitor import RIGHT, Step, Walk

    titles = ["First page title", "Second page title", "Third page title"]
    walk = Walk(("Station one", "Station nine"), titles)
    walk.answered(Step("c", ("recommended",), "continue → pre-check offer"), "recommended")
    walk.answered(Step("2", (titles[0][:24],), "skip → station 1"), titles[0])
    assert walk.checked == 1 and walk.foreign == []
    walk.answered(Step(RIGHT, (titles[1][:24],), "→ next page"), titles[1])
    walk.answered(Step("q", (), "q → map"), "Station one")
    # "continue" should open page 3 (pages 1 and 2 were read here); page 1 means someone else's progress
    walk.answered(Step("c", tuple(t[:24] for t in titles), "continue → first unread page", any=True), titles[0])
    assert walk.checked == 2 and len(walk.foreign) == 1
    assert "opened page 1, but this visitor's first unread page is 3" in walk.foreign[0]



def test_a_killed_bench_leaves_no_server_running():
    code = ("import time\n"
            "from explainer.bench.serve import Plan, ServerUnderTest\n"
            "server = ServerUnderTest(Plan(visitors=1))\n"
            "server.start()\n"
            "print(server.process.pid, server.home, flush=True)\n"
            "time.sleep(300)\n")
    bench = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    family: list[int] = []
    home = ""
    try:
        pid, home = bench.stdout.readline().split()
        family = serve_probe.descendants(int(pid))
        assert len(family) == 2  # the web server and its fork server
        bench.kill()  # SIGKILL: none of the bench's own clean-up runs
        bench.wait()
        deadline = time.monotonic() + 20
        while any(serve_probe._stat(p) is not None for p in family) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert all(serve_probe._stat(p) is None for p in family), "the server outlived its bench"
    finally:
        bench.kill()
        for p in family:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, signal.SIGKILL)
        if home:
            shutil.rmtree(home, ignore_errors=True)
