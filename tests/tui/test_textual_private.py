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


def test_the_stylesheet_still_has_the_parts_the_cache_overrides() -> None:
    from textual.css.stylesheet import Stylesheet

    code = Stylesheet._parse_rules.__code__
    assert code.co_varnames[: len(textual_private.EXPECTED_PARSE_ARGS)] == textual_private.EXPECTED_PARSE_ARGS, (
        "Stylesheet._parse_rules changed: fix textual_private.CachedStylesheet"
    )
    sheet = Stylesheet()
    missing = [name for name in textual_private.STYLESHEET_ATTRIBUTES if not hasattr(sheet, name)]
    assert missing == [], f"Stylesheet lost {missing}: fix textual_private.CachedStylesheet"
    assert textual_private.stylesheet_fits()


async def test_the_benchmark_can_wait_paint_and_send_a_key() -> None:
    from textual import events
    from textual.pilot import Pilot

    assert callable(getattr(Pilot, "_wait_for_screen", None)), "Pilot._wait_for_screen is gone: fix wait_for_screen"
    assert callable(getattr(Screen, "_on_timer_update", None)), "Screen._on_timer_update is gone: fix paint_now"
    keys: list[str] = []

    class Keys(Hello):
        def on_key(self, event: events.Key) -> None:
            keys.append(event.key)

    app = Keys()
    async with app.run_test(size=(40, 5)) as pilot:
        textual_private.send_key(app, events.Key("x", "x"))
        await textual_private.wait_for_screen(pilot)
        await pilot.pause()
        textual_private.paint_now(app.screen)
    assert keys == ["x"]
    assert "pilot._wait_for_screen()" in textual_private.READY_CHILD_CODE  # the children use the same parts


async def test_the_notices_shown_are_read_from_the_app() -> None:
    app = Hello()
    async with app.run_test(size=(40, 5)) as pilot:
        assert isinstance(app._notifications, object) and hasattr(app, "_notifications"), (
            "App._notifications is gone: fix textual_private.notices_shown"
        )
        app.notify("[b]hello[/b]", markup=False)
        await pilot.pause()
        assert textual_private.notices_shown(app) == ["[b]hello[/b]"]


PRIVATE_NAMES = {  # the private Textual names textual_private.py wraps
    "_compositor", "_wait_for_screen", "_on_timer_update", "_driver", "_css_update_count", "_modes",
    "_parse_rules", "_workers", "_notifications", "_rules_map", "_invalid_css", "_require_parse",
}


def test_nothing_else_touches_a_private_textual_name() -> None:
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for folder in ("explainer", "tests"):
        for path in sorted((root / folder).rglob("*.py")):
            if path.name in ("textual_private.py", "test_textual_private.py"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr in PRIVATE_NAMES:
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}: .{node.attr}")
                elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual._"):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}: from {node.module}")
    assert offenders == [], "use explainer/tui/textual_private.py:\n" + "\n".join(offenders)

