"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

Station 5's model: the voice history of what the learner "sent" in this app's lab -- the
same browser as the lab's history screen, on the same file. Reading about deletion is one
thing; deleting your own uploads (and seeing what was kept with them) is another.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.tui.widgets.lab_history import HistoryBrowser
from explainer.tui.widgets.models import ReportsInteraction


class HistoryBrowserModel(ReportsInteraction, Widget):
    def __init__(self, station: Station, course: Course, **kwargs) -> None:
        super().__init__(**kwargs)
        self.station, self.course = station, course

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Your voice history -- enter play · d delete · D delete all · n next page")),
                     classes="model-title")
        yield Static(Text(_("These are the uploads you made in this app's voice lab (open it from the map). "
                            "They are kept in a file on this computer only.")), classes="model-note")
        yield HistoryBrowser(id="model-history")

    def focus(self, scroll_visible: bool = True):  # type: ignore[override]
        for table in self.query("#lab-history-table"):
            table.focus(scroll_visible)
        return self

    @on(HistoryBrowser.Changed)
    def _changed(self, event: HistoryBrowser.Changed) -> None:
        event.stop()
        self.interacted()
