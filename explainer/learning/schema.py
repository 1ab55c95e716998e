"""One layer that checks every loaded value by its shape, and repairs what does not fit.

A file can be perfectly good JSON and still stop the app: ``"last": {"quiz": ["final"]}`` made
the map's ``in`` test raise on an unhashable list at every start, ``"ticked": 5`` broke station
9's checklist, ``1e400`` overflowed an ``int()``. Checking "is it JSON?" at the door and then
trusting every ``.get()`` deep inside a screen cannot work: the door has to know the shape.

So each file the app reads back (progress, settings, the reviewer's saved shifts, exports read
by the class report) is described once, here or beside its format, as a tree of small shapes --
``Record``, ``MapOf``, ``ListOf``, ``Text``, ``Whole``, ``Number``, ``Flag``, ``Choice``,
``Json`` -- and ``conform`` walks the loaded value against it. What fits is kept as it is. What
does not is *dropped* (a list item, a table entry, a record field: the code that reads it then
sees its default) and its path is recorded, so the caller can tell the learner once, in one
line, instead of crashing or silently losing data. Unknown keys are kept (a newer app's fields
survive a round trip through an older one), but only as bounded, finite JSON.

Shapes also bound sizes: ``Text`` has a length, ``ListOf``/``MapOf`` a number of entries (the
newest are kept, so the file a learner grows for months can always be written and read back).

Plain Python, no dependency: it runs at every start, and the whole progress file fits in a few
milliseconds. ``tests/learning/test_schema_fuzz.py`` builds hypothesis strategies from these
same shapes, so the fuzz tests follow the format as it changes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final


class _Drop:
    """The value did not fit and is left out."""

    def __repr__(self) -> str:
        return "DROP"


DROP: Final = _Drop()

MAX_TEXT = 4_000
MAX_ITEMS = 2_000
MAX_DEPTH = 24


class Shape:
    """What one value must look like. ``fit`` returns the value (repaired) or ``DROP``."""

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        raise NotImplementedError


def conform(shape: Shape, value: object) -> tuple[object, list[str]]:
    """``value`` made to fit ``shape`` and the paths of what had to go ('' is the whole value)."""
    problems: list[str] = []
    fitted = shape.fit(value, "", problems)
    return fitted, problems


def describe(problems: list[str], limit: int = 3) -> str:
    """'a, b, c and 4 more' -- the paths for a one-line notice."""
    shown = ", ".join(_visible(p) or "(the whole file)" for p in problems[:limit])
    more = len(problems) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def _visible(path: str, most: int = 60) -> str:
    """A path for a notice: keys come from the file, so control characters are shown escaped."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)
    return text if len(text) <= most else text[: most - 1] + "…"


def _child(at: str, key: object) -> str:
    return f"{at}.{key}" if at else str(key)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Text(Shape):
    """A string of at most ``max_len`` characters; longer is dropped, or shortened with ``cut``."""

    max_len: int = MAX_TEXT
    cut: bool = False

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        if isinstance(value, str):
            if len(value) <= self.max_len:
                return value
            if self.cut:
                problems.append(at)
                return value[: self.max_len]
        problems.append(at)
        return DROP


@dataclass(frozen=True)
class Choice(Shape):
    """One of a few fixed values (compared without hashing, so a list never raises)."""

    options: tuple[object, ...]

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        for option in self.options:
            if type(value) is type(option) and value == option:
                return value
        problems.append(at)
        return DROP


@dataclass(frozen=True)
class Whole(Shape):
    low: int = 0
    high: int = 10**12

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        if _is_int(value) and self.low <= value <= self.high:  # type: ignore[operator]
            return value
        problems.append(at)
        return DROP


@dataclass(frozen=True)
class Number(Shape):
    """A finite int or float in range (``1e400`` parses as infinity: it does not fit)."""

    low: float = -1e15
    high: float = 1e15

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        if _is_int(value) or (isinstance(value, float) and math.isfinite(value)):
            if self.low <= value <= self.high:  # type: ignore[operator]  # (a huge int compares fine)
                return value
        problems.append(at)
        return DROP


