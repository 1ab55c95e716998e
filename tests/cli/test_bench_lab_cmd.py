"""``explainer bench lab`` options that are checked before any measuring starts."""

from __future__ import annotations

from explainer.cli import run


def test_every_must_be_a_whole_number_of_at_least_one(capsys):
    assert run(["bench", "lab", "--every", "0", "--conditions", "typed"]) == 2
    assert "--every takes a whole number of at least 1" in capsys.readouterr().err


def test_an_unknown_condition_is_named(capsys):
    assert run(["bench", "lab", "--every", "3", "--conditions", "typed,attic"]) == 2
    assert "unknown condition(s) attic" in capsys.readouterr().err
