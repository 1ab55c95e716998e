"""`explainer --help` tells a newcomer that `explainer` alone starts the course (QA S8)."""

from __future__ import annotations

from explainer.cli import run


def test_help_says_how_to_start_the_course(capsys) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "with no command to start the course" in out
    assert "uv run explainer" in out
    for command in ("where", "forget", "read", "check", "bench", "results"):
        lines = [line for line in out.splitlines() if line.strip().startswith(command + " ")]
        assert lines and len(lines[0].split()) > 1, command  # one line of explanation each
