"""The reviewer seat's panes, one per step of a shift (``learning.shift_flow.Step``).

Each pane is a plain widget that shows what it is given and posts what the learner pressed;
the screen switches between them and moves focus to the pane's next action. Every control in
them is a visible one-line ``ActionButton`` or compact checkbox, so at 80x24 nothing (Next
included) falls below the edge, and a hidden pane holds nothing that could take focus.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ProgressBar, Static

from explainer.course.model import Clip, Course
from explainer.i18n import _
from explainer.learning.shift_rules import rule_for
from explainer.learning.shift_score import RULE_IDS, Answer, ClipScore
from explainer.tui.widgets.action_button import ActionButton
from explainer.tui.widgets.reviewer_feedback import ReviewerFeedback
from explainer.tui.widgets.reviewer_task import TickBox


def intro_text() -> str:
    return _(
        "You are now a reviewer for a voice assistant. Work a shift of 6 short clips: listen, "
        "correct the machine's transcript, choose the intent, flag false wakes and personal data.\n\n"
        "In 2019 reviewers reportedly handled up to 1,000 clips in a 9-hour shift: about 32 seconds "
        "a clip. Your clock runs only while this screen is open, and your shift is saved as you go.\n\n"
        "Keys do the work: Space plays a clip, e edits the transcript, i picks the intent, w marks a "
        "false wake, 1-6 flag personal data, Enter submits (W: a false wake, flagged and submitted at once). "
        "? lists every key; F2 shows the rules."
    )


class IntroPane(VerticalScroll, can_focus=False):
    """What the seat is, the opt-in for the clip with a content note, and Start."""

    def __init__(self, content_note: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.content_note = content_note

    def compose(self) -> ComposeResult:
        yield Static(Text(intro_text()), id="reviewer-intro-text")
        if self.content_note:
            yield TickBox(_("o Include one clip with a content note"), id="reviewer-optin", compact=True)
            yield Static(Text(_("Content note: ") + self.content_note), id="reviewer-optin-note")
        yield ActionButton(_("Start the shift ⏎"), id="reviewer-start", primary=True)


class GatePane(Vertical):
    """Before a clip with a content note: it plays only if the learner chooses to listen."""

    def compose(self) -> ComposeResult:
        yield Static(id="reviewer-gate-note")
        with Horizontal(classes="reviewer-row"):
            yield ActionButton(_("Skip it (k)"), id="reviewer-gate-skip", primary=True)
            yield ActionButton(_("Listen to this clip (l)"), id="reviewer-gate-listen")

    def show(self, note: str) -> None:
        text = Text(_("The next clip has a content note:") + "\n\n", style="bold")
        text.append(note + "\n\n")
        text.append(_("It will not play unless you choose to listen. Skipping costs you nothing."))
        self.query_one("#reviewer-gate-note", Static).update(text)


class LoadingPane(Vertical):
    """While a clip is prepared: what is happening and, when it is measurable, a real progress bar."""

    def compose(self) -> ComposeResult:
        yield Static(id="reviewer-loading-label")
        yield ProgressBar(total=1, show_eta=False, id="reviewer-progress")

    def waiting(self, position: str) -> None:
        self.query_one("#reviewer-loading-label", Static).update(
            Text(_("Preparing clip {position}…").format(position=position))
        )
        self.query_one(ProgressBar).display = False  # nothing measurable yet: no bar rather than a fake one

    def progress(self, done: int, total: int, what: str) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        self.query_one("#reviewer-loading-label", Static).update(
            Text(_("Rendering the clip's audio with the speech engine: {what}").format(what=what))
        )


class _Scroll(VerticalScroll, can_focus=False):
    """Scrolls by the screen's ↑/↓ keys while focus stays on Next (no hidden Tab stop)."""


class FeedbackPane(Vertical):
    """The feedback, scrolling, with Next always on screen below it."""

    def compose(self) -> ComposeResult:
        with _Scroll(id="reviewer-feedback-scroll"):
            yield ReviewerFeedback(id="reviewer-feedback")
        with Horizontal(id="reviewer-next-row", classes="reviewer-row"):
            yield ActionButton(_("Next clip ⏎"), id="reviewer-next", primary=True)
            yield Static(Text(_("↑↓ scroll the feedback")), classes="reviewer-hint")

    def scroll(self, lines: int) -> None:
        self.query_one(_Scroll).scroll_relative(y=lines, animate=False)

    def show(self, course: Course, clip: Clip, score: ClipScore, seconds: float, position: str, answer: Answer, *,
             finished: bool) -> ActionButton:
        """One scored clip's feedback from its top, and Next labelled for what follows; returns Next."""
        self.query_one(ReviewerFeedback).show(course, clip, score, seconds, position, answer)
        self.scroll(-10_000)
        label = _("See the debrief ⏎") if finished else _("Next clip ⏎")
        next_button = self.query_one("#reviewer-next", ActionButton)
        next_button.update(label)
        return next_button


class RulesSidebar(Static):
    """The rulebook's short lines, numbered; F2 shows them whole."""

    def show(self, course: Course | None) -> None:
        text = Text(_("Rules (F2: all)") + "\n", style="bold")
        rules = course.rules if course is not None and course.rules else [rule_for(None, r) for r in RULE_IDS]
        for number, rule in enumerate(rules, start=1):
            text.append(f"{number} ", "bold")
            text.append(rule.short + "\n")
        self.update(text)
