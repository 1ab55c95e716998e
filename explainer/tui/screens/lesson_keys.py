"""The lesson's keys, and which of them work where the learner is.

One key can mean four things: n shows the rest of a tall page ("More below"), turns the page
("Next"), goes back to reading after a detour to the model ("Back to reading") or ends the
station ("End of station").  The footer and the ``?`` help must name the one that applies, and
a key that does nothing here must be off (and so not listed).  Those rules are kept here as one
plain function of where the walk is (``learning.station_walk``), whether a text field has the
focus and whether the page has more below; ``LessonScreen.check_action`` asks it.  Key
descriptions are English here and translated when shown (``explainer.i18n.label``).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding

from explainer.learning.station_walk import StationWalk

LESSON_BINDINGS = [
    # one key, four meanings: check_action shows the one that applies (and the footer says it)
    Binding("n,right", "next_page('more')", "More below"),
    Binding("n,right", "next_page('page')", "Next"),
    Binding("n,right", "next_page('detour')", "Back to reading"),
    Binding("n,right", "next_page('end')", "End of station"),
    Binding("p,left", "previous_page", "Back"),
    Binding("m", "open_model", "Model"),
    Binding("s", "sources", "Sources"),
    Binding("g", "glossary", "Words"),
    Binding("r", "read_aloud", "Read aloud"),
    Binding("q", "back_to_map", "Map"),
    Binding("escape", "leave_field", "Leave the field"),
    Binding("escape", "stay", "Stay", show=False),  # never leaves the station (q does)
    # one description for all nine, so the help screen lists them as one row
    *[Binding(str(n), f"source({n})", "Open source 1-9", show=False) for n in range(1, 10)],
]
COURSE_KEYS = {"next_page", "previous_page", "open_model", "sources", "glossary", "read_aloud", "back_to_map", "source"}
PAGE_ONLY = {"open_model", "glossary", "read_aloud", "source"}


def enabled(action: str, parameters: tuple[object, ...], walk: StationWalk | None, *, in_field: bool,
            more_below: Callable[[], bool]) -> bool | None:
    """Textual's ``check_action`` answer: True works, False is off, None shows it greyed.

    ``in_field``: a text field has the focus; ``more_below``: the page on show has unseen lines.
    """
    if action == "leave_field":
        return in_field
    if action == "stay":
        return not in_field
    if action in COURSE_KEYS and in_field:
        return False  # the field takes these keys; the footer shows Esc and F1 instead
    if walk is None:
        return True
    if action in PAGE_ONLY and walk.at_model:
        return False
    if action == "next_page":
        wanted = "more" if more_below() else "detour" if walk.on_detour else "end" if walk.at_end else "page"
        return parameters[:1] == (wanted,)
    if action == "previous_page":
        return True if walk.index > 0 or walk.on_detour else None
    return True
