"""``explainer lab``: run the offline voice lab from the command line.

``lab trace "TEXT"`` (or ``--clip ID``) runs one command through every stage and prints the
trace — the same record the TUI's trace view shows; ``--json`` for scripts and tests.
``lab history`` lists, deletes one, or clears the voice history kept in the learner's data
folder; ``lab clips`` lists the clips a trace can use.  Exit 0 ok, 1 the input could not be
used, 2 bad invocation.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r} (try 1e-40)") from None
    if not 0.0 < number < 1.0:
        raise argparse.ArgumentTypeError(f"the threshold must be between 0 and 1, e.g. 1e-40 (got {value})")
    return number


def register(subparsers: argparse._SubParsersAction) -> None:
    lab = subparsers.add_parser("lab", help="the offline voice lab: trace a command, manage the voice history")
    actions = lab.add_subparsers(dest="lab_command", metavar="ACTION")
    trace = actions.add_parser("trace", help="run one spoken command through every stage")
    trace.add_argument("text", nargs="?", help="the sentence to speak (or use --clip)")
    trace.add_argument("--clip", metavar="ID", help="use a shipped clip instead of typed text")
    trace.add_argument("--noise", choices=["none", "tv", "kitchen", "music"], default="none")
    trace.add_argument("--noise-level", type=float, default=0.5, help="0..1, loudness of the noise vs the speech")
    trace.add_argument("--distance", type=float, default=1.0, metavar="M", help="metres from the device (0.3..10)")
    trace.add_argument("--threshold", type=_threshold, default=None, help="wake-word threshold, e.g. 1e-40")
    trace.add_argument("--wake-word", choices=["alexa", "computer", "echo", "amazon"], default="alexa")
    trace.add_argument("--no-history", action="store_true", help="do not keep this upload in the voice history")
    trace.add_argument("--json", action="store_true", help="print the trace as JSON")
    trace.set_defaults(handler=run_trace)
    history = actions.add_parser("history", help="list or delete the lab's voice history")
    history.add_argument("action", nargs="?", choices=["list", "delete", "clear"], default="list")
    history.add_argument("id", nargs="?", type=int, help="the recording to delete")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=run_history)
    clips = actions.add_parser("clips", help="list the clips `lab trace --clip` can use")
    clips.set_defaults(handler=run_clips)
    lab.set_defaults(handler=lambda args: (lab.print_help(), 0)[1])


def _console():
    from rich.console import Console

    return Console(highlight=False)


def run_trace(args: argparse.Namespace) -> int:
    from explainer.paths import data_paths
    from explainer.voice.history import VoiceHistory
    from explainer.voice.labinput import LabInputError
    from explainer.voice.pipeline import LabSettings, Pipeline

    if not args.text and not args.clip:
        sys.stderr.write("explainer lab trace: give a sentence in quotes or --clip ID\n")
        return 2
    if args.text and args.clip:
        sys.stderr.write("explainer lab trace: give a sentence or --clip, not both\n")
        return 2
    paths = data_paths(getattr(args, "data_dir", None))
    content = None
    if getattr(args, "content", None):
        from explainer.cli.common import content_dir

        content = content_dir(args)
    history = None if args.no_history else VoiceHistory(paths.history_db)
    pipeline = Pipeline(paths.cache_dir / "lab", history=history, content_dir=content)
    settings = LabSettings(wake_word=args.wake_word, threshold=args.threshold, noise=args.noise,
                           noise_level=args.noise_level, distance=args.distance)
    try:
        trace = pipeline.run(text=args.text, clip_id=args.clip, settings=settings)
    except LabInputError as exc:
        sys.stderr.write(f"explainer lab trace: {exc}\n")
        return 1
    except ValueError as exc:
        sys.stderr.write(f"explainer lab trace: {exc}\n")
        return 2
    finally:
        if history is not None:
            history.close()
    if args.json:
        sys.stdout.write(trace.to_json() + "\n")
        return 0
    _print_trace(trace)
    return 0


def _print_trace(trace) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _console()
    title = Text(f"{trace.source}: ")
    title.append(trace.text or "", style="bold")
    console.print(title)
    table = Table("stage", "ms", "output", expand=True)
    for stage in trace.stages:
        table.add_row(Text(stage.name), f"{stage.ms:.0f}", Text(stage.output, style="dim" if stage.skipped else ""))
    console.print(table)
    if not trace.woke:
        console.print("The wake word did not fire: nothing was uploaded.")
    else:
        console.print(Text(f"Heard: {trace.transcript!r}  Intent: {trace.intent} {trace.slots}"))
        console.print(Text(f"Reply: {trace.reply}"))
        if trace.selected_for_review:
            console.print("This upload was selected for human review.")
    for notice in trace.notices:
        console.print(Text(notice, style="yellow"))
    console.print(f"total {trace.total_ms:.0f} ms")


def run_history(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from explainer.paths import data_paths
    from explainer.voice.history import VoiceHistory

    history = VoiceHistory(data_paths(getattr(args, "data_dir", None)).history_db)
    console = _console()
    try:
        if history.notice:
            console.print(Text(history.notice, style="yellow"))
        if args.action == "delete":
            if args.id is None:
                sys.stderr.write("explainer lab history delete: which recording? (give its id)\n")
                return 2
            if not history.delete(args.id):
                sys.stderr.write(f"explainer lab history: there is no recording #{args.id}\n")
                return 1
            console.print(f"Deleted recording #{args.id}.")
            return 0
        if args.action == "clear":
            console.print(f"Deleted {history.delete_all()} recording(s).")
            return 0
        entries = history.list()
        if args.json:
            rows = [{"id": e.id, "time": e.created_at, "transcript": e.transcript, "intent": e.intent,
                     "slots": e.slots, "seconds": e.seconds, "selected_for_review": e.selected_for_review,
                     "wake_word": e.wake_word, "source": e.source, "device": e.device, "example": e.example}
                    for e in entries]
            sys.stdout.write(json.dumps(rows, indent=2) + "\n")
            return 0
        if not entries:
            console.print("The voice history is empty.")
            return 0
        table = Table("id", "when", "heard", "intent", "review")
        for e in entries:
            heard = Text.assemble(("(example) " if e.example else "", "italic"), e.transcript)  # made up
            table.add_row(str(e.id), time.strftime("%Y-%m-%d %H:%M", time.localtime(e.created_at)),
                          heard, Text(e.intent or "-"), "selected" if e.selected_for_review else "")
        console.print(table)
        return 0
    finally:
        history.close()


def run_clips(args: argparse.Namespace) -> int:
    from rich.text import Text

    from explainer.voice.labinput import list_clips

    console = _console()
    for clip in list_clips():
        console.print(Text(f"{clip['id']:24} {clip.get('kind', ''):11} {clip.get('transcript', '')}"))
    return 0
