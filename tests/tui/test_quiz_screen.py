"""Answering every question type by keyboard alone at 80x24; wrong answers show feedback, hint, source."""


from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from explainer.learning.quiz import (
    correct_answer,
    grade,
    incomplete,
    shuffled_options,
    shuffled_order,
)
from explainer.paths import data_paths
from tests.builders import MATCHING, MULTI, NUMERIC, make_course
from tests.pilot import Saves, open_quiz, wait_until

SIZE = (80, 24)


@pytest.fixture
def quiz_app(course_app):
    """The real app over the test course whose station 1 and final quiz ask one question of each type."""
    return lambda **config: course_app(make_course(quiz=True), **config)


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)  # the words, unwrapped


def _feedback(app) -> str:
    return _text(app, "#quiz-feedback")


async def _key_for(app, question, option_id: str) -> str:
    options = shuffled_options(question, app.screen.session.seed)
    return str([o.id for o in options].index(option_id) + 1)


async def test_single_wrong_then_right_by_keys(quiz_app):
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        saves = Saves(app)
        await open_quiz(pilot, "wake-word")
        opened = saves.count  # opening saves where the learner is (Continue comes back here)
        session = app.screen.session
        q = session.current
        assert q.id == "s1"
        await pilot.press(await _key_for(app, q, "cloud"), "enter")
        await pilot.pause()
        text = _feedback(app)
        assert "why cloud is wrong" in text  # feedback for the wrong option
        assert "Hint: Think local." in text  # the hint
        assert "Publisher src-a" in text  # the source (one line while trying; s opens it)
        assert "Title [bold]src-a[/bold]" in text  # content shown literally
        assert "Not yet" in _text(app, "#quiz-verdict")
        await pilot.press(await _key_for(app, q, "device"), "enter")
        await pilot.pause()
        assert "Correct" in _text(app, "#quiz-verdict")
        assert "https://example.org/src-a" in _feedback(app)  # with its address once answered
        assert (
            app.progress.answers["s1"]["correct"] is True
            and app.progress.answers["s1"]["tries"] == 2
        )
        assert saves.count - opened == 2  # after each try
        await pilot.press("enter")
        await pilot.pause()
        assert session.current.id == "m1"


async def test_multi_by_space_and_arrows(quiz_app):
    app = quiz_app()
    app.progress.answers["s1"] = {"correct": True, "tries": 1, "at": "2026-01-01T00:00:00+00:00"}
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        q = app.screen.session.current
        assert q.id == "m1"  # resumed at the first unanswered question
        ids = [o.id for o in shuffled_options(q, app.screen.session.seed)]
        for wanted in ("a", "b"):
            target = ids.index(wanted)
            widget = app.screen.widget
            while widget.cursor != target:
                await pilot.press("down")
            await pilot.press("space")
        await pilot.press("enter")
        await pilot.pause()
        assert app.progress.answers["m1"]["correct"] is True


async def test_truefalse_has_one_try_and_same_answer_twice_costs_no_try(quiz_app, tmp_path):
    """True/false: one wrong try would give the answer away, so one try (issue 12.6)."""
    app = quiz_app()
    for qid in ("s1", "m1"):
        app.progress.answers[qid] = {"correct": True, "tries": 1}
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        session = app.screen.session
        assert session.current.id == "t1" and session.allowed == 1
        await pilot.press("1", "enter")  # "True" is always first, and wrong here
        await pilot.pause()
        assert session.last.finished and app.progress.answers["t1"]["correct"] is False
    app = quiz_app(data=data_paths(tmp_path / "another-learner"))
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        session = app.screen.session
        assert session.current.id == "s1" and session.allowed == 3
        wrong = next(
            n for n, o in enumerate(app.screen.widget.options, start=1) if not o.correct
        )
        await pilot.press(str(wrong), "enter")
        await pilot.pause()
        await pilot.press("enter")  # the same answer again: refused, no try spent
        await pilot.pause()
        assert session.tries == 1


async def test_solution_after_the_last_try(quiz_app):
    app = quiz_app()
    app.progress.answers["s1"] = {"correct": True, "tries": 1}
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        q = app.screen.session.current
        assert q.id == "m1"
        c, d = await _key_for(app, q, "c"), await _key_for(app, q, "d")
        await pilot.press(c, "enter")
        await pilot.pause()
        await pilot.press(c, d, "enter")
        await pilot.pause()
        assert "Answer:" not in _feedback(app)
        await pilot.press(c, "enter")
        await pilot.pause()
        assert "Answer: A; B" in _feedback(app) and "Why: A and B." in _feedback(app)
        assert (
            app.progress.answers["m1"]["correct"] is False
            and app.progress.answers["m1"]["tries"] == 3
        )


