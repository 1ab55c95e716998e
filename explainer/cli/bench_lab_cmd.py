"""``explainer bench lab``: the voice lab's measurements (see ``explainer.voice.bench``).

Registered as an action of ``explainer bench`` (its ``BENCH_EXTENSIONS``).  Runs the held-out
natural set (``tests/data/lab_natural_commands.toml``, or ``--set FILE`` in the same format)
from typed text and spoken by espeak voices in a quiet room, at the default kitchen preset and
at the default TV preset; reports understanding, wrong actions, false wakes, WER and time,
the shipped clips apart.  Exit 0 when every target holds, 1 when one is missed, 2 when the set
cannot be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path


def register(actions: argparse._SubParsersAction) -> None:
    lab = actions.add_parser("lab", help="measure the voice lab on held-out natural commands (a few minutes)")
    lab.add_argument("--json", action="store_true", help="print the figures as JSON")
    lab.add_argument("--set", metavar="FILE", help="a set of commands in the held-out set's format")
    lab.add_argument("--items", action="store_true", help="include every item in the JSON")
    lab.add_argument("--conditions", default="typed,clean,kitchen,tv",
                     help="which conditions to run (comma-separated: typed, clean, kitchen, tv; also music, "
                          "which has no target: a noise no model was adapted to)")
    lab.add_argument("--every", type=int, default=1, metavar="N",
                     help="only every Nth command and sentence of the set (a quick look while iterating; "
                          "the targets are for the whole set)")
    lab.add_argument("--no-clips", action="store_true", help="skip the shipped clips")
    lab.add_argument("--no-cold", action="store_true", help="skip the cold-start measurement")
    lab.set_defaults(handler=run_bench_lab)


def run_bench_lab(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from explainer.paths import data_paths
    from explainer.voice.bench import CONDITIONS, run_lab_bench
    from explainer.voice.bench_sets import BenchSetError, default_set_path, load_set
    from explainer.voice.lab_service import LocalLab

    console = Console(stderr=bool(args.json), highlight=False)
    path = Path(args.set) if args.set else default_set_path()
    if path is None:
        sys.stderr.write("explainer bench lab: no set found; give one with --set FILE (the held-out set lives in "
                         "the repository's tests/data/)\n")
        return 2
    try:
        bench = load_set(path)
    except BenchSetError as exc:
        sys.stderr.write(f"explainer bench lab: {exc}\n")
        return 2
    if args.every < 1:
        sys.stderr.write("explainer bench lab: --every takes a whole number of at least 1\n")
        return 2
    if args.every > 1:
        bench = replace(bench, commands=bench.commands[::args.every], not_for_device=bench.not_for_device[::args.every])
    conditions = tuple(c.strip() for c in args.conditions.split(",") if c.strip())
    unknown = [c for c in conditions if c != "typed" and c not in CONDITIONS]
    if unknown:
        sys.stderr.write(f"explainer bench lab: unknown condition(s) {', '.join(unknown)}\n")
        return 2
    speech_ok, why = LocalLab().speech()
    if not speech_ok and conditions != ("typed",):
        console.print(f"No speech engine ({why}): measuring typed text only.", markup=False)
        conditions = ("typed",)
    lab = LocalLab(paths=data_paths(getattr(args, "data_dir", None)), keep_history=False)
    with console.status("Running the lab on every command, in every condition (several minutes)…") as status:
        result = run_lab_bench(bench, lab, conditions=conditions, clips=not args.no_clips, cold=not args.no_cold,
                               progress=lambda what: status.update(f"Running the lab… {what}"))
    lab.close()
    result["every"] = args.every
    items = result.pop("items")
    if args.items:
        result["items"] = items
    missed = [name for name, target in result["targets"].items() if target["met"] is False]
    result["targets_met"] = not missed
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")
    else:
        table = Table("target", "value", "wanted", "met")
        for name, target in result["targets"].items():
            table.add_row(name, str(target["value"]), target["target"], {True: "yes", False: "NO", None: "-"}[target["met"]])
        console.print(table)
        console.print(f"set: {result['set']} ({result['commands']} commands, {result['not_for_device']} not for the device)")
    return 1 if missed else 0
