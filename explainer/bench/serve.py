"""``explainer bench serve``: a classroom, simulated, against a real ``explainer serve``.

The bench starts the server on a free loopback port, in a private temp folder and data folder,
then lets N visitors (``serve_visitor``) join one after another over a ramp (N seconds by
default: a class arriving), keeps them all pressing keys for a while once everyone is in, and
sends them home. It measures what the issue asks: join (page request to the map painted) and
key (key sent to the answer on screen) as p50/p95; the server's memory as PSS (see
``serve_probe``) with nobody in and with everyone in, so the cost of each extra visitor is the
difference over N; CPU of the whole server tree. Then it checks that the room is empty, stops
the server, and checks that every visitor process and every scratch folder is gone and nothing
was written to the data folder. Everything is bounded: the visitors, the time (a hard deadline),
and the server is stopped whatever happens.  The server in its child process is
``serve_server.ServerUnderTest``; the visitors are ``serve_visitor``; memory and CPU ``serve_probe``.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from explainer.bench import serve_probe
from explainer.bench.serve_server import ServerUnderTest
from explainer.bench.serve_visitor import VisitorResult, Walk, visit
from explainer.bench.stats import median, percentile

TARGETS = {  # figure -> (limit, what it means); "at most" for every one
    "join_p95_ms": (2000.0, "join → map painted, p95"),
    "key_p95_ms": (150.0, "key → screen updated, p95, everyone connected"),
    "per_visitor_mb": (40.0, "server memory per extra visitor (PSS)"),
    "errors": (0, "visitors that failed, keys not answered"),
    "leftovers": (0, "visitor processes and scratch folders left after the run"),
}


@dataclass(frozen=True)
class Plan:
    visitors: int = 30
    ramp_s: float | None = None  # None: one second per visitor
    hold_s: float = 30.0  # everyone in, pressing keys
    key_every_s: float = 2.0
    size: tuple[int, int] = (142, 34)  # a 1280x720 browser window (headless Chromium, textual.js at 16 px)
    seed: int = 1
    process_per_visitor: bool = False

    @property
    def ramp(self) -> float:
        return float(self.visitors) if self.ramp_s is None else self.ramp_s


async def _sample(probe: serve_probe.TreeProbe, stop: asyncio.Event) -> None:
    while not stop.is_set():
        probe.sample_cpu()
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except TimeoutError:
            pass


async def _run_visitors(plan: Plan, server: ServerUnderTest, probe: serve_probe.TreeProbe,
                        fork_server: int | None, marks: dict[str, Any]) -> list[VisitorResult]:
    from explainer.course.load import load_course
    from explainer.paths import packaged_content_dir

    course = load_course(packaged_content_dir())
    first, last = course.stations[0], course.stations[-1]
    map_words = (first.title, last.title)
    titles = [page.title for page in first.pages]
    rng = random.Random(plan.seed)
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample(probe, stop))
    start = time.monotonic()
    spacing = plan.ramp / max(1, plan.visitors - 1) if plan.visitors > 1 else 0.0
    marks["start"] = start
    marks["all_joined"] = start + plan.ramp
    leave_at = start + plan.ramp + plan.hold_s

    async def one(i: int) -> VisitorResult:
        await asyncio.sleep(i * spacing)
        return await visit(i + 1, server.url, plan.size, Walk(map_words, titles), plan.key_every_s, leave_at,
                           random.Random(rng.random()))

    async def measure_full_room() -> None:
        await asyncio.sleep(max(0.0, plan.ramp + plan.hold_s * 0.6))
        marks["full"] = probe.sample_memory(fork_server)

    tasks = [asyncio.create_task(one(i)) for i in range(plan.visitors)]
    memory_task = asyncio.create_task(measure_full_room())
    results = await asyncio.gather(*tasks)
    await memory_task
    marks["end"] = time.monotonic()
    stop.set()
    await sampler
    return list(results)


def run_serve_bench(plan: Plan) -> dict[str, Any]:
    """Run the simulated class; the figures, the checks and what went wrong, as plain data."""
    if not serve_probe.available():
        raise RuntimeError("bench serve reads memory and CPU from /proc, which this system does not have")
    server = ServerUnderTest(plan)
    load_before = os.getloadavg()
    try:
        server.start()
        assert server.process is not None
        probe = serve_probe.TreeProbe(server.process.pid)
        # Visitors' processes are the fork server's children, or the web server's in the old mode.
        fork_server = server.process.pid if plan.process_per_visitor else \
            serve_probe.child_of(server.process.pid, server.process.pid)
        time.sleep(1.0)
        empty = probe.sample_memory(fork_server)
        marks: dict[str, Any] = {}
        deadline = plan.ramp + plan.hold_s + 120
        try:
            results = asyncio.run(asyncio.wait_for(_run_visitors(plan, server, probe, fork_server, marks), deadline))
        except TimeoutError:
            raise RuntimeError(f"the visitors were still busy after {deadline:.0f} s; stopped") from None
        drained = _wait(lambda: server.in_room() == 0, 20)
        visitor_pids = probe.pids_seen - {server.process.pid, fork_server}
        leftovers_running = [f"visitor process {pid} still running" for pid in probe.alive(visitor_pids)]
        leftovers_running += [f"scratch folder {path.name} still there" for path in server.visitor_folders()]
        exit_code = server.stop()
        leftovers_after = [f"process {pid} still running after the server stopped"
                           for pid in probe.alive(probe.pids_seen)]
        leftovers_after += [f"{path.relative_to(server.home)} left in the temp folder" for path in server.tmp.iterdir()]
        leftovers_after += [f"{path.relative_to(server.home)} written to the data folder"
                            for path in server.data.rglob("*")]
    finally:
        server.stop()
        lines = list(server.lines)
        server.remove()
    load_after = os.getloadavg()
    return _summarise(plan, results, empty, marks, probe, lines, drained, leftovers_running + leftovers_after,
                      exit_code, (load_before, load_after))


def _wait(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _summarise(plan: Plan, results: list[VisitorResult], empty: Any, marks: Any, probe: Any, lines: Any,
               drained: Any, leftovers: Any, exit_code: Any, loads: Any) -> dict[str, Any]:
    joins = [r.join_s for r in results if r.join_s is not None]
    all_keys = [key for r in results for key in r.keys]
    steady = [seconds for sent, seconds, _label in all_keys if sent >= marks["all_joined"]]
    full = marks.get("full")
    errors = [error for r in results for error in r.errors]
    errors += [line for line in lines if "Traceback" in line or "stopped unexpectedly" in line or "failed" in line]
    if not drained:
        errors.append("the room did not empty after everyone left")
    per_visitor_kb = (full.total_pss_kb - empty.total_pss_kb) / plan.visitors if full else float("nan")
    mean_cpu, peak_cpu = probe.cpu_percent(marks["start"], marks["end"])
    steady_cpu, steady_peak = probe.cpu_percent(marks["all_joined"], marks["end"])
    ms = lambda values, q: round(percentile(values, q) * 1000, 1)  # noqa: E731
    return {
        "visitors": plan.visitors,
        "join_p50_ms": ms(joins, 50),
        "join_p95_ms": ms(joins, 95),
        "key_p50_ms": ms(steady, 50),
        "key_p95_ms": ms(steady, 95),
        "server_mb": round(full.total_pss_kb / 1024, 1) if full else None,
        "per_visitor_mb": round(per_visitor_kb / 1024, 1),
        "cpu_mean_pct": round(mean_cpu),
        "cpu_peak_pct": round(peak_cpu),
        "errors": len(errors),
        "leftovers": len(leftovers),
        "details": {
            "mode": "process per visitor" if plan.process_per_visitor else "fork server",
            "plan": {"ramp_s": plan.ramp, "hold_s": plan.hold_s, "key_every_s": plan.key_every_s,
                     "size": f"{plan.size[0]}x{plan.size[1]}"},
            "joined": len(joins),
            "isolation_checks": sum(r.isolation_checks for r in results),
            "join_max_ms": round(max(joins) * 1000, 1) if joins else None,
            "keys_steady": len(steady),
            "keys_all": len(all_keys),
            "key_all_p50_ms": ms([k[1] for k in all_keys], 50),
            "key_all_p95_ms": ms([k[1] for k in all_keys], 95),
            "key_max_ms": round(max((k[1] for k in all_keys), default=0) * 1000, 1),
            "key_p50_ms_by_step": {label: ms([k[1] for k in all_keys if k[2] == label], 50)
                                   for label in dict.fromkeys(k[2] for k in all_keys)},
            "key_p95_ms_by_step": {label: ms([k[1] for k in all_keys if k[2] == label], 95)
                                   for label in dict.fromkeys(k[2] for k in all_keys)},
            "memory": {"measure": "PSS of every server process (shared pages split between sharers); "
                                  "per visitor = (PSS with everyone in - PSS empty) / visitors; "
                                  "visitor USS = private pages of one visitor's process",
                       "empty_mb": round(empty.total_pss_kb / 1024, 1),
                       "full_mb": round(full.total_pss_kb / 1024, 1) if full else None,
                       "visitor_uss_median_mb": round(median(full.visitor_uss_kb) / 1024, 1)
                       if full and full.visitor_uss_kb else None,
                       "processes_full": full.processes if full else None},
            "cpu": {"measure": "user+system time of every server process, % of one core",
                    "steady_mean_pct": round(steady_cpu), "steady_peak_pct": round(steady_peak),
                    # everything the server did while all were in, per key answered: unlike the wall
                    # times above, this hardly moves when other work shares the machine
                    "steady_ms_per_key": round(steady_cpu / 100 * (marks["end"] - marks["all_joined"])
                                               / max(1, len(steady)) * 1000, 1),
                    "total_s": round(sum(probe.cpu_by_pid.values()), 1), "cores": os.cpu_count()},
            "load_average_before_after": [round(loads[0][0], 2), round(loads[1][0], 2)],
            "server_exit_code": exit_code,
            "error_list": errors[:20],
            "leftover_list": leftovers[:20],
        },
    }


def misses(result: dict[str, Any]) -> list[str]:
    """The figures over their targets (an unmeasured figure counts as missed)."""
    missed = []
    for name, (limit, _what) in TARGETS.items():
        value = result.get(name)
        if value is None or value != value or value > limit:
            missed.append(name)
    return missed
