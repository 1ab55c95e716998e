"""Station 8's model: the 2019 disclosures and what followed, as a timeline to step through.

←/→ move between events, enter reveals what changed afterwards (guess first, then look),
c filters by company. Events, their wording and their sources live in the station's
model.toml, so a teacher can add a case without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.tui.widgets.models import StationModel, read_model_data

ALL = "all"


@dataclass(frozen=True)
class Event:
    date: str
    company: str
    outlet: str
    happened: str
    changed: str
    sources: tuple[str, ...]

    @property
    def year(self) -> str:
        return self.date[:4]


def events_from(data: dict) -> list[Event]:
    events = []
    for entry in data.get("events", []):
        if isinstance(entry, dict) and entry.get("date") and entry.get("happened"):
            events.append(Event(
                str(entry["date"]), str(entry.get("company", "")), str(entry.get("outlet", "")),
                str(entry["happened"]), str(entry.get("changed", "")), tuple(entry.get("sources", ())),
            ))
    return sorted(events, key=lambda e: e.date)


class DisclosuresTimeline(StationModel, can_focus=True):
    COMPONENT_CLASSES = {"disclosures--current", "disclosures--company", "disclosures--changed"}
    BINDINGS = [
        Binding("left", "move(-1)", "Earlier", show=False),
        Binding("right", "move(1)", "Earlier/later"),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter,space", "reveal", "What changed?"),
        Binding("c", "company", "Company filter"),
    ]

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        data, self.notice = read_model_data(course, station)
        self.all_events = events_from(data)
        self.companies = [ALL, *dict.fromkeys(e.company for e in self.all_events)]
        self.company = ALL
        self.index = 0
        self.revealed: set[Event] = set()

    @property
    def events(self) -> list[Event]:
        return [e for e in self.all_events if self.company in (ALL, e.company)]

    @property
    def current(self) -> Event | None:
        events = self.events
        return events[self.index] if events else None

    def compose(self) -> ComposeResult:
        yield Static("", id="disclosures-strip", markup=False)
        yield Static("", id="disclosures-card", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def _strip(self) -> Text:
        strip = Text()
        current_style = self.get_component_rich_style("disclosures--current")
        year = ""
        for position, event in enumerate(self.events):
            if event.year != year:
                year = event.year
                strip.append(f" {year} ", "bold")
            strip.append("◆" if position == self.index else "●",
                         current_style if position == self.index else "dim")
        label = _("all companies") if self.company == ALL else self.company
        strip.append(f"  c: {label}", "dim")
        return strip

    def refresh_view(self) -> None:
        self.query_one("#disclosures-strip", Static).update(self._strip())
        card = Text()
        event = self.current
        if event is None:
            card.append(self.notice or _("No events to show."))
            self.query_one("#disclosures-card", Static).update(card)
            return
        card.append(f"{event.date}  ", "bold")
        card.append(event.company, self.get_component_rich_style("disclosures--company"))
        if event.outlet:
            card.append(f"  · {_('revealed by')} {event.outlet}")
        card.append(f"   ({self.index + 1}/{len(self.events)})\n\n", "dim")
        card.append(_("What happened") + "\n", "bold")
        card.append(event.happened + "\n\n")
        if event in self.revealed:
            card.append(_("What changed") + "\n", "bold")
            card.append((event.changed or _("Nothing reported in our sources.")) + "\n\n",
                        self.get_component_rich_style("disclosures--changed"))
            for number, source_id in enumerate(event.sources, start=1):
                source = self.course.sources.get(source_id)
                line = f"{source.publisher}, “{source.title}”, {source.date}" if source else source_id
                card.append(f"[{number}] {line}\n", "dim")
        else:
            card.append(_("What do you think changed afterwards? Press enter to see."), "italic")
        self.query_one("#disclosures-card", Static).update(card)

    def action_move(self, step: int) -> None:
        if self.events:
            self.index = max(0, min(len(self.events) - 1, self.index + step))
            self.interacted()
            self.refresh_view()

    def action_jump(self, index: int) -> None:
        if self.events:
            self.index = index % len(self.events)
            self.interacted()
            self.refresh_view()

    def action_reveal(self) -> None:
        event = self.current
        if event is not None:
            self.revealed ^= {event}
            self.interacted()
            self.refresh_view()

    def action_company(self) -> None:
        chosen = self.current
        self.company = self.companies[(self.companies.index(self.company) + 1) % len(self.companies)]
        events = self.events
        self.index = events.index(chosen) if chosen in events else 0
        self.interacted()
        self.refresh_view()
