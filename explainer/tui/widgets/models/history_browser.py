"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

Station 5's model: the voice history of what the learner "sent" in this app's lab -- the
same browser as the lab's history screen, on the same file. Reading about deletion is one
thing; deleting your own uploads (and seeing what was kept with them) is another.

A newcomer who never used the lab has nothing to delete, so while the history is empty the
model offers e: a few made-up example uploads (``explainer.voice.history_examples``), marked
"example" wherever they show, to browse and delete instead.
"""

from __future__ import annotations

from typing import Any, Self

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.tui.widgets.lab_controls import BusyLine
from explainer.tui.widgets.lab_history import HistoryBrowser
from explainer.tui.widgets.models import StationModel


class HistoryBrowserModel(StationModel):
    BINDINGS = [Binding("e", "add_examples", "Add examples")]

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        self.empty = False  # known after the browser lists the file

    def compose(self) -> ComposeResult:
        yield Static(Text(self._title()), classes="model-title", id="history-model-title")
        yield Static(Text(_("These are the recordings the voice lab's device sent when you used it (open the lab from "
                            "the map). They are kept in a file on this computer only.")), classes="model-note")
        yield HistoryBrowser(id="model-history", empty_hint=_(
            "Press e to add a few example recordings (made up, marked “example”) and try deleting them."))

    def _title(self) -> str:
        if self.empty:
            return _("Your voice history · e: add examples")
        return _("Your voice history · enter: play · d: delete · D: delete all")

    def focus(self, scroll_visible: bool = True) -> Self:
        for table in self.query("#lab-history-table"):
            table.focus(scroll_visible)
        return self

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_examples":
            return self.empty  # only while there is nothing to try the browser on
        return True

    @on(HistoryBrowser.Listed)
    def _listed(self, event: HistoryBrowser.Listed) -> None:
        event.stop()
        self.empty = event.empty
        self.query_one("#history-model-title", Static).update(Text(self._title()))
        self.refresh_bindings()

    def action_add_examples(self) -> None:
        browser = self.query_one(HistoryBrowser)
        if not self.empty or browser.history is None:
            return
        from explainer.voice.history_examples import add_examples

        try:
            added = add_examples(browser.history)
        except Exception as error:  # noqa: BLE001 - a locked or read-only file: say so
            browser.query_one(BusyLine).done(_("Could not add the examples: {error}").format(error=error), "bold")
            return
        self.interacted()
        browser.reload_after(_("Added {n} example recordings. Try d to delete one, D to delete all.").format(n=added))

    @on(HistoryBrowser.Changed)
    def _changed(self, event: HistoryBrowser.Changed) -> None:
        event.stop()
        self.interacted()
