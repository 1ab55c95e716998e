"""QA walk-through regressions in quizzes: refused tries, hidden answers in the pre-check, next station."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input, Static

from explainer.course.model import Station
from explainer.learning.quiz import correct_answer, grade, incomplete
from tests.quiz_harness import QuizHarness
from tests.quiz_samples import MATCHING, MULTI, NUMERIC

SIZE = (80, 24)


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def test_not_a_number_or_a_half_sorted_list_is_refused_not_graded():
    assert incomplete(NUMERIC, "[bold]x[/]") is not None
    assert incomplete(NUMERIC, "32,4") is None
    assert incomplete(MATCHING, {"buffer": "device"}) is not None
    assert incomplete(MATCHING, correct_answer(MATCHING)) is None
    assert incomplete(MULTI, ["a"]) is None


def test_multi_feedback_counts_missed_options_without_naming_them():
    result = grade(MULTI, [])
    right = [o.text for o in MULTI.options if o.correct]
    shown = " ".join(f"{f.label} {f.message}" for f in result.feedback)
    assert "Missed" in shown and not any(text in shown for text in right)


async def test_typing_no_number_keeps_the_try():
    app = QuizHarness("final")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session = app.screen.session
        assert session.current.id == "n1"
        app.screen.query_one(Input).value = "[bold]x[/]"
        await pilot.press("enter")
        await pilot.pause()
        assert session.tries == 0 and session.last is None
        assert "[bold]x[/]" in app.screen.query_one(Input).value  # what was typed stays


async def test_pre_check_saves_without_showing_answers_and_cannot_be_retaken():
    app = QuizHarness("pre")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        session = screen.session
        while session.current is not None:
            widget = screen.widget
            if isinstance(session.current.type, str) and session.current.type == "matching":
                widget.placed = dict(correct_answer(session.current))
                widget.changed()
            else:
                await pilot.press("1")
            await pilot.press("enter")
            await pilot.pause()
            feedback = _text(app, "#quiz-feedback")
            assert "Answer:" not in feedback and "Why:" not in feedback
            assert not any("✓" in row.plain or "✗" in row.plain for row in widget.rows())
            assert "Saved" in _text(app, "#quiz-verdict")
            await pilot.press("enter")
            await pilot.pause()
        assert "starting point" in _text(app, "#quiz-prompt")
        answered = dict(app.progress.answers)
        await pilot.press("t")
        await pilot.pause()
        assert session.done and app.progress.answers == answered


async def test_a_station_quiz_ends_with_the_next_station():
    app = QuizHarness("wake-word")
    following = Station("listening-window", "The listening window", "stations/02", "device", "", "m")
    app.course = replace(app.course, stations=(*app.course.stations, following))
    opened: list[str] = []
    app.open_station = lambda station_id, *a, **k: opened.append(station_id)
    for question in app.course.stations[0].questions:
        app.progress.answers[question.id] = {"correct": True, "tries": 1, "quiz": "wake-word"}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "n: next station: The listening window" in _text(app, "#quiz-feedback")
        assert app.screen.check_action("check", ()) is False  # the footer drops "Check / next"
        await pilot.press("n")
        await pilot.pause()
        assert opened == ["listening-window"]


async def test_changing_the_answer_clears_the_old_marks():
    app = QuizHarness("wake-word")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        widget = app.screen.widget
        wrong = next(o for o in widget.options if not o.correct)
        await pilot.press(str(widget.options.index(wrong) + 1), "enter")
        await pilot.pause()
        assert any("✗" in row.plain for row in widget.rows())
        await pilot.press("down", "space")
        await pilot.pause()
        assert not any("✗" in row.plain for row in widget.rows())


def test_long_options_wrap_under_their_text():
    from rich.text import Text

    from explainer.tui.widgets.questions.base import hang

    line = Text("  3. ( ) In Amazon's cloud, which hears everything and picks out the wake word")
    lines = hang(line, 40).plain.split("\n")
    assert len(lines) > 1 and all(len(x) <= 40 for x in lines)
    assert all(x.startswith(" " * 9) and x[9] != " " for x in lines[1:])


async def test_resuming_a_half_tried_question_shows_its_hint_again():
    app = QuizHarness("wake-word")
    app.progress.section("quiz")["open"] = {"quiz": "wake-word", "question": "s1", "tries": 1}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.session.tries == 1
        assert "Hint: Think local." in _text(app, "#quiz-feedback")
