"""Line numbers for TOML values, which ``tomllib`` does not give.

The checker must say ``quiz.toml:14`` rather than just ``quiz.toml``. This locator scans
the raw text once (one C-speed regex pass: it runs on every start-up) for table headers
(``[x]``, ``[[x.y]]``) and ``key =`` lines, then answers "which line holds key K of the Nth
``[[questions]]`` block?". It is deliberately approximate: the line of ``key =`` inside the
right block, else the block's header line, else 1 -- enough to put a teacher's cursor on
the right spot.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

_TOKEN_RE = re.compile(
    r"""^[ \t]*(?:
        (?P<open>\[\[?)[ \t]*(?P<header>[A-Za-z0-9_\-"'. ]+?)[ \t]*\]\]?[ \t]*(?:\#[^\n]*)?$
      | (?:"(?P<dq>[^"\n]*)"|'(?P<sq>[^'\n]*)'|(?P<bare>[A-Za-z0-9_-]+))[ \t]*[.=]
    )""",
    re.MULTILINE | re.VERBOSE,
)
_MULTILINE_STRING_RE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'')

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
        skip = [m.span() for m in _MULTILINE_STRING_RE.finditer(text)] if ('"""' in text or "'''" in text) else []
        line, last = 1, 0
        for match in _TOKEN_RE.finditer(text):
            start = match.start()
            if skip and any(a < start < b for a, b in skip):
                continue
            line += text.count("\n", last, start)
            last = start
            header = match.group("header")
            if header is not None:
                name = tuple(part.strip().strip("\"'") for part in header.split("."))
                self.segments.append(_Segment(name, match.group("open") == "[[", line))
            else:
                key = match.group("bare") or match.group("dq") or match.group("sq") or ""
                self.segments[-1].keys.setdefault(key, line)
        self._by_name: dict[tuple[str, ...], list[int]] = {}
        self._arrays: dict[tuple[str, ...], list[int]] = {}
        for j, segment in enumerate(self.segments):
            self._by_name.setdefault(segment.name, []).append(j)
            if segment.is_array:
                self._arrays.setdefault(segment.name, []).append(j)

    @staticmethod
    def _slice(found: list[int], start: int, end: int) -> tuple[int, int]:
        return bisect_left(found, start), bisect_left(found, end)

    def _first(self, name: tuple[str, ...], start: int, end: int) -> int | None:
        found = self._by_name.get(name, [])
        low, high = self._slice(found, start, end)
        return found[low] if low < high else None

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
            own = self._first(prefix, start, end)
            if isinstance(following, int):
                arrays = self._arrays.get(name, [])
                low, high = self._slice(arrays, start, end)
                if 0 <= following < high - low:
                    j = arrays[low + following]
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
            table = self._first(name, start, end)
            if table is None:
                return best
            best = segments[table].line
            start, end = table, self._block_end(table, name, end)
            prefix = name
            index += 1
        return best

    def _block_end(self, j: int, name: tuple[str, ...], limit: int) -> int:
        k = j + 1
        size = len(name)
        while k < limit and self.segments[k].name[:size] == name and len(self.segments[k].name) > size:
            k += 1
        return k
