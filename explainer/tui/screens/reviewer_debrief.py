"""The end of a shift: "what you now know" about each household, and what the tool showed.

This is where the seat's lesson lands. The learner sees, household by household, the facts
they picked up from a handful of short clips -- each with the clip and the words that gave it
away, and whether they flagged it as critical data -- next to the metadata the review tool reportedly put
beside every clip, and Amazon's 2019 statement that reviewers had no direct access to
identifying information. Then the pace they kept, and questions to talk about.

Everything shown is built by ``explainer.learning.shift_debrief``; this screen only lays it
out, as ``rich.text.Text`` (no markup is parsed, so content cannot inject styles).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from explainer.i18n import _
from explainer.learning.shift import REPORTED_CLIPS_PER_SHIFT, REPORTED_SECONDS_PER_CLIP
from explainer.learning.shift_debrief import Debrief, HouseholdDebrief, Quote
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.hanging import Hanging
from explainer.tui.widgets.reviewer_bars import SyntheticBanner


def _quote(text: Text, quote: Quote) -> None:
    text.append(f"  “{quote.text}”\n", "italic")
    text.append(f"  — {quote.attribution}")
    if quote.source is not None:
        src = quote.source
        text.append(
            f"\n    {src.publisher}, “{src.title}”, {src.date}, {src.url}", "dim"  # no id: learners read names
        )
    text.append("\n")


def _household(text: Text, item: HouseholdDebrief) -> None:
    h = item.household
    text.append(f"\n{h.name}\n", "bold")
    heard = _("  You heard 1 clip. ") if len(item.clip_ids) == 1 else _("  You heard {n} clips. ")
    text.append(heard.format(n=len(item.clip_ids)))
    text.append(_("What you now know:") + "\n")
    for fact in item.facts:
        mark = "·" if not fact.kind else ("✓" if fact.flagged else "✗")
        text.append(f"   {mark} {fact.text}\n")
        heard = _("{clip}: “{words}”").format(clip=fact.clip_id, words=fact.words)
        if fact.kind:
            note = _("you flagged it ({kind})") if fact.flagged else _("you did not flag it ({kind})")
            heard += " · " + note.format(kind=fact.kind)
        text.append(f"      {heard}\n", "dim")
    if not item.facts:
        text.append("   " + _("(nothing personal in these clips)") + "\n", "dim")
    text.append("  " + _("The tool showed beside each clip:") + "\n")
    names = ", ".join(item.first_names) or "?"
    times = ", ".join(t.replace("T", " ")[:16] for t in item.times)
    text.append(
        "   "
        + _("first name {names} · account {account} · device {serial} · {city}").format(
            names=names, account=h.account, serial=h.device_serial, city=h.city
        )
        + "\n"
    )
    if times:
        text.append("   " + _("times: {times}").format(times=times) + "\n")


def debrief_text(debrief: Debrief) -> Text:
    text = Text()
    text.append(_("Debrief: what you now know") + "\n", "bold")
    pace = debrief.pace
    if debrief.mean_wer is not None and debrief.label_accuracy is not None:
        text.append(
            (_("You reviewed 1 clip: mean WER {wer:.2f}, labels {acc:.0f}% right") if debrief.clips_answered == 1
             else _("You reviewed {n} clips: mean WER {wer:.2f}, labels {acc:.0f}% right")).format(
                n=debrief.clips_answered, wer=debrief.mean_wer, acc=debrief.label_accuracy * 100
            )
        )
        if debrief.clips_skipped:
            text.append(_(", {n} skipped").format(n=debrief.clips_skipped))
        text.append(".\n")
    if pace.seconds_per_clip is not None and pace.projected_per_shift is not None:
        text.append(
            _(
                "Your pace: {spc:.0f} s a clip, {projected:,.0f} clips in 9 hours. "
                "Reported: up to {reported:,} clips, about {rspc:.1f} s a clip."
            ).format(
                spc=pace.seconds_per_clip,
                projected=pace.projected_per_shift,
                reported=REPORTED_CLIPS_PER_SHIFT,
                rspc=REPORTED_SECONDS_PER_CLIP,
            )
            + "\n"
        )
    if debrief.per_clip:
        text.append(_("Accuracy against speed, clip by clip:") + "\n")
        for row in sorted(debrief.per_clip, key=lambda r: r.seconds):
            text.append(
                "   "
                + _("{s:>4.0f} s   WER {wer}   labels {acc:>3.0f}%   {clip}").format(
                    s=row.seconds, wer=f"{row.wer:.2f}" if row.wer is not None else "  — ",
                    acc=row.label_accuracy * 100, clip=row.clip_id,
                )
                + "\n"
            )
    for item in debrief.households:
        _household(text, item)
    text.append("\n" + _("Amazon said in April 2019 that its employees:") + "\n", "bold")
    _quote(text, debrief.statement)
    if debrief.distress is not None:
        text.append(
            "\n" + _("On distressing clips, reviewers reported being told it was:") + "\n", "bold"
        )
        _quote(text, debrief.distress)
    text.append("\n" + _("Talk about it:") + "\n", "bold")
    for number, question in enumerate(debrief.reflection, 1):
        text.append(f"  {number}. {question}\n")
    return text


class ReviewerDebriefScreen(Screen[bool]):
    """Shown when a shift ends (and again on demand). Dismisses True for "start a new shift"."""

    HELP_TITLE = "Reviewer debrief"
    BINDINGS = [
        Binding("n", "new_shift", "New shift"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, debrief: Debrief) -> None:
        super().__init__(id="reviewer-debrief-screen")
        self.debrief = debrief

    def compose(self) -> ComposeResult:
        yield SyntheticBanner(id="reviewer-banner")
        with VerticalScroll(id="reviewer-debrief-scroll"):
            yield Static(Hanging(debrief_text(self.debrief)), id="reviewer-debrief")  # facts wrap under their text
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reviewer-debrief-scroll").focus()

    def action_new_shift(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
