"""The one-line strips of the reviewer seat: the synthetic banner, the shift bar, the tool header.

* The banner is on every reviewer screen: the audio is synthetic, the households fictional.
* The shift bar is the pace the 2019 reviewers were held to, set against the learner's own:
  a clock, clips done, clips per hour, and the projection for a 9-hour shift against the
  reported ~1,000 clips (facts.md §4.2).
* The tool header shows what a reviewer's tool reportedly showed beside each clip: clip id,
  device serial, account number, first name, time and rough location (facts.md §3.1).
All text is content or numbers put into ``rich.text.Text``, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from explainer.course.model import Clip, Household
from explainer.i18n import _
from explainer.learning.shift import REPORTED_CLIPS_PER_SHIFT, REPORTED_SHIFT_HOURS, Shift


def synthetic_banner() -> str:
    return _("SYNTHETIC AUDIO · fictional households · no real person was recorded")


class SyntheticBanner(Static):
    def on_mount(self) -> None:
        self.update(Text(synthetic_banner()))


def clock_text(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def shift_line(shift: Shift) -> str:
    pace = shift.pace()
    done = len(shift.records)
    parts = [
        "⏱ " + clock_text(shift.elapsed()),
        _("clips {done}/{total}").format(done=done, total=len(shift.clip_ids)),
    ]
    if pace.clips_per_hour is not None and pace.projected_per_shift is not None:
        parts.append(_("{rate:.0f} clips/h").format(rate=pace.clips_per_hour))
        parts.append(
            _("→ {projected:,.0f} per {hours} h shift (reported ~{reported:,})").format(
                projected=pace.projected_per_shift,
                hours=REPORTED_SHIFT_HOURS,
                reported=REPORTED_CLIPS_PER_SHIFT,
            )
        )
    else:
        parts.append(
            _("reported pace: ~{reported:,} clips per {hours} h shift").format(
                reported=REPORTED_CLIPS_PER_SHIFT, hours=REPORTED_SHIFT_HOURS
            )
        )
    return " · ".join(parts)


class ShiftBar(Static):
    """Redrawn by the screen once a second and after each clip."""

    def show(self, shift: Shift | None, finished: int = 0) -> None:
        if shift is not None:
            self.update(Text(shift_line(shift)))
        elif finished:  # back from a debrief: "No shift yet" would deny the shift just worked
            done = _("1 shift done") if finished == 1 else _("{n} shifts done").format(n=finished)
            self.update(Text(done + " · " + _("Enter starts another; Esc: the map")))
        else:
            self.update(Text(_("No shift yet")))


def tool_header(clip: Clip, household: Household | None, position: str) -> Text:
    when = clip.recorded_at.replace("T", " ")[:16]
    text = Text()
    text.append(_("Clip {position} · {id}").format(position=position, id=clip.id), "bold")
    text.append(f" · {when}\n")
    # Three short lines, so the captions below fit at 80x24 (the tool showed all of this per clip).
    rows = [
        [(_("first name"), clip.first_name), (_("account"), household.account if household else "?")],
        [(_("device"), household.device_serial if household else "?"), ("", household.city if household else "?")],
    ]
    text.append("\n".join(" · ".join(f"{label}: {value}" if label else value for label, value in row) for row in rows))
    return text


class ToolHeader(Static):
    """The metadata line of the reviewer's tool for the current clip."""

    def show(self, clip: Clip, household: Household | None, position: str) -> None:
        self.update(tool_header(clip, household, position))
