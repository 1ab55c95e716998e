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