@dataclass(frozen=True)
class Flag(Shape):
    def fit(self, value: object, at: str, problems: list[str]) -> object:
        if isinstance(value, bool):
            return value
        problems.append(at)
        return DROP


@dataclass(frozen=True)
class Nothing(Shape):
    """JSON null."""

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        if value is None:
            return None
        problems.append(at)
        return DROP


@dataclass(frozen=True)
class Either(Shape):
    """The first option that fits without a problem."""

    options: tuple[Shape, ...]

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        for option in self.options:
            trial: list[str] = []
            fitted = option.fit(value, at, trial)
            if not trial:
                return fitted
        problems.append(at)
        return DROP


def maybe(shape: Shape) -> Shape:
    """``shape`` or null."""
    return Either((Nothing(), shape))


@dataclass(frozen=True)
class Json(Shape):
    """Any JSON value, as long as it is finite, not too deep and not too big."""

    max_depth: int = MAX_DEPTH
    max_items: int = MAX_ITEMS
    max_len: int = MAX_TEXT * 4

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        return self._fit(value, at, problems, self.max_depth)

    def _fit(self, value: object, at: str, problems: list[str], depth: int) -> object:
        if value is None or isinstance(value, bool) or (_is_int(value) and abs(value) < 2**63):  # type: ignore[arg-type]
            return value
        if isinstance(value, float):
            if math.isfinite(value):
                return value
        elif isinstance(value, str):
            if len(value) <= self.max_len:
                return value
        elif isinstance(value, list) and depth > 0:
            kept = [self._fit(item, _child(at, i), problems, depth - 1) for i, item in enumerate(value)]
            return [item for item in kept if item is not DROP][-self.max_items:]
        elif isinstance(value, dict) and depth > 0:
            out: dict[str, object] = {}
            for key, item in list(value.items())[-self.max_items:]:
                fitted = self._fit(item, _child(at, key), problems, depth - 1)
                if isinstance(key, str) and fitted is not DROP:
                    out[key] = fitted
            return out
        problems.append(at)
        return DROP


@dataclass(frozen=True)
class ListOf(Shape):
    """A list; items that do not fit are dropped, and only the last ``max_items`` are kept."""

    item: Shape
    max_items: int = MAX_ITEMS

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        if not isinstance(value, list):
            problems.append(at)
            return DROP
        kept = [self.item.fit(item, _child(at, i), problems) for i, item in enumerate(value)]
        return [item for item in kept if item is not DROP][-self.max_items:]


@dataclass(frozen=True)
class MapOf(Shape):
    """A table keyed by text (ids); entries that do not fit are dropped, the last ``max_items`` kept."""

    value: Shape
    max_items: int = MAX_ITEMS
    max_key: int = 200

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        if not isinstance(value, dict):
            problems.append(at)
            return DROP
        out: dict[str, object] = {}
        items = list(value.items())
        if len(items) > self.max_items:  # the oldest go first: tables grow by appending
            problems.append(_child(at, f"(first {len(items) - self.max_items} entries)"))
            items = items[-self.max_items:]
        for key, item in items:
            if not isinstance(key, str) or len(key) > self.max_key:
                problems.append(_child(at, str(key)[:40]))
                continue
            fitted = self.value.fit(item, _child(at, key), problems)
            if fitted is not DROP:
                out[key] = fitted
        return out


@dataclass(frozen=True)
class Record(Shape):
    """A JSON object with known fields; a field that does not fit is dropped (its reader's
    default applies). Unknown keys are kept as bounded JSON (``rest``), or dropped if None."""

    fields: Mapping[str, Shape]
    rest: Shape | None = field(default_factory=Json)
    required: tuple[str, ...] = ()  # without these (fitting), the whole record is dropped

    def fit(self, value: object, at: str, problems: list[str]) -> object:
        if not isinstance(value, dict):
            problems.append(at)
            return DROP
        out: dict[str, object] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(_child(at, str(key)[:40]))
                continue
            shape = self.fields.get(key, self.rest)
            if shape is None:
                continue
            fitted = shape.fit(item, _child(at, key), problems)
            if fitted is not DROP:
                out[key] = fitted
        if any(name not in out for name in self.required):
            problems.append(at)
            return DROP
        return out
