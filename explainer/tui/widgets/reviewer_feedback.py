"""Feedback after each clip: WER, a word diff, the labels, each rule missed, and why each flag.

Prodigy's annotator training shows the expected answer next to yours; we do the same, word by
word, and for every rule the answer broke we name the rule (its title in the rulebook,
``content/clips/rules.toml``) and quote the clip's words that broke it. Each personal-data
flag the clip expects is listed with its reason from the clip's file: the fact and the words
that reveal it. The diff marks every edit with a SYMBOL as well as a colour, so it reads the
same under NO_COLOR and in the high-contrast theme:

* ``the→a``     substituted (the truth, then what you typed)
* ``[-word-]``  missed: said, but not in your transcript (a deletion)
* ``{+word+}``  added: in your transcript, but not said (an insertion)

Everything the learner typed is put into ``rich.text.Text`` objects, never parsed as markup,
so ``[bold]`` typed into a transcript shows as those very characters.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from explainer.course.model import Clip, Course
from explainer.i18n import _
from explainer.learning.journey import plural
from explainer.learning.shift import DISTRESS_KIND, REPORTED_SECONDS_PER_CLIP
from explainer.learning.shift_rules import explain, rule_for
from explainer.learning.shift_score import NO_INTENT, Answer, ClipScore
from explainer.learning.wer import WordDiff
from explainer.tui.widgets.hanging import Hanging
from explainer.tui.widgets.reviewer_task import personal_labels


def legend() -> str:
    return _("word→yours substituted · [-word-] missed · {+word+} added")


class ReviewerFeedback(Static):
    """A read-only panel; ``show(...)`` fills it."""

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

    def _style(self, name: str) -> Style:
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
            text.append(_("(nothing to transcribe, and you typed nothing)"), self._style("muted"))
        return text

    def _mark(self, ok: bool) -> Text:
        return Text("✓ " if ok else "✗ ", self._style("good" if ok else "bad"))

    def build(
        self, course: Course | None, clip: Clip, score: ClipScore, seconds: float, position: str, answer: Answer
    ) -> Text:
        diff = score.diff
        out = Text()
        out.append(_("Feedback, clip {position}").format(position=position), self._style("title"))
        out.append("\n")
        if score.transcribed:
            out.append(
                _("Transcript: WER {wer:.2f} = ({s} substituted + {d} missed + {i} added) / {n} words").format(
                    wer=score.wer, s=diff.substitutions, d=diff.deletions, i=diff.insertions, n=diff.reference_words
                )
            )
            out.append("\n  ")
            out.append_text(self.diff_text(diff))
            out.append("\n  ")
            out.append(legend(), self._style("muted"))
        elif diff.insertions:
            out.append(plural(diff.insertions, _("Transcript: nothing to transcribe, but you typed 1 word:"),
                              _("Transcript: nothing to transcribe, but you typed {n} words:")))
            out.append("\n  ")
            out.append_text(self.diff_text(diff))
            out.append("\n  ")
            out.append(legend(), self._style("muted"))  # "{+word+}" needs its key here too
        else:
            out.append_text(self._mark(True))
            out.append(_("Transcript: nothing to transcribe, and you typed nothing."))
        out.append("\n")
        if score.missed:
            out.append(_("Guideline missed:"), self._style("bad"))
            for rule_id in score.missed:
                if rule_id == "critical-data":
                    continue  # listed with the flags below, each with its reason
                out.append("\n  • ")
                out.append(rule_for(course, rule_id).title, "bold")
                details = [d for b in score.breaches if b.rule == rule_id and (d := explain(b))]
                if details:
                    out.append(": " + "; ".join(details))
            if "critical-data" in score.missed:
                out.append("\n  • ")
                out.append(rule_for(course, "critical-data").title, "bold")
                out.append(": " + _("see the flags below"))
        else:
            out.append(_("No guideline missed."), self._style("good"))
        out.append("\n")
        out.append(_("Labels: {pct:.0f}% right").format(pct=score.label_accuracy * 100))
        out.append("\n  ")
        out.append_text(self._mark(score.intent_correct))
        expected = NO_INTENT if clip.false_wake else (clip.intent or NO_INTENT)
        out.append(_("intent: it was {intent}").format(intent=expected))
        if not score.intent_correct:
            out.append(_(" (you chose {chosen})").format(chosen=answer.intent))
        out.append("   ")
        out.append_text(self._mark(score.false_wake_correct))
        out.append(_("false wake: it was one") if clip.false_wake else _("false wake: it was not one"))
        out.append("\n")
        self._flags(out, clip, score)
        out.append(_("What the rules say to type: "), self._style("muted"))
        out.append(clip.transcript or _("nothing (nobody spoke to the device)"))
        if clip.unclear_transcript and not clip.false_wake:
            out.append(_(" — or, as the captions mark the masked word: "), self._style("muted"))
            out.append(clip.unclear_transcript)
        out.append("\n")
        out.append(_("You typed: "), self._style("muted"))
        out.append(answer.transcript or _("(nothing)"))  # literally: typed markup is never interpreted
        out.append("\n")
        if answer.escalated:
            out.append(_("You escalated this clip: someone should look at it."), self._style("good"))
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

    def _flags(self, out: Text, clip: Clip, score: ClipScore) -> None:
        """Each expected flag with its reason from the clip's file; then flags ticked for nothing."""
        labels = personal_labels()
        if not clip.personal and not score.personal_extra:
            out.append_text(self._mark(True))
            out.append(_("personal data: none in this clip, and you flagged none") + "\n")
            return
        out.append(_("Personal data (critical data):") + "\n")
        for kind in clip.personal:
            out.append("  ")
            out.append_text(self._mark(kind in score.personal_ticked))
            out.append(labels.get(kind, kind), "bold")
            out.append(_(" (flagged)") if kind in score.personal_ticked else _(" (not flagged)"))
            for fact in (f for f in clip.facts if f.kind == kind):
                out.append(f"\n      “{fact.words}” — {fact.text}")
            out.append("\n")
        for kind in sorted(score.personal_extra):
            out.append("  ")
            out.append_text(self._mark(False))
            out.append(labels.get(kind, kind), "bold")
            out.append(_(" (flagged, but this clip has none)") + "\n")

    def show(
        self, course: Course | None, clip: Clip, score: ClipScore, seconds: float, position: str, answer: Answer
    ) -> None:
        self.update(Hanging(self.build(course, clip, score, seconds, position, answer)))  # lists keep their indent
