"""``explainer bench``: measure start-up, screen changes, course loading, clip rendering and
memory in one run (see ``explainer.bench``), as a table or ``--json``. Exits 1 when a figure misses
its target on this machine, so CI can notice a regression.

``explainer bench lab`` belongs to the voice lab: if a module ``explainer.cli.bench_lab_cmd``
exists, its ``register(actions)`` adds the ``lab`` action to this command's sub-parsers.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys

BENCH_EXTENSIONS = ["explainer.cli.bench_lab_cmd", "explainer.cli.bench_serve_cmd"]


def register(subparsers: argparse._SubParsersAction) -> None:
    bench = subparsers.add_parser(
        "bench", help="measure start-up, screen changes, course loading, clip rendering and memory"
    )
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.add_argument("--quick", action="store_true", help="one repetition of each measure (a smoke test)")
    bench.set_defaults(handler=run_bench)
    actions = bench.add_subparsers(dest="bench_command", metavar="ACTION")
    for name in BENCH_EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(actions)


def run_bench(args: argparse.Namespace) -> int:
    from rich.console import Console

    from explainer.bench.report import QUICK, Effort, print_table, run_all, verdict

    console = Console(stderr=bool(args.json))
    try:
        with console.status("Measuring (about a minute)…"):
            result = run_all(QUICK if args.quick else Effort())
    except (RuntimeError, OSError) as error:
        console.print(f"explainer bench: {error}", markup=False, highlight=False)
        return 1
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        print_table(result, console)
    over = [name for name, value in result.items() if name != "details" and verdict(name, value) == "over target"]
    return 1 if over else 0
