"""Station 6's model: how many clips "a small fraction" really is.

Type users, requests a day and a review rate (or pick a rate a company stated in 2019) and
see clips reviewed a day, the reviewer shifts that takes at about 1,000 clips a shift, and
what it means for one household over a year. Bad input ("lots", "-3", "200%") gets a
message under the field and the last good numbers stay on screen. The arithmetic lives in
``explainer.learning.sampling``.

The fields take the focus only when the learner asks (a, or tab from the list of company
figures, which has it first), so the course keys (n, p, q...) work until then; esc leaves a field.
"""

from __future__ import annotations

from typing import Any, Self

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.learning import sampling
from explainer.tui.widgets.models import StationModel, read_model_data

FIELDS = (
    # id, label, percent?, maximum
    ("users", "Users (people or devices)", False, 1e10),
    ("per-day", "Requests per user per day", False, 1000.0),
    ("rate", "Share sent to reviewers (%)", True, 1.0),
    ("household", "Your household's requests a day", False, 1000.0),
)


class SamplingCalculator(StationModel):
    COMPONENT_CLASSES = {"sampling--result", "sampling--error"}
    BINDINGS = [
        Binding("a", "change_numbers", "Change the numbers"),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
    ]

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        data, self.notice = read_model_data(course, station)
        self.presets = [p for p in data.get("presets", []) if isinstance(p, dict) and "rate_percent" in p]
        self.clips_per_shift = float(data.get("clips_per_shift", sampling.CLIPS_PER_SHIFT))
        self.shift_sources = list(data.get("clips_per_shift_sources", []))
        first_rate = float(self.presets[0]["rate_percent"]) if self.presets else 0.2
        self.values = {
            "users": float(data.get("default_users", 10_000_000)),
            "per-day": float(data.get("default_requests_per_day", 5)),
            "rate": first_rate / 100,
            "household": float(data.get("default_household_requests", 10)),
        }
        self.errors: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Sampling calculator · a: change the numbers (↑ ↓ between fields, esc: leave "
                            "them) · enter: use a company's figure")), classes="model-title")
        for field_id, label, percent, _maximum in FIELDS:
            value = self.values[field_id] * (100 if percent else 1)
            shown = f"{value:,.0f}" if value >= 1000 and value == int(value) else f"{value:g}"
            with Horizontal(classes="sampling-row"):
                yield Label(Text(_(label)), classes="sampling-label")
                yield Input(shown, id=f"sampling-{field_id}", classes="sampling-input")
        yield OptionList(*[Option(Text(p.get("label", "")), id=f"preset-{i}") for i, p in enumerate(self.presets)],
                         id="sampling-presets")
        yield Static("", id="sampling-result", markup=False)

    def on_mount(self) -> None:
        self.refresh_result()

    def focus(self, scroll_visible: bool = True) -> Self:
        for target in self.query("#sampling-presets"):
            target.focus(scroll_visible)
        return self

    def action_change_numbers(self) -> None:
        field = self.query_one("#sampling-users", Input)
        field.focus()
        field.action_end()

    def inputs(self) -> sampling.SamplingInputs:
        return sampling.SamplingInputs(
            users=self.values["users"], requests_per_day=self.values["per-day"],
            review_rate=self.values["rate"], household_requests_per_day=self.values["household"],
            clips_per_shift=self.clips_per_shift,
        )

    @on(Input.Changed, ".sampling-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        field_id = (event.input.id or "").removeprefix("sampling-")
        spec = next(f for f in FIELDS if f[0] == field_id)
        try:
            value = sampling.parse_number(event.value, percent=spec[2], maximum=spec[3])
        except sampling.InputError as error:
            self.errors[field_id] = f"{_(spec[1])}: {error}"
        else:
            self.errors.pop(field_id, None)
            if value != self.values[field_id]:
                self.values[field_id] = value
                self.interacted()
        self.refresh_result()

    @on(Input.Submitted, ".sampling-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.app.action_focus_next()

    @on(OptionList.OptionSelected, "#sampling-presets")
    def _preset(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.apply_preset(event.option_index)

    @on(OptionList.OptionHighlighted, "#sampling-presets")
    def _preset_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.refresh_result()

    def apply_preset(self, index: int) -> None:
        preset = self.presets[index]
        self.query_one("#sampling-rate", Input).value = f"{float(preset['rate_percent']):g}"
        self.values["rate"] = float(preset["rate_percent"]) / 100
        self.errors.pop("rate", None)
        self.interacted()
        self.refresh_result()

    def _preset_sources(self) -> str:
        option_list = self.query_one("#sampling-presets", OptionList)
        index = option_list.highlighted
        if index is None or not self.presets:
            return ""
        ids = self.presets[index].get("sources", [])
        cited = [self.course.sources[s] for s in ids if s in self.course.sources]
        return "; ".join(f"{s.publisher}, {s.date}" for s in cited)

    def refresh_result(self) -> None:
        result = sampling.compute(self.inputs())
        strong = self.get_component_rich_style("sampling--result")
        text = Text()
        if self.notice:
            text.append(self.notice + "\n", "italic")
        for message in self.errors.values():
            text.append("⚠ " + message + "\n", self.get_component_rich_style("sampling--error"))
        fmt = sampling.format_count
        text.append(f"{_('Requests a day, all users')}: {fmt(result.requests_per_day)}\n")
        text.append(f"{_('Clips sent to people a day')}: ")
        text.append(fmt(result.reviewed_per_day) + "\n", strong)
        text.append(f"{_('Reviewer shifts a day')} (~{self.clips_per_shift:,.0f} {_('clips a shift')}): ")
        text.append(f"{result.shifts_per_day:,}\n", strong)
        per_year = self.values["household"] * sampling.DAYS_PER_YEAR
        text.append(f"{_('Your household')}: {fmt(per_year)} {_('requests a year')} → ")
        text.append(f"{fmt(result.household_reviewed_per_year)} {_('reviewed a year')}", strong)
        text.append(f" ({_('chance of at least one')}: {sampling.format_chance(result.household_chance_any_per_year)})\n")
        sources = self._preset_sources()
        if sources:
            text.append(_("Highlighted rate reported by") + ": " + sources + "\n", "dim")
        text.append(_("Users and requests a day are made-up starting values; change them."), "dim italic")
        self.query_one("#sampling-result", Static).update(text)
