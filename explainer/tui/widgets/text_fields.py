"""Is a text field focused? The footer, the lesson screen and the models all ask.

A text field takes letter keys (``n`` is typed, not "next page"), so what a key does depends on
it. Judged by class names (Textual's ``Input`` and ``TextArea`` and their subclasses), so the
footer, which every screen draws at start-up, imports neither widget.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget


def is_text_field(widget: Widget | None) -> bool:
    return widget is not None and any(
        cls.__name__ in ("Input", "TextArea") and cls.__module__.startswith("textual.") for cls in type(widget).__mro__
    )


def text_field_focused(screen: Screen[Any]) -> bool:
    return is_text_field(screen.focused)


def keys_passed_on(widget: Widget | None) -> frozenset[str]:
    """Keys a focused field does not type but hands on to the screen's bindings.

    A number field has no use for letters, so it lets ``c`` (how sure?) through; a field says so
    with a ``PASSES_KEYS`` class attribute, and the footer then still shows those keys."""
    return frozenset(getattr(widget, "PASSES_KEYS", ()))
