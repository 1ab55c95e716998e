"""Line numbers for TOML values, which ``tomllib`` does not give.

The checker must say ``quiz.toml:14`` rather than just ``quiz.toml``. This locator scans
the raw text once for table headers (``[x]``, ``[[x.y]]``) and ``key =`` lines and then
answers "which line holds key K of the Nth ``[[questions]]`` block?". It is deliberately
approximate: the line of ``key =`` inside the right block, else the block's header line,
else 1 -- good enough to put a teacher's cursor on the right spot.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_\-\"'. ]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_RE = re.compile(r"^\s*(?:\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|=)")

PathPart = str | int


@dataclass
class _Segment:
    name: tuple[str, ...]
    is_array: bool
    line: int
    keys: dict[str, int] = field(default_factory=dict)


class TomlLines:
    """Maps a path like ``("questions", 3, "options", 1, "correct")`` to a line of the raw text."""

    def __init__(self, text: str) -> None:
        self.segments: list[_Segment] = [_Segment((), False, 1)]
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER_RE.match(line)
            if header and "=" not in line.split("#")[0]:
                name = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
                self.segments.append(_Segment(name, header.group(1) == "[[", number))
            else:
                key = _KEY_RE.match(line)
                if key:
                    name = next(g for g in key.groups() if g is not None)
                    self.segments[-1].keys.setdefault(name, number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_multiline = quote
                    break
        self._by_name: dict[tuple[str, ...], list[int]] = {}
        for j, segment in enumerate(self.segments):
            self._by_name.setdefault(segment.name, []).append(j)

    def _within(self, name: tuple[str, ...], start: int, end: int) -> list[int]:
        found = self._by_name.get(name, [])
        return found[bisect_left(found, start) : bisect_left(found, end)]

    def line(self, *path: PathPart) -> int:
        """The best line for ``path`` (see the module docstring); never fails, at worst 1."""
        segments = self.segments
        start, end = 0, len(segments)
        prefix: tuple[str, ...] = ()
        best = 1
        index = 0
        while index < len(path):
            key = str(path[index])
            following = path[index + 1] if index + 1 < len(path) else None
            name = prefix + (key,)
            own = next(iter(self._within(prefix, start, end)), None)
            if isinstance(following, int):
                blocks = [j for j in self._within(name, start, end) if segments[j].is_array]
                if following < len(blocks):
                    j = blocks[following]
                    best = segments[j].line
                    start, end = j, self._block_end(j, name, end)
                    prefix = name
                    index += 2
                    continue
                if own is not None and key in segments[own].keys:
                    return segments[own].keys[key]  # an inline array: the key's line
                return best
            if own is not None and key in segments[own].keys:
                return segments[own].keys[key]
            table = next(iter(self._within(name, start, end)), None)
            if table is None:
                return best
            best = segments[table].line
            start, end = table, self._block_end(table, name, end)
            prefix = name
            index += 1
        return best

    def _block_end(self, j: int, name: tuple[str, ...], limit: int) -> int:
        k = j + 1
        while k < limit and self.segments[k].name[: len(name)] == name and self.segments[k].name != name:
            k += 1
        return k
