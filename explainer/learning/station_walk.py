"""Where a learner is inside one station: which page, or the model, and where a detour came from.

A station is its pages and then its model. Pages ask for the model early ("Try it: press m");
following that must not skip the pages in between. So ``m`` on a page is a *detour*: the
model opens, and the next step from it is the page after the one it was opened from (back
to reading), with the previous step the page itself. Reached in order, after the last page,
the model is the station's last step and the next step is the end of the station.

The short tour walks the same way over fewer pages (``journey.tour_pages``). Kept free of
Textual so the rules can be tested as plain Python; the lesson screen only shows them, and
records what the learner saw with ``record_seen``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explainer.course.model import Page, Station
from explainer.i18n import _
from explainer.learning.journey import MODEL, Step, tour_key, tour_pages

if TYPE_CHECKING:
    from explainer.learning.progress import Progress


@dataclass
class StationWalk:
    """One station, walked page by page. ``index == len(pages)`` is the model."""

    station: Station
    tour: bool = False
    index: int = 0
    detour_from: int | None = None  # the page the model was opened from with m, if it was

    @property
    def pages(self) -> tuple[Page, ...]:
        return tour_pages(self.station) if self.tour else self.station.pages

    @property
    def has_model(self) -> bool:
        return bool(self.station.model)

    @property
    def steps(self) -> int:
        """Pages plus the model: what "page 3 of 7" counts."""
        return len(self.pages) + (1 if self.has_model else 0)

    @property
    def at_model(self) -> bool:
        return self.has_model and self.index >= len(self.pages)

    @property
    def page(self) -> Page | None:
        return None if self.at_model or not self.pages else self.pages[min(self.index, len(self.pages) - 1)]

    @property
    def key(self) -> str:
        """What ``progress.last["page"]`` holds: the page's slug, or "model"."""
        page = self.page
        return MODEL if page is None else page.slug

    @property
    def on_detour(self) -> bool:
        return self.at_model and self.detour_from is not None

    @property
    def at_end(self) -> bool:
        """On the station's last step: the next step is the end of the station."""
        return not self.on_detour and self.index >= self.steps - 1

    def go_to(self, key: str | None) -> None:
        """Open a page by slug, or the model ("model"); anything unknown opens the first page."""
        self.detour_from = None
        slugs = [page.slug for page in self.pages]
        if key == MODEL and self.has_model:
            self.index = len(self.pages)
        else:
            self.index = slugs.index(key) if key in slugs else 0

    def next(self) -> bool:
        """One step on; False at the end of the station (nothing moved)."""
        if self.on_detour:
            assert self.detour_from is not None
            self.index, self.detour_from = self.detour_from + 1, None
            return True
        if self.at_end:
            return False
        self.index += 1
        return True

    def previous(self) -> bool:
        """One step back; False on the first page."""
        if self.on_detour:
            assert self.detour_from is not None
            self.index, self.detour_from = self.detour_from, None
            return True
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def open_model(self) -> bool:
        """m: the model, as a detour from a page that has pages after it; False if already there."""
        if not self.has_model or self.at_model:
            return False
        self.detour_from = self.index if self.index + 1 < len(self.pages) else None
        self.index = len(self.pages)
        return True

    # -- words ---------------------------------------------------------------------------------
    def position(self) -> str:
        """ "Page 2 of 7", "Model (7 of 7)" or, on a detour, "Model · from page 1"."""
        if self.on_detour:
            assert self.detour_from is not None
            return _("Model · from page {n}").format(n=self.detour_from + 1)
        if self.at_model:
            return _("Model ({n} of {total})").format(n=self.steps, total=self.steps)
        return _("Page {n} of {total}").format(n=self.index + 1, total=self.steps)

    def next_words(self) -> str:
        """What n does here, for the footer and the hints: "Next page", "Back to page 2", "Finish"."""
        if self.on_detour:
            assert self.detour_from is not None
            return _("On to page {n}").format(n=self.detour_from + 2)
        if self.at_end:
            return _("End of station")
        if self.index + 1 == len(self.pages) and self.has_model:
            return _("Next: the model")
        return _("Next page")


def record_seen(walk: StationWalk, progress: Progress) -> None:
    """What the learner saw: a page read or the model opened (the tour keeps its own record), and
    where they are (``progress.last``, for coming back). The caller saves."""
    page = walk.page
    if walk.tour:
        progress.mark_tour_step(tour_key_for(walk))
    elif page is not None:
        progress.mark_page_read(page.id)
    else:
        progress.mark_model_seen(walk.station.id)
    progress.last = {"mode": "lesson", "station": walk.station.id, "page": walk.key}
    if walk.tour:
        progress.last["tour"] = True


def tour_key_for(walk: StationWalk) -> str:
    """The tour's record of where the walk is: "station/slug" or "station/model"."""
    page = walk.page
    step = Step("page", walk.station.id, page_slug=page.slug) if page is not None else Step("model", walk.station.id)
    return tour_key(step)
