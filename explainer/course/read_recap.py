"""Reader and checks for a station's recap: ``stations/NN-<id>/recap.md``, "What you now know".

A station ends with a short list of what the learner can now say, shown in the pause at the
end of the station (which must still fit 80x24 with its choices) and at the end of the
station in ``explainer read``. It is a list of a few points in the lesson-page format:
optional front matter (only ``title``), then 2 to 5 list items, each citing its source
(the claim rule applies as on any page). It is a separate file, so an author can rewrite a
station's pages without touching its recap and the other way round.

The loader reads a recap when there is one; ``explainer check`` also reports a station
without one (``check_recaps``), since a course without recaps still runs.
"""

from __future__ import annotations

from explainer.course import markup
from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import read_text
from explainer.course.model import Course, Page
from explainer.course.read_pages import _check_body
from explainer.course.toml_lines import TomlLines

RECAP_FILE = "recap.md"
RECAP_TITLE = "What you now know"
MIN_POINTS, MAX_POINTS = 2, 5
MAX_WORDS = 120  # with the end-of-station choices, it must fit an 80x24 terminal


def read_recap(ctx: ReadContext, station_id: str, folder: str) -> Page | None:
    """The station's recap as a page (kind "recap"), or None if it has none or it is broken."""
    original = f"{folder}/{RECAP_FILE}"
    if not ((ctx.root / original).exists() or (ctx.root / original).is_symlink()):
        return None
    path = ctx.localized(original)
    text = read_text(ctx.root, path, ctx.log)
    if text is None:
        return None
    log = ctx.log
    title = ""
    try:
        front, body, start = markup.split_front_matter(text, strict=text.startswith(markup.FENCE))
    except markup.FrontMatterError as error:
        log.add(path, error.line, f"{error.message}; a recap's front matter holds only title = \"...\"")
        return None
    if front:
        raw_front = "\n".join(text.split("\n")[1 : max(start - 2, 1)])
        fields = Fields(front, path, TomlLines("\n" + raw_front), (), "", log)
        title = fields.text("title", required=False)
        fields.finish()
    cited, marked = _check_body(ctx, path, body, start, word_limit=False)
    parts = [block for block in markup.blocks(body, start) if block.text.strip()]
    points = [block for block in parts if block.kind == "item" and block.level == 0]
    for block in parts:
        if block.kind not in ("item", "quote"):
            log.add(path, block.line, "a recap is a list: start each point with \"- \" (no paragraphs or headings)")
    if not MIN_POINTS <= len(points) <= MAX_POINTS:
        count = "1 point" if len(points) == 1 else f"{len(points)} points"
        log.add(path, start, f"the recap has {count}; write {MIN_POINTS} to {MAX_POINTS}, "
                "each a line starting with \"- \"")
    words = len(markup.plain_text(body).split())
    if words > MAX_WORDS:
        log.add(path, start, f"the recap has {words} words, too many to show with the station's last choices "
                f"at 80x24 (at most {MAX_WORDS}); shorten its points")
    return Page(id=f"{station_id}/recap", station_id=station_id, slug="recap", title=title or RECAP_TITLE,
                body=body, kind="recap", citations=cited, terms=marked, path=path, line=1)


def check_recaps(ctx: ReadContext, course: Course | None) -> None:
    """Every station ends with a recap (the app runs without, but the course is not finished)."""
    if course is None:
        return
    for station in course.stations:
        if station.recap is None and station.folder and not (ctx.root / station.folder / RECAP_FILE).exists():
            ctx.log.add(station.path or "course.toml", station.line or 1,
                        f'station "{station.id}" has no {station.folder}/{RECAP_FILE}; add 2 to '
                        f"{MAX_POINTS} cited points on what the learner now knows (see content/README.md)")
