"""The key footer as ONE widget that draws one line of text.

Textual's Footer mounts one widget per key and throws them all away and re-creates them whenever
the screen's bindings *might* have changed -- on every focus change, screen switch and mode
change, often several times per key press. ``explainer bench`` measured that as the largest
single cost of a screen change (~30 ms of a map -> mode transition, 400 ms at worst before we
stopped the needless rebuilds). This footer renders the same line (same keys, labels, order,
theme variables, the palette key on the right) from the screen's active bindings, and repaints
only when what it shows changed. A click on a key presses it, as in Textual's.

Use it in place of ``textual.widgets.Footer``; ``compact`` and ``show_command_palette`` work the
same way. Self-contained and reusable, so it carries its own DEFAULT_CSS.

Two things it does that Textual's does not, so that every key it shows does what it says:
while a text field has the focus, keys it takes itself (letters like ``n`` and ``?``, arrows,
enter) are left out and "F1 Help" is shown, since F1 works even there; and when the keys do not fit the line,
whole keys are left out from the right (the palette hint first, "Help" last), never cut in two.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from explainer.i18n import label
from explainer.tui.widgets.text_fields import keys_passed_on, text_field_focused


class Footer(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--item", "footer--separator"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--item { background: $footer-item-background; }
        & > .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer--separator { color: $foreground 20%; }
    }
    """

    compact = reactive(False)
    show_command_palette = reactive(True)

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        show_command_palette: bool = True,
        compact: bool = False,
        screen_first: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.screen_first = screen_first  # the screen's own keys before the focused widget's
        self.set_reactive(Footer.show_command_palette, show_command_palette)
        self.set_reactive(Footer.compact, compact)
        self._shown: Any = None
        self._keys: list[tuple[int, int, str]] = []  # (start, end, key) of each drawn key, for clicks

    # -- what to show ------------------------------------------------------------------------
    def _items(self, screen: Screen) -> tuple[list[tuple[str, str, str, bool]], Any]:
        """One (key, key_display, description, enabled) per action, as Textual's footer groups them."""
        active = screen.active_bindings
        in_field = text_field_focused(screen)
        passed = keys_passed_on(screen.focused) if in_field else frozenset()
        by_action: dict[str, tuple[str, str, str, bool]] = {}
        found = list(active.values())
        if self.screen_first:  # a stable sort: the screen, then the focused widgets, then the app
            found.sort(key=lambda item: 0 if item[0] is screen else 2 if item[0] is self.app else 1)
        for _node, binding, enabled, _tooltip in found:
            if binding.show and binding.action not in by_action:
                reach = free_keys(binding.key) + [k for k in binding.key.split(",") if k.strip() in passed]
                if in_field and not reach:
                    continue  # the field takes this key: showing it would promise what it cannot do
                if in_field:  # "q,escape": in a field only escape does it, so show that key
                    binding = replace(binding, key=reach[0].strip(), key_display=None)
                display = self.app.get_key_display(binding)
                by_action[binding.action] = (binding.key, display, label(binding.description), enabled)
        items = list(by_action.values())
        if in_field and not any(action.endswith("help") for action in by_action):
            items.append(("f1", "F1", label(HELP), True))
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette_key = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette_key is not None:
                _node, binding, enabled, _tooltip = palette_key
                palette = (binding.key, self.app.get_key_display(binding), label(binding.description), enabled)
        return items, palette

    def _signature(self, screen: Screen) -> Any:
        items, palette = self._items(screen)
        return tuple(items), palette, self.compact

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        shown = self._signature(screen)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def watch_compact(self) -> None:
        self._shown = None
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------
    def render(self) -> Text:
        # What _bindings_changed last worked out (walking the bindings is the costly part).
        items, palette, _compact = self._shown if self._shown is not None else self._signature(self.screen)
        key_style = self.get_component_rich_style("footer--key", partial=True)
        description_style = self.get_component_rich_style("footer--description", partial=True)
        item_style = self.get_component_rich_style("footer--item", partial=True)
        pieces = []
        for key, display, description, enabled in items:
            piece = Text(style=item_style)
            if self.compact:
                piece.append(display, key_style)
                if description:
                    piece.append(" " + description, description_style)
                piece.append(" ")
            else:
                piece.append(f" {display} ", key_style)
                if description:
                    piece.append(f"{description} ", description_style)
            if not enabled:
                piece.stylize("dim")
            pieces.append((key, piece, description == label(HELP)))
        tail = None
        if palette is not None:
            key, display, description, enabled = palette
            tail = Text(style=item_style)
            tail.append("▏", self.get_component_rich_style("footer--separator", partial=True))
            tail.append(display, key_style)
            tail.append(" " + description, description_style)
            tail.append(" ")
        width = self.size.width or 80
        pieces, tail = fit(pieces, tail, width)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._keys = []
        for key, piece, _help in pieces:
            start = len(line)
            line.append_text(piece)
            self._keys.append((start, len(line), key))
        if tail is not None and palette is not None:
            line.append(" " * max(width - len(line) - len(tail), 0))
            start = len(line)
            line.append_text(tail)
            self._keys.append((start, len(line), palette[0]))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key.split(",")[0])
                return


HELP = "Help"


def fit(pieces: list[tuple[str, Text, bool]], tail: Text | None, width: int
        ) -> tuple[list[tuple[str, Text, bool]], Text | None]:
    """Whole keys that fit ``width``: the palette hint goes first, then keys from the right,
    Help last of all (it lists every key, so it is the way to what was left out)."""
    def used() -> int:
        return sum(len(piece) for _key, piece, _help in pieces) + (len(tail) if tail is not None else 0)

    pieces = list(pieces)
    if used() > width:
        tail = None
    while used() > width and any(not is_help for _key, _piece, is_help in pieces):
        index = max(i for i, (_key, _piece, is_help) in enumerate(pieces) if not is_help)
        del pieces[index]
    return pieces, tail


# Enter reaches the screen as the field's "submitted" message, which screens answer with the same
# action as their enter key (the quiz checks the answer), so it stays in the footer.
FREE_IN_A_FIELD = {"escape", "tab", "shift+tab", "up", "down", "pageup", "pagedown", "enter"}


def free_keys(keys: str) -> list[str]:
    """The keys of a binding that still reach the screen while a text field has the focus:
    escape, tab, up/down, page keys, enter (as the field's submit), F-keys and Ctrl/Alt
    combinations (letters are typed, left/right move the cursor)."""
    def free(key: str) -> bool:
        return key in FREE_IN_A_FIELD or key.startswith(("ctrl+", "alt+")) or (
            key.startswith("f") and key[1:].isdigit())

    return [key.strip() for key in keys.split(",") if free(key.strip())]


def taken_by_field(keys: str) -> bool:
    """Whether a text field takes every key of a binding ("n", "right,n", "question_mark")."""
    return not free_keys(keys)
