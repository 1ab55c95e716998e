"""The class report for the teacher's terminal and as a Markdown file.

Both lead with what a teacher acts on: the misconceptions most learners hold, then the
questions the class got wrong first time (with the wrong answer most of them gave, in
words, and how sure they were), the heat map of stations and questions, pre -> post, and
the reviewer seat. Learner-supplied text (names, typed answers) goes through
``classroom.inert``; question text is shortened to fit a terminal table. The HTML page is
``classroom.report_html``.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from explainer.classroom.inert import md, shorten, visible
from explainer.classroom.report import ClassReport, MisconceptionRank, QuestionSummary


def lines(text: str, width: int, most: int = 2) -> str:
    """``text`` wrapped to ``width``, at most ``most`` lines, the last cut with an ellipsis."""
    import textwrap

    wrapped = textwrap.wrap(" ".join(text.split()), max(8, width), break_long_words=False) or [""]
    if len(wrapped) > most:
        wrapped = wrapped[: most - 1] + [shorten(" ".join(wrapped[most - 1 :]), max(8, width))]
    return "\n".join(wrapped)


def pct(value: float) -> str:
    return f"{round(value * 100)}%"


def figure(mean: float) -> str:
    """A reviewer figure as a teacher reads it: 5,451 clips, not 5.45e+03; 0.128 stays."""
    return f"{mean:,.0f}" if abs(mean) >= 100 else f"{mean:.3g}"


def first_cell(q: QuestionSummary) -> str:
    return f"{pct(q.first_share)} ({q.first_right}/{q.tried})"


def wrong_cell(q: QuestionSummary) -> str:
    if (moved := q.most_misplaced) is not None:
        return f"most often misplaced: {moved[0]} ×{moved[1]}"
    common = q.most_common_wrong
    return f"“{common[0]}” ×{common[1]}" if common else ("–" if not q.wrong_first else "(answers not recorded)")


def sure_cell(q: QuestionSummary) -> str:
    return f"{q.sure_when_wrong} of {q.wrong_first} sure" if q.wrong_first else "–"


def held_cell(m: MisconceptionRank) -> str:
    return f"{m.holders} of {m.asked}" if m.asked else "not asked"


def source_names(report: ClassReport, ids: tuple[str, ...]) -> str:
    """Sources as a teacher can look them up: publisher and date, not ids."""
    sources = report.course.sources if report.course else {}
    names = []
    for sid in ids:
        source = sources.get(sid)
        names.append(f"{source.publisher} ({source.date})" if source else sid)
    return "; ".join(names) or "-"


def headline_lines(report: ClassReport) -> list[str]:
    hardest = report.hardest()
    tried = sum(q.tried for q in hardest)
    right = sum(q.first_right for q in hardest)
    lines = [f"Learners: {len(report.learners)}"]
    lines.append(f"Right first time: {pct(right / tried)} of {tried} first answers, over {len(hardest)} questions"
                 if tried else "Right first time: no quiz answers in these exports yet")
    changes = report.changes()
    if changes:
        pre = sum(c.pre for c in changes) / len(changes)
        post = sum(c.post for c in changes) / len(changes)
        items = max(c.items for c in changes)
        took = f"{len(changes)} learner took both" if len(changes) == 1 else f"{len(changes)} learners took both"
        lines.append(f"Pre-check → post-check ({took}): mean {pre:.1f} → {post:.1f} "
                     f"of {items} ({post - pre:+.1f})")
    else:
        lines.append("Pre-check → post-check: nobody has taken both yet, so there is nothing to compare")
    wer = next(((mean, n) for label, mean, n in report.reviewer() if label.startswith("Word error rate")), None)
    lines.append(f"Reviewer seat: mean word error rate {wer[0]:.0%} over {wer[1]} learner{'s' if wer[1] != 1 else ''}" if wer
                 else "Reviewer seat: no shifts in these exports")
    return lines


def discussion_lines(report: ClassReport) -> list[str]:
    """A five-minute plan from the report's top three misconceptions (indented lines: the beliefs)."""
    top = report.top_three()
    if not top:
        return []
    last = 1 + len(top)
    out = ["Minute 0-1: show the heat map; say the class will look at the beliefs many of them started with.",
           f"Minutes 1-{last}, one per belief: read it aloud as a statement; hands up, who thinks it is true? "
           "Hear one reason from someone who agreed, then show what the sources show and who found it."]
    for n, m in enumerate(top, start=1):
        fact = f" The sources show: {m.fact} ({source_names(report, m.sources)})" if m.fact else ""
        out.append(f"    {n}. “{m.belief or f'misconception {m.number}'}” (held by {m.holders} of {m.asked}, "
                   f"{m.sure} sure).{fact}")
    out.append(f"Minutes {last}-5: ask the question at the top of “Questions, hardest first” again; hands up "
               "for each answer, then show the right one and its source.")
    return out


