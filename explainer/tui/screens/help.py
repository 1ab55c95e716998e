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

from explainer.i18n import _, label

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

HIDDEN_DESCRIPTIONS = (  # Textual's own; summed up in ALWAYS
    "Focus Next", "Focus Previous", "Copy selected text",
    "Scroll Up", "Scroll Down", "Scroll Left", "Scroll Right", "Scroll Home", "Scroll End",
    "Page Up", "Page Down", "Page Left", "Page Right",
)

ALWAYS = [
    ("Enter", "Open or press what is selected"),
    ("↑ ↓ PgUp PgDn Home End", "Scroll long text"),
    ("Tab / Shift+Tab", "Move between controls"),
    ("Ctrl+P", "Command palette: jump to any station"),
    ("F1", "Help"),
    ("Ctrl+Q", "Quit"),
]


PLAIN_DESCRIPTIONS = {  # Textual's own binding labels, said the way a learner would
    "Toggle": "Switch on / off",
    "Press": "Press the button",
    "Maximize": "Fill the screen with this panel",
    "Minimize": "Back to the normal layout",
    "Submit": "Send",
}


def _one_key(key: str) -> str:
    """A key exactly as typed: ``d`` stays ``d``, a capital ``D`` is ``shift+d``."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if len(key) == 1:
        return f"shift+{key.lower()}" if key.isupper() else key
    if key.startswith("shift+") and len(key) == len("shift+") + 1:
        return key.lower()
    if key.startswith("ctrl+") and len(key) == len("ctrl+") + 1:
        return "Ctrl+" + key[-1].upper()  # Ctrl+O and Ctrl+o are the same key
    return key.title()


def key_label(key: str) -> str:
    return " / ".join(_one_key(part) for part in key.split(","))


def _description(binding: Binding, node: object) -> str:
    text = binding.description
    if type(node).__module__.startswith("textual"):
        text = PLAIN_DESCRIPTIONS.get(text, text)
    return label(text)


def _confusing(binding: Binding, node: object, rank: int, screen: Screen, screen_keys: dict[str, str]) -> bool:
    """System and hidden keys that would only muddle the list.

    * a widget's hidden key that differs from one of the screen's keys only by case (the history
      browser's ``shift+r`` Refresh next to the lesson's ``r`` Read aloud);
    * "Esc: Map" on the map itself.
    """
    if binding.action in ("open_map", "app.open_map") and type(screen).__name__ == "MapScreen":
        return True
    if rank == 0 or binding.show:
        return False
    return any(
        key.lower() in screen_keys and screen_keys[key.lower()] != binding.action and key != key.lower()
        for key in binding.key.split(",")
    )


def _rank(node: object, screen: Screen, app: App) -> int:
    """Order rows as a learner thinks: this screen's keys, then its widgets', then app-wide ones."""
    if node is screen:
        return 0
    if node is app:
        return 3
    return 1 if type(node).__module__.startswith("explainer") else 2


def binding_rows(screen: Screen, app: App) -> list[tuple[str, str]]:
    """(keys, description) for every described binding active on ``screen``, keys grouped by meaning.

    Textual's built-in hidden bindings (scrolling, copying) are left out: they work everywhere.
    """
    by_description: dict[str, tuple[int, list[str]]] = {}
    active_bindings = screen.active_bindings
    screen_keys = {
        key: active.binding.action for key, active in active_bindings.items() if active.node is screen
    }
    for key, active in active_bindings.items():
        binding, node = active.binding, active.node
        if not binding.description or binding.description in HIDDEN_DESCRIPTIONS or not active.enabled:
            continue
        if binding.action in ("command_palette", "app.command_palette"):  # listed in ALWAYS
            continue
        if not binding.show and type(node).__module__.startswith("textual"):
            continue
        rank = _rank(node, screen, app)
        if _confusing(binding, node, rank, screen, screen_keys):
            continue
        description = _description(binding, node)
        old_rank, keys = by_description.setdefault(description, (rank, []))
        by_description[description] = (min(rank, old_rank), [*keys, key])
    ordered = sorted(by_description.items(), key=lambda item: item[1][0])
    rows = [(" / ".join(key_label(k) for k in keys), desc) for desc, (_rank_, keys) in ordered]
    seen = {desc for _keys, desc in rows} | {keys for keys, _desc in rows}
    rows += [(keys, _(desc)) for keys, desc in ALWAYS if keys not in seen and _(desc) not in seen]
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

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()  # so ↑/↓/PgUp/PgDn scroll a long list at once
