"""Every use of Textual's private API, in one place, each with a test that fails loudly on upgrade.

Textual is pinned exactly (``textual==8.2.8`` in pyproject.toml), and each function below says
why a public API does not do the job. ``tests/tui/test_textual_private.py`` checks each one
against the installed Textual, so an upgrade that moves one of these parts fails there, by
name, instead of somewhere far away (or, worse, silently).
"""

from __future__ import annotations

from typing import Any

from textual._context import active_app
from textual.app import App
from textual.screen import Screen


def screen_text(app: App[Any]) -> str:
    """What the terminal shows right now, as plain text, one line per row (tests read it).

    Textual has no public way to get the composited screen as text: ``export_screenshot`` gives
    SVG, made from this same compositor.
    """
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def screen_lines(app: App[Any]) -> list[Any]:
    """The composited rows of the current screen as Textual ``Strip`` objects (text and styles)."""
    return list(app.screen._compositor.render_strips())


def mark_css_current(screen: Screen[Any]) -> None:
    """Tell a screen made while the app runs that the stylesheet is current: no re-parse for it.

    Textual 8.2 re-parses the whole stylesheet when a screen's CSS counter lags the app's; a new
    screen's starts at -1 and is set only once it is mounted, so every mode paid two full
    re-parses (~100 ms each, see ``explainer bench``) on its first two visits. (The running app
    is only known privately too: ``textual._context.active_app``.)
    """
    app = active_app.get(None)
    if app is not None:
        screen._css_update_count = app._css_update_count


def replace_worker_manager(app: App[Any], manager: Any) -> None:
    """Give ``app`` another worker manager (``worker_watch.WatchedWorkers``, which reports failures).

    ``App.workers`` is a read-only property over ``App._workers``, set in ``App.__init__``; Textual
    has no public hook that sees every worker's end (``Worker.StateChanged`` does not bubble,
    so only the widget that started a worker hears of its failure).
    """
    app._workers = manager
