"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

Station 3's model: a recogniser does not hear one sentence, it weighs several. Pick a
shipped clip and the lab's real offline recogniser (LAB-CORE's ``explainer.voice.asr``)
decodes it in a worker and lists its N best guesses with their scores, next to what was
truly said. If the recogniser is not in this build, the model says so -- it never invents
scores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Self

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.tui import lab_adapter
from explainer.tui.host import Host
from explainer.tui.widgets.lab_controls import BusyLine
from explainer.tui.widgets.models import ReportsInteraction

N_BEST = 5


class NBestExplorer(ReportsInteraction, Widget):
    app = getters.app(Host)

    def __init__(self, station: Station, course: Course, **kwargs) -> None:
        super().__init__(**kwargs)
        self.station, self.course = station, course
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
        status = self.query_one(BusyLine)
        if lab_adapter._module("asr") is None:
            status.done(_("The lab's speech recogniser (explainer.voice.asr) is not installed in this build, "
                          "so no hypotheses can be shown."), "bold")
        else:
            status.done(_("Press enter on a clip to run the recogniser on it."))

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
    def _decode(self, clip) -> None:  # noqa: ANN001
        cache = self.app.config.data.clip_cache_dir
        try:
            samples, _path = lab_adapter.clip_samples16k(clip, Path(self.course.root), cache)
            hypotheses = lab_adapter.nbest(samples, N_BEST)
        except lab_adapter.LabUnavailable as missing:
            self.app.call_from_thread(self._done, clip, None, str(missing))
            return
        except Exception as error:  # noqa: BLE001 - no audio, decoder failure: a sentence
            self.app.call_from_thread(self._done, clip, None, _("Could not decode it: {e}").format(e=error))
            return
        self.app.call_from_thread(self._done, clip, hypotheses, "")

    def _done(self, clip, hypotheses: list[tuple[str, float]] | None, message: str) -> None:  # noqa: ANN001
        if clip.id != self.wanted:
            return  # an older decode finishing after the learner picked another clip
        status = self.query_one(BusyLine)
        if hypotheses is None:
            status.done(message, "bold")
            return
        shares = score_shares([score for _words, score in hypotheses])
        if shares is None:
            status.done(_("{n} hypotheses, best first (higher score = more likely to the recogniser).").format(
                n=len(hypotheses)))
        else:
            status.done(_("{n} hypotheses, best first, each with its share of the recogniser's score among these "
                          "{n}. Close shares mean it could hardly tell them apart; a share is not the chance "
                          "that a guess is right.").format(n=len(hypotheses)))
        text = Text()
        for rank, (words, score) in enumerate(hypotheses, 1):
            text.append(f"{rank}. ", "bold")
            text.append(f"{shares[rank - 1]:>6.1%}  " if shares is not None else f"{score:>10.3g}  ", "dim")
            text.append(f"{words or _('(silence)')}\n", "bold" if rank == 1 else "")
        text.append(_("truly said") + f": {clip.transcript}", "italic")
        self.query_one("#nbest-result", Static).update(text)


def score_shares(scores: list[float]) -> list[float] | None:
    """Each score as a share of their sum (0..1), so near-ties read as near-ties; None if that
    makes no sense (no scores, or any that is not positive: then the raw scores are shown)."""
    if not scores or any(score <= 0 for score in scores):
        return None
    total = sum(scores)
    return [score / total for score in scores]
