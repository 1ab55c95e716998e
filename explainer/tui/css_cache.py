"""Textual's parsed stylesheets, kept on disk so the app does not parse them again at every start.

Why: parsing CSS is the largest single thing the app adds to Textual's own start-up. ``app.tcss``
and the default CSS of the widgets on the map cost ~20 ms of the ~80 ms between ``make_app`` and
the first painted map (Textual 8.2.8, ``explainer bench``), and Textual keeps parsed rules only in
memory, so every start paid it again. With this cache a start reads a few small pickles instead.

A parsed copy is keyed by everything that could change it: Textual's version, the CSS text, where
it came from, the parser's flags, and the theme's variables (a theme switch re-parses through the
same cache). A miss, a damaged file or a file another user wrote is simply a normal parse. Rules
with errors are never stored, so a broken stylesheet is always reported fresh. New copies are
written after the first screen is painted, never during start-up, atomically, into the learner's
cache folder (listed by ``explainer where``, erased by ``explainer forget``); a kiosk or served
session passes no folder and reads and writes nothing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from textual.css import model as css_model
from textual.css import parse as css_parse
from textual.css import styles as css_styles
from textual.css import stylesheet as css_stylesheet

from explainer.paths import read_cached_pickle, write_cache_file
from explainer.tui import textual_private

STORE_VERSION = 1
MAX_FILES = 200  # more than that and copies no longer used by this version are cleared out


class ParsedCssStore:
    """Parsed rule lists by key: in memory for this run, in ``folder`` across runs."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[tuple, list[Any]] = {}
        self._pending: dict[str, bytes] = {}
        self._used: set[str] = set()

    def get(self, key: tuple) -> list[Any] | None:
        if (rules := self._memory.get(key)) is not None:
            return rules
        if self.folder is None:
            return None
        name = self._file_name(key)
        self._used.add(name)
        stored = read_cached_pickle(self.folder / name, list)
        if not isinstance(stored, list):
            return None
        self._memory[key] = stored
        return stored

    def put(self, key: tuple, rules: list[Any]) -> None:
        self._memory[key] = rules
        if self.folder is None or any(rule.errors for rule in rules):
            return
        try:  # pickled now, while nothing else can be touching the rules
            self._pending[self._file_name(key)] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            pass  # this copy is not kept; the next start parses it again

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def write_pending(self) -> int:
        """Write the copies parsed since the last call (from any thread); how many were written."""
        pending, self._pending = self._pending, {}
        if not pending or self.folder is None:
            return 0
        written = 0
        try:
            for name, data in pending.items():
                write_cache_file(self.folder / name, data)
                written += 1
            self._prune()
        except OSError:
            pass  # a read-only or full disk only costs the next start a parse
        return written

    def _prune(self) -> None:
        assert self.folder is not None
        files = list(self.folder.glob("*.pickle"))
        if len(files) > MAX_FILES:
            keep = self._used | set(self._pending)
            for path in files:
                if path.name not in keep:
                    path.unlink(missing_ok=True)

    @staticmethod
    def _file_name(key: tuple) -> str:
        digest = hashlib.sha256(repr((STORE_VERSION, _parser_identity(), key)).encode("utf-8", "surrogatepass"))
        return f"{digest.hexdigest()[:40]}.pickle"


@functools.cache
def _parser_identity() -> tuple:
    """Which Textual parsed the rules: its CSS modules' paths, sizes and times (an upgrade changes them).

    Not ``textual.__version__``: that reads the package metadata, which costs more than it saves.
    """
    identity: list[object] = []
    for module in (css_model, css_parse, css_styles, css_stylesheet):
        stat = os.stat(module.__file__ or "")
        identity.append((module.__name__, module.__file__, stat.st_size, stat.st_mtime_ns))
    return tuple(identity)


def install(app: Any, folder: Path | None) -> ParsedCssStore:
    """Give ``app`` a stylesheet that parses through a store on ``folder`` (call in ``__init__``).

    If Textual's Stylesheet has changed shape (an upgrade), the app keeps Textual's own and
    nothing is cached: see ``textual_private.cached_stylesheet``.
    """
    store = ParsedCssStore(folder)
    if not textual_private.cached_stylesheet(app, store):
        return ParsedCssStore(None)
    return store