async def test_ordering_with_brackets(quiz_app):
    app = quiz_app()
    for qid in ("s1", "m1", "t1"):
        app.progress.answers[qid] = {"correct": True, "tries": 1}
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        q = app.screen.session.current
        assert q.type == "ordering"
        widget = app.screen.widget
        assert widget.items != list(q.order)
        # selection sort by keyboard: bring each right item up to its place
        for place, item in enumerate(q.order):
            where = widget.items.index(item)
            while widget.cursor != where:
                await pilot.press("down" if widget.cursor < where else "up")
            for _ in range(where - place):
                await pilot.press("left_square_bracket")
        assert widget.items == list(q.order)
        await pilot.press("enter")
        await pilot.pause()
        assert app.progress.answers["o1"]["correct"] is True


async def test_ordering_shift_arrows_move(quiz_app):
    app = quiz_app()
    for qid in ("s1", "m1", "t1"):
        app.progress.answers[qid] = {"correct": True, "tries": 1}
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        widget = app.screen.widget
        first = widget.items[0]
        await pilot.press("shift+down")
        assert widget.items[1] == first and widget.cursor == 1


async def test_matching_wrong_then_right(quiz_app):
    app = quiz_app()
    for qid in ("s1", "m1", "t1", "o1"):
        app.progress.answers[qid] = {"correct": True, "tries": 1}
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        q = app.screen.session.current
        assert q.type == "matching"
        widget = app.screen.widget
        for _ in widget.items:
            await pilot.press("1")  # everything into "device": two wrong
        await pilot.press("enter")
        await pilot.pause()
        # two groups: the count, not which items (that would give the answer away)
        assert "2 items are in the wrong group" in _feedback(app) and "Hint: Buffer." in _feedback(app)
        for item in widget.items:
            while widget.items[widget.cursor].text != item.text:
                await pilot.press("up")
            await pilot.press(str(q.groups.index(item.group) + 1))
        await pilot.press("enter")
        await pilot.pause()
        assert app.progress.answers["x1"]["correct"] is True


async def test_numeric_and_spot_in_final(quiz_app):
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "final")
        assert app.screen.session.current.type == "numeric"
        await pilot.press("4", "0", "enter")
        await pilot.pause()
        assert "Too high." in _feedback(app)
        await pilot.press("backspace", "backspace", *"32,4", "enter")
        await pilot.pause()
        assert app.progress.answers["n1"]["correct"] is True
        await pilot.press("enter")
        await pilot.pause()
        q = app.screen.session.current
        assert q.type == "spot"
        ids = [o.id for o in shuffled_options(q, app.screen.session.seed)]
        await pilot.press(str(ids.index("serial") + 1), str(ids.index("account") + 1), "c", "enter")
        await pilot.pause()
        entry = app.progress.answers["p1"]
        assert entry["correct"] is True and entry["confidence"] == "sure"
        await pilot.press("enter")
        await pilot.pause()
        # the quiz end leads with first tries: 40 was a wrong first try, the spot question right
        assert "Right first time: 1 of 2." in _text(app, "#quiz-prompt")
        assert "In the end: 2 of 2 answered correctly." in _text(app, "#quiz-prompt")


async def test_sources_panel_and_results_screen(quiz_app):
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SourcesPanel"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"


async def test_post_check_shows_comparison(quiz_app):
    app = quiz_app()
    pre = app.progress.section("prepost").setdefault("pre", {})
    for qid, ok in (("t1", True), ("x1", False), ("p1", False)):
        pre[qid] = {"correct": ok, "tries": 1}
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "post")
        session = app.screen.session
        while not session.done:
            from explainer.learning.quiz import correct_answer

            session.check(correct_answer(session.current))
            session.advance()
        await app.screen._show_current()
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        lines = [
            strip.text
            for strip in app.screen.query_one("#results-body", Static).render_lines(
                app.screen.query_one("#results-body").region.reset_offset
            )
        ]
        body = "\n".join(lines)
        assert "You moved from 1/3 to 3/3." in body
        assert "Pre" in body and "Post" in body


