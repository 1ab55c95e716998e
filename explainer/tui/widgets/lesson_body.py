"""What the lesson screen shows below its header: one page, or the station's model, swapped in place.

The body keeps one ``PageView`` and, once the learner reaches it, one model widget. Turning
pages hides the model rather than removing it, so a phrase typed into a model survives paging
back and forth (and a detour from page 1 to the model and back); only another station starts
with an empty body. A page is held to a readable measure and centred on a wide terminal
(``app.tcss``); a model uses the width it needs.

A model composes its parts a refresh or two after mounting, so focusing it is retried a few
times, then falls back to its first focusable part that is not a text field: a text field
takes the focus only when the learner asks for it (see the models' own keys).
"""

from __future__ import annotations

from collections.abc import Awaitable

from rich.text import Text
from textual.containers import Container
from textual.widget import Widget
from textual.widgets import Static

from explainer.course.model import Course, Page, Station
from explainer.tui.widgets.models import ModelUnavailable, model_widget_class
from explainer.tui.widgets.page_view import PageView
from explainer.tui.widgets.text_fields import is_text_field

FOCUS_TRIES = 5


class LessonBody(Container):
    """The page view or the station's model (attributes down: the screen says which)."""

    def __init__(self, course: Course, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.course = course
        self.station_id: str | None = None  # whose pages and model the body holds
        self._wanted: str = ""  # "page" or "model": what the screen asked for last
        self._clearing: Awaitable[None] | None = None  # the last station's parts, being removed

    def hold(self, station: Station) -> None:
        """Another station: its model starts fresh. Within a station the model keeps its state."""
        if self.station_id != station.id:
            self.station_id = station.id
            self._clearing = self.remove_children()

    async def _cleared(self) -> None:
        clearing, self._clearing = self._clearing, None
        if clearing is not None:
            await clearing

    @property
    def model(self) -> Widget | None:
        return next((w for w in self.children if not isinstance(w, PageView)), None)

    @property
    def page_view(self) -> PageView | None:
        return next((w for w in self.children if isinstance(w, PageView)), None)

    async def show_page(self, page: Page) -> PageView:
        self._wanted = "page"
        await self._cleared()
        self.set_class(False, "-model")
        model = self.model
        if model is not None:
            model.display = False
        view = self.page_view
        if view is None:
            view = PageView(page, self.course, id="page-view")
            await self.mount(view)
        else:
            view.display = True
            view.show_page(page)
        view.focus()
        return view

    async def show_model(self, station: Station) -> None:
        self._wanted = "model"
        await self._cleared()
        self.set_class(True, "-model")
        view = self.page_view
        if view is not None:
            view.display = False
        model = self.model
        if model is not None:
            model.display = True
            self.focus_model()
            return
        try:
            widget_class = model_widget_class(station.model)
        except ModelUnavailable as error:
            await self.mount(Static(Text(str(error)), classes="model-missing"))
            return
        widget = widget_class(station, self.course)
        widget.add_class("station-model")
        await self.mount(widget)
        if self._wanted == "model":  # the learner may have moved on while it mounted
            self.focus_model()

    def focus_model(self, tries: int = FOCUS_TRIES) -> None:
        """Focus the model once it has composed its children (a few refreshes at most)."""
        widget = self.model
        if widget is None or not widget.is_attached or self._wanted != "model":
            return
        if not widget.children and tries > 0:
            self.call_after_refresh(self.focus_model, tries - 1)
            return
        widget.focus()
        self.call_after_refresh(self._focus_fallback, widget)

    def _focus_fallback(self, widget: Widget) -> None:
        focused = self.screen.focused
        if widget.is_attached and (focused is None or focused is self.page_view):
            parts = [w for w in widget.query("*") if w.focusable and not is_text_field(w)]
            if widget.focusable:
                widget.focus()
            elif parts:
                parts[0].focus()
