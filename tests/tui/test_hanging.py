"""Wrapped list lines stay under their text (``widgets.hanging``): the quiz end, the results, a
question's feedback, source lists and the seat's feedback and debrief, at 80x24."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.geometry import Region
from textual.widgets import Static

from explainer.learning.quiz import correct_answer
from explainer.tui.widgets.hanging import Hanging, hang_width
from tests.classroom.class_fixtures import wrong_answer
from tests.pilot import open_quiz, screen_text

URL = "https://www.blog.google/products/assistant/more-information-about-our-processes-safeguard-speech-data/"


def _lines(text: str, width: int) -> list[str]:
    console = Console(width=width)
    return [line.plain for line in Hanging(Text(text)).lines(console, width)]


def test_markers_set_the_indent():
    assert hang_width("• a belief") == 2
    assert hang_width("  [3] Fox8, “Report …”") == 6
    assert hang_width("      https://fox8.com/…") == 6
    assert hang_width("   ✗ A six-year-old child lives in the house.") == 5
    assert hang_width("  12. Talk about it") == 6
    assert hang_width("Answer: False") == 0
    assert hang_width("-privacy-concerns") == 0  # a broken address is not a bullet


def test_a_bullet_and_an_address_wrap_under_their_text():
    lines = _lines("• Which company said it? Sort each statement about how much audio humans review.\n"
                   f"  [1] Google (The Keyword blog), 2019-07-11\n      {URL}\nAnswer: plain", 40)
    assert lines[0].startswith("• Which") and all(line.startswith("  ") for line in lines[1:3])
    address = [line for line in lines if "blog.google" in line or line.startswith("      ")]
    assert all(line.startswith("      ") and len(line) <= 40 for line in address)
    assert "".join(line.strip() for line in lines if line.startswith("      ")).endswith(
        URL.removeprefix("https://www.blog.google")[-30:])  # the whole address, broken only at the edge
    assert lines[-1] == "Answer: plain"
    assert str(Hanging(Text("• a\n  b"))) == "• a\n  b"  # the words, unwrapped


def _continuations(lines: list[str]) -> list[str]:
    """Lines that go on from a list item above them and start at column 1 (under the bullet)."""
    bad, in_item = [], False
    for line in lines:
        body = line[1:]  # the screen's own left padding
        if body.startswith(("• ", "  ")):
            in_item = True
        elif not body.strip():
            in_item = False
        elif in_item:
            bad.append(line)
    return bad


async def test_quiz_end_and_results_keep_the_indent_at_80x24(app):
    """The real station 6 quiz with three confident wrong first answers (long sorting items and
    source titles): every wrapped line of a belief to revisit and of the results' lists starts
    under its text, and no address is broken back to column 1."""
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot, "sampled-for-review")
        session = made.screen.session
        while not session.done:
            question = session.current
            if session.index < 3:
                session.check(wrong_answer(question), "sure")
            while not session.last or not session.last.finished:
                session.check(correct_answer(question), None)
            session.advance()
        await made.screen._show_current()
        await pilot.pause()
        shown = screen_text(made).splitlines()
        revisit = shown[next(i for i, line in enumerate(shown) if "To revisit" in line) + 1 : -1]
        assert any(line.startswith(" • ") for line in revisit)
        assert any(line.startswith("   Source: ") for line in revisit)
        assert _continuations(revisit) == [], revisit

        made.open_results()
        await pilot.pause()
        await pilot.pause()
        body = made.screen.query_one("#results-body", Static)  # every line, as wide as on screen
        seen = [" " + strip.text.rstrip() for strip in body.render_lines(Region(0, 0, *body.size))]
        assert any(line.startswith("       https://") for line in seen)  # an address, under its source
        assert not any(line.startswith((" https://", " -", " ing", " ort")) for line in seen)
        listed = [line for line in seen if "By station" not in line and "┃" not in line and "│" not in line]
        assert _continuations(listed) == [], [line for line in _continuations(listed)][:5]


async def test_a_questions_feedback_keeps_the_indent_at_80x24(app):
    """After the last try at a real sorting question: each wrong item's bullet and each source
    (with its address) wrap under their text."""
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot, "sampled-for-review")
        screen = made.screen
        question = screen.session.current
        result = screen.session.check(wrong_answer(question), None)
        while not result.finished:
            result = screen.session.check(wrong_answer(question), None)
        screen._show_result(question, result)
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(made).splitlines()[1:-1]
        assert any(line.startswith(" • ") for line in shown) and any(line.startswith(" [1] ") for line in shown)
        assert any(line.startswith("     https://") for line in shown)  # the address, under its source
        bullets = shown[: next(i for i, line in enumerate(shown) if line.startswith(" Answer: "))]
        assert _continuations(bullets) == [], bullets
        sources = shown[next(i for i, line in enumerate(shown) if line.startswith(" Sources (s)")) + 1 :]
        assert all(line.startswith((" [", "     ")) for line in sources if line.strip()), sources
