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

# Order here is the order in ``explainer --help``.
SUBCOMMANDS: list[str] = [
    "explainer.cli.data_cmd",
    "explainer.cli.read_cmd",
    "explainer.cli.serve_cmd",
    "explainer.cli.class_cmd",
    "explainer.cli.check_cmd",
    "explainer.cli.clips_cmd",
    "explainer.cli.results_cmd",
    "explainer.cli.bench_cmd",
    "explainer.cli.lab_cmd",
]


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one clear line (never a traceback) on a bad invocation."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


class _VersionAction(argparse.Action):
    """``--version``: looks the version up only when asked (the lookup is slow; start-up is not)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from explainer import __version__

        sys.stdout.write(f"explainer {__version__}\n")
        parser.exit()


# (flags, keyword arguments) of the options every command accepts, before or after its name.
GLOBAL_OPTIONS: list[tuple[tuple[str, ...], dict]] = [
    (("--data-dir",), dict(metavar="DIR", help="keep learner data in DIR")),
    (("--content",), dict(metavar="DIR", help="use the course in DIR instead of the packaged one")),
    (("--seed",), dict(type=int, help="shuffle quiz options reproducibly")),
    (("--lang",), dict(help="language of the interface and content (en, es)")),
    (("--student",), dict(metavar="NAME", help="label this learner's results export")),
]
APP_OPTIONS: list[tuple[tuple[str, ...], dict]] = [
    (("--kiosk",), dict(action="store_true", help="workshop mode: short tour, nothing written to disk")),
    (("--idle-minutes",), dict(type=float, default=3.0, help="kiosk: reset after this many idle minutes")),
    (("--host-code",), dict(metavar="NNNN", help="kiosk: Ctrl+K then this code opens the host panel "
                                                  "(default 2468)")),
    (("--tour",), dict(choices=["full", "short"], default=None, help="which path to offer first")),
]


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    """Let a subcommand take the global options after its name too (``explainer read --seed 3``).

    Defaults are suppressed there, so a value given before the subcommand is not overwritten.
    Nested subcommands (``explainer lab trace``) get them as well.
    """
    taken = {flag for action in parser._actions for flag in action.option_strings}
    for flags, kwargs in GLOBAL_OPTIONS:
        if not taken.intersection(flags):
            parser.add_argument(*flags, **{**kwargs, "default": argparse.SUPPRESS})
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _add_global_options(child)


class _Unsure(Exception):
    """The top-level parser alone could not make sense of the command line."""


class _QuickParser(_Parser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Unsure(message)  # the whole parser will say what is wrong, with its full usage


def _app_parser(parser_class: type[_Parser] = _Parser, *, add_help: bool = True,
                allow_abbrev: bool = True) -> argparse.ArgumentParser:
    """The top level alone: the global and app options, no commands yet."""
    parser = parser_class(
        add_help=add_help,
        allow_abbrev=allow_abbrev,
        prog="explainer",
        description=(
            "Who's Listening? Follow one voice command from the wake word to a human annotator.\n\n"
            "Run `explainer` with no command to start the course (the full-screen app);\n"
            "from a source checkout: `uv run explainer`. The commands below do one job each."
        ),
        epilog=(
            "examples:\n"
            "  uv run explainer                   start the course\n"
            "  explainer --tour short             start with the short tour\n"
            "  explainer --kiosk                  workshop/museum mode, nothing saved\n"
            "  explainer read wake-word | less    a station as plain text\n"
            "  explainer COMMAND --help           the options of one command"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    for flags, kwargs in GLOBAL_OPTIONS + APP_OPTIONS:
        parser.add_argument(*flags, **{"default": None, **kwargs})
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the top level and every command's parser."""
    parser = _app_parser()
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, title="commands",
        description="optional; without one the course starts",
    )
    for module_name in SUBCOMMANDS:
        importlib.import_module(module_name).register(subparsers)
    for child in subparsers.choices.values():
        _add_global_options(child)
    return parser


def parse_command_line(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; raises SystemExit (code 2, one clear line) on a bad invocation.

    Starting the course is by far the most common command line (``explainer``, perhaps with a few
    options), so it is tried first with the top-level parser alone: building every command's
    parser costs ~8 ms of start-up (``explainer bench``). Anything that parser does not fully
    account for -- a command, an unknown option, ``--help`` or an abbreviation of it (the quick
    parser knows neither) -- goes to the whole parser, which gives exactly the answers and
    messages it always did.
    """
    try:
        args, rest = _app_parser(_QuickParser, add_help=False, allow_abbrev=False).parse_known_args(argv)
    except _Unsure:
        rest = ["?"]
    if not rest:
        args.command = None
        return args
    return build_parser().parse_args(argv)


def run(argv: list[str]) -> int:
    try:
        args = parse_command_line(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    _choose_language(getattr(args, "lang", None))
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


def _choose_language(lang: str | None) -> None:
    """``--lang``: the interface language for this run; an unknown one warns once and gives English."""
    if not lang:
        return
    from explainer.i18n import available_languages, set_language

    if set_language(lang) == "en" and lang.split("_")[0].split("-")[0].lower() != "en":
        sys.stderr.write(f"explainer: no {lang!r} translation; using English "
                         f"(available: {', '.join(available_languages())})\n")
