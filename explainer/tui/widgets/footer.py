"""Textual's Footer, minus the rebuilds that change nothing.

Textual's Footer throws away and re-creates one widget per key every time the screen's bindings
*might* have changed -- on every focus change, screen switch and mode change, often several
times per key press. Measured with ``explainer bench``: going back to the map from the quiz
rebuilt the map's footer five times and spent most of a 400 ms transition doing it. This
footer remembers what it last showed (keys, labels, enabled state) and rebuilds only when that
differs, so it looks and behaves exactly like Textual's. Use it in place of
``textual.widgets.Footer``; CSS written for ``Footer`` still applies.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _shown: Any = None

    def _signature(self, screen: Screen) -> Any:
        """Everything the footer draws from the screen's bindings, as a comparable value."""
        active = screen.active_bindings
        keys = tuple(
            (binding.key, binding.key_display, binding.description, binding.action, binding.group, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = active.get(screen.app.COMMAND_PALETTE_BINDING)
        return keys, (palette[1].key, palette[2]) if palette else None, self.compact, self.show_command_palette

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed, screen)

    async def _recompose_if_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        shown = self._signature(screen)
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
