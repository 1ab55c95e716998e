"""The course ending: what the learner did, in numbers, and a certificate they can keep.

The ending screen, the certificate files and their tests all read this one summary, so the
screen and the saved copy can never disagree. Numbers are the learner's own: stations done,
quiz questions right at the first try (a second try that found the answer is learning, not
a score), the pre-check against the post-check, and the reviewer seat's pace next to the
~32 seconds a clip that reviewers reported. The certificate is Markdown and a printable,
self-contained HTML page (no scripts, no links to fetch), written atomically into the
learner's data folder, where ``explainer where`` lists it and ``explainer forget`` erases it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from explainer.course.model import Course
from explainer.i18n import _, language
from explainer.learning import storage
from explainer.learning.journey import Journey, ProgressLike, numbered_title, plural, quiz_questions
from explainer.learning.shift import REPORTED_SECONDS_PER_CLIP
from explainer.learning.shift_store import export_summary


@dataclass(frozen=True)
class QuizLine:
    """One quiz as the learner left it: how many questions, answered, right at the first try."""

    title: str
    total: int
    answered: int
    first_try: int


@dataclass(frozen=True)
class CourseSummary:
    title: str
    stations_done: int
    stations_total: int
    quizzes: tuple[QuizLine, ...]  # the nine station quizzes, then the final quiz
    pre: int | None  # right in the pre-check (None: not taken)
    post: int | None  # right in the post-check (None: not taken)
    prepost_total: int
    clips_done: int
    seconds_per_clip: float | None
    finished_on: str  # ISO date
    learner: str = ""

    @property
    def first_try(self) -> int:
        return sum(q.first_try for q in self.quizzes)

    @property
    def questions(self) -> int:
        return sum(q.total for q in self.quizzes)

    def lines(self) -> list[tuple[str, str]]:
        """(what, how it went) rows, in the order the ending and the certificate show them."""
        rows = [(_("Stations done"), _("{done} of {total}").format(done=self.stations_done, total=self.stations_total))]
        rows.append((_("Quiz questions right at the first try"),
                     _("{n} of {total}").format(n=self.first_try, total=self.questions)))
        rows.append((_("Before and after (pre-check → post-check)"), self.prepost_words()))
        rows.append((_("Your pace in the reviewer seat"), self.pace_words()))
        return rows

    def prepost_words(self) -> str:
        if self.pre is None:
            return _("no pre-check taken, so there is nothing to compare")
        if self.post is None:
            return _("pre-check {pre} of {total}; the post-check is still to take").format(
                pre=self.pre, total=self.prepost_total)
        change = self.post - self.pre
        moved = _("{change:+d}").format(change=change) if change else _("no change")
        return _("{pre} → {post} of {total} ({moved})").format(
            pre=self.pre, post=self.post, total=self.prepost_total, moved=moved)

    def pace_words(self) -> str:
        if not self.clips_done or not self.seconds_per_clip:
            return _("no clips reviewed yet")
        clips = plural(self.clips_done, _("1 clip"), _("{n} clips"))
        return _("{clips}, about {s:.0f} seconds each (reviewers reported about {r:.0f})").format(
            clips=clips, s=self.seconds_per_clip, r=REPORTED_SECONDS_PER_CLIP)


def _first_try(entry: Any) -> bool:
    """Right at the first try: a stored ``first_try`` flag if there is one, else right in one try."""
    if not isinstance(entry, dict):
        return False
    if isinstance(entry.get("first_try"), bool):
        return bool(entry["first_try"])
    return entry.get("correct") is True and entry.get("tries", 1) == 1


def summarize(course: Course, progress: ProgressLike, learner: str = "", today: date | None = None) -> CourseSummary:
    journey = Journey(course, progress)
    quizzes = []
    plan = [(s.id, numbered_title(course.stations, s)) for s in course.stations if s.questions]  # in a "Quiz" column
    if course.final_quiz:
        plan.append(("final", _("Final quiz")))
    for quiz_id, title in plan:
        questions = quiz_questions(course, quiz_id)
        answers = [progress.answers.get(q.id) for q in questions]
        quizzes.append(QuizLine(title, len(questions), sum(1 for q in questions if journey.answered(quiz_id, q)),
                                sum(1 for entry in answers if _first_try(entry))))
    prepost_total = len(quiz_questions(course, "pre"))
    scores = {}
    for quiz_id in ("pre", "post"):
        if journey.quiz_done(quiz_id):
            store = journey.answers_for(quiz_id)
            scores[quiz_id] = sum(1 for q in quiz_questions(course, quiz_id)
                                  if isinstance(store.get(q.id), dict) and store[q.id].get("correct") is True)
    reviewer = progress.sections.get("reviewer")
    seat = export_summary(reviewer) if isinstance(reviewer, dict) else None
    spc = seat.get("seconds_per_clip") if seat else None
    return CourseSummary(
        title=course.title,
        stations_done=journey.stations_done(),
        stations_total=len(course.stations),
        quizzes=tuple(quizzes),
        pre=scores.get("pre"),
        post=scores.get("post"),
        prepost_total=prepost_total,
        clips_done=int(seat.get("clips_done") or 0) if seat else 0,
        seconds_per_clip=float(spc) if isinstance(spc, int | float) and not isinstance(spc, bool) and spc > 0 else None,
        finished_on=(today or date.today()).isoformat(),
        learner=learner,
    )


# -- the certificate -----------------------------------------------------------------------------
def certificate_markdown(summary: CourseSummary) -> str:
    who = _("Completed by {name}").format(name=summary.learner) if summary.learner else _("Completed")
    out = [f"# {summary.title}", "", _("Certificate of completion"), "", f"{who}, {summary.finished_on}.", ""]
    out += [f"- **{what}:** {how}" for what, how in summary.lines()]
    out += ["", f"## {_('Quizzes')}", "", "| " + _("Quiz") + " | " + _("Right at the first try") + " |", "| --- | --- |"]
    for quiz in summary.quizzes:
        out.append(f"| {quiz.title} | {quiz.first_try} / {quiz.total} |")
    out += ["", _("Made on this computer by the course app; nothing was sent anywhere."), ""]
    return "\n".join(out)


def certificate_html(summary: CourseSummary) -> str:
    e = html.escape
    who = _("Completed by {name}").format(name=summary.learner) if summary.learner else _("Completed")
    rows = "\n".join(f"<tr><th>{e(what)}</th><td>{e(how)}</td></tr>" for what, how in summary.lines())
    quizzes = "\n".join(f"<tr><td>{e(q.title)}</td><td>{q.first_try} / {q.total}</td></tr>" for q in summary.quizzes)
    return f"""<!doctype html>
