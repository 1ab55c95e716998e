"""Station 2's model: one request on a timeline, and the end-of-speech timeout that decides its length.

The learner moves the timeout with ←/→ and sees the uploaded span grow or shrink: too short
and "twenty minutes" is cut off after a hesitation; too long and a family member's question
rides along. Below the timeline: seconds and kilobytes uploaded (16 kHz, 16-bit) and what
travels with the audio -- fictional values, with who reported each kind of detail.
The arithmetic lives in ``explainer.learning.timeline``.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.learning import timeline
from explainer.tui.widgets.models import StationModel, read_model_data

COLUMNS = 72
GLYPHS = {"room": "░", "wake": "█", "speech": "▓", "bystander": "▒"}
STEP = 0.1


def draw_scene(scene: tuple[timeline.Sound, ...], columns: int, length: float) -> str:
    row = [" "] * columns
    for sound in scene:
        first = int(sound.start / length * columns)
        last = max(first + 1, int(sound.end / length * columns))
        for column in range(first, min(last, columns)):
            row[column] = GLYPHS.get(sound.kind, "?")
    return "".join(row)


class ListeningTimeline(StationModel, can_focus=True):
    COMPONENT_CLASSES = {"timeline--upload", "timeline--warn", "timeline--wake"}
    BINDINGS = [
        Binding("left", "timeout(-1)", "Shorter timeout", show=False),
        Binding("right", "timeout(1)", "Timeout −/+"),
        Binding("home", "preset(0.2)", "Shortest", show=False),
        Binding("end", "preset(2.0)", "Longest", show=False),
        Binding("0", "reset", "Reset", show=False),
        Binding("up", "metadata(-1)", "Previous detail", show=False),
        Binding("down", "metadata(1)", "Who reported it"),
    ]

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        data, self.notice = read_model_data(course, station)
        self.metadata = [m for m in data.get("metadata", []) if isinstance(m, dict)]
        self.default_timeout = timeline.clamp_timeout(float(data.get("default_timeout", 0.7)))
        self.timeout = self.default_timeout
        self.meta_index = 0
        self.pre_roll = timeline.pre_roll_of(course)  # facts.toml: the same number the lessons state

    def compose(self) -> ComposeResult:
        yield Static("", id="timeline-view", markup=False)
        yield Static("", id="timeline-metadata", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        length = timeline.scene_length()
        got = timeline.capture(self.timeout, pre_roll=self.pre_roll)
        upload = self.get_component_rich_style("timeline--upload")
        warn = self.get_component_rich_style("timeline--warn")
        view = Text()
        view.append(_("One request, drawn to scale (an illustrative scene)") + "\n", "bold")
        view.append(draw_scene(timeline.SCENE, COLUMNS, length) + "\n")
        first = int(got.start / length * COLUMNS)
        last = max(first + 1, int(got.end / length * COLUMNS))
        view.append(" " * first)
        view.append("━" * (last - first), upload)
        view.append(" " + _("uploaded") + "\n", upload)
        ticks = "".join("|" if c % int(COLUMNS / length) == 0 else " " for c in range(COLUMNS))
        view.append(ticks + "\n", "dim")
        view.append(f"░ {_('room')}  █ {_('wake word')}  ▓ {_('request')}  ▒ {_('someone else')}"
                    f"   | = 1 s\n", "dim")
        view.append(f"\n{_('End-of-speech timeout')}: {self.timeout:.1f} s  (←/→)   ", "bold")
        view.append(f"{_('pre-roll')}: {self.pre_roll:.1f} s {_('before the wake word')}\n")
        view.append(f"{_('Uploaded')}: {got.seconds:.1f} s ≈ {got.kilobytes:,.0f} kB "
                    f"({_('16 kHz, 16-bit mono, before compression')})\n", upload)
        heard = " ".join(s.text for s in got.heard)
        view.append(_("What the cloud receives") + f": “{heard}”\n")
        if got.cut_off:
            view.append(_("Cut off: the speaker paused, the device stopped listening, the timer is wrong.") + "\n", warn)
        if got.bystander:
            view.append(_("Someone else's words were uploaded too -- they never said the wake word.") + "\n", warn)
        if not got.cut_off and not got.bystander:
            view.append(_("Just right for this scene -- but every speaker pauses differently.") + "\n")
        self.query_one("#timeline-view", Static).update(view)
        self.query_one("#timeline-metadata", Static).update(self._metadata_text())

    def _metadata_text(self) -> Text:
        text = Text()
        text.append(_("What travels with it (values fictional) -- ↑/↓ who reported each:") + "\n", "bold")
        if self.notice:
            text.append(self.notice + "\n", "italic")
        for index, entry in enumerate(self.metadata):
            chosen = index == self.meta_index
            text.append(("▶ " if chosen else "  ") + f"{entry.get('field', '')}: ", "bold")
            text.append(f"{entry.get('value', '')}\n", "reverse" if chosen else "")
        if self.metadata:
            entry = self.metadata[self.meta_index]
            sources = [self.course.sources[s] for s in entry.get("sources", []) if s in self.course.sources]
            cited = "; ".join(f"{s.publisher}, {s.date}" for s in sources) or _("illustrative")
            text.append(f"{entry.get('why', '')} [{cited}]", "italic")
        return text

    def action_timeout(self, step: int) -> None:
        self.set_timeout(self.timeout + step * STEP)

    def action_metadata(self, step: int) -> None:
        if self.metadata:
            self.meta_index = (self.meta_index + step) % len(self.metadata)
            self.interacted()
            self.query_one("#timeline-metadata", Static).update(self._metadata_text())

    def action_reset(self) -> None:
        self.set_timeout(self.default_timeout)

    def action_preset(self, seconds: float) -> None:
        self.set_timeout(seconds)

    def set_timeout(self, seconds: float) -> None:
        new = timeline.clamp_timeout(seconds)
        if new != self.timeout:
            self.timeout = new
            self.interacted()
        self.refresh_view()
