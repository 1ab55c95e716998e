"""Lists whose wrapped lines stay under their text, not under the bullet (a hanging indent).

The quiz end, the results, a question's feedback and every list of sources are built as one
``rich.text.Text`` of short lines: "• a belief — you answered …", "  Source: …",
"[1] Publisher, “Title”, date" and an indented address below it. Left to the terminal, the
second line of each starts at column 0 and a long address breaks under the bullet, so a list
reads as one block. ``Hanging`` wraps each line at the width it is drawn at (so a resize or a
wide terminal is right too) and starts every further line under the text after the line's
marker: its leading spaces and a bullet or a ``[1]`` number. A word too
long for the line (an address) is broken at the edge and goes on under the text as well.

It is a Rich renderable (Textual draws it at the widget's width); ``str()`` gives its plain
text, unwrapped, so what it says can be read and searched without a terminal.
"""

from __future__ import annotations

import re

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# leading spaces, then a bullet ("• ", "- ", "▌ ", a "✓ "/"✗ " mark, an attribution's "— ") or a
# number ("[2] ", "3. "), with the spaces after it
_MARKER = re.compile(r"^ *(?:(?:[•\-▌✓✗·—]|\[\d+\]|\d+\.) +)?")
NARROWEST = 12  # below this many cells for the text itself, a line wraps from column 0


def hang_width(line: str) -> int:
    """How far the continuation of ``line`` is indented: the width of its marker."""
    match = _MARKER.match(line)
    return len(match.group(0)) if match else 0


class Hanging:
    """``text`` drawn line by line, each wrapped with a hanging indent under its marker."""

    def __init__(self, text: Text | str) -> None:
        self.text = text if isinstance(text, Text) else Text(text)

    def __str__(self) -> str:
        return self.text.plain

    def lines(self, console: Console, width: int) -> list[Text]:
        out: list[Text] = []
        for line in self.text.split("\n", allow_blank=True):
            indent = hang_width(line.plain)
            if width - indent < NARROWEST:
                indent = 0
            marker, rest = line[:indent], line[indent:]
            if not rest.plain:
                out.append(line)
                continue
            for n, part in enumerate(rest.wrap(console, width - indent, overflow="fold")):
                part.rstrip()
                head = marker.copy() if n == 0 else Text(" " * indent)
                head.append_text(part)
                out.append(head)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(console, options.max_width):
            line.end = "\n"
            line.no_wrap = True
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(NARROWEST, longest), longest)
