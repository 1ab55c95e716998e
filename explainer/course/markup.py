"""The one parser of lesson pages, shared by the checker and the screens.

A lesson page is TOML front matter between two lines that are exactly ``+++``, then a
small, predictable subset of Markdown. The checker enforces the claim rule (every
paragraph and list item cites a source) on the same blocks the lesson screen draws, so
both must split a page the same way -- hence one module, with no dependencies beyond the
standard library (it must stay cheap to import and free of Textual).

Line numbers are those of the FILE: ``split_front_matter`` returns where the body starts,
and ``blocks(body, start_line)`` counts from there, so a problem can say ``page.md:14``.

Marks inside a body:

* ``[@source-id]`` -- a citation, right after the claim it supports (``CITATION_RE``)
* ``{wake word}``  -- a glossary mark; the braces hold a term or one of its aliases (``TERM_RE``)

Marks inside inline code (`` `like {this}` ``) and fenced code blocks are not marks.
"""

from __future__ import annotations

import re

try:  # tomli is the standard library's tomllib, compiled with mypyc: 3x faster at start-up
    import tomli as tomllib
except ImportError:  # pragma: no cover - a plain-pip install without the wheel
    import tomllib  # type: ignore[no-redef]
from dataclasses import dataclass
from typing import Any

CITATION_RE = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")
TERM_RE = re.compile(r"\{([^{}\n]+)\}")

BLOCK_KINDS = ("heading", "paragraph", "item", "quote", "code")

FENCE = "+++"
_HEADING_RE = re.compile(r"^(#{1,6})(?:\s+|$)(.*?)\s*#*\s*$")
_ITEM_RE = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(?:\s+(.*)|$)")
_CODE_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_RULE_RE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_INLINE_CODE_RE = re.compile(r"(`+)(.+?)\1", re.DOTALL)


class FrontMatterError(ValueError):
    """The front matter is not closed or is not valid TOML. ``line`` is a line of the file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Block:
    """One unit of a page body: what it is, its text (marker stripped) and its first line in the file.

    ``level`` is the heading level (1-6) for headings and the nesting depth (0 = top) for items.
    Text keeps the page's line breaks; a renderer joins them as it likes.
    """

    kind: str  # one of BLOCK_KINDS
    text: str
    line: int
    level: int = 0


def split_front_matter(text: str, *, strict: bool = False) -> tuple[dict[str, Any], str, int]:
    """Split a page into (front matter, body, line of the file where the body starts).

    A page without front matter gives ``({}, text, 1)``. Broken front matter (no closing
    ``+++`` or invalid TOML) gives ``({}, body, start)`` -- or, with ``strict=True``,
    raises FrontMatterError saying what is wrong and on which line, which is what the
    checker uses.
    """
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != FENCE:
        if strict:
            raise FrontMatterError("the page has no front matter", 1)
        return {}, text, 1
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r") == FENCE), None)
    if closing is None:
        if strict:
            raise FrontMatterError("the front matter is never closed; add a line '+++' after it", 1)
        return {}, "\n".join(lines[1:]), 2
    raw = "\n".join(line.rstrip("\r") for line in lines[1:closing])
    body = "\n".join(lines[closing + 1 :])
    body_start = closing + 2
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        if strict:
            line = _toml_error_line(error, raw) + 1  # +1: the opening +++ line
            raise FrontMatterError(f"invalid TOML in the front matter: {_toml_error_text(error)}", line) from None
        return {}, body, body_start
    except (RecursionError, ValueError):  # absurdly nested values
        if strict:
            raise FrontMatterError("the front matter is nested too deeply to read; simplify it", 2) from None
        return {}, body, body_start
    return data, body, body_start


def _toml_error_line(error: tomllib.TOMLDecodeError, text: str) -> int:
    """The line tomllib blames; "at end of document" means the last line that has text."""
    match = re.search(r"\(at line (\d+)", str(error))
    if match:
        return int(match.group(1))
    lines = text.rstrip().split("\n")
    return len(lines) if "end of document" in str(error) else 1


def _toml_error_text(error: tomllib.TOMLDecodeError) -> str:
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))


def blocks(body: str, start_line: int = 1) -> list[Block]:
    """Split a body into headings, paragraphs, list items, quotes and fenced code.

    ``start_line`` is the file line of the body's first line (the third value of
    ``split_front_matter``), so every Block.line is a line of the file. Thematic breaks
    (``---``) and blank lines produce no block.
    """
    result: list[Block] = []
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: dict[str, Any] | None = None  # open paragraph / item / quote

    def close() -> None:
        nonlocal current
        if current is not None:
            text = "\n".join(current["lines"]).strip()
            result.append(Block(current["kind"], text, current["line"], current["level"]))
            current = None

    index = 0
    while index < len(lines):
        raw = lines[index]
        line_no = start_line + index
        stripped = raw.strip()
        fence = _CODE_FENCE_RE.match(raw)
        if fence:
            close()
            marker = fence.group(1)
            inner: list[str] = []
            index += 1
            while index < len(lines) and not lines[index].strip().startswith(marker):
                inner.append(lines[index])
                index += 1
            result.append(Block("code", "\n".join(inner), line_no))
            index += 1  # skip the closing fence (or run off the end: an unclosed fence takes the rest)
            continue
        if not stripped:
            close()
        elif stripped.startswith(">"):
            if current is None or current["kind"] != "quote":
                close()
                current = {"kind": "quote", "lines": [], "line": line_no, "level": 0}
            current["lines"].append(re.sub(r"^>\s?", "", stripped))
        elif heading := _HEADING_RE.match(stripped) if not raw.startswith("    ") else None:
            close()
            result.append(Block("heading", heading.group(2), line_no, len(heading.group(1))))
        elif _RULE_RE.match(raw):
            close()
        elif item := _ITEM_RE.match(raw):
            close()
            depth = len(item.group(1).expandtabs(4)) // 2
            current = {"kind": "item", "lines": [item.group(3) or ""], "line": line_no, "level": depth}
        elif current is not None and current["kind"] in ("paragraph", "item"):
            current["lines"].append(stripped)  # continuation (indented or lazy)
        else:
            close()
            current = {"kind": "paragraph", "lines": [stripped], "line": line_no, "level": 0}
        index += 1
    close()
    return result


def _without_inline_code(text: str) -> str:
    return _INLINE_CODE_RE.sub(lambda m: " " * len(m.group(0)), text)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def citations(text: str) -> list[str]:
    """Source ids cited with ``[@id]`` in ``text``, in order of first use, without repeats."""
    return _unique(CITATION_RE.findall(_without_inline_code(text)))


def terms(text: str) -> list[str]:
    """Glossary marks ``{term}`` in ``text`` (the words inside the braces, trimmed), first use first."""
    return _unique([m.strip() for m in TERM_RE.findall(_without_inline_code(text)) if m.strip()])


def plain_text(text: str) -> str:
    """The text as a reader sees it: citations removed, ``{term}`` shown as ``term``."""
    code_spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        code_spans.append(match.group(0))
        return f"\x00{len(code_spans) - 1}\x00"

    protected = _INLINE_CODE_RE.sub(keep, text)
    protected = re.sub(r"[ \t]*" + CITATION_RE.pattern, "", protected)
    protected = TERM_RE.sub(lambda m: m.group(1), protected)
    return re.sub("\x00(\\d+)\x00", lambda m: code_spans[int(m.group(1))], protected)
