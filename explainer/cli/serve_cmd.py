"""``explainer serve``: the app in a browser, for classrooms and museum stands."""

from __future__ import annotations

import argparse

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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from explainer.classroom.serve import exposure_warning, serve

    console = Console(stderr=True)
    if not 0 < args.port < 65536:
        console.print(f"explainer serve: error: port must be between 1 and 65535, not {args.port}", markup=False)
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
    console.print(f"Serving Who's Listening? on http://{args.host}:{args.port}  (Ctrl+C to stop)", markup=False)
    try:
        serve(args.host, args.port, passthrough)
    except OSError as error:
        console.print(f"explainer serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}", markup=False)
        return 1
    return 0
