"""Run every measure once, then show them: a Rich table for people, JSON for scripts and CI.

The six headline figures are the ones issue 8 names; everything else (each transition's p50 and
p95, first visits, raw counts, the machine) goes under ``details`` so the top level stays a
stable contract. Targets are checked here too, so a regression is visible at a glance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

import json
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Any

from explainer.bench.stats import median, ms, percentile

TARGETS = {  # figure -> (limit, unit, what it means)
    "startup_ratio": (1.5, "×", "start-up vs a bare Textual app"),
    "transition_p95_ms": (100.0, "ms", "key press to painted screen, p95"),
    "content_load_ms": (150.0, "ms", "load and validate the whole course"),
    "clip_render_cold_ms": (None, "ms", "render a clip, empty cache"),
    "clip_render_cached_ms": (None, "ms", "the same clip from the cache"),
    "peak_rss_mb": (150.0, "MB", "peak memory, every mode but the lab"),
    "class_report_ms": (2000.0, "ms", "class report of 30 exports, the whole command"),
    "seat_first_clip_ms": (1000.0, "ms", "reviewer seat: Start → first clip, warm cache"),
    "seat_next_clip_p95_ms": (300.0, "ms", "reviewer seat: Next → next clip, p95"),
}


@dataclass(frozen=True)
class Effort:
    """How many repetitions: the default for a real measurement, ``quick`` for tests."""

    startup_runs: int = 11  # a median of 11 alternating pairs: steadier than 7 on a shared machine
    transition_rounds: int = 6
    content_runs: int = 15
    clip_cold_runs: int = 2
    class_report_runs: int = 3
    seat_shifts: int = 4  # each: one Start → first clip and five Next → next clip


QUICK = Effort(startup_runs=1, transition_rounds=1, content_runs=2, clip_cold_runs=1, class_report_runs=1,
               seat_shifts=1)


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8", errors="replace"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        textual_version = version("textual")
    except Exception:  # noqa: BLE001 - only a label
        textual_version = "?"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "textual": textual_version,
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }


def run_transitions(rounds: int) -> dict[str, Any]:
    """The transitions (and memory) child: see ``transitions``."""
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as data_dir:
        from explainer.bench.startup import child_env

        env = dict(child_env(), EXPLAINER_AUDIO="off")
        subprocess.run([sys.executable, "-c", "import explainer.tui.app"], env=env, timeout=120, check=False)
        done = subprocess.run(
            [sys.executable, "-m", "explainer.bench.transitions", data_dir, str(rounds)],
            capture_output=True, text=True, timeout=300, env=env, stdin=subprocess.DEVNULL,
        )
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"transitions child failed: {done.stderr.strip()[-600:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_seat(shifts: int) -> dict[str, Any]:
    """The reviewer seat's child (see ``seat``), after a warm-up shift in the same data folder."""
    with tempfile.TemporaryDirectory(prefix="explainer-bench-seat-") as data_dir:
        from explainer.bench.startup import child_env

        env = dict(child_env(), EXPLAINER_AUDIO="off")
        result: dict[str, Any] = {}
        for runs in (1, shifts):  # the first child warms the caches, as a learner's first start does
            done = subprocess.run(
                [sys.executable, "-m", "explainer.bench.seat", data_dir, str(runs)],
                capture_output=True, text=True, timeout=300, env=env, stdin=subprocess.DEVNULL,
            )
            if done.returncode != 0 or not done.stdout.strip():
                raise RuntimeError(f"reviewer seat child failed: {done.stderr.strip()[-600:]}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None or value != value else round(value, digits)


def run_all(effort: Effort = Effort()) -> dict[str, Any]:
    from explainer.bench.class_report import measure_class_report
    from explainer.bench.clips import cached_ms, cold_ms, measure_clips
    from explainer.bench.content import load_ms, measure_content
    from explainer.bench.startup import measure_startup
    from explainer.course.load import load_course
    from explainer.paths import packaged_content_dir

    details: dict[str, Any] = {"machine": machine()}
    startup = measure_startup(effort.startup_runs)
    details["startup"] = {
        "bare_median_ms": ms(median(startup.bare_s)),
        "app_median_ms": ms(median(startup.app_s)),
        "bare_ms": [ms(s) for s in startup.bare_s],
        "app_ms": [ms(s) for s in startup.app_s],
        "cpu_ratio": _round(startup.cpu_ratio, 2),
        "bare_cpu_median_ms": ms(median(startup.bare_cpu_s)),
        "app_cpu_median_ms": ms(median(startup.app_cpu_s)),
    }
    moves = run_transitions(effort.transition_rounds)
    every = [s for samples in moves["samples"].values() for s in samples]
    details["transitions"] = {
        name: {"p50_ms": ms(median(s)), "p95_ms": ms(percentile(s, 95)), "first_ms": ms(s[0]), "n": len(s)}
        for name, s in moves["samples"].items() if s
    }
    details["transitions_not_measured"] = moves["errors"]
    details["transition_p50_ms"] = ms(median(every))
    cpu = moves.get("cpu_samples") or []
    details["transition_cpu_p50_ms"] = ms(median(cpu)) if cpu else None
    details["transition_cpu_p95_ms"] = ms(percentile(cpu, 95)) if cpu else None
    details["peak_rss_mb_with_lab"] = moves["peak_rss_mb"]
    content = measure_content(runs=effort.content_runs)
    details["content"] = {**content.counts, "check_content_median_ms": ms(median(content.check_s))}
    clips = measure_clips(load_course(packaged_content_dir()), cold_runs=effort.clip_cold_runs)
    details["clip"] = {"id": clips.clip_id, "audio_seconds": round(clips.audio_s, 2), "error": clips.error}
    details["class_report"] = measure_class_report(effort.class_report_runs)
    report_s = details["class_report"]["seconds"]
    seat = run_seat(effort.seat_shifts)
    first, following = seat.get("first_clip_s") or [], seat.get("next_clip_s") or []
    details["seat"] = {
        "first_clip_ms": [ms(s) for s in first], "next_clip_ms": [ms(s) for s in following],
        "next_clip_p50_ms": ms(median(following)) if following else None, "error": seat.get("error", ""),
    }
    return {
        "startup_ratio": _round(startup.ratio, 2),
        "transition_p95_ms": ms(percentile(every, 95)) if every else None,
        "content_load_ms": _round(load_ms(content)),
        "clip_render_cold_ms": cold_ms(clips),
        "clip_render_cached_ms": cached_ms(clips),
        "peak_rss_mb": moves["peak_rss_mb_outside_lab"],
        "class_report_ms": ms(report_s) if isinstance(report_s, float) else None,
        "seat_first_clip_ms": ms(median(first)) if first else None,
        "seat_next_clip_p95_ms": ms(percentile(following, 95)) if following else None,
        "details": details,
    }


def verdict(name: str, value: float | None) -> str:
    limit = TARGETS[name][0]
    if value is None:
        return "not measured"
    if limit is None:
        return ""
    return "ok" if value <= limit else "over target"


def print_table(result: dict[str, Any], console: Console) -> None:
    from rich.table import Table

    details = result["details"]
    table = Table(title="explainer bench", title_justify="left")
    for column, justify in (("Measure", "left"), ("Value", "right"), ("Target", "right"), ("", "left")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for name, (limit, unit, label) in TARGETS.items():
        value = result[name]
        shown = "—" if value is None else f"{value:g} {unit}"
        target = "" if limit is None else f"≤ {limit:g} {unit}"
        status = verdict(name, value)
        style = "green" if status == "ok" else "red" if status == "over target" else ""
        table.add_row(label, shown, target, f"[{style}]{status}[/]" if style else status)
    console.print(table)
    moves = Table(title="Key press to painted screen (ms)", title_justify="left")
    for column in ("Transition", "p50", "p95", "first visit", "n"):
        moves.add_column(column, justify="left" if column == "Transition" else "right")
    for name, row in details["transitions"].items():
        moves.add_row(name, f"{row['p50_ms']:g}", f"{row['p95_ms']:g}", f"{row['first_ms']:g}", str(row["n"]))
    console.print(moves)
    start = details["startup"]
    console.print(
        f"Start-up medians: app {start['app_median_ms']:g} ms, bare Textual {start['bare_median_ms']:g} ms "
        f"(CPU: {start['app_cpu_median_ms']:g} / {start['bare_cpu_median_ms']:g} ms, ratio {start['cpu_ratio']:g}). "
        f"Key to paint in CPU time: p50 {details['transition_cpu_p50_ms']} ms, "
        f"p95 {details['transition_cpu_p95_ms']} ms. "
        f"Peak memory with the lab: {details['peak_rss_mb_with_lab']:g} MB.",
        markup=False, highlight=False,
    )
    for mode, why in details["transitions_not_measured"].items():
        console.print(f"Not measured: {mode} ({why}).", markup=False, highlight=False)
    if details.get("seat", {}).get("error"):
        console.print(f"Reviewer seat: {details['seat']['error']}", markup=False, highlight=False)
    if details["clip"]["error"]:
        console.print(f"Clip rendering: {details['clip']['error']}", markup=False, highlight=False)
    m = details["machine"]
    console.print(f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, Textual {m['textual']}, "
                  f"load average {m['load_average']}.", markup=False, highlight=False)
