"""The reviewer's task form: the transcript, the intent, the false-wake and personal-data flags.

Modelled on annotation tools (Label Studio, Prodigy, Toloka's "correct the ASR text"): the
transcript arrives pre-filled with the machine's guess, every label is one key away (the key is
printed on it), and every control is a visible Tab stop. The form shows a ``TaskDraft``
(``learning.shift_draft``) and reports changes made with the mouse or Space back into it; the
screen owns the keys and the draft, and decides when submitting is allowed.

Enter in the transcript ends the edit (focus goes back to the player) rather than submitting,
so a learner who presses Enter out of habit does not hand in half an answer.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Static

from explainer.course.model import PERSONAL_DATA_KINDS
from explainer.i18n import _
from explainer.learning.shift_draft import TaskDraft
from explainer.learning.shift_score import NO_INTENT
from explainer.tui.widgets.action_button import ActionButton


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


class TranscriptInput(Input):
    """The transcript field. Ctrl+U (clear the line, as the status line says) acts in the order it
    was typed: Textual resolves a field's key bindings only after the key has passed through the
    app, so letters typed right after Ctrl+U used to land first and be wiped with the line."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "ctrl+u":
            event.stop()
            event.prevent_default()
            self.action_delete_left_all()
            return
        await super()._on_key(event)


class ReviewerTask(Vertical):
    """Transcript, intent, false wake, escalate and personal data, for one clip at a time."""

    class Edited(Message):
        """The learner changed a field with the mouse, Space or typing (the draft is updated)."""

    class IntentWanted(Message):
        """The intent button was pressed: open the intent picker."""

    class SubmitWanted(Message):
        """The submit button was pressed."""

    class EditDone(Message):
        """Enter was pressed in the transcript: back to the keys."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.draft = TaskDraft()
        self._syncing = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="reviewer-row"):
            yield Label(_("Transcript (e):"), classes="reviewer-field-label")
            yield TranscriptInput(id="reviewer-transcript", compact=True, select_on_focus=False)
        with Horizontal(classes="reviewer-row"):
            yield Label(_("Intent (i):"), classes="reviewer-field-label")
            yield ActionButton(_("none"), id="reviewer-intent")
            yield Static(id="reviewer-likely", classes="reviewer-hint")
        with Horizontal(classes="reviewer-row"):
            yield TickBox(_("w False wake"), id="reviewer-false-wake", compact=True)
            yield TickBox(_("x Escalate"), id="reviewer-escalate", compact=True)
            yield ActionButton(_("Submit ⏎"), id="reviewer-submit", primary=True)
        labels = personal_labels()
        with Horizontal(classes="reviewer-row"):
            for number, kind in enumerate(PERSONAL_DATA_KINDS[:3], start=1):
                yield TickBox(f"{number} {labels[kind]}", id=f"reviewer-pd-{kind}", compact=True)
        with Horizontal(classes="reviewer-row"):
            for number, kind in enumerate(PERSONAL_DATA_KINDS[3:], start=4):
                yield TickBox(f"{number} {labels[kind]}", id=f"reviewer-pd-{kind}", compact=True)

    # -- attributes down -------------------------------------------------------------------------
    def load(self, draft: TaskDraft, likely: tuple[str, ...]) -> None:
        """A new clip: show its draft (the machine's guess in the transcript) and likely intents."""
        self.draft = draft
        hint = _("likely: {names}").format(names=", ".join(likely)) if likely else _("type to search")
        self.query_one("#reviewer-likely", Static).update(Text(hint))
        self.show_draft()
        transcript = self.query_one("#reviewer-transcript", Input)
        transcript.cursor_position = len(transcript.value)

    def show_draft(self) -> None:
        """Make every field show the draft (after a key changed it)."""
        self._syncing = True
        try:
            draft = self.draft
            transcript = self.query_one("#reviewer-transcript", Input)
            if transcript.value != draft.transcript:
                transcript.value = draft.transcript
                transcript.cursor_position = len(draft.transcript)
            self.query_one("#reviewer-intent", ActionButton).update(draft.intent or NO_INTENT)
            self.query_one("#reviewer-false-wake", Checkbox).value = draft.false_wake
            self.query_one("#reviewer-escalate", Checkbox).value = draft.escalated
            for kind in PERSONAL_DATA_KINDS:
                self.query_one(f"#reviewer-pd-{kind}", Checkbox).value = kind in draft.personal
        finally:
            self._syncing = False

    def set_guess(self, guess: str) -> bool:
        """A late machine guess: fill the transcript only if the learner has not typed yet."""
        if self.draft.transcript or self.draft.false_wake:
            return False
        self.draft.transcript = guess
        self.show_draft()
        return True

    def focus_transcript(self) -> None:
        transcript = self.query_one("#reviewer-transcript", Input)
        self.screen.set_focus(transcript)  # at once, not after the queue: "e" then Ctrl+U must clear it
        transcript.cursor_position = len(transcript.value)

    # -- messages up -----------------------------------------------------------------------------
    @on(Input.Changed, "#reviewer-transcript")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if not self._syncing:
            self.draft.transcript = event.value
            self.post_message(self.Edited())
        transcript = event.input  # after a long guess is cleared, Input keeps its old scroll
        if len(transcript.value) < transcript.content_size.width:
            transcript.scroll_to(x=0, animate=False, immediate=True, force=True)

    @on(Input.Submitted, "#reviewer-transcript")
    def _edit_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.EditDone())

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self._syncing:
            return
        box = event.checkbox.id or ""
        if box == "reviewer-false-wake" and event.value != self.draft.false_wake:
            self.draft.toggle_false_wake()
            self.show_draft()
        elif box == "reviewer-escalate":
            self.draft.escalated = event.value
        elif box.startswith("reviewer-pd-"):
            kind = box.removeprefix("reviewer-pd-")
            if event.value:
                self.draft.personal.add(kind)
            else:
                self.draft.personal.discard(kind)
        self.post_message(self.Edited())

    @on(ActionButton.Pressed, "#reviewer-intent")
    def _intent(self, event: ActionButton.Pressed) -> None:
        event.stop()
        self.post_message(self.IntentWanted())

    @on(ActionButton.Pressed, "#reviewer-submit")
    def _submit(self, event: ActionButton.Pressed) -> None:
        event.stop()
        self.post_message(self.SubmitWanted())