# ---------------------------------------------------------------- terminal


def print_report(report: ClassReport, console: Console) -> None:
    say = console.print
    for line in headline_lines(report):
        say(Text(line), highlight=False)
    # question text: two lines of its column at most, cut at a word (80 columns and up)
    flex = max(40, console.width - 34)
    prompt_width, answer_width = flex * 11 // 20, flex - flex * 11 // 20
    ranks = [m for m in report.misconceptions() if m.asked]
    if ranks:
        table = Table(title="Misconceptions, most widely held first", title_justify="left")
        table.add_column("#", justify="right")
        table.add_column("Misconception", max_width=flex + 8, overflow="fold")
        table.add_column("Held by", justify="right", no_wrap=True)
        table.add_column("Sure", justify="right", no_wrap=True)
        for m in ranks:
            table.add_row(str(m.number), Text(lines(m.belief or f"misconception {m.number}", flex + 8)),
                          held_cell(m), str(m.sure))
        say(table)
    plan = discussion_lines(report)
    if plan:
        say(Text("Five minutes on the top three (also in the .md and .html)", style="bold italic"))
        for line in plan:
            say(Text(visible(line if not line.startswith("    ") else "  " + line.strip().split(" The sources show:")[0])),
                highlight=False)
    table = Table(title="Questions, hardest first (first tries; sure = marked sure when wrong)",
                  title_justify="left")
    table.add_column("Question", width=prompt_width, overflow="fold")
    table.add_column("Right 1st", justify="right", no_wrap=True)
    table.add_column("Most common wrong first answer", width=answer_width, overflow="fold")
    table.add_column("Sure", justify="right", no_wrap=True)
    for q in report.hardest():
        common, moved = q.most_common_wrong, q.most_misplaced
        wrong = (lines(visible(f"misplaced: {moved[0]}"), answer_width - 4, most=3) + f" ×{moved[1]}" if moved
                 else lines(f"“{visible(common[0])}”", answer_width - 4) + f" ×{common[1]}" if common
                 else "–" if not q.wrong_first else "(not recorded)")
        table.add_row(Text(lines(q.prompt or q.question_id, prompt_width)),
                      f"{pct(q.first_share)} {q.first_right}/{q.tried}", Text(wrong),
                      f"{q.sure_when_wrong}/{q.wrong_first}" if q.wrong_first else "–")
    say(table)
    print_heat_map(report, console)
    changes = report.changes()
    if changes:
        table = Table(title="Pre-check → post-check, same items", title_justify="left")
        table.add_column("Learner", max_width=30, no_wrap=True, overflow="ellipsis")
        table.add_column("Pre", justify="right")
        table.add_column("Post", justify="right")
        table.add_column("Change", justify="right")
        for c in changes:
            table.add_row(Text(visible(c.student, 30)), f"{c.pre}/{c.items}", f"{c.post}/{c.items}", f"{c.post - c.pre:+d}")
        say(table)
    figures = report.reviewer()
    if figures:
        table = Table(title="Reviewer seat (mean over learners)", title_justify="left")
        table.add_column("Figure")
        table.add_column("Mean", justify="right")
        table.add_column("Learners", justify="right")
        for label, mean, n in figures:
            table.add_row(Text(visible(label, 50)), figure(mean), str(n))
        say(table)
    for skipped in report.skipped:
        say(Text("Skipped: " + visible(skipped.reason), style="yellow"), highlight=False)


HEAT_STYLES = ("white on #7f1d1d", "black on #f59e0b", "black on #fde68a", "black on #bbf7d0", "white on #166534")


def heat_bucket(share: float) -> int:
    return min(4, int(share * 5))


