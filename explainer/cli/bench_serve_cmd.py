"""``explainer bench serve``: a simulated class against a real ``explainer serve`` (see
``explainer.bench.serve``). Registered as an action of ``explainer bench`` (its ``BENCH_EXTENSIONS``).
Prints join and key times, the server's memory and CPU, and the clean-up checks; exits 1 when a
figure misses its target, so a regression shows.
"""

from __future__ import annotations

import argparse
import json
import sys


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected COLUMNSxROWS such as 110x34, not {text!r}") from None
    if not (40 <= width <= 400 and 12 <= height <= 200):
        raise argparse.ArgumentTypeError("the size must be between 40x12 and 400x200")
    return width, height


def _visitors(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 200:
        raise argparse.ArgumentTypeError("--visitors must be between 1 and 200")
    return value


def register(actions: argparse._SubParsersAction) -> None:
    serve = actions.add_parser(
        "serve", help="a simulated class against `explainer serve`: join and key times, memory, CPU, clean-up",
        description="Start `explainer serve` on a free loopback port, let N simulated visitors join over a "
        "ramp and press a key every few seconds over the real websocket protocol, then check that every "
        "visitor process and scratch folder is gone. Takes about ramp + hold + 10 seconds.")
    serve.add_argument("--visitors", type=_visitors, default=30, metavar="N", help="how many visitors (default 30)")
    serve.add_argument("--ramp", type=float, default=None, metavar="S",
                       help="seconds over which they arrive (default: one per second)")
    serve.add_argument("--hold", type=float, default=30.0, metavar="S",
                       help="seconds everyone stays, pressing keys, once all are in (default 30)")
    serve.add_argument("--key-every", type=float, default=2.0, metavar="S",
                       help="seconds between one visitor's keys (default 2)")
    serve.add_argument("--size", type=_size, default=(142, 34), metavar="WxH",
                       help="each browser's terminal in cells (default 142x34: a 1280x720 browser window)")
    serve.add_argument("--process-per-visitor", action="store_true",
                       help="measure the server starting a new process per visitor (the old way)")
    serve.add_argument("--json", action="store_true", help="print the figures as JSON")
    serve.set_defaults(handler=run_bench_serve)


def run_bench_serve(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from explainer.bench.serve import TARGETS, Plan, misses, run_serve_bench

    for name in ("ramp", "hold", "key_every"):
        value = getattr(args, name)
        if value is not None and not 0 <= value <= 600:
            sys.stderr.write(f"explainer bench serve: error: --{name.replace('_', '-')} must be 0 to 600 seconds\n")
            return 2
    plan = Plan(visitors=args.visitors, ramp_s=args.ramp, hold_s=args.hold, key_every_s=max(0.2, args.key_every),
                size=args.size, process_per_visitor=args.process_per_visitor)
    console = Console(stderr=bool(args.json), highlight=False)
    try:
        with console.status(f"{plan.visitors} visitors joining over {plan.ramp:.0f} s, "
                            f"then {plan.hold_s:.0f} s of keys…"):
            result = run_serve_bench(plan)
    except (RuntimeError, OSError) as error:
        console.print(f"explainer bench serve: {error}", markup=False)
        return 1
    missed = misses(result)
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        details = result["details"]
        table = Table("figure", "measured", "target", title=f"explainer serve, {result['visitors']} visitors "
                      f"({details['mode']}, {details['plan']['size']} cells)")
        rows = [("join → map painted p50 / p95", f"{result['join_p50_ms']:.0f} / {result['join_p95_ms']:.0f} ms",
                 "join_p95_ms"),
                ("key → screen updated p50 / p95", f"{result['key_p50_ms']:.0f} / {result['key_p95_ms']:.0f} ms",
                 "key_p95_ms"),
                ("server memory, everyone in (PSS)", f"{result['server_mb']} MB", None),
                ("memory per extra visitor (PSS)", f"{result['per_visitor_mb']} MB", "per_visitor_mb"),
                ("server CPU mean / peak (% of a core)", f"{result['cpu_mean_pct']} / {result['cpu_peak_pct']} %", None),
                ("errors", str(result["errors"]), "errors"),
                ("processes or folders left behind", str(result["leftovers"]), "leftovers")]
        for label, value, target in rows:
            mark = "" if target is None else (" ✗" if target in missed else " ✓")
            table.add_row(label, value + mark, "" if target is None else f"≤ {TARGETS[target][0]:g}")
        console.print(table)
        console.print(f"keys measured with everyone in: {details['keys_steady']} (all: {details['keys_all']}); "
                      f"load average before/after: {details['load_average_before_after']}", markup=False)
        for line in details["error_list"] + details["leftover_list"]:
            console.print(f"  {line}", markup=False)
    return 1 if missed else 0
