""""Fool the wake word": sentences that only *sound* like the wake word ("the election results
are in", "she drove a lexus"...) and the learner's own, each spoken and run through the
lab's real pipeline at the threshold chosen on the trace view. A row that wakes shows what
would have been uploaded -- a recording a reviewer like you may hear, though nobody asked
the device anything. That is how overheard clips reached the people who reviewed them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.lab_controls import (
    LAB_HELP,
    BusyLine,
    LabHelp,
    LabInput,
    ThresholdControl,
    fit_last_column,
)
from explainer.tui.widgets.lab_words import quote, strictness_explained

if TYPE_CHECKING:
    from explainer.voice.lab_service import LabService


class FoolWakeScreen(LabHelp, Screen[None]):
    HELP_TITLE = "Fool the wake word"
    BINDINGS = [
        Binding("ctrl+r", "run_all", "Run all"),
        Binding("r", "run_all", "Run all", show=False),
        # ←/→ move the strictness from the table too (the table has no use for them); in the field they move the cursor
        Binding("left", "strictness(-1)", "Less strict", show=False, priority=True),
        Binding("right", "strictness(1)", "Stricter", show=False, priority=True),
        Binding("escape", "leave_field", "Leave field"),
        Binding("escape", "back", "Back to the lab"),
        LAB_HELP,
    ]

    app = getters.app(Host)

    def __init__(self, wake_word: str = "alexa", threshold: float | None = None, speech_ok: bool = True) -> None:
        super().__init__()
        self.wake_word = wake_word
        self.start_threshold = threshold
        self.speech_ok = speech_ok
        self.phrases: list[str] = []
        self.results: dict[str, Any] = {}
        self._trace_running = False

    @property
    def lab(self) -> LabService:
        return self.app.lab

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(_("Sentences that only sound like {w}, spoken to the lab's device: which ones wake it? "
                            "r runs them all · ←/→ stricter or less strict · tab to type your own. "
                            "Nothing here is kept.").format(w=quote(self.wake_word))),
                     id="lab-wake-intro")
        yield LabInput(placeholder=_("Add your own sound-alike and press enter"), id="lab-wake-own", compact=True)
        steps, default = self.lab.thresholds(self.wake_word)
        yield ThresholdControl(steps, default if self.start_threshold is None else self.start_threshold,
                               id="lab-wake-threshold")
        yield DataTable(id="lab-wake-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="lab-wake-detail", markup=False)
        yield BusyLine("", id="lab-wake-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.phrases = list(self.lab.sound_alikes(self.wake_word))
        table = self.query_one(DataTable)
        table.add_column(_("sentence"), key="phrase", width=30)
        table.add_column(_("woke?"), key="woke", width=8)
        table.add_column(_("a real speaker would send"), key="uploaded")
        for phrase in self.phrases:
            self._add_row(phrase)
        table.focus()
        self.call_after_refresh(fit_last_column, table, "uploaded")
        status = self.query_one(BusyLine)
        if not self.speech_ok:
            status.done(_("No speech engine: the sentences cannot be spoken to the device on this computer."), "bold")
        else:
            status.done(_("Press r to speak every sentence to the device."))

    def on_resize(self) -> None:
        fit_last_column(self.query_one(DataTable), "uploaded")

    def _add_row(self, phrase: str) -> None:
        self.query_one(DataTable).add_row(Text(phrase), Text("—", style="dim"), Text(""), key=phrase)

    @on(Input.Submitted, "#lab-wake-own")
    def _own(self, event: Input.Submitted) -> None:
        event.stop()
        phrase = event.value.strip()
        status = self.query_one(BusyLine)
        problem = self.lab.check_text(phrase)
        if problem:
            status.done(problem, "bold")
            return
        if phrase not in self.phrases:
            self.phrases.append(phrase)
            self._add_row(phrase)
        event.input.value = ""
        status.done(_("Added at the end of the list. Press ctrl+r to speak every sentence."))

    @on(ThresholdControl.Changed)
    def _threshold(self, event: ThresholdControl.Changed) -> None:
        steps, usual = self.lab.thresholds(self.wake_word)
        self.query_one(BusyLine).done(strictness_explained(steps, event.value, usual) + " " + _(
            "Press r to run them again."))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_field = isinstance(self.focused, Input)
        if action == "leave_field":
            return in_field  # Esc leaves the field first, then goes back to the lab
        if action in ("back", "strictness"):
            return not in_field
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the footer's Esc says "Leave field" or "Back to the lab"

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def action_strictness(self, delta: int) -> None:
        self.query_one(ThresholdControl).action_step(delta)

    def action_leave_field(self) -> None:
        self.query_one(DataTable).focus()

    def action_run_all(self) -> None:
        status = self.query_one(BusyLine)
        if not self.speech_ok:
            status.done(_("No speech engine: the sentences cannot be spoken to the device on this computer."), "bold")
            return
        if self._trace_running:
            return
        self._trace_running = True
        status.busy(_("Speaking {n} sentences to the device…").format(n=len(self.phrases)))
        threshold = self.query_one(ThresholdControl).value
        self._run(list(self.phrases), threshold)

    @work(thread=True, exclusive=True, group="lab-wake", exit_on_error=False)
    def _run(self, phrases: list[str], threshold: float | None) -> None:
        from explainer.voice.lab_service import LabRequest

        for number, phrase in enumerate(phrases, 1):
            # an experiment: nothing is kept in the history, and no reply is spoken
            request = LabRequest(text=phrase, wake_word=self.wake_word, threshold=threshold, keep=False,
                                 speak_reply=False)
            try:
                trace = self.lab.run(request)
            except Exception as error:  # noqa: BLE001 - one failed sentence is a row, not a crash
                self.app.call_from_thread(self._row_failed, phrase, str(error))
                continue
            self.app.call_from_thread(self._row_done, phrase, trace, number, len(phrases))
        self.app.call_from_thread(self._all_done)

    def _row_failed(self, phrase: str, message: str) -> None:
        table = self.query_one(DataTable)
        table.update_cell(phrase, "woke", Text("?", style="bold"))
        table.update_cell(phrase, "uploaded", Text(message))

    def _row_done(self, phrase: str, trace: Any, number: int, total: int) -> None:
        self.results[phrase] = trace
        table = self.query_one(DataTable)
        if trace.woke:
            table.update_cell(phrase, "woke", Text(_("WOKE"), style="bold reverse"))
            heard = trace.transcript or _("(speech the recogniser could not make out)")
            table.update_cell(phrase, "uploaded", Text(quote(heard), no_wrap=True, overflow="ellipsis"))
        else:
            table.update_cell(phrase, "woke", Text(_("no"), style="dim"))
            table.update_cell(phrase, "uploaded", Text(_("nothing: it did not wake"), style="dim"))
        self.query_one(BusyLine).busy(_("Spoken {n} of {total}…").format(n=number, total=total))
        self._detail()

    def _all_done(self) -> None:
        self._trace_running = False
        woke = sum(1 for trace in self.results.values() if trace.woke)
        self.query_one(BusyLine).done(
            _("{woke} of {total} sound-alikes woke the device at this strictness.").format(woke=woke, total=len(self.results)))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key, _column = table.coordinate_to_cell_key(Coordinate(max(table.cursor_row, 0), 0))
        trace = self.results.get(str(key.value))
        detail = self.query_one("#lab-wake-detail", Static)
        if trace is None:
            detail.update(Text(str(key.value)))
        elif trace.woke:
            detail.update(Text(_("{p} woke it. A real speaker would now send the recording of what followed (heard as "
                                 "{t}) to the company, where a reviewer like you might hear it. Here nothing is sent "
                                 "or kept.").format(p=quote(str(key.value)), t=quote(trace.transcript or "…"))))
        else:
            detail.update(Text(_("{p} did not wake it: nothing was sent, nothing left the device.").format(
                p=quote(str(key.value)))))

    def action_back(self) -> None:
        self.dismiss()
