"""The course as plain, linear text: for screen readers, printing, and ``| less``.

Textual does not speak to screen readers, so everything a lesson says must also be
readable as ordinary lines of text. This module turns pages into wrapped paragraphs with
numbered citations (``[1]``) and a source list after each page, glossary terms in the
running text and their definitions after the sources. It writes no colour and no cursor
movement: what it prints is what a screen reader or a printer gets.

It numbers pages as the app does ("Page 1 of 7", the model counting as the last page, which it
names as being in the app only), leaves out "Try it" prompts it cannot act on (keys of the app:
"press m", "in the explorer (m)...") and ends each station with its recap, "What you now know".
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from re import Match

from explainer.course import markup
from explainer.course.model import Course, Page, Station
from explainer.i18n import _

WIDTH = 78
APP_PROMPTS = ("Try it:", "Pruébalo:", "Prueba:")  # asides that ask for keys of the app


def is_app_prompt(text: str) -> bool:
    """A "> Try it: press m ..." aside: an instruction for the app, which a reader cannot follow."""
    return text.lstrip().startswith(APP_PROMPTS)


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

    def cite(match: Match[str]) -> str:
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
            if is_app_prompt(block.text):
                continue
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
    """A whole station: its title, summary, every page (numbered as the app numbers them), its recap."""
    number = course.stations.index(station) + 1
    title = _("Station {n} of {total}: {title}").format(
        n=number, total=len(course.stations), title=station.title
    )
    yield "=" * min(WIDTH, len(title))
    yield title
    yield "=" * min(WIDTH, len(title))
    yield from _wrap(station.summary)
    total = len(station.pages) + (1 if station.model else 0)  # the app's model is its last page
    for index, page in enumerate(station.pages, start=1):
        yield ""
        yield _("Page {n} of {total}").format(n=index, total=total)
        yield from page_lines(course, page)
    if station.model:
        yield ""
        yield _("Page {n} of {total}").format(n=total, total=total)
        yield from _wrap(_("The station's interactive model is in the app only (run: explainer)."))
    if station.recap is not None:
        yield ""
        yield from page_lines(course, station.recap)
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
        pages = _("1 page") if len(station.pages) == 1 else _("{n} pages").format(n=len(station.pages))
        yield f"{number}. {station.title}  ({_('read it with')}: explainer read {station.id}; {pages})"
