"""The sources behind a page, one key away.

Every claim on a lesson page carries a numbered marker; this panel lists the page's sources
in that order with publisher, title, date, address and whether it is the original document
(primary) or a report about it (secondary), so a learner can judge a claim for themselves.
Up/down or tab move, escape closes. Text from content is shown literally (Rich Text, never
markup). The glossary popup reuses the same layout (``ListPopup``).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer.course.model import Source
from explainer.i18n import _


class ListPopup(ModalScreen[None]):
    """A titled list with a detail area for the highlighted entry."""

    BINDINGS = [
        Binding("escape", "dismiss_popup", "Close"),
        Binding("q", "dismiss_popup", "Close", show=False),
        Binding("tab", "move(1)", "Next", show=False),
        Binding("shift+tab", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, title: str, entries: list[tuple[str, Text, Text]], selected: int = 0) -> None:
        super().__init__()
        self.popup_title = title
        self.entries = entries  # (key, one-line label, details)
        self.selected = max(0, min(selected, len(entries) - 1)) if entries else 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup-frame"):
            yield Static(Text(self.popup_title), classes="popup-title")
            if self.entries:
                yield OptionList(*[Option(label, id=key) for key, label, _d in self.entries], classes="popup-list")
                yield Static("", classes="popup-detail", markup=False)
            else:
                yield Static(Text(_("Nothing to show for this page.")), classes="popup-detail")
            yield Static(Text(_("↑/↓ or tab: move · escape: close")), classes="popup-help")

    def on_mount(self) -> None:
        if self.entries:
            options = self.query_one(OptionList)
            options.highlighted = self.selected
            options.focus()
            self._show(self.selected)

    def _show(self, index: int | None) -> None:
        if index is None or not self.entries:
            return
        self.selected = index
        self.query_one(".popup-detail", Static).update(self.entries[index][2])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def action_move(self, step: int) -> None:
        if self.entries:
            self.query_one(OptionList).highlighted = (self.selected + step) % len(self.entries)

    def action_dismiss_popup(self) -> None:
        self.dismiss(None)


def source_label(number: int, source: Source, width: int = 68) -> Text:
    """``[1] Publisher · date · Title…`` on one line: a page often cites one publisher twice,
    so the publisher alone does not say which source is which."""
    label = Text(f"[{number}] ")
    label.append(source.publisher, "bold")
    label.append(f" · {source.date} · {source.title}")
    label.truncate(width, overflow="ellipsis")
    return label


def source_details(source: Source) -> Text:
    kind = _("primary: the original document") if source.kind == "primary" else _(
        "secondary: a report about the original"
    )
    details = Text()
    details.append(source.title + "\n", "bold")
    details.append(f"{source.publisher} · {source.date} · {kind}\n")
    details.append(source.url + "\n", "underline")
    if source.note:
        details.append(source.note, "italic")
    return details


class SourcesPanel(ListPopup):
    """The sources of one page, numbered as on the page."""

    def __init__(self, sources: list[tuple[int, Source | None, str]], selected: int = 0) -> None:
        entries = []
        for number, source, source_id in sources:
            if source is None:
                missing = Text(_("This source is not in sources.toml: ") + source_id)
                entries.append((source_id, Text(f"[{number}] {source_id}"), missing))
            else:
                entries.append((source_id, source_label(number, source), source_details(source)))
        super().__init__(_("Sources for this page"), entries, selected)
