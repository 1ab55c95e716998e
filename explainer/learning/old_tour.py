"""A short tour taken with an older version of the app, recognised and kept as a tour.

Before the tour had its own record (``progress.tour_seen``, with ``models_seen``), touring
marked each tour page as read like any lesson page, and the place it stopped was saved as
the journey's place. Loaded today, such a file shows what issue 12 set out to end: after a
ten-minute tour every station reads "◐ in progress", the tour itself is not done, and
Continue opens station 9's second page although stations 1-8 have pages nobody read.

``adopt_old_tour`` puts such a file the way today's app would have written it: the tour's
pages become tour steps (each "station/slug", and "station/model" for every station the
learner went on from), the last place becomes the tour's place, and Continue starts the
journey at station 1. Nothing else moves: a model the learner played with stays tried, and
answers are untouched. It acts only on a file written before ``tour_seen`` existed
(``Progress.before_tour_record``) whose pages read are all tour pages, of two stations or
more -- a learner who only ever read tour pages across stations was touring; anything else
(a page that is not a tour page, a single station) is left exactly as it was.
"""

from __future__ import annotations

from explainer.course.model import Course
from explainer.learning.journey import MODEL, Step, tour_key, tour_pages
from explainer.learning.progress import Progress


def adopt_old_tour(course: Course, progress: Progress) -> bool:
    """Move an old tour's record into the tour's own; True if ``progress`` changed."""
    if not progress.before_tour_record or progress.tour_seen:
        return False
    toured = {station.id: [page.id for page in tour_pages(station) if page.id in progress.pages_read]
              for station in course.stations}
    toured = {station_id: pages for station_id, pages in toured.items() if pages}
    tour_ids = {page_id for pages in toured.values() for page_id in pages}
    if len(toured) < 2 or progress.pages_read - tour_ids:
        return False
    last = progress.last if isinstance(progress.last, dict) else {}
    stopped_on_page = last.get("station") in toured and last.get("page") not in (None, MODEL)
    for station in course.stations:
        if station.id not in toured:
            continue
        for page in tour_pages(station):
            if page.id in progress.pages_read:
                progress.tour_seen.add(tour_key(Step("page", station.id, page_slug=page.slug, tour=True)))
        if station.model and not (stopped_on_page and last.get("station") == station.id):
            progress.tour_seen.add(tour_key(Step("model", station.id, tour=True)))
    progress.pages_read -= tour_ids
    if last.get("mode") == "lesson" and last.get("station") in toured:
        progress.last = {**last, "tour": True}
    progress.before_tour_record = False
    return True
