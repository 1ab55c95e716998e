"""``explainer lab``: run the offline voice lab from the command line.

``lab trace "TEXT"`` (or ``--clip ID``, or ``--wav FILE`` for any WAV recording) runs one command
through every stage and prints the trace — the same record the TUI's trace view shows, made by
the same ``LabService``; ``--json`` for scripts and tests.
``lab history`` lists, deletes one, or clears the voice history kept in the learner's data
folder; ``lab clips`` lists the clips a trace can use.  Exit 0 ok, 1 the input could not be
used, 2 bad invocation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from explainer.voice.trace import Trace

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
    from explainer.voice.rooms import ROOMS
    from explainer.voice.wake import WAKE_WORDS

    trace.add_argument("text", nargs="?", help="the sentence to speak (or use --clip / --wav)")
    trace.add_argument("--clip", metavar="ID", help="use a shipped clip instead of typed text")
    trace.add_argument("--wav", metavar="FILE", help="use a WAV recording (any rate, mono or stereo)")
    trace.add_argument("--noise", choices=list(ROOMS), default="none",
                       help="the room: " + "; ".join(f"{r.name} = {r.describe()}" for r in ROOMS.values()))
    trace.add_argument("--snr", type=float, default=None, metavar="DB", help="the noise's level against the voice, in dB")
    trace.add_argument("--distance", type=float, default=None, metavar="M", help="metres from the device (0.3..10)")
    trace.add_argument("--threshold", type=_threshold, default=None, help="wake-word threshold, e.g. 1e-40")
    trace.add_argument("--wake-word", choices=list(WAKE_WORDS), default="alexa")
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


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def run_trace(args: argparse.Namespace) -> int:
    from pathlib import Path

    from explainer.paths import data_paths
    from explainer.voice.history import HistoryError
    from explainer.voice.lab_service import LabRequest, LocalLab
    from explainer.voice.labcache import CacheFolderError
    from explainer.voice.labinput import LabInputError

    given = [name for name in ("text", "clip", "wav") if getattr(args, name)]
    if not given:
        sys.stderr.write("explainer lab trace: give a sentence in quotes, --clip ID or --wav FILE\n")
        return 2
    if len(given) > 1:
        sys.stderr.write("explainer lab trace: give one of a sentence, --clip or --wav, not several\n")
        return 2
    content = None
    if getattr(args, "content", None):
        from explainer.cli.common import content_dir

        content = content_dir(args)
    lab = LocalLab(content, data_paths(getattr(args, "data_dir", None)), keep_history=not args.no_history)
    request = LabRequest(text=args.text or "", clip_id=args.clip, wav=Path(args.wav) if args.wav else None,
                         noise=args.noise, snr_db=args.snr, distance=args.distance, wake_word=args.wake_word,
                         threshold=args.threshold)
    try:
        trace = lab.run(request)
    except (LabInputError, HistoryError, CacheFolderError) as exc:
        sys.stderr.write(f"explainer lab trace: {exc}\n")
        return 1
    except ValueError as exc:
        sys.stderr.write(f"explainer lab trace: {exc}\n")
        return 2
    finally:
        lab.close()
    if args.json:
        sys.stdout.write(trace.to_json() + "\n")
        return 0
    _print_trace(trace)
    return 0


def _print_trace(trace: Trace) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _console()
    title = Text(f"{trace.source}: ")
    title.append(trace.text or "", style="bold")
    title.append(f"  ({trace.room})", style="dim")
    console.print(title)
    table = Table("stage", "ms", "output", expand=True)
    for stage in trace.stages:
        table.add_row(Text(stage.name), f"{stage.ms:.0f}", Text(stage.output, style="dim" if stage.skipped else ""))
    console.print(table)
    if not trace.woke:
        console.print("The wake word did not fire: nothing was uploaded.")
    else:
        did = f"{trace.intent} {trace.slots}" + (" (a guess)" if trace.guessed else "") if trace.acted else (
            "nothing: not sure, asked again")
        console.print(Text(f"Heard: {trace.transcript!r} (confidence {trace.confidence:.2f})  Did: {did}"))
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
