"""The clip player of the reviewer seat: waveform, playhead, transport and captions.

Annotation tools keep play, replay, rewind and slow-down on keys that work while the reviewer
types; the screen owns those keys and calls the methods here. The player is where focus rests
between fields (the seat's "home"): it shows the focus, and Space plays. It reports once per
clip that the learner has *heard it to the end* or *read its captions* (``Heard``), because the
seat refuses an answer for a clip nobody listened to (a wish of Common Voice's users).

The clip arrives prepared (``learning.shift_prepare``: audio path, duration, waveform envelope),
so opening a clip reads nothing but the WAV for playback.

With no sound device, ``explainer.voice.playback.Player`` runs silently: the playhead still
moves, and the captions -- what was audible, with [noise] / [unintelligible] -- are shown at
once. Nothing here plays a clip on its own: playback starts only on the learner's key.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from explainer.course.model import Clip
from explainer.i18n import _
from explainer.learning.shift_prepare import PreparedClip
from explainer.tui.widgets.waveform import Waveform
from explainer.voice.playback import Player
from explainer.voice.render import clip_marks

SLOW_SPEED = 0.75
TICK_SECONDS = 0.1


class ReviewerPlayer(Vertical, can_focus=True):
    """Plays one clip at a time; ``load`` it, then drive it with the transport methods."""

    class Heard(Message):
        """The learner heard the clip to the end, or its captions were shown."""

    def __init__(self, *, sound: bool = True, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.player = Player(enabled=sound)
        self.clip: Clip | None = None
        self.heard = False
        self.captions_shown = False
        self._has_audio = False
        self._transport = ""
        self._moving = False

    @property
    def audible(self) -> bool:
        return self.player.audible

    @property
    def reason(self) -> str:
        return self.player.reason

    def compose(self) -> ComposeResult:
        yield Waveform(rows=2, id="reviewer-waveform")
        yield Static(id="reviewer-transport")
        yield Static(id="reviewer-captions")

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self._tick)

    def load(self, clip: Clip, prepared: PreparedClip | None) -> None:
        """Show a new clip (not playing). No prepared audio: captions only."""
        self.player.stop()
        self.clip, self.heard, self.captions_shown = clip, False, False
        waveform = self.query_one(Waveform)
        self._has_audio = False
        audio = prepared.audio if prepared is not None else None
        duration = prepared.duration if prepared is not None else 0.0
        if audio is not None:
            try:
                self.player.load(audio)
                self._has_audio = True
            except (OSError, ValueError, EOFError) as error:
                self.notify(
                    _("This clip's audio could not be read ({error}).").format(error=error),
                    markup=False,
                )
        if not self._has_audio:
            duration = max((line.start for line in clip.lines), default=0.0) + 2.0
        envelope = list(prepared.envelope) if prepared is not None and self._has_audio else []
        waveform.show(envelope, duration, clip_marks(clip, duration))
        self.query_one("#reviewer-captions", Static).update("")
        if not self.audible or not self._has_audio:
            self.show_captions(announce=False)  # the screen reads ``heard`` after loading
        self._update_transport()

    def unload(self) -> None:
        self.player.stop()

    def on_unmount(self) -> None:
        self.player.close()

    # -- transport (called by the screen's keys) ----------------------------------
    def _control(self, action: Callable[[], object]) -> None:
        """Run one transport action; a sound device that fails mid-session falls back to captions."""
        if not self._has_audio:
            return
        self._moving = True  # the next tick redraws, whatever the action did
        try:
            action()
        except Exception as error:  # noqa: BLE001 - any backend failure: keep the seat usable
            self.player.stop()
            self.notify(
                _("Playback failed ({error}). Captions are shown instead.").format(error=error),
                severity="warning",
                markup=False,
            )
            self.show_captions()
        self._update_transport()

    def play_pause(self) -> None:
        self._control(self.player.toggle)

    def replay(self) -> None:
        self._control(lambda: self.player.play(speed=self.player.speed, start=0.0))

    def rewind(self) -> None:
        self._control(self.player.rewind)

    def toggle_slow(self) -> None:
        self._control(
            lambda: self.player.set_speed(1.0 if self.player.speed != 1.0 else SLOW_SPEED)
        )

    def show_captions(self, announce: bool = True) -> None:
        if self.clip is None:
            return
        captions = self.clip.captions or self.clip.transcript or _("(no speech)")
        text = Text(_("Captions: "), style="bold")
        text.append(captions)  # content, never parsed as markup
        self.query_one("#reviewer-captions", Static).update(text)
        self.captions_shown = True
        self._mark_heard(announce)

    # -- internals -------------------------------------------------------------------
    def _mark_heard(self, announce: bool = True) -> None:
        if not self.heard:
            self.heard = True
            if announce:
                self.post_message(self.Heard())

    def _tick(self) -> None:
        if self.clip is None or not self._has_audio:
            return
        moving = self.player.playing or self.player.paused
        if not moving and not self._moving:
            return  # stopped, and already drawn stopped: nothing to redraw (this runs 10 times a second)
        self._moving = moving
        position = self.player.position()
        waveform = self.query_one(Waveform)
        waveform.playhead = position if (moving or position > 0) else None
        if position >= self.player.duration - TICK_SECONDS and self.player.duration > 0:
            self._mark_heard()
        self._update_transport()

    def _update_transport(self) -> None:
        if self.clip is None:
            return
        if not self._has_audio:
            line = _("No audio file: read the captions.")
        else:
            state = (
                _("playing")
                if self.player.playing
                else (_("paused") if self.player.paused else _("stopped"))
            )
            line = _("{state} {now:.1f} / {total:.1f} s · speed {speed:g}x").format(
                state=state,
                now=self.player.position(),
                total=self.player.duration,
                speed=self.player.speed,
            )
            if not self.audible:
                line += " · " + _("silent: no sound device")
        if self.heard:
            line += " · " + _("heard ✓")
        if line != self._transport:
            self._transport = line
            self.query_one("#reviewer-transport", Static).update(Text(line))
