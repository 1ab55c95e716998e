"""The feedback panel's words for a false wake the learner typed into (found in the QA walk:
"you typed 10 word(s):" and a "{+word+}" diff with no key to read it by)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from explainer.learning.shift_score import Answer, score_clip
from explainer.tui.widgets.reviewer_feedback import ReviewerFeedback, legend
from tests.builders import make_course


class FeedbackApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ReviewerFeedback()


async def test_typing_into_a_false_wake_counts_words_in_plain_plurals_and_keys_the_diff() -> None:
    course = make_course()
    clip = next(c for c in course.clips if c.false_wake)
    app = FeedbackApp()
    async with app.run_test(size=(80, 24)):
        panel = app.query_one(ReviewerFeedback)
        for typed, said in (("hello there", "you typed 2 words:"), ("hello", "you typed 1 word:")):
            answer = Answer(transcript=typed, false_wake=False)
            text = panel.build(course, clip, score_clip(clip, answer), 5.0, "1/6", answer).plain
            assert said in text and "word(s)" not in text
            assert "{+hello+}" in text and legend() in text


def test_the_debrief_counts_clips_in_words_not_clip_s():
    """'You reviewed 2 clips', 'You heard 1 clip.' (issue 12: real plurals, not '6 clip(s)')."""
    from explainer.learning.shift import Shift
    from explainer.learning.shift_debrief import build_debrief
    from explainer.tui.screens.reviewer_debrief import debrief_text
    from tests.reviewer_fixtures import FakeClock

    course = make_course()
    shift = Shift(["o-1", "r-2"], seed=1, clock=FakeClock())
    shift.resume_clock()
    shift.submit(course.clip("o-1"), Answer("play the dinosaur song", "PlayMusic"))
    shift.submit(course.clip("r-2"), Answer("what time is it", "HassGetTime"))
    text = debrief_text(build_debrief(shift, course)).plain
    assert "You reviewed 2 clips: mean WER" in text
    assert text.count("You heard 1 clip. What you now know:") == 2
    assert "(s)" not in text
    statement = build_debrief(shift, course).statement.source
    assert f"{statement.publisher}, “{statement.title}”" in text and f"[{statement.id}]" not in text  # no ids
