"""The learner's own lab recording, offered for review at the end of a shift.

The voice lab's sampler marks some of the learner's uploads "selected for human review"
(``explainer.voice.sampling``). Meeting one of them in the reviewer's queue is the point of
the whole journey: the recording a stranger would have heard is your own. The clip is
optional (Escape skips it), is scored like any other transcript — against what the learner
typed in the lab — and reading the voice history never stops the seat: a missing or
damaged history file simply means there is no own clip to offer.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from explainer.course.model import Background, Clip
from explainer.i18n import _
from explainer.learning.shift_prepare import ENVELOPE_POINTS, PreparedClip
from explainer.learning.wer import word_diff
from explainer.tui.widgets.action_button import ActionButton
from explainer.tui.widgets.footer import Footer
from explainer.tui.widgets.reviewer_feedback import ReviewerFeedback
from explainer.tui.widgets.reviewer_player import ReviewerPlayer

if TYPE_CHECKING:
    from explainer.voice.history import HistoryEntry


def own_clips(history_db: Path, offered: set[int]) -> list[HistoryEntry]:
    """Selected uploads not offered before, newest first; [] whatever goes wrong with the file."""
    try:
        from explainer.voice.sampling import selected_for_review

        entries = selected_for_review(history_db)
    except Exception:  # noqa: BLE001 - missing, locked or corrupt history: nothing to offer
        return []
    return [e for e in entries if e.id not in offered and e.said.strip()]


def fetch_own_audio(history_db: Path, entry_id: int, out: Path) -> Path | None:
    """Write one upload's audio to ``out``; None when it cannot be read or written."""
    try:
        from explainer.voice.history import VoiceHistory

        history = VoiceHistory(history_db)
        try:
            return history.export_audio(entry_id, out)
        finally:
            history.close()
    except Exception:  # noqa: BLE001 - the learner still gets the text version
        return None


def prepared(clip: Clip, audio: Path | None) -> PreparedClip:
    """The upload's audio, duration and waveform, as the seat's player takes a clip."""
    from explainer.voice.audio import envelope, read_wav

    if audio is not None:
        try:
            samples, rate = read_wav(audio)
            points = tuple(float(v) for v in envelope(samples, ENVELOPE_POINTS))
            return PreparedClip(clip.id, audio, len(samples) / rate if rate else 0.0, points)
        except (OSError, ValueError, EOFError):
            pass
    return PreparedClip(clip.id, None, 2.0)


def as_clip(entry: HistoryEntry) -> Clip:
    """The upload in the seat's clip shape (captions = what was typed, for no-sound setups)."""
    return Clip(
        id=f"own-{entry.id}",
        household="",
        title=_("Your own recording"),
        kind="command",
        lines=(),
        background=Background(),
        transcript=entry.said,
        intent=entry.intent,
        false_wake=False,
        personal=(),
        sensitive=False,
        recorded_at=time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(entry.created_at)),
        first_name="",
        captions=entry.said,
    )


class _Scroll(VerticalScroll, can_focus=False):
    """The page scrolls with the mouse; Tab goes only to the player, the field and the buttons."""


class ReviewerOwnClipScreen(Screen[None]):
    """Review your own upload: hear it, correct the lab's transcript, see the word diff."""

    HELP_TITLE = "Your own clip"
    BINDINGS = [
        Binding("ctrl+o", "play_pause", "Play"),
        Binding("ctrl+t", "captions", "Text"),
        Binding("ctrl+n", "submit", "Submit"),
        Binding("escape", "leave", "Skip"),
    ]

    def __init__(self, entry: HistoryEntry, audio: Path | None, sound: bool = True) -> None:
        super().__init__(id="reviewer-own-screen")
        self.entry, self.audio, self.sound = entry, audio, sound
        self.clip = as_clip(entry)
        self.submitted = False

    def compose(self) -> ComposeResult:
        with _Scroll(id="reviewer-own"):
            yield Static(
                Text(
                    _("This is your own recording from the voice lab, selected for human review."),
                    style="bold",
                ),
                id="reviewer-own-note",
            )
            device = self.entry.device or {}
            yield Static(
                Text(
                    _(
                        "Recorded {when} · device {serial} · account {account} · machine guess: lab recogniser"
                    ).format(
                        when=self.clip.recorded_at.replace("T", " "),
                        serial=device.get("serial", "?"),
                        account=device.get("account", "?"),
                    )
                ),
                id="reviewer-own-meta",
            )
            yield ReviewerPlayer(sound=self.sound, id="reviewer-own-player")
            yield Input(self.entry.transcript, id="reviewer-own-transcript", select_on_focus=False)
            yield Static(id="reviewer-own-status")
            yield ReviewerFeedback(id="reviewer-own-feedback")
            with Horizontal(classes="reviewer-row"):
                yield ActionButton(_("Submit ⏎"), id="reviewer-own-submit", primary=True)
                yield ActionButton(_("Skip it (Esc)"), id="reviewer-own-skip")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ReviewerPlayer).load(self.clip, prepared(self.clip, self.audio))
        self._status(
            _("Optional. Ctrl+O plays it; correct the transcript, then Ctrl+N. Escape skips.")
        )
        self.query_one("#reviewer-own-transcript", Input).focus()

    def _status(self, message: str) -> None:
        self.query_one("#reviewer-own-status", Static).update(Text(message))

    def action_play_pause(self) -> None:
        self.query_one(ReviewerPlayer).play_pause()

    def action_captions(self) -> None:
        self.query_one(ReviewerPlayer).show_captions()

    @on(Input.Submitted, "#reviewer-own-transcript")
    @on(ActionButton.Pressed, "#reviewer-own-submit")
    def action_submit(self) -> None:
        if self.submitted:
            self.action_leave()
            return
        player = self.query_one(ReviewerPlayer)
        if not player.heard:
            self.app.bell()
            self._status(_("Listen to the end first (Ctrl+O), or show the text (Ctrl+T)."))
            return
        player.unload()
        typed = self.query_one("#reviewer-own-transcript", Input).value
        diff = word_diff(self.entry.said, typed)
        feedback = self.query_one(ReviewerFeedback)
        text = Text(
            _("Against what you typed in the lab: WER {wer:.0%}").format(wer=diff.wer) + "\n"
        )
        text.append_text(feedback.diff_text(diff))
        text.append(
            "\n\n" + _("A reviewer would have heard this, with the device and account shown above.")
        )
        feedback.update(text)
        self.submitted = True
        self.query_one("#reviewer-own-submit", ActionButton).update(_("Continue ⏎"))
        self._status(_("Ctrl+N or Enter continues to the debrief."))

    @on(ActionButton.Pressed, "#reviewer-own-skip")
    def action_leave(self) -> None:
        self.query_one(ReviewerPlayer).unload()
        self.dismiss(None)
