"""The command line: global options, then one subcommand module per verb.

Each module listed in ``SUBCOMMANDS`` has ``register(subparsers)``, which adds its parser
and sets ``handler`` (a function taking the parsed args and returning an exit code).
With no subcommand the full-screen app starts. Modules are imported only when the
command line needs them, so ``explainer check`` never pays for importing Textual.
Exit codes: 0 success, 1 the command found problems, 2 bad invocation.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from explainer import __version__

# Order here is the order in ``explainer --help``.
SUBCOMMANDS: list[str] = [
    "explainer.cli.data_cmd",
    "explainer.cli.read_cmd",
    "explainer.cli.serve_cmd",
    "explainer.cli.check_cmd",
    "explainer.cli.clips_cmd",
    "explainer.cli.results_cmd",
]


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one clear line (never a traceback) on a bad invocation."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="explainer",
        description="Who's Listening? Follow one voice command from the wake word to a human annotator.",
    )
    parser.add_argument("--version", action="version", version=f"explainer {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="keep learner data in DIR")
    parser.add_argument("--content", metavar="DIR", help="use the course in DIR instead of the packaged one")
    parser.add_argument("--seed", type=int, default=None, help="shuffle quiz options reproducibly")
    parser.add_argument("--lang", default=None, help="language of the interface and content (en, es)")
    parser.add_argument("--kiosk", action="store_true", help="workshop mode: short tour, nothing written to disk")
    parser.add_argument("--idle-minutes", type=float, default=3.0, help="kiosk: reset after this many idle minutes")
    parser.add_argument("--student", metavar="NAME", help="label this learner's results export")
    parser.add_argument("--tour", choices=["full", "short"], default=None, help="which path to offer first")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in SUBCOMMANDS:
        importlib.import_module(module_name).register(subparsers)
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from explainer.tui.run import run_app

            return run_app(args)
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