def test_ordering_start_is_never_solved():
    from tests.builders import ORDERING

    assert all(list(shuffled_order(ORDERING, s)) != list(ORDERING.order) for s in range(50))


# --- QA walk-through regressions in quizzes: refused tries, hidden answers in the pre-check, next station.


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


async def test_typing_no_number_keeps_the_try(quiz_app):
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "final")
        session = app.screen.session
        assert session.current.id == "n1"
        app.screen.query_one(Input).value = "[bold]x[/]"
        await pilot.press("enter")
        await pilot.pause()
        assert session.tries == 0 and session.last is None
        assert "[bold]x[/]" in app.screen.query_one(Input).value  # what was typed stays


async def test_pre_check_saves_without_showing_answers_and_cannot_be_retaken(quiz_app):
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "pre")
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


async def test_a_station_quiz_ends_with_the_next_station(quiz_app):
    """n goes on along the path (learning.journey): station 1 is done, so station 2's first page."""
    app = quiz_app()
    first = app.course.stations[0]
    for question in first.questions:
        app.progress.answers[question.id] = {"correct": True, "tries": 1, "quiz": "wake-word"}
    for page in first.pages:
        app.progress.mark_page_read(page.id)
    app.progress.mark_model_seen(first.id)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        assert "n: go on: 2. The listening window · page 1 of 3" in _text(app, "#quiz-feedback")
        assert app.progress.last == {"mode": "quiz", "quiz": "wake-word"}
        assert app.screen.check_action("check", ()) is False  # the footer drops "Check / next"
        await pilot.press("n")
        await wait_until(pilot, lambda: getattr(app.screen, "station", None) is not None, "the next station")
        assert app.current_mode == "lesson" and app.screen.station.id == "listening-window"


async def test_changing_the_answer_clears_the_old_marks(quiz_app):
    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
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


async def test_resuming_a_half_tried_question_shows_its_hint_again(quiz_app):
    app = quiz_app()
    # one try already spent on s1 (the attempt log keeps it per question)
    app.progress.attempts["s1"] = [
        {"quiz": "wake-word", "round": 1, "try": 1, "given": "cloud", "correct": False,
         "score": 0.0, "confidence": None, "at": "2026-12-01T10:00:00+00:00", "final": False}
    ]
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "wake-word")
        assert app.screen.session.tries == 1
        assert "Hint: Think local." in _text(app, "#quiz-feedback")


# --- Reopening the quiz that is already on screen keeps it as it is (no rebuild, no lost choice).
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


async def test_c_in_a_number_field_asks_how_sure_and_the_screen_says_so(quiz_app):
    """Issue 14: 'c' is not typed into a number (a number has no letters): it sets the confidence,
    with the field still focused, and the field's hint and the footer both show 'c'."""
    from tests.pilot import screen_text

    app = quiz_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, "final")
        field = app.screen.query_one("#numeric-input", Input)
        assert app.screen.focused is field
        text = screen_text(app)
        assert "c: how sure?" in text and "tab, then c" not in text
        assert " c Sure?" in text.splitlines()[-1]  # the footer, while the field has the focus
        await pilot.press("4", "c", "0")
        await pilot.pause()
        assert field.value == "40" and app.screen.focused is field
        assert "sure? sure" in _text(app, "#quiz-header")
        await pilot.press("c")
        await pilot.pause()
        assert "sure? unsure" in _text(app, "#quiz-header") and field.value == "40"
        await pilot.press("enter")
        await pilot.pause()
        assert app.progress.attempts["n1"][0]["confidence"] == "unsure"


def test_a_long_quiz_title_gives_way_so_the_header_keeps_one_line():
    """QA walk, station 8: 'Quiz: The 2019 disclosures · 3/5 · Choose all that apply · try 1 of 3
    · sure? –' is 81 characters, so '–' wrapped onto a line of its own at 80 columns."""
    from explainer.tui.widgets.questions.texts import header_line

    rest = ["3/5", "Choose all that apply", "try 1 of 3", "sure? –"]
    line = header_line("Quiz: The 2019 disclosures", rest, 78)
    assert len(line) == 78 and line.endswith(" · 3/5 · Choose all that apply · try 1 of 3 · sure? –")
    assert line.startswith("Quiz: The 2019 disclo") and "…" in line
    assert header_line("Quiz: The wake word", rest, 78) == "Quiz: The wake word · " + " · ".join(rest)
    assert header_line("Quiz: A", rest, 20).startswith("Quiz: A · 3/5")  # too narrow: left to wrap
