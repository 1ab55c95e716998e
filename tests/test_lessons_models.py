"""Pilot tests: each lessons-owned station model responds to keys and reports the first change."""

from __future__ import annotations

from lessons_harness import HarnessApp
from textual.widgets import Input, OptionList, Static

from explainer.tui.widgets.models.wake_word import WakeWordExplorer


async def open_model(pilot, app, station_id):
    screen = await app.open_lesson(station_id, "model")
    await pilot.pause()
    return screen


def text_of(widget) -> str:
    return str(widget.render())


async def test_wake_word_explorer_threshold_wake_word_and_typed_phrase():
    app = HarnessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "wake-word")
        explorer = screen.query_one(WakeWordExplorer)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert explorer.dictionary
        before = explorer.counts()
        assert before["false wake"] >= 1  # "Alexis"/"election" wake Alexa at the default threshold
        assert "wake-word" not in app.progress.models_tried
        for _ in range(15):
            await pilot.press("right")
        await pilot.pause()
        assert explorer.threshold > 0.9
        after = explorer.counts()
        assert after["false wake"] < before["false wake"]
        assert after["missed wake"] > before["missed wake"]
        assert "wake-word" in app.progress.models_tried
        await pilot.press("w")
        await pilot.pause()
        assert explorer.wake_word == "echo"
        assert "Echo" in text_of(screen.query_one("#wake-controls", Static))
        # type a phrase (Rich markup must show literally)
        await pilot.press("a")
        assert screen.query_one("#wake-input", Input).has_focus
        await pilot.press(*"[b]tobacco[/b]", "enter")
        await pilot.pause()
        assert screen.query_one("#wake-list", OptionList).has_focus
        assert explorer._highlighted_phrase().text == "[b]tobacco[/b]"
        assert "[b]tobacco[/b]" in text_of(screen.query_one("#wake-detail", Static))
        await pilot.press("i")
        await pilot.pause()
        assert explorer._highlighted_phrase().intended is True


async def test_listening_timeline_timeout_changes_upload():
    from explainer.tui.widgets.models.listening_timeline import ListeningTimeline

    app = HarnessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "listening-window")
        model = screen.query_one(ListeningTimeline)
        before = text_of(screen.query_one("#timeline-view", Static))
        assert "4.7 s" in before and "150 kB" in before
        await pilot.press("right", "right", "right")
        await pilot.pause()
        after = text_of(screen.query_one("#timeline-view", Static))
        assert model.timeout == 1.0 and "7.9 s" in after and "Someone else's words" in after
        await pilot.press("home")
        await pilot.pause()
        assert "Cut off" in text_of(screen.query_one("#timeline-view", Static))
        assert "listening-window" in app.progress.models_tried
        assert "(fictional)" in text_of(screen.query_one("#timeline-metadata", Static))
