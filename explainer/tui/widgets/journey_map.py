"""The journey drawn as a map: four zones, device → cloud → storage → human, nine stations.

ONE widget draws the whole map in a single ``render()``: zone titles, numbered stations, the
arrows between zones and each station's state as an icon AND words ("● done", "◐ 2 pages · quiz": what
is left), so it reads
the same in colour, in monochrome (NO_COLOR) and to a screen reader. It used to be ~25 widgets
(a tile, a connector and a column each); ``explainer bench`` measured ~170 ms of styling and
layout for them on every start and every return to the map, so the layout is now computed in
plain code (``journey_map_layout``) and styled through component classes (theme variables live in
app.tcss).

The widget owns its cursor: ↑↓/jk move within a zone, ←→/hl to the neighbouring zone on the same
row, enter (or a click) chooses. It knows nothing about the app: it posts ``Chosen`` for a
station, ``Highlighted`` when the cursor moves, and ``LeftEdge`` when a key would leave the map
(up from a zone's first station, down from its last) so the screen can move focus to the
buttons above or below.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from explainer.course.model import ZONES, Station
from explainer.learning.journey import numbered_title as numbered
from explainer.tui.widgets.journey_map_layout import (
    ARROW_WIDTH,
    STATE_ICONS,
    Spot,
    column_lines,
    column_width,
    state_label,
)

CURSOR_BAR = "▌"  # left of the focused station: visible without colour too


class JourneyMap(Widget, can_focus=True):
    """All the zones side by side, joined by arrows: the path a voice command travels."""

    COMPONENT_CLASSES = {
        "journey-map--zone",
        "journey-map--arrow",
        "journey-map--connector",
        "journey-map--title",
        "journey-map--not-started",
        "journey-map--in-progress",
        "journey-map--done",
        "journey-map--cursor",
        "journey-map--cursor-bar",
    }
    BINDINGS = [  # footer space is scarce at 80 columns; the help screen lists them
        Binding("down,j", "move(1)", "Next", show=False),
        Binding("up,k", "move(-1)", "Previous", show=False),
        Binding("right,l", "zone(1)", "Next zone", show=False),
        Binding("left,h", "zone(-1)", "Previous zone", show=False),
        Binding("enter", "choose", "Open station", show=False),
    ]

    cursor: reactive[int] = reactive(0)  # index into ``stations`` (journey order)

    class Chosen(Message):
        """The learner picked a station (enter or click)."""

        def __init__(self, station_id: str) -> None:
            super().__init__()
            self.station_id = station_id

    class Highlighted(Message):
        """The cursor is on a station (moved, or the map got focus)."""

        def __init__(self, station: Station) -> None:
            super().__init__()
            self.station = station

    class LeftEdge(Message):
        """A key would leave the map: ``direction`` is -1 (up) or 1 (down); ``x`` the column's centre."""

        def __init__(self, direction: int, x: int) -> None:
            super().__init__()
            self.direction = direction
            self.x = x

    def __init__(self, stations: Iterable[Station], states: dict[str, str], left: dict[str, str] | None = None,
                 *, id: str | None = "journey") -> None:
        super().__init__(id=id)
        self.stations = list(stations)
        self.states = dict(states)
        self.left = dict(left or {})  # station id -> what is still to do ("2 pages · quiz")
        self.columns = [[s for s in self.stations if s.zone == zone] for zone in ZONES]
        self._spots: dict[int, list[Spot]] = {}  # width -> spots (cache)

    # -- state ----------------------------------------------------------------------------
    @property
    def station(self) -> Station:
        """The station under the cursor."""
        return self.stations[self.cursor]

    def update_states(self, states: dict[str, str], left: dict[str, str] | None = None) -> None:
        left = dict(left or {})
        if states != self.states or left != self.left:
            self.states, self.left = dict(states), left
            self.refresh()

    def state_text(self, station_id: str) -> str:
        """What the map says about one station, e.g. "2. The listening window ◐ 2 pages · quiz"."""
        station = next(s for s in self.stations if s.id == station_id)
        state = self.states.get(station_id, "not started")
        return f"{numbered(self.stations, station)} {state_label(state, self.left.get(station_id, ''))}"

    def select(self, station_id: str) -> None:
        for index, station in enumerate(self.stations):
            if station.id == station_id:
                self.cursor = index

    def watch_cursor(self) -> None:
        self.refresh()
        if self.has_focus:
            self.post_message(self.Highlighted(self.station))

    # -- layout ---------------------------------------------------------------------------
    def _column_lines(self, column: int, width: int) -> list[tuple[str, str, int | None]]:
        return column_lines(self.stations, self.columns[column], self.states, self.left, column, width)

    def spots(self, width: int | None = None) -> list[Spot]:
        """Where each station is drawn, for clicks, tests and the screen's focus moves."""
        width = self.size.width if width is None else width
        if width not in self._spots:
            col_width = column_width(width)
            found: list[Spot] = []
            for column in range(len(ZONES)):
                x = column * (col_width + ARROW_WIDTH)
                rows: dict[int, list[int]] = {}
                for y, (_text, _kind, index) in enumerate(self._column_lines(column, col_width)):
                    if index is not None:
                        rows.setdefault(index, []).append(y)
                for row, (index, ys) in enumerate(rows.items()):
                    region = Region(x, ys[0], col_width, len(ys))
                    found.append(Spot(self.stations[index].id, column, row, region))
            self._spots = {width: found}
        return self._spots[width]

    def screen_region_of(self, station_id: str) -> Region:
        """The station's cells on the screen (for tests: is it visible?)."""
        spot = next(s for s in self.spots() if s.station_id == station_id)
        return spot.region.translate(self.content_region.offset)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        col_width = column_width(width)
        return max(len(self._column_lines(column, col_width)) for column in range(len(ZONES)))

    def on_resize(self, event: events.Resize) -> None:
        self._spots.clear()

    # -- drawing --------------------------------------------------------------------------
    def render(self) -> Text:
        width = self.size.width
        col_width = column_width(width)
        columns = [self._column_lines(column, col_width) for column in range(len(ZONES))]
        height = max(len(lines) for lines in columns)

        def style(name: str) -> Style:  # only what the rule sets: state colours survive bold titles
            return self.get_component_rich_style(name, partial=True)

        cursor_style = Style()
        if self.has_focus:  # Textual blends the "20%" background; keep the state's own colour
            blended = self.get_component_rich_style("journey-map--cursor")
            cursor_style = Style(bgcolor=blended.bgcolor, bold=blended.bold)
        bar_style = style("journey-map--cursor-bar")
        arrow_style = style("journey-map--arrow")
        arrow_row = next((y for y, (_t, _k, index) in enumerate(columns[0]) if index is not None), 1)
        text = Text(no_wrap=True, overflow="crop", end="")
        for y in range(height):
            if y:
                text.append("\n")
            for column, lines in enumerate(columns):
                if column:
                    text.append("→ " if y == arrow_row else "  ", arrow_style)
                line, kind, index = lines[y] if y < len(lines) else ("", "blank", None)
                if kind == "zone":
                    text.append(line.ljust(col_width)[:col_width], style("journey-map--zone"))
                    continue
                focused = index is not None and index == self.cursor and self.has_focus
                text.append(CURSOR_BAR if focused else " ", bar_style if focused else Style())
                cell = line.ljust(col_width - 1)[: col_width - 1]
                if kind == "connector":
                    text.append(cell, self.get_component_rich_style("journey-map--connector"))  # blends muted
                elif kind == "blank":
                    text.append(cell)
                else:
                    state = self.states.get(self.stations[index].id, "not started") if index is not None else ""
                    line_style = style(f"journey-map--{state.replace(' ', '-')}") if state in STATE_ICONS else Style()
                    line_style += style("journey-map--title") if kind == "title" else Style(bold=True, italic=True)
                    if focused:
                        line_style += cursor_style
                    text.append(cell, line_style)
        return text

    def on_focus(self) -> None:
        self.refresh()
        self.post_message(self.Highlighted(self.station))

    def on_blur(self) -> None:
        self.refresh()

    # -- keys and mouse -------------------------------------------------------------------
    def _spot(self, index: int) -> Spot:
        station_id = self.stations[index].id
        return next(s for s in self.spots() if s.station_id == station_id)

    def _centre_x(self, spot: Spot) -> int:
        return self.content_region.x + spot.region.x + spot.region.width // 2

    def action_move(self, step: int) -> None:
        """Up/down within the zone; past its first or last station, leave the map."""
        spot = self._spot(self.cursor)
        column = self.columns[spot.column]
        row = spot.row + step
        if 0 <= row < len(column):
            self.cursor = self.stations.index(column[row])
        else:
            self.post_message(self.LeftEdge(step, self._centre_x(spot)))

    def action_zone(self, step: int) -> None:
        """Left/right: the neighbouring zone with stations, on the same row (or its last)."""
        spot = self._spot(self.cursor)
        column = spot.column + step
        while 0 <= column < len(self.columns):
            if self.columns[column]:
                members = self.columns[column]
                self.cursor = self.stations.index(members[min(spot.row, len(members) - 1)])
                return
            column += step

    def enter_from(self, direction: int, x: int | None = None) -> None:
        """Focus the map from the buttons above (direction 1) or below (-1), near column ``x``."""
        if x is not None and self.spots():
            pitch = column_width(self.size.width) + ARROW_WIDTH  # a zone and the arrow after it
            column = min(len(ZONES) - 1, max(0, (x - self.content_region.x) // pitch))
            while not self.columns[column] and column:
                column -= 1
            members = self.columns[column]
            if members:
                self.cursor = self.stations.index(members[0] if direction > 0 else members[-1])
        self.screen.set_focus(self)  # at once: a quick next key must already find the map focused

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.station.id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for spot in self.spots():
            if spot.region.contains(offset.x, offset.y):
                self.select(spot.station_id)
                self.screen.set_focus(self)
                self.action_choose()
                return
