"""Choosing the intent: a short numbered list, the machine's likely intents first, or type-ahead.

Scrolling an unsorted list of every intent cost about ten key presses a clip. Here ``1``-``4``
pick one of the intents the lab's parser found likely for the machine's guess, ``0`` picks
"none" (always there: a false wake or a clip with no request), and typing letters narrows the
list of all intents (``tim`` finds SetTimer, CancelTimer, TimerStatus, GetTime); ↑/↓ move and
Enter picks the highlighted one, so the machine's first guess is two keys away: ``i`` Enter.
Escape leaves the intent as it was. Dismisses with the intent chosen, or None.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer.i18n import _
from explainer.learning.shift_draft import search
from explainer.learning.shift_score import NO_INTENT
from explainer.tui.widgets.footer import Footer

MAX_QUERY = 24


class IntentPicker(ModalScreen[str | None]):
    """The short list and a search over every intent the course knows."""

    HELP_TITLE = "Choose the intent"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("backspace", "erase", "Erase a letter", show=False),
    ]

    def __init__(self, short: tuple[str, ...], known: tuple[str, ...], current: str = NO_INTENT) -> None:
        super().__init__(id="reviewer-intent-picker")
        self.short = short
        self.known = known
        self.current = current
        self.query_text = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="reviewer-intent-box"):
            yield Static(Text(_("What did the speaker want the device to do?"), style="bold"))
            yield Static(id="reviewer-intent-search")
            yield OptionList(id="reviewer-intent-options")
            yield Static(id="reviewer-intent-hint", classes="reviewer-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#reviewer-intent-box").border_title = _("Intent")
        self._refill()
        self.query_one(OptionList).focus()

    def _refill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        prompts: list[Option] = []
        if not self.query_text:
            for number, name in enumerate(self.short, start=1):
                label = Text(f"{number}  {name}")
                if number == 1:
                    label.append("  " + _("(the machine's best guess)"), "dim")
                prompts.append(Option(label, id=name))
            prompts.append(Option(Text("0  " + _("none: no request, or a false wake")), id=NO_INTENT))
            rest = [name for name in search("", self.known, self.short) if name not in self.short]
            prompts += [Option(Text(f"   {name}"), id=name) for name in rest]
        else:
            found = search(self.query_text, self.known, self.short)
            prompts += [Option(Text(f"   {name}"), id=name) for name in found]
            prompts.append(Option(Text("0  " + _("none: no request, or a false wake")), id=NO_INTENT))
        options.add_options(prompts)
        options.highlighted = 0
        if self.query_text:
            hint = _("↑↓ Enter picks · Backspace erases · Esc cancels")
        else:
            numbers = f"1-{len(self.short)}" if len(self.short) > 1 else "1" if self.short else ""
            keys = _("{numbers} or 0 picks").format(numbers=numbers) if numbers else _("0 picks none")
            hint = keys + " · " + _("type to search · ↑↓ Enter picks · Esc cancels")
        self.query_one("#reviewer-intent-hint", Static).update(Text(hint))
        line = Text(_("Search: "), style="bold")
        line.append(self.query_text + "▏" if self.query_text else _("(type letters)"))
        if self.query_text and len(prompts) == 1:
            line.append("  " + _("no intent matches"), "dim")
        self.query_one("#reviewer-intent-search", Static).update(line)

    def on_key(self, event: events.Key) -> None:
        character = event.character or ""
        if event.key in ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9") and not self.query_text:
            event.stop()
            number = int(event.key)
            if number == 0:
                self.dismiss(NO_INTENT)
            elif number <= len(self.short):
                self.dismiss(self.short[number - 1])
            else:
                self.app.bell()
        elif character.isalpha() and len(character) == 1 and len(self.query_text) < MAX_QUERY:
            event.stop()
            self.query_text += character
            self._refill()

    def action_erase(self) -> None:
        if self.query_text:
            self.query_text = self.query_text[:-1]
            self._refill()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(str(event.option.id))
