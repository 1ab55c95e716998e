"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

Two small controls the lab's screens share: the wake-word threshold (moved with ←/→, so
the learner *feels* the trade-off between missed and false wakes one step at a time) and a
one-line status with a spinner, so slow work in a worker visibly runs instead of freezing.
"""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from explainer.i18n import _

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
SLOW_AFTER = 3.0  # seconds: a wait this long gets its count on the busy line, and its reason if there is one
# ? opens help on every lab screen, even from a text field (a spoken command needs no "?"); F1 does too
LAB_HELP = Binding("question_mark", "lab_help", "Help", priority=True)


class LabHelp:
    """For the lab's screens: help lists the *lab's* keys even when asked from a text field (the field's
    own editing keys are not what a learner looks for), and the field has the cursor again afterwards."""

    _field_before_help: Widget | None = None

    def action_lab_help(self) -> None:
        screen: Any = self
        focused = screen.focused
        if isinstance(focused, Input):
            self._field_before_help = focused
            screen.set_focus(None)  # the help lists what the screen's keys do outside the field
        screen.app.action_help()

    def on_screen_resume(self) -> None:
        field, self._field_before_help = self._field_before_help, None
        if field is not None and field.is_attached:
            field.focus()


class LabInput(Input):
    """The lab's text fields: every key types, except ``?``, which opens help as everywhere in the lab.
    (Textual drops from the screen's bindings any key a focused field would take; this field gives up "?".)"""

    PASSES_KEYS = ("question_mark",)  # the footer then shows "? Help" in the field too (tui/widgets/text_fields)

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return key not in self.PASSES_KEYS and super().check_consume_key(key, character)


class ThresholdControl(Widget, can_focus=True):
    """The wake word's threshold as a strictness bar (``strict ◂■■■■□□□□□□▸``): ←/→ step through the
    wake stage's thresholds, loosest first. The raw numbers (``1e-40``) stay in the trace's JSON."""

    BINDINGS = [
        Binding("left", "step(-1)", "Less strict", show=False),
        Binding("right", "step(1)", "Stricter", show=False),
    ]
    index: reactive[int] = reactive(0)

    class Changed(Message):
        def __init__(self, control: ThresholdControl, value: float) -> None:
            super().__init__()
            self.control_widget = control
            self.value = value

    def __init__(self, steps: tuple[float, ...] = (), default: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps = steps
        self.set_reactive(ThresholdControl.index, self._nearest(default))

    def _nearest(self, value: float) -> int:
        if not self.steps:
            return 0
        return min(range(len(self.steps)), key=lambda i: abs(self.steps[i] - value))

    def configure(self, steps: tuple[float, ...], value: float) -> None:
        self.steps = steps
        self.index = self._nearest(value)
        self.refresh()

    @property
    def value(self) -> float | None:
        return self.steps[self.index] if self.steps else None

    def action_step(self, delta: int) -> None:
        if not self.steps:
            return
        new = min(max(self.index + delta, 0), len(self.steps) - 1)
        if new != self.index:
            self.index = new
            self.post_message(self.Changed(self, self.steps[new]))

    def render(self) -> Text:
        """ "wake-word strictness ◂ ■■■■□□□□□□ ▸ 4 of 10" -- or, where that does not fit, "strict ◂■■■■□□□□□□▸"."""
        if not self.steps:
            return Text(_("wake word: no setting"), style="dim")
        left = "◂" if self.index > 0 else " "
        right = "▸" if self.index < len(self.steps) - 1 else " "
        bar = "■" * (self.index + 1) + "□" * (len(self.steps) - self.index - 1)
        width = self.content_size.width or 80
        wide = _("wake-word strictness {l} {bar} {r} {n} of {total}").format(
            l=left, bar=bar, r=right, n=self.index + 1, total=len(self.steps))
        if len(wide) <= width:
            return Text(wide)
        return Text(_("strict {l}{bar}{r}").format(l=left, bar=bar, r=right))


class BusyLine(Static):
    """A status line; ``busy(text)`` adds a spinner until ``done(text)``.  A wait of ``SLOW_AFTER`` seconds or
    more also shows how long it has lasted and ``why`` it can (a spinner alone on a 20-second decode looks stuck)."""

    clock = staticmethod(time.monotonic)  # tests set their own

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(Text(text), markup=False, **kwargs)
        self._text = text
        self._why = ""
        self._since = 0.0
        self._frame = 0
        self._timer: Timer | None = None

    @property
    def text(self) -> str:
        return self._text

    def busy(self, text: str, why: str = "") -> None:
        if self._timer is None or text != self._text:
            self._since = self.clock()  # each step's wait is counted from its own start
        self._text = text
        self._why = why
        if self._timer is None:
            self._timer = self.set_interval(0.1, self._spin)
        self._spin()

    def _spin(self) -> None:
        self._frame = (self._frame + 1) % len(SPINNER)
        line = f"{SPINNER[self._frame]} {self._text}"
        waited = self.clock() - self._since
        if waited >= SLOW_AFTER:
            line += " " + _("({s:.0f} s so far)").format(s=waited) + (f" {self._why}" if self._why else "")
        self.update(Text(line))

    def done(self, text: str, style: str = "") -> None:
        self._text = text
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.update(Text(text, style=style))


def fit_last_column(table: DataTable[Any], key: str) -> None:
    """Give the column ``key`` whatever width the table has left, so long outputs are not cut at
    the width of the placeholder they started with."""
    width = table.scrollable_content_region.width or table.size.width
    if width <= 0 or key not in {str(k.value) for k in table.columns}:
        return
    padding = 2 * table.cell_padding
    used = sum(column.width + padding for k, column in table.columns.items() if str(k.value) != key)
    column = next(c for k, c in table.columns.items() if str(k.value) == key)
    column.auto_width = False
    column.width = max(8, width - used - padding)
    table.refresh(layout=True)


def intent_table(course: Any) -> dict[str, Any]:
    """Station 4's words for intents and slots ("Set a timer", "{value} minutes") from its model.toml, or none.
    The lab's screens say what the assistant did in these words, as station 4 does."""
    from explainer.tui.widgets.models import read_model_data

    for station in getattr(course, "stations", ()):
        if getattr(station, "model", "") == "intent-parser":
            data, _notice = read_model_data(course, station)
            return data
    return {}
