"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

The trace view: one row per pipeline stage with its time and output, in the spirit of a
voice-pipeline debug panel, then the highlighted stage in full and the waveform with the
wake-word and end-of-speech marks. Seeing "wake word: not heard" followed by seven stages
that say "not uploaded — nothing left the device" teaches more than a paragraph.

Attributes go down: the stage names (from the lab service) at construction, ``show_trace(trace)``,
``stage_done(record)`` while a run is going, ``clear()``. Every string from a trace (typed text,
transcripts) is shown as plain text.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from explainer.i18n import _
from explainer.tui.widgets.lab_controls import fit_last_column
from explainer.tui.widgets.lab_stage_words import stage_words
from explainer.tui.widgets.lab_words import Words
from explainer.tui.widgets.waveform import Waveform


def stage_label(name: str) -> str:
    return _(name)


def took(ms: Any) -> str:
    """A stage's time in seconds ("0.17 s"): the unit every learner knows."""
    return _("{s:.2f} s").format(s=float(ms) / 1000)


def cell(text: str, style: str = "") -> Text:
    """A row's output on one line, ending in "…" when the column is too narrow (the detail shows it all)."""
    return Text(text.replace("\n", " "), style=style, no_wrap=True, overflow="ellipsis")


class TraceView(Vertical):
    """The stage table, the detail of the highlighted stage, and the waveform."""

    def __init__(self, stages: tuple[str, ...], words: Words | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stages = tuple(stages)
        self.words = words or Words()  # the intent word table and the wake word's steps, for plain words
        self.records: dict[str, Any] = {}
        self.order: list[str] = list(self.stages)

    def compose(self) -> ComposeResult:
        table: DataTable = DataTable(id="lab-trace-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="lab-trace-detail", markup=False)
        yield Waveform(rows=1, id="lab-wave")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("stage"), key="stage", width=18)
        table.add_column(_("time"), key="ms", width=7)
        table.add_column(_("what it did"), key="output")
        self.clear()
        self.call_after_refresh(fit_last_column, table, "output")

    def on_resize(self) -> None:
        fit_last_column(self.query_one(DataTable), "output")

    def clear(self) -> None:
        self.records = {}
        self.order = list(self.stages)
        table = self.query_one(DataTable)
        table.clear()
        for name in self.order:
            table.add_row(Text(stage_label(name)), Text("—", style="dim"), Text(""), key=name)
        self.query_one("#lab-trace-detail", Static).update(Text(_("Run a sentence or a clip to see each stage."),
                                                                style="dim"))
        self.query_one(Waveform).show([], 0.0)

    def stage_done(self, record: Any) -> None:
        """Fill one row as soon as its stage finishes (the pipeline reports them one by one)."""
        name = str(record.name)
        self.records[name] = record
        table = self.query_one(DataTable)
        output = cell(stage_words(record, self.words)[0], "dim italic" if record.skipped else "")
        ms = Text(took(record.ms), justify="right")
        if name in self.order:
            table.update_cell(name, "stage", Text(stage_label(name)))
            table.update_cell(name, "ms", ms)
            table.update_cell(name, "output", output)
        else:
            self.order.append(name)
            table.add_row(Text(stage_label(name)), ms, output, key=name)
        self._show_detail()

    def show_trace(self, trace: Any, envelope: list[float] | None = None) -> None:
        for record in trace.stages:
            self.stage_done(record)
        table = self.query_one(DataTable)
        for name in [n for n in self.order if n not in self.records]:
            table.remove_row(name)  # a stage this pipeline does not have: no empty row pretending it ran
            self.order.remove(name)
        marks = {name: float(at) for name, at in (trace.marks or {}).items() if at is not None}
        self.query_one(Waveform).show(envelope or [], float(trace.duration_s or 0.0), marks)
        self._show_detail()

    def set_playhead(self, seconds: float | None) -> None:
        self.query_one(Waveform).playhead = seconds

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _show_detail(self) -> None:
        table = self.query_one(DataTable)
        if not self.records or table.row_count == 0:
            return
        row_key, _column = table.coordinate_to_cell_key(Coordinate(max(table.cursor_row, 0), 0))
        record = self.records.get(str(row_key.value))
        detail = self.query_one("#lab-trace-detail", Static)
        if record is None:
            detail.update(Text(_("This stage has not run (yet)."), style="dim"))
            return
        text = Text()
        text.append(_("{stage} ({took}): ").format(stage=stage_label(record.name).capitalize(),
                                                  took=took(record.ms)), style="bold")
        text.append(stage_words(record, self.words)[1])
        detail.update(text)

    def describe_wave(self) -> str:
        return self.query_one(Waveform).describe()
