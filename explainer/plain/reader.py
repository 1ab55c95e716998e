"""The course as plain, linear text: for screen readers, printing, and ``| less``.

Textual does not speak to screen readers, so everything a lesson says must also be
readable as ordinary lines of text. This module turns pages into wrapped paragraphs with
numbered citations (``[1]``) and a source list after each page, glossary terms in the
running text and their definitions after the sources. It writes no colour and no cursor
movement: what it prints is what a screen reader or a printer gets.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from explainer.course import markup
from explainer.course.model import Course, Page, Station
from explainer.i18n import _

WIDTH = 78


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    flowing = " ".join(text.split())
    return textwrap.wrap(
        flowing,
        width=WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,  # never split a URL: a reader must be able to copy it
    ) or [first or indent]


def _numbered(text: str, numbers: dict[str, int]) -> str:
    """Replace ``[@id]`` by ``[n]`` (numbered per page) and ``{term}`` by the term."""

    def cite(match) -> str:
        source_id = match.group(1)
        numbers.setdefault(source_id, len(numbers) + 1)
        return f"[{numbers[source_id]}]"

    text = markup.CITATION_RE.sub(cite, text)
    return markup.TERM_RE.sub(lambda m: m.group(1), text)


def page_lines(course: Course, page: Page) -> Iterator[str]:
    """The lines of one page: title, body, its sources and the glossary terms it uses."""
    kind = _("Notes & caveats") if page.kind == "notes" else ""
    heading = f"{page.title}" + (f" ({kind})" if kind else "")
    yield heading
    yield "-" * min(WIDTH, len(heading))
    numbers: dict[str, int] = {}
    for block in markup.blocks(page.body):
        text = _numbered(block.text, numbers)
        if block.kind == "heading":
            yield ""
            yield " ".join(text.split()).upper()
        elif block.kind == "paragraph":
            yield ""
            yield from _wrap(text)
        elif block.kind == "item":
            indent = "  " * block.level
            yield from _wrap(text, indent=indent + "  ", first=indent + "- ")
        elif block.kind == "quote":
            yield ""
            yield from _wrap(text, indent="  | ")
        elif block.kind == "code":
            yield ""
            yield from ("    " + line for line in block.text.splitlines())
    if numbers:
        yield ""
        yield _("Sources:")
        for source_id, number in numbers.items():
            source = course.sources.get(source_id)
            if source is None:
                continue
            line = f"{source.publisher}, \"{source.title}\", {source.date}, {source.url} ({source.kind})"
            yield from _wrap(line, indent="      ", first=f"  [{number}] ")
    terms = [course.glossary[t] for t in page.terms if t in course.glossary]
    if terms:
        yield ""
        yield _("Words on this page:")
        for term in terms:
            yield from _wrap(f"{term.term}: {term.definition}", indent="    ", first="  * ")


def station_lines(course: Course, station: Station) -> Iterator[str]:
    """A whole station: its title, summary and every page, separated clearly."""
    number = course.stations.index(station) + 1
    title = _("Station {n} of {total}: {title}").format(
        n=number, total=len(course.stations), title=station.title
    )
    yield "=" * min(WIDTH, len(title))
    yield title
    yield "=" * min(WIDTH, len(title))
    yield from _wrap(station.summary)
    for index, page in enumerate(station.pages, start=1):
        yield ""
        yield _("Page {n} of {total}").format(n=index, total=len(station.pages))
        yield from page_lines(course, page)
    yield ""


def course_lines(course: Course) -> Iterator[str]:
    """The whole course, station after station."""
    yield course.title
    yield ""
    for station in course.stations:
        yield from station_lines(course, station)
        yield ""


def station_list_lines(course: Course) -> Iterator[str]:
    """The table of contents: one numbered line per station with its id."""
    for number, station in enumerate(course.stations, start=1):
        yield f"{number}. {station.title}  ({_('id')}: {station.id}, {len(station.pages)} {_('pages')})"
