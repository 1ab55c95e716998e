"""Typed access to one TOML table, reporting every wrong, missing or unknown key.

Each reader asks a ``Fields`` for the keys it knows (``text("title")``, ``flag("correct")``,
``choice("zone", ZONES)``...). A key of the wrong type, a missing required key or a value
outside its choices becomes a problem on the key's own line, and the reader gets a safe
default so that it can go on and find the next problem too. ``finish()`` then reports the
keys nobody asked for -- usually a typo, so it suggests the nearest known key.
"""

from __future__ import annotations

import datetime
from typing import Any

from explainer.course.problems import ProblemLog
from explainer.course.toml_lines import PathPart, TomlLines

_EXAMPLES = {"text": '"..."', "flag": "true", "number": "1", "whole": "1", "list": '["..."]'}
_WANTED = {
    "text": "a string in quotes",
    "flag": "true or false",
    "number": "a number",
    "whole": "a whole number",
    "list": "a list of strings",
    "table": "a table",
    "tables": "a list of tables",
}


def describe(value: Any) -> str:
    """How a TOML value looks to an author, for 'must be X, not Y' messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'the string "{shown}"'
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.date | datetime.time):
        return "a date/time (put it in quotes)"
    return type(value).__name__


class Fields:
    """The keys of one table at ``at`` (a TomlLines path) in file ``path``."""

    def __init__(self, data: Any, path: str, lines: TomlLines, at: tuple[PathPart, ...],
                 label: str, log: ProblemLog) -> None:
        self.path, self.lines, self.at, self.label, self.log = path, lines, at, label, log
        self.used: set[str] = set()
        self.ok = isinstance(data, dict)
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        if not self.ok:
            self.say(None, f"must be a table, not {describe(data)}; write it as [[{at[-2] if len(at) > 1 else 'table'}]]"
                     " with key = value lines")

    # -- reporting -------------------------------------------------------------------
    def line(self, key: str | None = None) -> int:
        return self.lines.line(*self.at, key) if key else self.lines.line(*self.at)

    def say(self, key: str | None, message: str) -> None:
        self.log.add(self.path, self.line(key), f"{self.label}: {message}" if self.label else message)

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> Any:
        self.used.add(key)
        return self.data.get(key)

    def _get(self, key: str, kind: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required and self.ok and kind == "tables":
                dotted = ".".join(part for part in (*self.at, key) if isinstance(part, str))
                self.say(None, f"no [[{dotted}]] blocks; add at least one [[{dotted}]] table (see content/README.md)")
            elif required and self.ok:
                self.say(None, f'missing required key "{key}"; add {key} = {_EXAMPLES.get(kind, "...")}')
            return None
        return self.data[key]

    def _wrong(self, key: str, kind: str, value: Any) -> None:
        self.say(key, f"{key} must be {_WANTED[kind]}, not {describe(value)}; "
                 f"write it like {key} = {_EXAMPLES.get(kind, '...')}")

    # -- typed getters ----------------------------------------------------------------
    def text(self, key: str, *, required: bool = True, default: str = "", empty_ok: bool = False) -> str:
        value = self._get(key, "text", required)
        if value is None:
            return default
        if not isinstance(value, str):
            self._wrong(key, "text", value)
            return default
        if not empty_ok and required and not value.strip():
            self.say(key, f'{key} is empty; write something between the quotes')
        return value

    def optional_text(self, key: str) -> str | None:
        if key not in self.data:
            self.used.add(key)
            return None
        return self.text(key, required=False) or None

    def flag(self, key: str, *, required: bool = False, default: bool = False) -> bool:
        value = self._get(key, "flag", required)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._wrong(key, "flag", value)
            return default
        return value

    def number(self, key: str, *, required: bool = False, default: float | None = 0.0,
               minimum: float | None = None, maximum: float | None = None, whole: bool = False) -> Any:
        kind = "whole" if whole else "number"
        value = self._get(key, kind, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or (whole and not isinstance(value, int)):
            self._wrong(key, kind, value)
            return default
        if value != value or value in (float("inf"), float("-inf")):
            self.say(key, f"{key} must be a finite number; write a plain number")
            return default
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            low = "" if minimum is None else f"at least {minimum:g}"
            high = "" if maximum is None else f"at most {maximum:g}"
            self.say(key, f"{key} = {value:g} is out of range; it must be {' and '.join(p for p in (low, high) if p)}")
            return default
        return value

    def strings(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self._get(key, "list", required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._wrong(key, "list", value)
            return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()
        return tuple(value)

    def choice(self, key: str, choices: tuple[str, ...], *, required: bool = True, default: str = "") -> str:
        if required and self.ok and key not in self.data:
            self.used.add(key)
            self.say(None, f'missing required key "{key}"; add {key} = "{choices[0]}" (or one of: '
                     f'{", ".join(choices[1:])})')
            return default
        value = self.text(key, required=required, default=default)
        if key in self.data and isinstance(self.data[key], str) and value not in choices:
            self.say(key, f'{key} = "{value}" is not allowed; use one of: {", ".join(choices)}')
            return default
        return value

    def tables(self, key: str, *, required: bool = False) -> list[Fields]:
        """The tables of ``[[key]]`` (or an inline list of tables), each as Fields, labelled later."""
        value = self._get(key, "tables", required)
        if value is None:
            return []
        if not isinstance(value, list):
            self._wrong(key, "tables", value)
            return []
        return [Fields(item, self.path, self.lines, (*self.at, key, i), f"{key} #{i + 1}", self.log)
                for i, item in enumerate(value)]

    def table(self, key: str) -> Fields | None:
        value = self._get(key, "table", False)
        if value is None:
            return None
        if not isinstance(value, dict):
            self._wrong(key, "table", value)
            return None
        return Fields(value, self.path, self.lines, (*self.at, key), self.label, self.log)

    def finish(self) -> None:
        """Report every key that no getter asked for."""
        import difflib  # only when a key is unknown: keeps loading fast

        for key in self.data:
            if key in self.used:
                continue
            known = sorted(self.used)
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f' (did you mean "{close[0]}"?)' if close else f" (known keys: {', '.join(known)})"
            self.say(key, f'unknown key "{key}"{hint}; remove it or fix its spelling')
