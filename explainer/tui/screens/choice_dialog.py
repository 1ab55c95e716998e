"""A dialog of numbered choices: ↑ and ↓ move between them, a number or Enter picks one.

The end of a station, the first-start pre-check offer and the end of the short tour ask the
same kind of question, and had each their own copy of the same keys and the same two
handlers. They live here now, so the three cannot drift apart: ``CHOICE_MOVES`` (↓/↑, and j/k
where the screen behind the dialog moves with them too) goes at the end of a dialog's own
keys, which name its numbers and Esc (those mean something different in each), and a pressed
button picks the value it is named by (``action_choose``; a dialog that does more with the
choice overrides it).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button


def choice_moves(*, vi_keys: bool = False) -> list[Binding]:
    """↓/↑ between a dialog's choices; with ``vi_keys`` j/k as well (as on the map)."""
    return [
        Binding("down,j" if vi_keys else "down", "app.focus_next", "Next choice", show=False),
        Binding("up,k" if vi_keys else "up", "app.focus_previous", "Previous choice", show=False),
    ]


class ChoiceDialog(ModalScreen[str | None]):
    """Buttons named by the value they choose; pressing one (or its number) picks it."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(event.button.name or "")

    def action_choose(self, value: str) -> None:
        self.dismiss(value or None)
