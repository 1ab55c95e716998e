"""A waveform strip: the clip's loudness in block characters, with marks and a playhead.

Reviewers saw where speech was in a clip before they listened. Here the strip also shows what
the device did: where the kept pre-roll starts, where the wake word was heard, where the speech
ended -- and, with no sound card, the moving playhead is how the learner follows the captions.

Self-contained and reusable (the reviewer seat and the lab both use it), so it carries its own
DEFAULT_CSS with theme variables. Attributes go down (``envelope``, ``duration``, ``marks``,
``playhead``, ``rows``); a click posts :class:`Waveform.Seeked` up.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from explainer.i18n import _

BLOCKS = " ▁▂▃▄▅▆▇█"
MARK_LETTERS = {"pre-roll": "P", "wake": "W", "end": "E"}


def _mark_names() -> dict[str, str]:
    return {"pre-roll": _("pre-roll starts"), "wake": _("wake word"), "end": _("end of speech")}


def fit(envelope: list[float], columns: int) -> list[float]:
    """Resample an envelope to ``columns`` values by taking the peak of each slice."""
    if columns <= 0:
        return []
    if not envelope:
        return [0.0] * columns
    out = []
    n = len(envelope)
    for col in range(columns):
        a = col * n // columns
        b = max(a + 1, (col + 1) * n // columns)
        out.append(max(envelope[a:b]))
    return out


class Waveform(Widget):
    """Loudness over time in one or two rows of blocks, a row of mark letters, and a playhead.  Held to fewer
    lines than that (``height: 1fr`` on a full screen), it gives up a row of blocks, then puts the letters on
    the wave."""

    DEFAULT_CSS = """
    Waveform {
        height: auto;
        min-height: 1;
        width: 1fr;
    }
    Waveform > .waveform--bar { color: $primary; }
    Waveform > .waveform--played { color: $accent; }
    Waveform > .waveform--mark { color: $warning; text-style: bold; }
    Waveform > .waveform--playhead { color: $foreground; background: $accent 40%; text-style: bold; }
    Waveform > .waveform--pre-roll { background: $warning 15%; }
    """
    COMPONENT_CLASSES = {"waveform--bar", "waveform--played", "waveform--mark", "waveform--playhead", "waveform--pre-roll"}

    envelope: reactive[tuple[float, ...]] = reactive(tuple, layout=False)
    duration: reactive[float] = reactive(0.0)
    marks: reactive[dict[str, float]] = reactive(dict)
    playhead: reactive[float | None] = reactive(None)
    rows: reactive[int] = reactive(2, layout=True)
    show_labels: reactive[bool] = reactive(True, layout=True)

    class Seeked(Message):
        """The learner clicked the strip: play from ``seconds``."""

        def __init__(self, waveform: Waveform, seconds: float) -> None:
            super().__init__()
            self.waveform = waveform
            self.seconds = seconds

        @property
        def control(self) -> Waveform:
            return self.waveform

    def __init__(
        self,
        envelope: list[float] | None = None,
        duration: float = 0.0,
        *,
        marks: dict[str, float] | None = None,
        rows: int = 2,
        show_labels: bool = True,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(Waveform.envelope, tuple(envelope or ()))
        self.set_reactive(Waveform.duration, float(duration))
        self.set_reactive(Waveform.marks, dict(marks or {}))
        self.set_reactive(Waveform.rows, 1 if rows <= 1 else 2)
        self.set_reactive(Waveform.show_labels, show_labels)

    def show(self, envelope: list[float], duration: float, marks: dict[str, float] | None = None) -> None:
        """Load a new clip's picture in one go."""
        self.envelope = tuple(envelope)
        self.duration = float(duration)
        self.marks = dict(marks or {})
        self.playhead = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.rows + (1 if self.show_labels else 0)

    def _column(self, seconds: float, width: int) -> int:
        if self.duration <= 0 or width <= 0:
            return -1
        return min(width - 1, max(0, int(seconds / self.duration * width)))

    def _layout(self) -> tuple[int, bool]:
        """How many rows of blocks fit, and whether the mark letters sit on the wave itself. Given fewer lines
        than it asks for (a screen where every other line is needed), the strip gives up a row of blocks first,
        then the letters' own row: the letters go on the wave, never out of sight."""
        height = self.content_size.height
        if not self.show_labels or height <= 0 or height >= self.rows + 1:
            return self.rows, False
        if height >= 2:
            return height - 1, False
        return 1, True

    def render(self) -> Text:
        width = max(1, self.content_size.width or self.size.width)
        rows, on_wave = self._layout()
        levels = fit(list(self.envelope), width)
        mark_cols = {self._column(t, width): name for name, t in self.marks.items() if t is not None}
        head = self._column(self.playhead, width) if self.playhead is not None else -1
        pre_from = self._column(self.marks["pre-roll"], width) if "pre-roll" in self.marks else -1
        pre_to = self._column(self.marks["wake"], width) if "wake" in self.marks else -1
        bar = self.get_component_rich_style("waveform--bar")
        played = self.get_component_rich_style("waveform--played")
        mark = self.get_component_rich_style("waveform--mark")
        playhead = self.get_component_rich_style("waveform--playhead")
        preroll = self.get_component_rich_style("waveform--pre-roll")
        text = Text(no_wrap=True, overflow="crop")
        steps = len(BLOCKS) - 1
        for row in range(rows):
            floor = (rows - 1 - row) * steps  # the top row shows only the part above the bottom row
            for col, level in enumerate(levels):
                units = int(round(level * steps * rows)) - floor
                char = BLOCKS[min(steps, max(0, units))]
                style = played if 0 <= head and col < head else bar
                if pre_from <= col < pre_to:
                    style = style + preroll
                if col == head:
                    style = playhead
                    char = char if char.strip() else "│"
                if on_wave and col in mark_cols:
                    char, style = MARK_LETTERS.get(mark_cols[col], "•"), playhead if col == head else mark
                text.append(char, style)
            if not on_wave:
                text.append("\n")
        if self.show_labels and not on_wave:
            for col in range(width):
                if col in mark_cols:
                    text.append(MARK_LETTERS.get(mark_cols[col], "•"), mark)
                elif col == head:
                    text.append("▲", playhead)
                else:
                    text.append(" ")
        else:
            text.rstrip()
        return text

    def describe(self) -> str:
        """The strip in words, for the help line and screen readers."""
        names = _mark_names()
        parts = [f"{names.get(k, k)} {v:.1f} s" for k, v in sorted(self.marks.items(), key=lambda kv: kv[1])]
        where = "" if self.playhead is None else _("playhead {now:.1f} of {total:.1f} s").format(
            now=self.playhead, total=self.duration
        )
        return "; ".join(p for p in (*parts, where) if p)

    def on_click(self, event: events.Click) -> None:
        width = self.content_size.width or self.size.width
        if self.duration > 0 and width > 0:
            self.post_message(self.Seeked(self, event.x / width * self.duration))
