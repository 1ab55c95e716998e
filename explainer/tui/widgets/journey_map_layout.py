"""Where everything sits on the journey map, computed in plain code: no widgets, no styles.

The map (``journey_map.JourneyMap``) draws four zones side by side in one ``render()``; what
goes on each line of a zone -- its title, each numbered station, the arrows between stations,
and each station's state as an icon and words ("● done", "◐ 2 pages · quiz", cut at a whole
item when the column is narrow) -- and where each station lands (a ``Spot``, for clicks, tests
and moving the cursor between zones) are worked out here from the stations, their states and the
width.  Kept apart so the widget is the part that styles, focuses and answers keys.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from textual.geometry import Region

from explainer.course.model import ZONES, Station
from explainer.i18n import _
from explainer.learning.journey import numbered_title as numbered

STATE_ICONS = {"not started": "○", "in progress": "◐", "done": "●"}
ZONE_LABELS = {"device": "On the device", "cloud": "In the cloud", "storage": "In storage", "human": "To a human"}
ARROW_WIDTH = 2  # "→ " between two zones


def state_label(state: str, left: str = "", width: int | None = None) -> str:
    """ "● done", "○ not started", or for a station under way what is left: "◐ 2 pages · quiz".

    What is left is cut at a whole item with " …" when the column is too narrow (the hint line
    under the map says it in full); "in progress" is the last resort.
    """
    icon = STATE_ICONS.get(state, "?")
    if state != "in progress" or not left:
        return f"{icon} {_(state)}"
    items = left.split(" · ")
    for count in range(len(items), 0, -1):
        shown = f"{icon} " + " · ".join(items[:count]) + ("" if count == len(items) else " …")
        if width is None or len(shown) <= width:
            return shown
    return f"{icon} {_(state)}"


@dataclass(frozen=True)
class Spot:
    """Where one station sits on the drawn map (cells, relative to the widget)."""

    station_id: str
    column: int
    row: int  # index within its zone
    region: Region


def column_width(width: int) -> int:
    """One zone's width in cells, when the map is ``width`` wide."""
    return max(8, (width - ARROW_WIDTH * (len(ZONES) - 1)) // len(ZONES))


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def column_lines(stations: list[Station], zone_stations: Sequence[Station], states: dict[str, str],
                 left: dict[str, str], column: int, width: int) -> list[tuple[str, str, int | None]]:
    """(text, kind, station index) per line of one zone; kind picks the style.

    ``stations`` in journey order (indices and numbers come from it), ``zone_stations`` the
    zone's own, ``states``/``left`` each station's state and what is left of it.
    """
    inner = width - 1  # one cell for the cursor bar
    zone = ZONES[column]
    lines: list[tuple[str, str, int | None]] = [
        (line, "zone", None) for line in _wrap(_(ZONE_LABELS[zone]).upper(), width)
    ]
    for row, station in enumerate(zone_stations):
        index = stations.index(station)
        if row:
            lines.append((" ↓", "connector", None))
        for line in _wrap(numbered(stations, station), inner):
            lines.append((line, "title", index))
        state = states.get(station.id, "not started")
        lines.append((state_label(state, left.get(station.id, ""), inner), state.replace(" ", "-"), index))
    return lines
