"""``explainer bench serve`` at a small scale: three visitors over the real protocol, the figures
all there, no errors, nothing left behind. (No timing is asserted: speed is the bench's job.)"""

from __future__ import annotations

import json

import pytest

from explainer.bench import serve_probe
from explainer.bench.serve import Plan, misses, run_serve_bench
from explainer.cli import run

pytestmark = pytest.mark.skipif(not serve_probe.available(), reason="reads processes from /proc (Linux)")


def test_three_visitors_join_press_keys_and_leave_nothing_behind():
    result = run_serve_bench(Plan(visitors=3, ramp_s=2, hold_s=4, key_every_s=0.5))
    details = result["details"]
    assert result["errors"] == 0, details["error_list"]
    assert result["leftovers"] == 0, details["leftover_list"]
    assert details["joined"] == 3 and details["keys_steady"] >= 6
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
