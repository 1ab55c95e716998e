"""``explainer serve``: the app in a browser, for classrooms and museum stands."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the app to web browsers (one session per visitor)",
        description="Serve the app to web browsers with textual-serve. Sessions show captions instead "
        "of playing sound, and keep progress in memory only.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--max-visitors", type=int, metavar="N", default=None,
                        help="at most N sessions at once; the next visitor is asked to try again in a minute "
                             "(default: what half of this machine's free memory holds, 5 to 60)")
    parser.add_argument("--idle-minutes", dest="serve_idle_minutes", type=float, metavar="M", default=None,
                        help="close a session after M minutes without a key press, with a warning two minutes "
                             "before (default 20; 0 never closes)")
    parser.add_argument("--process-per-visitor", action="store_true",
                        help="start a whole new process for each visitor instead of forking a ready one "
                             "(slower joins, more memory; what happens anyway where the system cannot fork)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from explainer.classroom.serve import exposure_warning, serve

    console = Console(stderr=True)
    if not 0 < args.port < 65536:
        console.print(f"explainer serve: error: port must be between 1 and 65535, not {args.port}", markup=False)
        return 2
    if args.max_visitors is not None and args.max_visitors < 1:
        console.print(f"explainer serve: error: --max-visitors must be at least 1, not {args.max_visitors}",
                      markup=False)
        return 2
    idle = args.serve_idle_minutes
    if idle is not None and not (idle >= 0 and idle != float("inf")):
        console.print(f"explainer serve: error: --idle-minutes must be 0 or more, not {idle}", markup=False)
        return 2
    warning = exposure_warning(args.host)
    if warning:
        console.print(warning, style="bold yellow", markup=False)
    passthrough: list[str] = []
    if args.content:
        passthrough += ["--content", args.content]
    if args.lang:
        passthrough += ["--lang", args.lang]
    if args.seed is not None:
        passthrough += ["--seed", str(args.seed)]
    console.print(f"Starting Who's Listening? on http://{args.host}:{args.port} (Ctrl+C stops it)…", markup=False)
    try:
        fork_command = None if args.process_per_visitor else [sys.executable, "-m", "explainer.tui.served"]
        serve(args.host, args.port, passthrough, max_visitors=args.max_visitors, idle_minutes=idle,
              fork_command=fork_command)
    except OSError as error:
        console.print(f"explainer serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}", markup=False)
        return 1
    return 0
