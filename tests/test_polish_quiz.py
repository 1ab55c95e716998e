"""Reopening the quiz that is already on screen keeps it as it is (no rebuild, no lost choice)."""

from __future__ import annotations


async def test_reopening_the_same_quiz_keeps_the_question_widget(app) -> None:
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        made.open_quiz("wake-word")
        await pilot.pause()
        await pilot.pause()
        screen = made.screen
        widget, session = screen.widget, screen.session
        assert widget is not None
        made.open_map()
        await pilot.pause()
        made.open_quiz("wake-word")
        await pilot.pause()
        await pilot.pause()
        assert made.screen is screen
        assert screen.widget is widget and screen.session is session
        made.open_quiz("final")  # another quiz is built afresh
        await pilot.pause()
        await pilot.pause()
        assert screen.session.quiz_id == "final" and screen.widget is not widget
