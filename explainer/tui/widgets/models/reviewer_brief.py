"""Station 7's model: the shift brief, read before taking the reviewer seat.

Annotation tools put short instructions beside the task and the full ones a key away; this
is the short version, one card per rule, each saying what 2019 reviewers reportedly did
(with sources) and how this app's seat works. ``o`` (or the button) starts the shift
through ``app.open_reviewer()``.
"""

from __future__ import annotations

from typing import Any, Self

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.widgets.models import StationModel, read_model_data


class ReviewerBrief(StationModel):
    BINDINGS = [
        Binding("o", "start_shift", "Start the shift"),
        Binding("space", "mark_read", "Got it", show=False),
    ]

    app = getters.app(Host)

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        data, self.notice = read_model_data(course, station)
        self.sections = [s for s in data.get("sections", []) if isinstance(s, dict) and s.get("title")]
        self.read: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Shift brief -- ↑/↓ read a card; space: got it, next card; o: start the shift")),
                     classes="model-title")
        yield OptionList(id="brief-cards")
        yield Static("", id="brief-detail", markup=False)
        yield Button(Text(_("Start the shift (o)")), id="brief-start", variant="primary")

    def on_mount(self) -> None:
        self.refresh_cards()

    def focus(self, scroll_visible: bool = True) -> Self:
        for target in self.query("#brief-cards"):
            target.focus(scroll_visible)
        return self

    def refresh_cards(self) -> None:
        cards = self.query_one("#brief-cards", OptionList)
        keep = cards.highlighted or 0
        cards.set_options([
            Option(Text(f"{'✓' if i in self.read else '·'} {section['title']}"), id=f"card-{i}")
            for i, section in enumerate(self.sections)
        ])
        if self.sections:
            cards.highlighted = min(keep, len(self.sections) - 1)
        done = len(self.read)
        self.query_one("#brief-start", Button).label = Text(
            _("Start the shift (o)") + f"  · {done}/{len(self.sections)} " + _("cards read")
        )
        self._show(cards.highlighted)

    def _show(self, index: int | None) -> None:
        detail = Text()
        if index is None or index >= len(self.sections):
            detail.append(self.notice or "")
        else:
            section = self.sections[index]
            detail.append(_("Reported in 2019") + ": ", "bold")
            detail.append(section.get("text", "") + "\n")
            cited = [self.course.sources[s] for s in section.get("sources", []) if s in self.course.sources]
            if cited:
                detail.append("  " + "; ".join(f"{s.publisher} ({s.date})" for s in cited) + "\n", "dim")
            detail.append(_("In this app") + ": ", "bold")
            detail.append(section.get("here", ""))
        self.query_one("#brief-detail", Static).update(detail)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_mark_read()

    def action_mark_read(self) -> None:
        index = self.query_one("#brief-cards", OptionList).highlighted
        if index is None:
            return
        self.read.add(index)
        self.interacted()
        cards = self.query_one("#brief-cards", OptionList)
        self.refresh_cards()
        if index + 1 < len(self.sections):
            cards.highlighted = index + 1

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start_shift()

    def action_start_shift(self) -> None:
        self.interacted()
        self.app.open_reviewer()
