"""What the lesson body holds: the page view or the station's model, swapped in place.

``LessonScreen`` decides which step of a station is current and answers the keys; this mixin
fills ``#lesson-body`` for that step. The body keeps one ``PageView`` and, once the learner
reaches it, one model widget: turning pages hides the model rather than removing it, so a
phrase typed into a model survives paging back and forth, and only a different station starts
with an empty body. A model composes its parts a refresh or two after mounting, so focusing it
is retried a few times, then falls back to its first focusable part. Kept apart so the
mount/hide/focus dance can be read without the navigation and popups around it.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Container
from textual.widgets import Static

from explainer.course.model import Page, Station
from explainer.tui.widgets.models import ModelUnavailable, model_widget_class
from explainer.tui.widgets.page_view import PageView

MODEL_SLUG = "model"


class LessonBody:
    """Mixin for LessonScreen: needs ``station``, ``course``, ``at_model`` and ``_record``,
    plus the Screen's ``query_one``, ``call_later``, ``call_after_refresh`` and ``focused``.
    """

    _body_station: str | None = None  # whose pages/model the body holds

    def _body(self) -> Container:
        return self.query_one("#lesson-body", Container)

    def _keep_body_for(self, station: Station | None) -> None:
        if station is not None and self._body_station != station.id:
            # another station: its model starts fresh; within a station the model keeps its
            # state while the learner pages back and forth (typed phrases are not lost)
            self._body_station = station.id
            self.call_later(self._body().remove_children)

    def _models(self) -> list:
        return [w for w in self._body().children if not isinstance(w, PageView)]

    async def _show_page(self, page: Page) -> None:
        body = self._body()
        for model in self._models():
            model.display = False
        views = body.query(PageView)
        if views:
            view = views.first()
            view.display = True
            view.show_page(page)
        else:
            view = PageView(page, self.course, id="page-view")
            await body.mount(view)
        view.focus()

    def _show_model(self) -> None:
        assert self.station is not None
        self._record(MODEL_SLUG)
        self.call_later(self._mount_model, self.station)

    async def _mount_model(self, station: Station) -> None:
        if self.station is not station or not self.at_model:
            return  # the learner moved on before this ran
        body = self._body()
        for view in body.query(PageView):
            view.display = False
        kept = self._models()
        if kept:
            kept[0].display = True
            self._focus_model(kept[0], 5)
            return
        try:
            widget_class = model_widget_class(station.model)
        except ModelUnavailable as error:
            await body.mount(Static(Text(str(error)), classes="model-missing"))
            return
        widget = widget_class(station, self.course)
        widget.add_class("station-model")
        await body.mount(widget)
        self._focus_model(widget, 5)

    def _focus_model(self, widget, tries: int) -> None:
        """Focus the model once it has composed its children (a few refreshes at most)."""
        if not widget.is_attached:
            return
        if not widget.children and tries > 0:
            self.call_after_refresh(self._focus_model, widget, tries - 1)
            return
        widget.focus()
        # Widget.focus() takes effect through the app's queue: look after it, on that same queue
        # (after a refresh, the look could come first and move the focus to the wrong part).
        self.app.call_later(self._focus_fallback, widget)

    def _focus_fallback(self, widget) -> None:
        if self.focused is None and widget.is_attached:  # the model did not focus a part of itself
            focusable = [w for w in widget.query("*") if w.focusable]
            if focusable:
                focusable[0].focus()
