"""``explainer bench lab``: the voice lab's measurements (see ``explainer.voice.bench``).

Registered as an action of ``explainer bench`` (its ``BENCH_EXTENSIONS``).  Prints wake rate
on commands, false wakes on sound-alikes, command WER, intent accuracy and stage times, for
the shipped clips and for typed commands in several espeak voices.  Exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import sys

TARGETS = {"wake_rate": (">=", 0.90), "command_wer": ("<=", 0.25), "intent_accuracy": (">=", 0.90)}
TRACE_TARGET_MS = 1500


def register(actions: argparse._SubParsersAction) -> None:
    lab = actions.add_parser("lab", help="measure the voice lab: wake rate, false wakes, WER, intents, time")
    lab.add_argument("--json", action="store_true", help="print the figures as JSON")
    lab.add_argument("--clips-only", action="store_true", help="skip the typed commands (no speech engine needed)")
    lab.add_argument("--items", action="store_true", help="include every item in the JSON")
    lab.add_argument("--wake-word", default="alexa", choices=["alexa", "computer", "echo", "amazon"])
    lab.add_argument("--threshold", type=float, default=None)
    lab.set_defaults(handler=run_bench_lab)


def _met(name: str, value) -> bool | None:
    if value is None or name not in TARGETS:
        return None
    op, target = TARGETS[name]
    return value >= target if op == ">=" else value <= target


def run_bench_lab(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from explainer.voice.bench import run_lab_bench
    from explainer.voice.speech import speech_available

    console = Console(stderr=bool(args.json), highlight=False)
    typed = not args.clips_only
    if typed and not speech_available()[0]:
        console.print(f"No speech engine ({speech_available()[1]}): measuring the clips only.", markup=False)
        typed = False
    with console.status("Running the lab on every clip and typed command (a few minutes)…"):
        result = run_lab_bench(typed=typed, wake_word=args.wake_word, threshold=args.threshold)
    missed = []
    for part in ("clips", "typed"):
        for name in TARGETS:
            if part in result and _met(name, result[part].get(name)) is False:
                missed.append(f"{part}.{name}")
        if part in result and not args.items:
            result[part].pop("items", None)
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")
    else:
        table = Table("measure", "clips", "typed (espeak voices)", "target")
        for name, label in (("wake_rate", "wake on commands"), ("false_wake_rate", "false wakes on sound-alikes"),
                            ("command_wer", "command WER"), ("intent_accuracy", "intent accuracy")):
            target = TARGETS.get(name)
            table.add_row(label, str(result.get("clips", {}).get(name, "-")), str(result.get("typed", {}).get(name, "-")),
                          f"{target[0]} {target[1]}" if target else "some should fire")
        console.print(table)
        console.print(f"median full trace (woken runs): {result['timing']['median_total_ms_woken']} ms "
                      f"for {result['timing']['median_audio_s']} s of audio; decoder load {result['decoder_load_s']} s")
    return 1 if missed else 0
