"""Glossary terms of a page, with definitions, for readers meeting the words for the first time.

Lessons mark words like {wake word}; pressing ``g`` lists the page's terms (or opens straight
on the focused one). Same layout as the sources panel.
"""

from __future__ import annotations

from rich.text import Text

from explainer.course.model import Course, GlossaryTerm
from explainer.i18n import _
from explainer.tui.widgets.sources_panel import ListPopup


def term_details(entry: GlossaryTerm, course: Course) -> Text:
    details = Text()
    details.append(entry.term + "\n", "bold")
    details.append(entry.definition + "\n")
    if entry.aliases:
        details.append(_("Also: ") + ", ".join(entry.aliases) + "\n", "italic")
    for source_id in entry.sources:
        source = course.sources.get(source_id)
        if source is not None:
            details.append(f"{_('Source')}: {source.publisher}, {source.title} ({source.date})\n", "dim")
    return details


class GlossaryPopup(ListPopup):
    def __init__(self, terms: list[GlossaryTerm], course: Course, selected: int = 0) -> None:
        entries = [(t.id, Text(t.term), term_details(t, course)) for t in terms]
        super().__init__(_("Words on this page"), entries, selected)
