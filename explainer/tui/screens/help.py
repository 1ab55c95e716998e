"""The help screen (``?`` / F1): every key the current screen answers to, in plain words.

Built from the bindings that are really active -- the screen's, its focused widgets' and the
app's -- so it can never drift from what the keys actually do.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from explainer.i18n import _

KEY_NAMES = {
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "ctrl+p": "Ctrl+P",
    "ctrl+q": "Ctrl+Q",
    "ctrl+c": "Ctrl+C",
}

HIDDEN_DESCRIPTIONS = ("Focus Next", "Focus Previous", "Copy selected text")  # Textual's own; see ALWAYS

ALWAYS = [
    ("Tab / Shift+Tab", "Move between controls"),
    ("Ctrl+P", "Command palette: jump to any station"),
    ("Ctrl+Q", "Quit"),
]


def key_label(key: str) -> str:
    return " / ".join(KEY_NAMES.get(part, part.upper() if len(part) == 1 else part.title()) for part in key.split(","))


def binding_rows(screen: Screen, app: App) -> list[tuple[str, str]]:
    """(keys, description) for every described binding active on ``screen``, keys grouped by action."""
    by_description: dict[str, list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.description in HIDDEN_DESCRIPTIONS:
            continue
        by_description.setdefault(_(binding.description), []).append(key)
    rows = [(" / ".join(key_label(k) for k in keys), desc) for desc, keys in by_description.items()]
    seen = {desc for _keys, desc in rows}
    rows += [(keys, _(desc)) for keys, desc in ALWAYS if _(desc) not in seen]
    return rows


class HelpScreen(ModalScreen[None]):
    """A list of keys for the screen underneath; any of Esc, ? or F1 closes it."""

    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close help"),
    ]

    def __init__(self, title: str, rows: list[tuple[str, str]]) -> None:
        super().__init__(id="help-screen")
        self.help_title = title
        self.rows = rows

    @classmethod
    def for_screen(cls, screen: Screen, app: App) -> HelpScreen:
        title = getattr(screen, "HELP_TITLE", None) or screen.__class__.__name__.removesuffix("Screen")
        return cls(_(title), binding_rows(screen, app))

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, description in self.rows:
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help-box") as box:
            box.border_title = _("Keys: {screen}").format(screen=self.help_title)
            box.border_subtitle = _("Esc closes")
            yield Static(table, id="help-table")
