"""The voice lab's two rows of choices, and the one request they add up to.

The lab screen (``tui/screens/lab``) reacts to the learner changing a choice and runs the
pipeline; what the rows hold -- the typed sentence or a clip, the room's noise, the distance,
the wake word and its strictness -- and how a set of choices becomes a ``LabRequest`` (or the
sentence saying why it cannot run) is kept here, in one place, so the screen stays the part
that reacts and draws.  The lists come from the lab service (``explainer.voice.lab_service``),
never from a copy of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.widgets import Input, Select

from explainer.i18n import _
from explainer.tui.widgets.lab_controls import LabInput, ThresholdControl

if TYPE_CHECKING:
    from explainer.course.model import Clip
    from explainer.voice.lab_service import LabRequest, LabService

TYPED = ""  # the clip Select's value for "use the typed sentence"


def choice_rows(lab: LabService, clips: Iterable[Clip], steps: tuple[float, ...], default: float) -> ComposeResult:
    """The sentence or clip on top; the room, distance, wake word and its strictness under it."""
    with Horizontal(id="lab-top"):
        yield LabInput(placeholder=_("Type a command; enter runs it"), id="lab-text", compact=True)
        yield Select(clip_options(clips), allow_blank=False, value=TYPED, id="lab-clip", compact=True)
    with Horizontal(id="lab-options"):
        yield Select([(Text(_("noise: {n}").format(n=_(name))), name) for name in lab.rooms],
                     allow_blank=False, value="none", id="lab-noise", compact=True)
        yield Select([(Text(_("distance: {d:g} m").format(d=d)), d) for d in distance_choices(lab)],
                     allow_blank=False, value=1.0, id="lab-distance", compact=True)
        yield Select([(Text(_("wake word: {w}").format(w=w)), w) for w in lab.wake_words],
                     allow_blank=False, value="alexa", id="lab-wake", compact=True)
        yield ThresholdControl(steps, default, id="lab-threshold")


def distance_choices(lab: LabService) -> list[float]:
    """The service's distances and every room's own (the "loud" room stands 4 m away), nearest first: choosing
    a room sets the distance it states, so the run is as far away as the status line says."""
    return sorted({*lab.distances, *(room.distance_m for room in lab.rooms.values())})


def clip_options(clips: Iterable[Clip]) -> list[tuple[Text, str]]:
    """The typed sentence first, then the course's clips that need no note first."""
    options = [(Text(_("(the typed sentence)")), TYPED)]
    for clip in clips:
        if not clip.content_note:  # opt-in clips stay behind their note in the reviewer seat
            options.append((Text(clip.title), clip.id))
    return options


def read_request(rows: DOMNode, lab: LabService, recording: tuple[Any, int] | None, *, speech_ok: bool,
                 threshold: float | None) -> LabRequest | str:
    """The choices in ``rows`` (the screen holding them) as a request, or a message saying why they cannot run."""
    from explainer.voice.lab_service import LabRequest

    clip = rows.query_one("#lab-clip", Select).value
    text = rows.query_one("#lab-text", Input).value
    if recording is None and clip == TYPED:
        if not speech_ok:
            return _("Typed sentences need a speech engine, which this computer lacks. Pick a clip instead.")
        problem = lab.check_text(text)
        if problem:
            return problem
    use_clip = recording is None and clip != TYPED
    return LabRequest(
        text=text.strip() if recording is None and not use_clip else "", clip_id=str(clip) if use_clip else None,
        recording=recording, noise=str(rows.query_one("#lab-noise", Select).value),
        distance=float(rows.query_one("#lab-distance", Select).value),  # type: ignore[arg-type]
        wake_word=str(rows.query_one("#lab-wake", Select).value), threshold=threshold,
        keep=recording is None,  # your own voice stays in memory unless you press k
    )
