"""Feedback after each clip: WER, a word diff, label accuracy and the guideline missed.

Prodigy's annotator training shows the expected answer next to yours; we do the same, word by
word. The diff marks every edit with a SYMBOL as well as a colour, so it reads the same under
NO_COLOR and in the high-contrast theme:

* ``the→a``     substituted (the truth, then what you typed)
* ``[-word-]``  missed: said, but not in your transcript (a deletion)
* ``{+word+}``  added: in your transcript, but not said (an insertion)

Everything the learner typed is put into ``rich.text.Text`` objects, never parsed as markup,
so ``[bold]`` typed into a transcript shows as those very characters.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from explainer.course.model import Clip
from explainer.i18n import _
from explainer.learning.shift import DISTRESS_KIND, REPORTED_SECONDS_PER_CLIP
from explainer.learning.shift_score import NO_INTENT, Answer, ClipScore, guideline
from explainer.learning.wer import WordDiff


def legend() -> str:
    return _("word→yours substituted · [-word-] missed · {+word+} added")


class ReviewerFeedback(Static):
    """A read-only panel; ``show(clip, score, seconds)`` fills it."""

    COMPONENT_CLASSES = {
        "reviewer-feedback--title",
        "reviewer-feedback--equal",
        "reviewer-feedback--substitute",
        "reviewer-feedback--delete",
        "reviewer-feedback--insert",
        "reviewer-feedback--good",
        "reviewer-feedback--bad",
        "reviewer-feedback--muted",
    }

    def _style(self, name: str):  # noqa: ANN202 - a Rich Style
        return self.get_component_rich_style(f"reviewer-feedback--{name}", partial=True)

    def diff_text(self, diff: WordDiff) -> Text:
        """The aligned words with symbols and colours."""
        text = Text()
        for edit in diff.edits:
            if text:
                text.append(" ")
            if edit.kind == "equal":
                text.append(edit.reference, self._style("equal"))
            elif edit.kind == "substitute":
                text.append(f"{edit.reference}→{edit.hypothesis}", self._style("substitute"))
            elif edit.kind == "delete":
                text.append(f"[-{edit.reference}-]", self._style("delete"))
            else:
                text.append(f"{{+{edit.hypothesis}+}}", self._style("insert"))
        if not diff.edits:
            text.append(
                _("(nothing was said to the device, and you typed nothing)"), self._style("muted")
            )
        return text

    def _mark(self, ok: bool) -> Text:
        return Text("✓ " if ok else "✗ ", self._style("good" if ok else "bad"))

    def build(
        self, clip: Clip, score: ClipScore, seconds: float, position: str, answer: Answer
    ) -> Text:
        typed = answer.transcript
        diff = score.diff
        out = Text()
        out.append(_("Feedback, clip {position}").format(position=position), self._style("title"))
        out.append("\n")
        out.append(
            _(
                "Transcript: WER {wer:.2f} = ({s} substituted + {d} missed + {i} added) / {n} words"
            ).format(
                wer=score.wer,
                s=diff.substitutions,
                d=diff.deletions,
                i=diff.insertions,
                n=diff.reference_words,
            )
        )
        out.append("\n  ")
        out.append_text(self.diff_text(diff))
        out.append("\n  ")
        out.append(legend(), self._style("muted"))
        out.append("\n")
        out.append(_("Labels: {pct:.0f}% right").format(pct=score.label_accuracy * 100))
        out.append("\n  ")
        out.append_text(self._mark(score.intent_correct))
        out.append(_("intent (it was: {intent})").format(intent=clip.intent or NO_INTENT))
        out.append("   ")
        out.append_text(self._mark(score.false_wake_correct))
        out.append(
            _("false wake: it was one") if clip.false_wake else _("false wake: it was not one")
        )
        out.append("\n  ")
        out.append_text(self._mark(not score.personal_missed and not score.personal_extra))
        out.append(_("personal data: "))
        parts = []
        if score.personal_flagged:
            parts.append(
                _("flagged {kinds}").format(kinds=", ".join(sorted(score.personal_flagged)))
            )
        if score.personal_missed:
            parts.append(_("missed {kinds}").format(kinds=", ".join(sorted(score.personal_missed))))
        if score.personal_extra:
            parts.append(
                _("not heard {kinds}").format(kinds=", ".join(sorted(score.personal_extra)))
            )
        out.append("; ".join(parts) or _("none, correctly"))
        out.append("\n")
        if score.missed:
            out.append(_("Guideline missed:"), self._style("bad"))
            for gid in score.missed:
                out.append("\n  • ")
                out.append(guideline(gid).short)
        else:
            out.append(_("No guideline missed."), self._style("good"))
        out.append("\n")
        out.append(_("What was said: "), self._style("muted"))
        out.append(clip.transcript or _("(nothing addressed to the device)"))
        out.append("\n")
        out.append(_("You typed: "), self._style("muted"))
        out.append(typed or _("(nothing)"))  # literally: typed markup is never interpreted
        out.append("\n")
        if answer.escalated:
            out.append(
                _("You escalated this clip: someone should look at it."), self._style("good")
            )
            out.append("\n")
        if clip.kind == DISTRESS_KIND:
            out.append(
                _(
                    "No command was recognised here. Reviewers who asked what to do about such clips "
                    "were reportedly told it was not Amazon's job to interfere (see the debrief)."
                ),
                self._style("muted"),
            )
            out.append("\n")
        out.append(
            _("Time on this clip: {s:.0f} s (reported pace: {r:.1f} s a clip)").format(
                s=seconds, r=REPORTED_SECONDS_PER_CLIP
            ),
            self._style("muted"),
        )
        return out

    def show(
        self, clip: Clip, score: ClipScore, seconds: float, position: str, answer: Answer
    ) -> None:
        self.update(self.build(clip, score, seconds, position, answer))
