"""The reviewer seat opens light and answers "Start the shift" at once (QA S9, bench 1a)."""

from __future__ import annotations

import threading

from textual.widgets import ProgressBar

from tests.reviewer_fixtures import make_course
from tests.test_reviewer_seat import SeatHarness, screen_text, silent, wait_for_work  # noqa: F401


async def test_first_visit_composes_only_the_intro(silent) -> None:  # noqa: F811
    _clock, config = silent
    app = SeatHarness(make_course(), config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#reviewer-work") and not app.screen.query("#reviewer-feedback-pane")
        app.screen.on_screen_suspend()  # leaving before any clip: nothing to unload, no error


async def test_start_shows_progress_at_once_and_the_clip_when_ready(silent, monkeypatch) -> None:  # noqa: F811
    from explainer.voice import render

    _clock, config = silent
    release = threading.Event()
    real = render.clip_audio

    def slow_render(*args, **kwargs):
        release.wait(30)  # the test decides when rendering ends; no timing involved
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "clip_audio", slow_render)
    app = SeatHarness(make_course(), config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#reviewer-panes").current == "reviewer-loading"
        assert "Preparing clip 1/6" in screen_text(app)
        assert app.screen.query_one("#reviewer-progress", ProgressBar).total is None  # pulsing
        release.set()
        assert await wait_for_work(pilot, app) == "reviewer-work"
        assert app.screen.shift.position == 1
