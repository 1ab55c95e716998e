"""`explainer serve` end to end: headless Chromium opens the page, sees the map, moves to a station.

The terminal in the page draws on a canvas, so the test reads what the app sent instead:
the websocket frames carry the screen as text between escape codes.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time

import pytest

from explainer.classroom.serve import exposure_warning, is_loopback

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]")


def test_loopback_detection_and_warning():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert exposure_warning("127.0.0.1") is None
    assert "reachable from other computers" in exposure_warning("0.0.0.0")


def test_serve_warns_when_not_loopback(capsys, monkeypatch):
    from explainer.classroom import serve as serve_module
    from explainer.cli import run

    monkeypatch.setattr(serve_module, "serve", lambda host, port, extra, **room: None)
    assert run(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert "reachable from other computers" in capsys.readouterr().err
    assert run(["serve", "--port", "0"]) == 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 120.0) -> None:
    # The port opens only once the fork server is ready (course, recogniser, a warm-up app):
    # ~13 s at a load average of 22 on 2 cores, more while a whole test suite runs beside it.
    # 120 s is the fork server's own READY_TIMEOUT_S.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError("the server did not start listening")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
@pytest.mark.lab_cache  # the fork server finds the recogniser's models built
def test_served_app_loads_in_headless_chromium_and_answers_a_key(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    port = _free_port()
    env = {**os.environ, "EXPLAINER_DATA_DIR": str(tmp_path / "data")}
    server = subprocess.Popen(
        [sys.executable, "-m", "explainer", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    frames: list[bytes] = []

    def screen_text() -> str:
        return ESCAPES.sub(b"", b"".join(frames)).decode("utf-8", "ignore")

    def wait_for(text: str, page, timeout_ms: int = 30_000) -> None:
        waited = 0
        while text not in screen_text():
            assert waited < timeout_ms, f"{text!r} never appeared; last screen text: {screen_text()[-400:]!r}"
            page.wait_for_timeout(250)
            waited += 250

    try:
        _wait_for_port(port)
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"],
            )
            page = browser.new_page(viewport={"width": 1100, "height": 760})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.on("websocket", lambda ws: ws.on(
                "framereceived", lambda data: frames.append(data if isinstance(data, bytes) else data.encode())
            ))
            page.goto(f"http://127.0.0.1:{port}/")
            wait_for("ON THE DEVICE", page)
            wait_for("The wake word", page)
            page.focus(".xterm-helper-textarea")  # a click mid-screen would open whatever station is there
            page.keyboard.press("c")  # start: a first start is offered the pre-check...
            wait_for("recommended", page)
            page.keyboard.press("2")  # ...skip it: station 1
            wait_for("Station 1/9", page)
            page.screenshot(path=str(tmp_path / "served.png"))
            browser.close()
        outside = [url for url in requests if not url.startswith(f"http://127.0.0.1:{port}")]
        assert outside == [], "the served page must not contact anyone else"
    finally:
        server.terminate()
        server.wait(timeout=10)