def print_heat_map(report: ClassReport, console: Console) -> None:
    rows = report.heat_map()
    if not rows:
        return
    width = max(len(cells) for _quiz, cells in rows)
    # percent without the sign and no cell padding: eleven final-quiz columns fit 80 columns
    # (with "100%" and padding they were cut to "1…")
    table = Table(title="Right first time (%): station × question", title_justify="left", padding=0)
    table.add_column("Station", max_width=24, no_wrap=True, overflow="ellipsis")
    for n in range(1, width + 1):
        table.add_column(f"Q{n}", justify="right", no_wrap=True, min_width=3)
    for quiz, cells in rows:
        shown = [Text("  –", "dim") if c is None else
                 Text(f"{round(c.first_share * 100):>3}", HEAT_STYLES[heat_bucket(c.first_share)]) for c in cells]
        table.add_row(Text(report.quiz_title(quiz)), *shown, *[Text("")] * (width - len(cells)))
    console.print(table)


# ---------------------------------------------------------------- Markdown


def to_markdown(report: ClassReport) -> str:
    out = ["# Class report — Who's Listening?", ""]
    out += [f"- {md(line)}" for line in headline_lines(report)]
    out += ["", "## Misconceptions, most widely held first", "",
            "A learner holds a misconception when their first answer to a question that targets it was wrong.", "",
            "| # | Misconception | Held by | Sure | What the sources show | Sources |", "|---:|---|---:|---:|---|---|"]
    for m in report.misconceptions():
        out.append(f"| {m.number} | {md(m.belief or '-')} | {held_cell(m)} | {m.sure} | {md(m.fact or '-')} | "
                   f"{md(source_names(report, m.sources))} |")
    out += ["", "## Questions, hardest first", "",
            "| Question | Station | Right first time | Most common wrong first answer | Sure when wrong | Right in the end |",
            "|---|---|---:|---|---|---:|"]
    for q in report.hardest():
        out.append(f"| {md(q.prompt or q.question_id)} | {md(report.quiz_title(q.quiz))} | {first_cell(q)} | "
                   f"{md(wrong_cell(q))} | {sure_cell(q)} | {q.right_in_end}/{q.finished} |")
    plan = discussion_lines(report)
    if plan:
        out += ["", "## Five minutes on the top three", ""]
        out += [f"- {md(line.strip())}" if not line.startswith("    ") else f"  - {md(line.strip())}" for line in plan]
    rows = report.heat_map()
    if rows:
        width = max(len(cells) for _quiz, cells in rows)
        out += ["", "## Right first time: station × question", "",
                "| Station | " + " | ".join(f"Q{n}" for n in range(1, width + 1)) + " |",
                "|---|" + "---:|" * width]
        for quiz, cells in rows:
            shown = ["–" if c is None else pct(c.first_share) for c in cells] + [""] * (width - len(cells))
            out.append(f"| {md(report.quiz_title(quiz))} | " + " | ".join(shown) + " |")
    out += ["", "## Pre-check → post-check, same items", ""]
    changes = report.changes()
    if changes:
        out += ["| Learner | Pre | Post | Change |", "|---|---:|---:|---:|"]
        out += [f"| {md(c.student)} | {c.pre}/{c.items} | {c.post}/{c.items} | {c.post - c.pre:+d} |" for c in changes]
        out += ["", "| Item | Learners | Right before | Right after |", "|---|---:|---:|---:|"]
        for qid, n, pre, post in report.item_changes():
            out.append(f"| {md(_prompt(report, qid))} | {n} | {pre} | {post} |")
    else:
        out.append("Nobody has taken both checks yet, so there is nothing to compare.")
    figures = report.reviewer()
    if figures:
        out += ["", "## Reviewer seat (mean over learners)", "", "| Figure | Mean | Learners |", "|---|---:|---:|"]
        out += [f"| {md(label)} | {figure(mean)} | {n} |" for label, mean, n in figures]
    if report.skipped:
        out += ["", "## Files skipped", ""] + [f"- {md(s.reason)}" for s in report.skipped]
    out += ["", "## Learners", "", ", ".join(md(name) for name in sorted(report.learners)), ""]
    return "\n".join(out)


def _prompt(report: ClassReport, qid: str) -> str:
    q = report.questions.get(qid)
    if q is not None and q.prompt:
        return q.prompt
    if report.course is not None:
        return next((x.prompt for x in report.course.questions if x.id == qid), qid)
    return qid
