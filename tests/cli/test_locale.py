"""A machine whose locale is not UTF-8: every command and a headless start work, no traceback.

``LANG=C`` alone is not enough to test this on Python >= 3.7, which coerces the C locale to
UTF-8; ``PYTHONCOERCECLOCALE=0 PYTHONUTF8=0`` switch that off, so standard output really is
ASCII, as on an old school image. A Latin-1 console is emulated with PYTHONIOENCODING, and
the real ``en_US.ISO-8859-1`` locale is used too when the machine has it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from explainer.bench.startup import APP_CHILD

ASCII = {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
LATIN1 = {**ASCII, "PYTHONIOENCODING": "latin-1"}


def _locales() -> str:
    try:
        return subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10).stdout.lower()
    except (OSError, subprocess.SubprocessError):
        return ""


def environments():
    yield pytest.param(ASCII, id="C-ascii")
    yield pytest.param(LATIN1, id="latin1-stdout")
    iso = "en_US.ISO-8859-1"
    marks = () if iso.lower().replace("-", "") in _locales().replace("-", "") else (
        pytest.mark.skip(reason=f"{iso} is not installed here"),
    )
    yield pytest.param({"LANG": iso, "LC_ALL": iso, "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
                       id="iso-8859-1", marks=marks)


def run(args: list[str], overrides: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONIOENCODING"}
    env.update(overrides)
    env["EXPLAINER_DATA_DIR"] = str(tmp_path / "data")
    env["EXPLAINER_AUDIO"] = "off"
    return subprocess.run(args, capture_output=True, env=env, timeout=180, stdin=subprocess.DEVNULL)


@pytest.mark.slow
@pytest.mark.parametrize("overrides", list(environments()))
def test_commands_and_a_headless_start(overrides, tmp_path):
    explainer = [sys.executable, "-m", "explainer"]
    for args in (["--version"], ["check"], ["read", "wake-word"], ["where"]):
        done = run(explainer + args, overrides, tmp_path)
        stderr = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 0, (args, stderr[-800:])
        assert "Traceback" not in stderr, (args, stderr[-800:])
        assert done.stdout.strip(), args
    started = run([sys.executable, "-c", APP_CHILD, str(tmp_path / "data")], overrides, tmp_path)
    assert started.returncode == 0, started.stderr.decode("utf-8", "replace")[-800:]
    assert started.stdout.decode().startswith("ready")


class _Terminal:
    def __init__(self, encoding: str) -> None:
        self.encoding = encoding


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "ANSI_X3.4-1968", "no-such-codec"])
def test_a_terminal_without_the_symbols_gets_told_why_and_what_to_do(encoding) -> None:
    from explainer.tui.services import terminal_charset_notice

    notice = terminal_charset_notice(_Terminal(encoding))
    assert encoding in notice and "LANG=C.UTF-8" in notice and "explainer read" in notice
    notice.encode("ascii")  # the notice itself must be readable on that terminal


def test_the_notice_reaches_the_app_only_when_needed(app_config, monkeypatch) -> None:
    from explainer.tui import services

    assert services.terminal_charset_notice(_Terminal("utf-8")) == ""
    monkeypatch.setattr(sys, "__stdout__", _Terminal("ascii"))
    assert any("character set (ascii)" in notice for notice in services.start(app_config()).notices)
