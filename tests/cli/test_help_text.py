"""`explainer --help` tells a newcomer that `explainer` alone starts the course (QA S8)."""

from __future__ import annotations

import pytest

from explainer.cli import build_parser, parse_command_line, run


def test_help_says_how_to_start_the_course(capsys) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "with no command to start the course" in out
    assert "uv run explainer" in out
    for command in ("where", "forget", "read", "check", "bench", "results"):
        lines = [line for line in out.splitlines() if line.strip().startswith(command + " ")]
        assert lines and len(lines[0].split()) > 1, command  # one line of explanation each


# -- the quick path for starting the course (explainer.cli.parse_command_line) -----------------
APP_COMMAND_LINES = [
    [],
    ["--tour", "short"],
    ["--data-dir", "/tmp/x", "--seed", "3", "--lang", "es"],
    ["--kiosk", "--idle-minutes", "2", "--host-code", "1357"],
    ["--content=/tmp/course", "--student", "Ana"],
    ["--data", "/tmp/x", "--tou", "short"],  # abbreviations, as argparse allows
]
BAD_COMMAND_LINES = [["--seed", "x"], ["--bogus"], ["--tour", "long"], ["--data-dir"], ["nonsense"]]


@pytest.mark.parametrize("argv", APP_COMMAND_LINES, ids=lambda argv: " ".join(argv) or "(none)")
def test_starting_the_course_parses_as_the_whole_parser_does(argv) -> None:
    quick = parse_command_line(argv)
    whole = build_parser().parse_args(argv)
    assert quick.command is None and getattr(quick, "handler", None) is None
    assert vars(quick) == vars(whole)


@pytest.mark.parametrize("argv", BAD_COMMAND_LINES, ids=" ".join)
def test_a_bad_command_line_gets_the_whole_parsers_message(argv, capsys) -> None:
    with pytest.raises(SystemExit) as quick_exit:
        parse_command_line(argv)
    quick_err = capsys.readouterr().err
    with pytest.raises(SystemExit) as whole_exit:
        build_parser().parse_args(argv)
    assert quick_exit.value.code == whole_exit.value.code == 2
    assert quick_err == capsys.readouterr().err
    assert "COMMAND" in quick_err  # the full usage, commands included


def test_a_command_still_reaches_its_handler() -> None:
    args = parse_command_line(["--seed", "3", "read", "wake-word"])
    assert args.command == "read" and args.handler is not None and args.seed == 3


@pytest.mark.parametrize("asking", [["--help"], ["-h"], ["--hel"], ["--seed", "3", "--he"]], ids=" ".join)
def test_every_way_of_asking_for_help_lists_the_commands(asking, capsys) -> None:
    with pytest.raises(SystemExit) as quick_exit:
        parse_command_line(asking)
    quick_out = capsys.readouterr().out
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    assert quick_exit.value.code == 0
    assert quick_out == capsys.readouterr().out and "commands:" in quick_out
