"""``explainer bench``: the statistics, and one quick run that prints the figures as JSON.

Timings are never asserted (they depend on the machine); only the shape of the report is.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from explainer.bench.report import TARGETS, verdict
from explainer.bench.stats import median, ms, percentile

FIGURES = {
    "startup_ratio",
    "transition_p95_ms",
    "content_load_ms",
    "clip_render_cold_ms",
    "clip_render_cached_ms",
    "peak_rss_mb",
    "class_report_ms",
    "seat_first_clip_ms",
    "seat_next_clip_p95_ms",
}


def test_percentiles_interpolate_between_ranks():
    values = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert median(values) == 30.0
    assert percentile(values, 0) == 10.0
    assert percentile(values, 100) == 50.0
    assert percentile(values, 95) == pytest.approx(48.0)
    assert percentile([7.0], 95) == 7.0
    assert math.isnan(percentile([], 95))
    assert ms(0.12345) == 123.5


def test_targets_and_verdicts():
    assert set(TARGETS) == FIGURES
    assert verdict("startup_ratio", 1.2) == "ok"
    assert verdict("transition_p95_ms", 250.0) == "over target"
    assert verdict("clip_render_cold_ms", 900.0) == ""  # no target: reported only
    assert verdict("peak_rss_mb", None) == "not measured"


@pytest.mark.slow
@pytest.mark.lab_cache  # the transitions child opens the lab: its models come built, as from a second start
def test_quick_bench_prints_every_figure(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "explainer", "bench", "--quick", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode in (0, 1), done.stderr[-1000:]  # 1 = a target missed on this machine
    report = json.loads(done.stdout)
    assert set(report) == FIGURES | {"details"}
    for name in ("startup_ratio", "transition_p95_ms", "content_load_ms", "peak_rss_mb", "class_report_ms",
                 "seat_first_clip_ms", "seat_next_clip_p95_ms"):
        assert isinstance(report[name], (int, float)) and report[name] > 0, name
    assert report["details"]["content"]["stations"] == 9
    assert report["details"]["transitions"]["map → lesson"]["n"] == 1
    assert len(report["details"]["seat"]["first_clip_ms"]) == 1  # one shift in --quick
    assert len(report["details"]["seat"]["next_clip_ms"]) == 5
    if report["clip_render_cold_ms"] is None:  # no speech engine here: said why, not faked
        assert report["details"]["clip"]["error"]
    else:
        assert report["clip_render_cached_ms"] < report["clip_render_cold_ms"]
