"""Every use of Textual's private API, in one place, each with a test that fails loudly on upgrade.

Textual is pinned exactly (``textual==8.2.8`` in pyproject.toml), and each part below says why
a public API does not do the job. ``tests/tui/test_textual_private.py`` checks each one against
the installed Textual, so an upgrade that moves one of them fails there, by name, instead of
somewhere far away (or, worse, silently). Nothing else in ``explainer`` or ``tests`` may touch a
private Textual name.

- the stylesheet cache (``css_cache``): a ``Stylesheet`` whose private ``_parse_rules`` looks a
  parse up in a store first (~100 M instructions, ~8 % of start-up; ``docs/architecture.md``);
- lazily built mode screens (``services.lazy_screen``): marking a new screen's CSS as current;
- worker failures (``worker_watch``): the app's worker manager, replaced by one that reports;
- the benchmark (``explainer.bench``): waiting for a screen to settle, painting one frame and
  sending a key through the driver, the way a terminal would;
- tests: the screen's composited text.
"""

from __future__ import annotations

import hashlib
from typing import Any, Protocol

from textual._context import active_app
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen


# -- the stylesheet cache ------------------------------------------------------------------
class RuleStore(Protocol):
    """Where parsed rules are kept (``css_cache.ParsedCssStore``)."""

    def get(self, key: tuple[Any, ...]) -> list[Any] | None: ...

    def put(self, key: tuple[Any, ...], rules: list[Any]) -> None: ...


class CachedStylesheet(Stylesheet):
    """Textual's Stylesheet, with every parse looked up in a store first.

    Textual parses each CSS source in the private ``_parse_rules`` and keeps the result only in
    memory; there is no public hook for a parse, so this overrides it (and ``reparse``, which
    builds a fresh Stylesheet and would otherwise lose the store).
    """

    def __init__(self, *, variables: dict[str, str] | None = None, store: RuleStore) -> None:
        super().__init__(variables=variables)
        self.store = store
        self._variables_key: str | None = None

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._variables_key = None

    def _parse_rules(
        self,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[Any]:
        if self._variables_key is None:  # once per theme: the key is looked up for every source, often
            self._variables_key = hashlib.sha256(repr(sorted(self._variables.items())).encode()).hexdigest()
        key = (css, read_from, is_default_rules, tie_breaker, scope, self._variables_key)
        rules = self.store.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            self.store.put(key, rules)
        return rules

    def reparse(self) -> None:
        """Textual's ``reparse`` (8.2), building the fresh sheet through the same store."""
        stylesheet = CachedStylesheet(variables=self._variables, store=self.store)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            stylesheet.add_source(
                css, read_from=read_from, is_default_css=is_defaults, tie_breaker=tie_breaker, scope=scope
            )
        try:
            stylesheet.parse()
        except Exception:
            self._invalid_css.update(stylesheet._invalid_css)
            raise
        self._rules = stylesheet.rules
        self._rules_map = None
        self.source = stylesheet.source
        self._require_parse = False


# The private parts of Textual's Stylesheet that CachedStylesheet relies on, as Textual 8.2 has them.
EXPECTED_PARSE_ARGS = ("self", "css", "read_from", "is_default_rules", "tie_breaker", "scope")
STYLESHEET_ATTRIBUTES = ("_variables", "_invalid_css", "_rules", "_rules_map", "_require_parse")


def stylesheet_fits() -> bool:
    """Whether Textual's Stylesheet still looks the way CachedStylesheet expects."""
    code = getattr(Stylesheet._parse_rules, "__code__", None)
    return (
        code is not None
        and code.co_varnames[: len(EXPECTED_PARSE_ARGS)] == EXPECTED_PARSE_ARGS
        and callable(getattr(Stylesheet, "reparse", None))
        and all(hasattr(Stylesheet(), name) for name in STYLESHEET_ATTRIBUTES)
    )


def cached_stylesheet(app: App[Any], store: RuleStore) -> bool:
    """Give ``app`` a CachedStylesheet on ``store`` (in ``__init__``, before any CSS is read).

    Returns False, and leaves Textual's own stylesheet, if Textual changed shape (an upgrade):
    the app then simply parses as Textual does.
    """
    if not stylesheet_fits():
        return False
    app.stylesheet = CachedStylesheet(variables=app.stylesheet._variables, store=store)
    return True


# -- screens made while the app runs --------------------------------------------------------
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


# -- workers -------------------------------------------------------------------------------
def replace_worker_manager(app: App[Any], manager: Any) -> None:
    """Give ``app`` another worker manager (``worker_watch.WatchedWorkers``, which reports failures).

    ``App.workers`` is a read-only property over ``App._workers``, set in ``App.__init__``; Textual
    has no public hook that sees every worker's end (``Worker.StateChanged`` does not bubble,
    so only the widget that started a worker hears of its failure).
    """
    app._workers = manager


# -- the benchmark -------------------------------------------------------------------------
async def wait_for_screen(pilot: Any) -> None:
    """Until the current screen and its widgets have handled every queued message.

    ``Pilot.pause()`` sleeps a fixed time as well, which the benchmark must not measure.
    """
    await pilot._wait_for_screen()


def paint_now(screen: Screen[Any]) -> None:
    """Composite and paint the frame a terminal would get now (Textual paints on a timer)."""
    screen._on_timer_update()


def send_key(app: App[Any], event: Any) -> None:
    """A key event as the terminal driver delivers it (``Pilot.press`` adds waits of its own)."""
    assert app._driver is not None, "the app is not running"
    app._driver.send_message(event)


# The same three steps as source text, for the start-up children (fresh processes that must not
# import explainer: the bare Textual app is the yardstick). Shared word for word by both.
READY_CHILD_CODE = '''
import asyncio, sys, time

def when_ready(is_ready):
    async def auto_pilot(pilot):
        app = pilot.app
        deadline = time.monotonic() + 60
        while not is_ready(app):
            if time.monotonic() > deadline:  # e.g. broken content: a problems screen, never the map
                sys.stdout.write(f"not-ready {type(app.screen).__name__}\\n")
                sys.stdout.flush()
                app.exit(return_code=1)
                return
            await pilot._wait_for_screen()
            await asyncio.sleep(0)
        await pilot._wait_for_screen()
        app.screen._on_timer_update()  # composite and paint one frame
        sys.stdout.write(f"ready {time.process_time():.6f}\\n")
        sys.stdout.flush()
        app.exit()
    return auto_pilot
'''


# -- tests ---------------------------------------------------------------------------------
def screen_lines(app: App[Any]) -> list[Any]:
    """The composited rows of the current screen as Textual ``Strip`` objects (text and styles).

    Textual has no public way to get the composited screen: ``export_screenshot`` gives SVG,
    made from this same compositor.
    """
    return list(app.screen._compositor.render_strips())


def screen_text(app: App[Any]) -> str:
    """What the terminal shows right now, as plain text, one line per row (tests read it)."""
    return "\n".join(strip.text for strip in screen_lines(app))


def notices_shown(app: App[Any]) -> list[str]:
    """The messages of the notifications the app is showing now (``App._notifications``).

    ``App.notify`` is public, what is on screen is not; tests that start watching only after the
    app is built would miss the notices it shows while starting.
    """
    return [str(note.message) for note in app._notifications]
