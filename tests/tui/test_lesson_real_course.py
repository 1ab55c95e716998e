"""The real app and the real course: every page and every lessons-owned model opens at 80x24."""

from __future__ import annotations

from textual.widgets import Static

from explainer.tui.factory import make_app
from explainer.tui.screens.station_end import StationEndDialog
from explainer.tui.widgets.models import MODEL_WIDGETS
from explainer.tui.widgets.page_view import PageView
from tests.pilot import screen_text

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


def _last_line(app, view: PageView) -> str:
    """The page's last line, wrapped as the screen shows it."""
    static = view.query_one("#page-text", Static)
    lines = static.render().wrap(static.content_size.width)
    return lines[-1].plain.strip()


async def test_n_never_turns_a_page_before_its_end_and_try_it_line_were_on_screen(app_config):
    """Every station, full walk and short tour, at 80x24, with n alone: before n turns a page, the
    page's last line (the "Try it" prompt, where there is one) is on the screen; while it is not,
    the footer and the header say n shows more."""
    app = make_app(app_config())
    scrolled = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for tour in (False, True):
            for station in app.course.stations:
                app.open_station(station.id, station.pages[0].slug, short_tour=tour)
                await pilot.pause()
                screen = app.screen
                while screen.walk.page is not None:  # n from page 1 until the model
                    key, page = screen.walk.key, screen.walk.page
                    view = screen.query_one(PageView)
                    last = _last_line(app, view)
                    await pilot.pause()
                    await pilot.pause()
                    for _press in range(5):
                        shown = screen_text(app)
                        if last in shown:
                            break
                        assert "n More below" in shown.splitlines()[-1], (page.id, shown)
                        assert "n: more below ↓" in shown.splitlines()[0], page.id
                        await pilot.press("n")
                        await pilot.pause()
                        assert screen.walk.key == key, f"n turned {page.id} before its end was shown"
                        scrolled.add(page.id)
                    shown = screen_text(app)
                    assert last in shown, page.id
                    if "Try it" in page.body:
                        assert "Try it" in shown, page.id
                    assert "n More below" not in shown and "more below" not in shown.splitlines()[0]
                    await pilot.press("n")
                    await pilot.pause()
                    assert screen.walk.key != key or isinstance(app.screen, StationEndDialog), page.id
    # the walk did meet pages taller than 80x24 (station 9's first page among them)
    assert "your-controls/what-you-can-do" in scrolled, scrolled


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
