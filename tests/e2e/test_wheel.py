"""The wheel works on its own: build it, install it into a fresh venv, run it from there.

Catches what editable installs hide: content missing from the wheel, a module that is only
importable from the source tree, a console script that does not start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

HEADLESS_START = textwrap.dedent(
    """
    import asyncio
    from explainer.tui.factory import make_app
    from explainer.tui.config import AppConfig

    async def main():
        app = make_app(AppConfig(audio=False))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            print("screen:", type(app.screen).__name__, "stations:", len(app.course.stations))
            await pilot.press("q")
        print("exited")

    asyncio.run(main())
    """
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed"),
]


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout}\n{result.stderr}"
    return result


def test_wheel_installs_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(["uv", "build", "--wheel", "--out-dir", str(dist), str(ROOT)])
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1
    venv = tmp_path / "venv"
    _run(["uv", "venv", "--python", sys.executable, str(venv)])
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    _run(["uv", "pip", "install", "--python", str(python), str(wheels[0])])
    env = {**os.environ, "EXPLAINER_DATA_DIR": str(tmp_path / "data"), "TEXTUAL_ANIMATIONS": "none"}
    env.pop("VIRTUAL_ENV", None)
    outside = tmp_path / "elsewhere"  # not the source tree, so nothing is imported from it
    outside.mkdir()
    version = _run([str(bindir / "explainer"), "--version"], env=env, cwd=outside)
    assert version.stdout.startswith("explainer ")
    check = _run([str(bindir / "explainer"), "check"], env=env, cwd=outside)
    assert "_content" in check.stdout or "no problems" in check.stdout.lower()
    started = _run([str(python), "-c", HEADLESS_START], env=env, cwd=outside)
    assert "screen: MapScreen stations: 9" in started.stdout and "exited" in started.stdout
    where = _run([str(python), "-c", "import explainer, sys; print(explainer.__file__)"], env=env, cwd=outside)
    assert str(venv) in where.stdout
