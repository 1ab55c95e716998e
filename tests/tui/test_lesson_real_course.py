"""The real app and the real course: every page and every lessons-owned model opens at 80x24."""

from __future__ import annotations

from textual.widgets import Static

from explainer.tui.factory import make_app
from explainer.tui.widgets.models import MODEL_WIDGETS
from explainer.tui.widgets.page_view import PageView

LESSONS_MODELS = {"wake-word-explorer", "listening-timeline", "sampling-calculator", "reviewer-brief",
                  "disclosures-timeline", "controls-checklist"}


async def test_every_page_renders_and_reports_overflow(app_config):
    app = make_app(app_config())
    overflowing = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.course is not None
        for station in app.course.stations:
            app.open_station(station.id)
            await pilot.pause()
            for page in station.pages:
                app.screen.show_station(station.id, page.slug)
                await pilot.pause()
                view = app.screen.query_one(PageView)
                text = str(view.query_one("#page-text", Static).render())
                assert page.title in text
                assert "[@" not in text, page.id  # every citation became a numbered marker
                height = view.query_one("#page-text").outer_size.height
                if height > view.scrollable_content_region.height:
                    overflowing.append(page.id)
                assert page.id in app.progress.pages_read
        # pages may scroll, but nearly all should fit one 80x24 screen
        assert len(overflowing) <= len(app.course.stations), overflowing


async def test_every_lessons_model_opens_with_the_real_content(app_config):
    app = make_app(app_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for station in app.course.stations:
            if station.model not in LESSONS_MODELS:
                continue
            assert station.model in MODEL_WIDGETS
            app.open_station(station.id, "model")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            body = app.screen.query_one("#lesson-body")
            assert not body.query(".model-missing"), station.id
            model = body.query(".station-model").first()
            assert getattr(model, "notice", None) is None, (station.id, model.notice)
