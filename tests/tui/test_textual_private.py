"""Each private Textual part the app relies on (explainer/tui/textual_private.py) still exists.

Textual is pinned; when it is upgraded, a failure here names the part that moved, so the fix is
made in textual_private.py and nowhere else. Each test checks the private attribute directly
(to fail loudly, by name) and then that the wrapper still does its job.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from explainer.tui import textual_private


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello from the screen")


async def test_screen_text_reads_the_compositor() -> None:
    app = Hello()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert hasattr(app.screen, "_compositor"), "Screen._compositor is gone: fix textual_private.screen_text"
        assert callable(app.screen._compositor.render_strips)
        text = textual_private.screen_text(app)
        assert text.splitlines()[0].startswith("hello from the screen")
        assert len(text.splitlines()) == 5
        assert [strip.text for strip in textual_private.screen_lines(app)] == text.splitlines()


async def test_a_screen_made_while_running_is_marked_css_current() -> None:
    app = Hello()
    async with app.run_test(size=(40, 5)):
        assert isinstance(app._css_update_count, int), "App._css_update_count is gone: fix mark_css_current"
        screen: Screen[None] = Screen()
        assert screen._css_update_count == -1, "a new Screen's CSS counter no longer starts at -1"
        textual_private.mark_css_current(screen)
        assert screen._css_update_count == app._css_update_count


def test_outside_a_running_app_nothing_is_marked() -> None:
    screen: Screen[None] = Screen()
    textual_private.mark_css_current(screen)
    assert screen._css_update_count == -1


async def test_the_worker_manager_can_be_replaced() -> None:
    from textual.worker_manager import WorkerManager

    from explainer.tui.worker_watch import WatchedWorkers

    app = Hello()
    assert isinstance(app._workers, WorkerManager), "App._workers is gone: fix replace_worker_manager"
    failures: list[BaseException] = []
    textual_private.replace_worker_manager(app, WatchedWorkers(app, lambda worker, error: failures.append(error)))
    async with app.run_test(size=(40, 5)) as pilot:
        assert isinstance(app.workers, WatchedWorkers)

        def boom() -> None:
            raise RuntimeError("boom")

        worker = app.run_worker(boom, thread=True, exit_on_error=False)
        while not worker.is_finished:
            await pilot.pause(0.01)
        await pilot.pause()
    assert [str(e) for e in failures] == ["boom"]
