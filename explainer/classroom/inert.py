"""Learner-supplied text made inert for every place it is shown.

An export is a file a learner hands in: its name, typed answers and anything else in it may
hold terminal escape codes (colours, a window-title change, clear-screen, a clickable
``file:///`` link), Markdown or HTML. Shown raw, they act on the teacher's terminal or in
the Markdown viewer. So every such string goes through one of these before it is shown:

* ``visible(text)`` for terminals: control characters (C0, DEL, C1, bidi overrides) become
  visible ``\\x1b``-style codes; nothing is dropped silently, so the teacher sees that a
  file held something odd.
* ``md(text)`` for Markdown: ``visible``, then every character Markdown or HTML would
  read as markup is backslash-escaped (or written as an entity), so a name renders as the
  text it is, never as a link, an image, a tag or a table cell boundary.
* HTML uses ``html.escape`` after ``visible`` (``html_text``).
"""

from __future__ import annotations

import html
import re
import unicodedata

# C0 and C1 controls, DEL, and the Unicode bidi/format controls that can reorder what a
# reader sees ("Trojan Source"); tab and newline are handled by the callers' one-line rule.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _code(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in "\n\r\t":
        return " "
    point = ord(char)
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def visible(text: object, limit: int | None = None) -> str:
    """One line with every control character shown as a code; ``limit`` shortens it."""
    clean = _CONTROL.sub(_code, unicodedata.normalize("NFC", str(text)))
    return shorten(clean, limit) if limit else clean


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-—") + "…"


def md(text: object, limit: int | None = None) -> str:
    """Text for a Markdown table cell or list item: inert, one line, markup escaped."""
    text = visible(text, limit).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("://", ":\\/\\/")  # no autolink: a bare address stays text


def html_text(text: object, limit: int | None = None) -> str:
    """Text for HTML: inert and escaped (quotes too, so it is safe inside attributes)."""
    return html.escape(visible(text, limit), quote=True)
