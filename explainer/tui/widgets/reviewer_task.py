"""The reviewer's task form: correct the transcript, choose the intent, tick the labels.

Modelled on annotation tools (Label Studio, Prodigy, Toloka's "correct the ASR text"): the
transcript arrives pre-filled with the machine's guess, and every field is reachable with
Tab. Enter in the transcript moves on to the labels rather than submitting, so a learner who
presses Enter out of habit does not hand in half an answer. The form only collects; the screen
decides when submitting is allowed and posts the answer on.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select

from explainer.course.model import PERSONAL_DATA_KINDS
from explainer.i18n import _
from explainer.learning.shift_score import NO_INTENT, Answer


def personal_labels() -> dict[str, str]:
    return {
        "names": _("names"),
        "address": _("address"),
        "health": _("health"),
        "finances": _("finances"),
        "children": _("children"),
        "routines": _("routines"),
    }


class TickBox(Checkbox):
    """A checkbox whose tick shows without colour (NO_COLOR): X when ticked, blank when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        return "X" if self.value else " "


class ReviewerTask(Vertical):
    """Transcript, intent, false wake, personal data and escalate, for one clip at a time."""

    def __init__(self, intents: tuple[str, ...], **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self._intents = intents

    def compose(self) -> ComposeResult:
        yield Label(_("Transcript — correct the machine's guess:"), classes="reviewer-field-label")
        yield Input(id="reviewer-transcript", compact=True, select_on_focus=False)
        with Horizontal(classes="reviewer-row"):
            yield Label(_("Intent:"), classes="reviewer-field-label")
            options = [(_("none"), NO_INTENT)] + [(name, name) for name in self._intents]
            yield Select(
                options, id="reviewer-intent", allow_blank=False, value=NO_INTENT, compact=True
            )
            yield TickBox(_("False wake"), id="reviewer-false-wake", compact=True)
            yield TickBox(_("Escalate"), id="reviewer-escalate", compact=True)
        yield Label(_("Personal data heard (critical data):"), classes="reviewer-field-label")
        labels = personal_labels()
        with Horizontal(classes="reviewer-row"):
            for kind in PERSONAL_DATA_KINDS[:3]:
                yield TickBox(labels[kind], id=f"reviewer-pd-{kind}", compact=True)
        with Horizontal(classes="reviewer-row"):
            for kind in PERSONAL_DATA_KINDS[3:]:
                yield TickBox(labels[kind], id=f"reviewer-pd-{kind}", compact=True)

    def load(self, guess: str) -> None:
        """Reset the form for a new clip, with the machine's guess in the transcript."""
        transcript = self.query_one("#reviewer-transcript", Input)
        transcript.value = guess
        transcript.cursor_position = len(guess)
        self.query_one("#reviewer-intent", Select).value = NO_INTENT
        for box in self.query(Checkbox):
            box.value = False

    def focus_transcript(self) -> None:
        self.query_one("#reviewer-transcript", Input).focus()

    @on(Input.Submitted, "#reviewer-transcript")
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#reviewer-intent", Select).focus()

    @on(Input.Blurred, "#reviewer-transcript")
    @on(Input.Changed, "#reviewer-transcript")
    def _unscroll_short_text(self, event: Input.Blurred | Input.Changed) -> None:
        """After a long guess is cleared, Input keeps its old scroll and shows a blank line."""
        transcript = event.input
        if len(transcript.value) < transcript.content_size.width or isinstance(
            event, Input.Blurred
        ):
            transcript.scroll_to(x=0, animate=False, immediate=True, force=True)

    def answer(self) -> Answer:
        intent = self.query_one("#reviewer-intent", Select).value
        return Answer(
            transcript=self.query_one("#reviewer-transcript", Input).value,
            intent=intent if isinstance(intent, str) else NO_INTENT,
            false_wake=self.query_one("#reviewer-false-wake", Checkbox).value,
            personal=frozenset(
                kind
                for kind in PERSONAL_DATA_KINDS
                if self.query_one(f"#reviewer-pd-{kind}", Checkbox).value
            ),
            escalated=self.query_one("#reviewer-escalate", Checkbox).value,
        )
