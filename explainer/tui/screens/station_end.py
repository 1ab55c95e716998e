"""The pause at the end of a station: quiz, next station, or back to the map.

Terminal tutors that roll straight into the next lesson annoy learners; this asks first.
Returns "quiz", "final", "station:<id>", "map", or None (stay on the model).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from explainer.course.model import Course, Station
from explainer.i18n import _


class StationEndDialog(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "choose('')", _("Stay here")),
        Binding("1", "choose_index(0)", _("First choice"), show=False),
        Binding("2", "choose_index(1)", _("Second choice"), show=False),
        Binding("3", "choose_index(2)", _("Third choice"), show=False),
        Binding("down,tab", "app.focus_next", _("Next choice"), show=False),
        Binding("up,shift+tab", "app.focus_previous", _("Previous choice"), show=False),
    ]

    def __init__(self, station: Station, course: Course, short_tour: bool = False) -> None:
        super().__init__()
        self.short_tour = short_tour
        self.station = station
        ids = [s.id for s in course.stations]
        position = ids.index(station.id)
        self.number = position + 1
        following = course.stations[position + 1] if position + 1 < len(ids) else None
        self.choices: list[tuple[str, str]] = []
        if following is not None:
            self.choices.append((f"station:{following.id}", _("Next station: ") + following.title))
        if station.questions:
            self.choices.append(("quiz", _("Take this station's quiz")))
        if following is None:
            self.choices.append(("final", _("Take the final quiz")))
        self.choices.append(("map", _("Back to the map")))
        self.choices = self.choices[:3]

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup-frame station-end"):
            yield Static(Text(_("End of station {n}: {title}").format(n=self.number, title=self.station.title)),
                         classes="popup-title")
            yield Static(Text(_("Continue?")), classes="popup-help")
            for number, (value, label) in enumerate(self.choices, start=1):
                yield Button(Text(f"{number}  {label}"), id=f"choice-{number}", name=value)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.name)

    def action_choose(self, value: str) -> None:
        self.dismiss(value or None)

    def action_choose_index(self, index: int) -> None:
        if index < len(self.choices):
            self.dismiss(self.choices[index][0])
