"""A light one-line button, for the rows of actions on the journey map.

Why not Textual's ``Button``: the map is the first screen, and start-up is measured (``explainer
bench``). Each ``Button`` sets up a dozen reactives and is matched against some sixty CSS rules
(variants, flat and ANSI styles, hover, active, disabled); the map's seven of them were ~9 ms of
its first frame, about a sixth of everything the app adds to Textual's own start-up. The map only
needs a label that can be focused, clicked, or pressed with Enter or Space, and that looks like
the app's other (compact) buttons -- so that is all this is. The rest of the app uses ``Button``.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

PRESS_FLASH_SECONDS = 0.15  # how long a press shows, like Button's


class ActionButton(Static, can_focus=True):
    """Focusable one-line label; posts ``ActionButton.Pressed`` on click, Enter or Space."""

    DEFAULT_CSS = """
    ActionButton {
        width: auto;
        min-width: 0;
        height: 1;
        padding: 0 1;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
        color: $button-foreground;
        background: $surface;
        pointer: pointer;
        &:hover { background: $surface-darken-1; }
        &.-primary { color: $button-color-foreground; background: $primary; }
        &.-primary:hover { background: $primary-darken-2; }
        &:focus, &.-primary:focus { color: $background; background: $accent; }  /* as the app's popups */
        &.-active { tint: $background 30%; }
    }
    """
    BINDINGS = [Binding("enter,space", "press", show=False)]  # help already says "Enter: open or press"

    class Pressed(Message):
        """The button was clicked, or pressed with Enter or Space."""

        def __init__(self, button: ActionButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> ActionButton:
            return self.button

    def __init__(self, label: str, *, id: str | None = None, primary: bool = False) -> None:
        super().__init__(label, id=id, classes="-primary" if primary else None, markup=False)

    @property
    def label(self) -> str:
        return str(self.content)

    @label.setter
    def label(self, text: str) -> None:
        self.update(text)

    def action_press(self) -> None:
        self.add_class("-active")
        self.set_timer(PRESS_FLASH_SECONDS, lambda: self.remove_class("-active"))
        self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()
