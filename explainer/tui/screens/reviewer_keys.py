"""The reviewer seat's keys between clips, and which work in which step of a shift.

The keys of a clip's task (play, edit, intent, flags, submit...) belong to the task pane
(``widgets.reviewer_work.WorkPane``), so they work exactly while the focus is in it. These are
the seat's own: the opt-in, the content-note gate, Next and scrolling on the feedback, the rules
and leaving. A key that does nothing in the current step is turned off (and so hidden from the
footer and the ``?`` help) by ``enabled`` (``enabled_now``: at the flow's step), which the screen's ``check_action`` calls. Key
descriptions are English here and translated when shown (``explainer.i18n.label``).
"""

from __future__ import annotations

from textual.binding import Binding

from explainer.learning.shift_flow import ShiftFlow, Step

SEAT_BINDINGS = [
    Binding("o", "optin", "Content-note clip"),
    Binding("l", "listen", "Listen"),
    Binding("k", "skip", "Skip clip"),
    Binding("n", "next", "Next"),
    Binding("up", "scroll(-1)", "Scroll up", show=False),
    Binding("down", "scroll(1)", "Scroll down", show=False),
    Binding("pageup", "scroll(-8)", "Page up", show=False),
    Binding("pagedown", "scroll(8)", "Page down", show=False),
    Binding("escape", "leave", "Map", show=False),
    Binding("f2", "rules", "Rules"),
]

def enabled(action: str, step: Step, *, has_optin: bool, content_note: bool) -> bool:
    """Whether ``action`` works now (False also hides it from the footer and the help).

    ``content_note``: the clip on screen has one (so it may be skipped from its task too).
    """
    if action == "optin":
        return step is Step.INTRO and has_optin
    if action == "listen":
        return step is Step.GATE
    if action == "skip":
        return step is Step.GATE or (step is Step.TASK and content_note)
    if action in ("next", "scroll"):
        return step is Step.FEEDBACK
    return True


def enabled_now(action: str, flow: ShiftFlow | None, *, has_optin: bool) -> bool:
    """``enabled`` in the step the seat's ``flow`` is at now (no flow yet: the intro)."""
    clip = flow.clip if flow is not None else None
    return enabled(action, flow.step if flow is not None else Step.INTRO, has_optin=has_optin,
                   content_note=clip is not None and bool(clip.content_note))
