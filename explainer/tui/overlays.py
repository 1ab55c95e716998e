"""Help, the command palette and the too-small notice: screens that sit over everything else.

Each of them may be opened from anywhere -- F1 and Ctrl+P are priority keys that work inside
modals and fields -- and the terminal may shrink or grow at any moment. Textual gives the help
screen and the palette fixed ids, so a second copy pushed onto the same stack stops the app
(``DuplicateIds``). That happened when the too-small notice covered an open help screen or
palette: the app only looked at the top screen, did not see the first copy and pushed another.

So the rules live here, looked at across the whole screen stack, not only its top:

* while the too-small notice is showing, F1 and Ctrl+P do nothing (there is no room to draw
  them; the notice says what to do), and the notice is pushed at most once;
* a help screen or palette already on the stack is never pushed again: F1 closes help when it
  is on top, and is ignored while help waits under another overlay;
* when the window is big enough again, every too-small notice in the current stack goes, and
  switching modes re-checks the size so a new mode's stack is covered too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.command import CommandPalette
from textual.screen import Screen

from explainer.tui.screens.too_small import MIN_SIZE, TooSmallScreen


def find(app: App[Any], kind: type[Screen[Any]]) -> Screen[Any] | None:
    """The topmost screen of this type in the current stack, if any."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, kind):
            return screen
    return None


def too_small(width: int, height: int) -> bool:
    return width < MIN_SIZE[0] or height < MIN_SIZE[1]


def fit_to_size(app: App[Any], width: int, height: int) -> None:
    """Cover the screen with the too-small notice, or take every such notice away."""
    notice = find(app, TooSmallScreen)
    if too_small(width, height):
        if notice is None:
            app.push_screen(TooSmallScreen())
        return
    if notice is None:
        return
    if app.screen is notice:
        app.pop_screen()
    # one left under another screen (pushed by a worker while small) steps aside on resume


def toggle_help(app: App[Any], kind: type[Screen[Any]], make: Callable[[], Screen[Any]]) -> None:
    """F1/? : close help when it is on top; open one (``make()``) when there is room and none is open."""
    if isinstance(app.screen, TooSmallScreen):
        return
    open_help = find(app, kind)
    if open_help is None:
        app.push_screen(make())
    elif app.screen is open_help:
        open_help.dismiss()


def can_open_palette(app: App[Any]) -> bool:
    """Ctrl+P opens the palette only when there is room and none is open on this stack."""
    if isinstance(app.screen, TooSmallScreen) or not app.use_command_palette:
        return False
    return find(app, CommandPalette) is None and not CommandPalette.is_open(app)
