"""The journey drawn as a map: four zones, device → cloud → storage → human, nine stations.

Each station is a focusable tile that shows its state with an icon AND a word ("● done"),
so the map reads the same in colour, in monochrome (NO_COLOR) and to a screen reader. Tiles
know nothing about the app: they post ``StationTile.Chosen`` and the screen decides what to open.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from explainer.course.model import ZONES, Station
from explainer.i18n import _

STATE_ICONS = {"not started": "○", "in progress": "◐", "done": "●"}
ZONE_LABELS = {"device": "On the device", "cloud": "In the cloud", "storage": "In storage", "human": "To a human"}


def numbered(stations: Iterable[Station], station: Station) -> str:
    """"3. The cloud check": titles are stored without numbers, screens number them by order."""
    for index, candidate in enumerate(stations, start=1):
        if candidate.id == station.id:
            return f"{index}. {station.title}"
    return station.title


def state_label(state: str) -> str:
    return f"{STATE_ICONS.get(state, '?')} {_(state)}"


class StationTile(Widget, can_focus=True):
    """One station on the map: its title, and a line saying how far the learner got."""

    BINDINGS = [Binding("enter", "choose", "Open station", show=False)]  # footer space is scarce at 80

    state: reactive[str] = reactive("not started")

    class Chosen(Message):
        """The learner picked this station."""

        def __init__(self, station_id: str) -> None:
            super().__init__()
            self.station_id = station_id

    def __init__(self, station: Station, state: str = "not started", label: str | None = None) -> None:
        super().__init__(id=f"station-{station.id}", classes="station-tile")
        self.station = station
        self.label = label or station.title
        self.set_reactive(StationTile.state, state)

    def render(self) -> Text:
        text = Text(self.label, style="bold")
        text.append("\n")
        text.append(state_label(self.state), style="italic")
        return text

    def watch_state(self, state: str) -> None:
        for name in STATE_ICONS:
            self.set_class(state == name, f"-{name.replace(' ', '-')}")

    def on_mount(self) -> None:
        self.watch_state(self.state)
        self.tooltip = self.station.summary

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.station.id))

    def on_click(self) -> None:
        self.focus()
        self.action_choose()


class ZoneColumn(Vertical):
    """One zone of the path, with its stations joined by down arrows."""

    def __init__(self, zone: str, stations: Iterable[Station], states: dict[str, str], labels: dict[str, str]) -> None:
        super().__init__(id=f"zone-{zone}", classes="zone")
        self.zone = zone
        self.stations = list(stations)
        self.states = states
        self.labels = labels

    def compose(self) -> ComposeResult:
        yield Static(Text(_(ZONE_LABELS[self.zone]).upper()), classes="zone-title", markup=False)
        for index, station in enumerate(self.stations):
            if index:
                yield Static("↓", classes="connector", markup=False)
            yield StationTile(station, self.states.get(station.id, "not started"), self.labels.get(station.id))


class JourneyMap(Horizontal):
    """All the zones side by side, joined by arrows: the path a voice command travels."""

    def __init__(self, stations: Iterable[Station], states: dict[str, str]) -> None:
        super().__init__(id="journey")
        self.stations = list(stations)
        self.states = states

    def compose(self) -> ComposeResult:
        for index, zone in enumerate(ZONES):
            if index:
                yield Static("\n→", classes="zone-arrow", markup=False)
            members = [s for s in self.stations if s.zone == zone]
            yield ZoneColumn(zone, members, self.states, {s.id: numbered(self.stations, s) for s in members})

    def tiles(self) -> list[StationTile]:
        return list(self.query(StationTile))

    def update_states(self, states: dict[str, str]) -> None:
        for tile in self.tiles():
            tile.state = states.get(tile.station.id, "not started")
