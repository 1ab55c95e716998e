"""The real app and the real course: final quiz, then the post-check, then pre/post side by side."""

from __future__ import annotations

from textual.widgets import Input, Static

from explainer.learning.quiz import correct_answer
from explainer.learning.quiz_session import quiz_questions

SIZE = (80, 24)


def _fill(screen, answer) -> None:
    """Put the right answer into the current question widget (the keys are tested elsewhere)."""
    widget = screen.widget
    kind = screen.session.current.type
    if kind == "numeric":
        widget.query_one(Input).value = str(answer)
    elif kind == "ordering":
        widget.items = list(answer)
    elif kind == "matching":
        widget.placed = dict(answer)
    else:
        widget.chosen = set(answer) if isinstance(answer, list) else {answer}


async def _answer_all(pilot, screen) -> None:
    while not screen.session.done:
        _fill(screen, correct_answer(screen.session.current))
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.last.correct
        screen.widget.focus() if screen.widget.focusable else screen.set_focus(None)
        await pilot.press("enter")
        await pilot.pause()


async def test_final_then_post_check_shows_the_change(app):
    made = app()
    async with made.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pre = made.progress.section("prepost").setdefault("pre", {})
        items = quiz_questions(made.course, "pre")
        for i, q in enumerate(items):
            pre[q.id] = {"correct": i < 3, "tries": 1}
        made.open_quiz("final")
        await pilot.pause()
        await pilot.pause()
        screen = made.screen
        assert screen.session.quiz_id == "final" and screen.session.current is not None
        await _answer_all(pilot, screen)
        assert "p: take the post-check" in str(screen.query_one("#quiz-feedback", Static).content)
        await pilot.press("p")
        await pilot.pause()
        assert screen.session.quiz_id == "post"
        await _answer_all(pilot, screen)
        await pilot.pause()
        assert type(made.screen).__name__ == "ResultsScreen"
        body = made.screen.query_one("#results-body", Static)
        text = "\n".join(strip.text for strip in body.render_lines(body.region.reset_offset))
        assert f"You moved from 3/{len(items)} to {len(items)}/{len(items)}." in text
    assert all(made.progress.answers[q.id]["correct"] for q in made.course.final_quiz)
