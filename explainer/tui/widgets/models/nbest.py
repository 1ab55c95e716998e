"""Station 3's model: a recogniser does not hear one sentence, it weighs several.

Pick a shipped clip and the lab's real offline recogniser (asked through the app's lab
service, ``app.lab.nbest``) decodes it in a worker and lists its N best guesses, sorted by the
decoder's own score and shown against the best one on a scale the learner is told about,
next to what was truly said. If the decoder cannot run, the model says so -- it never invents
scores.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Self

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer.course.model import Clip, Course, Station
from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.widgets.lab_controls import BusyLine
from explainer.tui.widgets.models import StationModel

N_BEST = 5



LOG_BASE = 1.0001  # pocketsphinx's log base for its scores (explainer.voice.asr.NBEST_SCALE)


def less_likely(gap: float) -> str:
    """A score gap in the decoder's log units as a person says it: "about 100 times less likely" ("" under 2)."""
    times = LOG_BASE ** max(gap, 0.0) if gap < 500_000 else float("inf")
    if times < 2:
        return ""  # about as likely: the number says enough
    if times < 20:
        return _("about {n} times less likely").format(n=f"{times:.0f}")
    if times > 1e9:
        return _("over a billion times less likely")
    power = round(math.log10(times))
    return _("about {n} times less likely").format(n=f"{10 ** power:,}")

class NBestExplorer(StationModel):
    app = getters.app(Host)

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        self.wanted: str | None = None
        # Opt-in clips (with a content note) stay behind their note in the reviewer seat.
        plain = [clip for clip in course.clips if not clip.content_note]
        self.clips = [clip for clip in plain if clip.kind in ("command", "hard", "child", "false-wake")] or plain

    def compose(self) -> ComposeResult:
        yield Static(Text(_("N-best guesses · ↑/↓ pick a clip · enter: run the recogniser on it")),
                     classes="model-title")
        yield OptionList(*[Option(Text(clip.title), id=clip.id) for clip in self.clips], id="nbest-clips")
        yield BusyLine("", id="nbest-status")
        yield Static("", id="nbest-result", markup=False)

    def on_mount(self) -> None:
        self.query_one(BusyLine).done(_("Press enter on a clip to run the recogniser on it."))

    def focus(self, scroll_visible: bool = True) -> Self:
        for options in self.query("#nbest-clips"):
            options.focus(scroll_visible)
        return self

    @on(OptionList.OptionSelected, "#nbest-clips")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.interacted()
        clip = self.course.clip(str(event.option.id))
        self.wanted = clip.id
        self.query_one(BusyLine).busy(_("Decoding “{t}”…").format(t=clip.title))
        self.query_one("#nbest-result", Static).update("")
        self._decode(clip)

    @work(thread=True, exclusive=True, group="nbest", exit_on_error=False)
    def _decode(self, clip: Clip) -> None:
        from explainer.voice import render
        from explainer.voice.audio import read_wav, resample

        cache = self.app.config.data.clip_cache_dir
        try:
            audio = render.clip_audio(clip, Path(self.course.root), cache)
            samples, rate = read_wav(audio.path)
            hypotheses = self.app.lab.nbest(resample(samples, rate, 16000), N_BEST)
        except Exception as error:  # noqa: BLE001 - no audio, decoder failure: a sentence
            self.app.call_from_thread(self._done, clip, None, _("Could not decode it: {e}").format(e=error))
            return
        self.app.call_from_thread(self._done, clip, hypotheses, "")

    def _done(self, clip: Clip, hypotheses: list[tuple[str, float]] | None, message: str) -> None:
        if clip.id != self.wanted:
            return  # an older decode finishing after the learner picked another clip
        status = self.query_one(BusyLine)
        if hypotheses is None:
            status.done(message, "bold")
            return
        # the service's scale sentence (log units, base 1.0001) in words that fit three lines at 80 columns
        status.done(_("{n} hypotheses, sorted by the recogniser's own score. The number is each one's gap below the "
                      "best, in the recogniser's log units: under 7,000 means it found it at least half as likely.").format(
            n=len(hypotheses)))
        text = Text()
        ranked = sorted(hypotheses, key=lambda h: h[1], reverse=True)
        best = ranked[0][1] if ranked else 0.0
        for rank, (words, score) in enumerate(ranked, 1):
            text.append(f"{rank}. ", "bold")
            text.append(f"{score:>8.0f}  " if rank > 1 else f"{_('best'):>8}  ", "dim")
            text.append(f"{words or _('(silence)')}", "bold" if rank == 1 else "")
            far = less_likely(best - score) if rank > 1 else ""
            text.append(f"  ({far})\n" if far else "\n", "dim")  # only when it is not about as likely
        text.append(_("truly said") + f": {clip.transcript}", "italic")
        self.query_one("#nbest-result", Static).update(text)

