"""The pause at the end of a station: what you now know, then the quiz, the next station or the map.

Terminal tutors that roll straight into the next lesson annoy learners; this asks first, and
first says what the station taught (its recap, ``recap.md``, with numbered sources behind s).

The numbers never change meaning, so a class that learned them at station 1 cannot skip a
quiz at station 9: 1 is the next station (at the last one, the end of the short tour when
touring), 2 this station's quiz, 3 the map; the last station adds 4, the final quiz. The
choice the journey would take next has the focus, so enter always goes on along the path.
Returns "station:<id>", "quiz", "final", "tour-end", "map", or None (stay on the model).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.learning.journey import Journey, ProgressLike, numbered_title, plural
from explainer.tui.screens.choice_dialog import ChoiceDialog, choice_moves
from explainer.tui.widgets.page_text import build_page_text, page_citations
from explainer.tui.widgets.sources_panel import SourcesPanel


@dataclass(frozen=True)
class Choice:
    number: int
    value: str
    label: str


def station_end_choices(station: Station, course: Course, progress: ProgressLike,
                        tour: bool = False) -> tuple[list[Choice], int]:
    """The numbered choices and the number that has the focus (what comes next on the path)."""
    journey = Journey(course, progress)
    position = course.stations.index(station)
    following = course.stations[position + 1] if position + 1 < len(course.stations) else None
    choices = []
    if following is not None:
        label = _("Next station: {name}").format(name=numbered_title(course.stations, following))
        choices.append(Choice(1, f"station:{following.id}", label + (f" ({_('short tour')})" if tour else "")))
    elif tour:
        choices.append(Choice(1, "tour-end", _("Finish the short tour")))
    if station.questions:
        left = journey.quiz_left(station.id)
        count = plural(len(station.questions), _("1 question"), _("{n} questions"))
        if not left:
            label = _("This station's quiz again (done)")
        elif left < len(station.questions):
            label = _("This station's quiz ({n} left)").format(n=left)
        else:
            label = _("This station's quiz ({count})").format(count=count)
        choices.append(Choice(2, "quiz", label))
    choices.append(Choice(3, "map", _("Back to the map")))
    if following is None and course.final_quiz:
        choices.append(Choice(4, "final", _("The final quiz")))
    if tour:
        focus = 1 if choices[0].number == 1 else 3
    elif station.questions and not journey.quiz_done(station.id):
        focus = 2
    elif following is not None:
        focus = 1
    else:
        focus = 4 if course.final_quiz else 3
    return choices, focus


class StationEndDialog(ChoiceDialog):
    HELP_TITLE = "End of a station"
    BINDINGS = [
        Binding("escape", "choose('')", "Stay here"),
        Binding("s", "sources", "Sources"),
        *[Binding(str(n), f"choose_number({n})", "Choose 1-4", show=False) for n in range(1, 5)],
        *choice_moves(),
    ]

    def __init__(self, station: Station, course: Course, progress: ProgressLike, tour: bool = False) -> None:
        super().__init__()
        self.station, self.course, self.tour = station, course, tour
        self.number = course.stations.index(station) + 1
        self.choices, self.focus_number = station_end_choices(station, course, progress, tour)

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup-frame station-end"):
            title = _("End of station {n}: {title}").format(n=self.number, title=self.station.title)
            yield Static(Text(title), classes="popup-title")
            if self.station.recap is not None:
                text, _marks = build_page_text(self.station.recap, self.course, {}, width=70, compact=True)
                with VerticalScroll(classes="station-recap"):
                    yield Static(text, markup=False)
            for choice in self.choices:
                yield Button(Text(f"{choice.number}  {choice.label}"), id=f"choice-{choice.number}", name=choice.value)
            numbers = "-".join(str(n) for n in (self.choices[0].number, self.choices[-1].number))
            hint = _("{numbers} or ↑ ↓ and enter · s: sources · esc: stay here").format(numbers=numbers)
            yield Static(Text(hint), classes="popup-help")

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.focus_number}", Button).focus()

    def action_choose_number(self, number: int) -> None:
        for choice in self.choices:
            if choice.number == number:
                self.dismiss(choice.value)

    def action_sources(self) -> None:
        recap = self.station.recap
        if recap is None:
            self.notify(_("This station has no recap to cite."), timeout=3)
            return
        entries = [(n, self.course.sources.get(sid), sid) for n, sid in enumerate(page_citations(recap), start=1)]
        panel = SourcesPanel(entries)
        panel.popup_title = _("Sources for what you now know")
        self.app.push_screen(panel)