<html lang="{e(language())}"><head><meta charset="utf-8"><title>{e(summary.title)} -- {e(_("Certificate of completion"))}</title>
<style>
body {{ font-family: Georgia, serif; max-width: 42em; margin: 3em auto; padding: 2em; border: 6px double #333; }}
h1 {{ text-align: center; margin-bottom: 0; }} p.sub {{ text-align: center; font-size: 1.3em; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
th, td {{ text-align: left; padding: .3em .6em; border-bottom: 1px solid #bbb; vertical-align: top; }}
p.note {{ font-size: .85em; color: #555; }}
</style></head>
<body>
<h1>{e(summary.title)}</h1>
<p class="sub">{e(_("Certificate of completion"))}</p>
<p class="sub">{e(who)}, {e(summary.finished_on)}.</p>
<table>
{rows}
</table>
<h2>{e(_("Quizzes"))}</h2>
<table>
<tr><th>{e(_("Quiz"))}</th><th>{e(_("Right at the first try"))}</th></tr>
{quizzes}
</table>
<p class="note">{e(_("Made on this computer by the course app; nothing was sent anywhere."))}</p>
</body></html>
"""


def save_certificate(summary: CourseSummary, markdown_path: Path, html_path: Path) -> None:
    """Write both files atomically; raises OSError (``storage.describe_os_error`` words it)."""
    storage.write_text_atomic(markdown_path, certificate_markdown(summary))
    storage.write_text_atomic(html_path, certificate_html(summary))
