"""The words around a question: titles, the verdict, feedback with hint, answer and sources.

Shared by the quiz and results screens so the learner sees one voice everywhere. Everything
is built as ``rich.text.Text`` from content strings, never parsed as markup, so a source
title containing ``[bold]`` shows literally.
"""

from __future__ import annotations

import textwrap

from rich.text import Text

from explainer.course.model import Course, Question
from explainer.i18n import _
from explainer.learning.misplaced import misplaced
from explainer.learning.quiz import Result


def quiz_title(course: Course, quiz_id: str) -> str:
    if quiz_id == "final":
        return _("Final quiz")
    if quiz_id == "pre":
        return _("Pre-check")
    if quiz_id == "post":
        return _("Post-check")
    try:
        return _("Quiz: {station}").format(station=course.station(quiz_id).title)
    except KeyError:
        return quiz_id


def source_lines(course: Course, source_ids: tuple[str, ...]) -> Text:
    """ "Source: publisher, “title”, date — url" for each id (shown literally)."""
    out = Text()
    for n, source_id in enumerate(source_ids, start=1):
        source = course.sources.get(source_id)
        out.append(f"[{n}] ", "bold")
        if source is None:
            out.append(source_id + "\n")
            continue
        out.append(f"{source.publisher}, “{source.title}”, {source.date}\n")
        out.append(f"    {source.url}\n", "underline")
    return out


def header_line(title: str, rest: list[str], width: int) -> str:
    """The quiz header on one line when it can be: the quiz's title gives way (cut with "…")
    so that the try count and "sure?" stay whole at 80 columns ("Quiz: The 2019 disclo… ·
    3/5 · Choose all that apply · try 1 of 3 · sure? –"); what still does not fit wraps."""
    line = " · ".join([title, *rest])
    spare = len(line) - width
    if spare <= 0 or len(title) - spare < 12:
        return line
    return " · ".join([title[: len(title) - spare - 1].rstrip() + "…", *rest])


def revisit_groups(pairs: list[tuple[Question, str]]) -> list[list[tuple[Question, str]]]:
    """(question, first answer) pairs grouped by the misconception they target (in first-seen
    order), so a belief two questions probe is named once; untargeted questions stand alone."""
    groups: dict[object, list[tuple[Question, str]]] = {}
    for question, answer in pairs:
        key = question.misconception if question.misconception is not None else ("q", question.id)
        groups.setdefault(key, []).append((question, answer))
    return list(groups.values())


def misplaced_words(question: Question, answer: str) -> str | None:
    """For sorting and ordering, the item a wrong first answer misplaced, as the learner reads
    it back (a whole arrangement cut at 50 characters says nothing); None for other answers."""
    moved = misplaced(question, answer)
    if not moved:
        return None
    item, group = moved[0]
    item = textwrap.shorten(item, 50, placeholder="…")
    said = (_("you put “{item}” in “{group}”").format(item=item, group=group) if group is not None
            else _("you had “{item}” out of order").format(item=item))
    return said + (" " + _("(and {n} more)").format(n=len(moved) - 1) if len(moved) > 1 else "")


def revisit_text(course: Course, group: list[tuple[Question, str]], full: bool = False) -> Text:
    """A misconception to revisit: what the learner was sure of, and where the facts are.

    ``group`` holds the questions (with the learner's first answers) that probe one belief.
    Named by the course's misconception (content/misconceptions.toml) when they target one,
    else by the question. ``full`` adds what the sources show and every source (results
    screen); without it, one source in one line (the quiz end, which must fit 80x24).
    """
    question = group[0][0]
    found = course.misconception(question.misconception)
    out = Text("• ")
    out.append(f"“{found.belief}”" if found else textwrap.shorten(question.prompt, 90, placeholder="…"), "bold")
    moved = [said for q, answer in group if answer and (said := misplaced_words(q, answer))]
    answers = [textwrap.shorten(answer, 50, placeholder="…") for q, answer in group
               if answer and not misplaced_words(q, answer)]
    if answers:
        moved.append(_("you answered: {answer}").format(answer="; ".join(f"“{a}”" for a in answers)))
    if moved:
        out.append(" — " + "; ".join(moved))
    out.append("\n")
    sources = found.sources if found else question.sources
    if full:
        if found:
            out.append("  " + _("What the sources show: ") + found.fact + "\n")
        for line in source_lines(course, sources).split("\n"):
            if line.plain:
                out.append("  ").append_text(line).append("\n")
        return out
    source = course.sources.get(sources[0]) if sources else None
    if source is not None:
        out.append("  " + _("Source") + f": {source.publisher}, “{source.title}”, {source.date}\n", "dim")
    return out


def score_band(correct: int, total: int) -> str:
    """Overall feedback by the share right at the first try: encouraging, and pointing onwards."""
    if total == 0:
        return ""
    share = correct / total
    if share >= 0.8:
        return _("Strong: you could explain this to someone else.")
    if share >= 0.5:
        return _(
            "A good start: the questions you did not get first time are in the results (r), with their sources."
        )
    return _("Worth another look: revisit the station's pages, then take the quiz again (t).")


def verdict_text(result: Result) -> tuple[Text, str]:
    """The one-line verdict and its CSS class (-correct / -wrong)."""
    if result.correct:
        return Text("✓ " + _("Correct.")), "-correct"
    if result.finished:
        return Text("✗ " + _("Not this time — here is the answer.")), "-wrong"
    if result.tries_left > 1:
        return Text("✗ " + _("Not yet. {n} more tries.").format(n=result.tries_left)), "-wrong"
    return Text("✗ " + _("Not yet. One more try.")), "-wrong"


def feedback_text(course: Course, result: Result) -> Text:
    """Why each wrong choice is wrong, the hint, then (when finished) answer and why; sources always."""
    body = Text()
    if result.note:
        body.append(result.note + "\n", "italic")
    for item in result.feedback:
        body.append("• ")
        body.append(item.label, "bold")
        body.append(f": {item.message}\n")
    if result.hint:
        body.append(_("Hint: "), "bold")
        body.append(result.hint + "\n")
    if result.finished:
        if not result.correct and result.solution:
            body.append(_("Answer: "), "bold")
            body.append(result.solution + "\n")
        body.append(_("Why: "), "bold")
        body.append(result.explanation + "\n")
    if result.finished:
        body.append(_("Sources") + " (s)\n", "bold")
        body.append_text(source_lines(course, result.sources))
    else:  # one line while trying, so the question and the hint stay on screen at 80x24
        body.append(_("Sources") + " (s): ", "bold")
        names = [
            f"{course.sources[sid].publisher}, “{course.sources[sid].title}”"
            if sid in course.sources
            else sid
            for sid in result.sources
        ]
        body.append("; ".join(names) + "\n")
    if result.finished:
        body.append(_("enter: next question · c: how sure were you?"), "dim")
    else:
        body.append(_("Change your answer, then enter to check again."), "dim")
    return body
