"""The class report as a Rich table, a Markdown file and a self-contained HTML page.

The HTML page carries its chart as inline SVG: no script, no web font, nothing fetched,
so it opens from a USB stick in any browser and prints cleanly. Every learner-supplied
string (names, answers) is escaped: an export is data, never markup.
"""

from __future__ import annotations

import html

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from explainer.classroom.report import ClassReport, per_quiz


def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


def _wrong(summary) -> str:
    common = summary.most_common_wrong
    return f"{common[0]} (×{common[1]})" if common else "-"


def headline_lines(report: ClassReport) -> list[str]:
    lines = [f"Learners: {len(report.learners)}", f"Questions answered by anyone: {len(report.hardest())}"]
    means = report.prepost_means
    if means:
        lines.append(
            f"Pre/post check ({len(report.pre_scores)} learners did both): mean {means[0]:.1f} → "
            f"{means[1]:.1f} of {report.prepost_items} ({means[1] - means[0]:+.1f})"
        )
    else:
        lines.append("Pre/post check: nobody has done both yet")
    wer = report.average_wer
    lines.append(
        f"Reviewer seat: average word error rate {wer:.0%} over {len(report.wers)} learners"
        if wer is not None
        else "Reviewer seat: no shifts in these exports"
    )
    return lines


def print_report(report: ClassReport, console: Console) -> None:
    for line in headline_lines(report):
        console.print(line, markup=False, highlight=False)
    table = Table(title="Questions, hardest first", show_lines=False, expand=False)
    table.add_column("Question")
    table.add_column("Quiz")
    table.add_column("Answered", justify="right")
    table.add_column("Correct", justify="right")
    table.add_column("Most common wrong answer")
    for summary in report.hardest():
        table.add_row(
            escape(summary.question_id),
            escape(summary.quiz),
            str(summary.answered),
            _pct(summary.share_correct),
            escape(_wrong(summary)),
        )
    console.print(table)
    for skipped in report.skipped:
        console.print(f"Skipped: {skipped.reason}", style="yellow", markup=False, highlight=False)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: ClassReport) -> str:
    out = ["# Class report — Who's Listening?", ""]
    out += [f"- {line}" for line in headline_lines(report)]
    out += ["", "## Questions, hardest first", "",
            "| Question | Quiz | Answered | Correct | Most common wrong answer | Prompt |",
            "|---|---|---:|---:|---|---|"]
    for s in report.hardest():
        out.append(
            f"| {_md_cell(s.question_id)} | {_md_cell(s.quiz)} | {s.answered} | {_pct(s.share_correct)} | "
            f"{_md_cell(_wrong(s))} | {_md_cell(s.prompt)} |"
        )
    out += ["", "## Share correct per quiz", ""]
    for quiz, (answered, correct) in sorted(per_quiz(report).items()):
        out.append(f"- {quiz}: {_pct(correct / answered) if answered else '-'} of {answered} answers")
    if report.skipped:
        out += ["", "## Files skipped", ""] + [f"- {_md_cell(s.reason)}" for s in report.skipped]
    out += ["", "## Learners", "", ", ".join(_md_cell(name) for name in sorted(report.learners)), ""]
    return "\n".join(out)


def _svg_chart(report: ClassReport) -> str:
    rows = sorted(per_quiz(report).items())
    bar_height, gap, label_width, bar_width = 18, 6, 170, 360
    height = max(1, len(rows)) * (bar_height + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_width + bar_width + 60}" '
        f'height="{height}" aria-label="Share of correct answers per quiz">'
    ]
    for index, (quiz, (answered, correct)) in enumerate(rows):
        share = correct / answered if answered else 0.0
        y = gap + index * (bar_height + gap)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{html.escape(quiz)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar_width}" height="{bar_height}" class="track"/>'
            f'<rect x="{label_width}" y="{y}" width="{share * bar_width:.1f}" height="{bar_height}" class="bar"/>'
            f'<text x="{label_width + bar_width + 6}" y="{y + 13}">{_pct(share)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def to_html(report: ClassReport) -> str:
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(s.question_id)}</td><td>{esc(s.quiz)}</td><td class=n>{s.answered}</td>"
        f"<td class=n>{_pct(s.share_correct)}</td><td>{esc(_wrong(s))}</td><td>{esc(s.prompt)}</td></tr>"
        for s in report.hardest()
    )
    skipped = "".join(f"<li>{esc(s.reason)}</li>" for s in report.skipped)
    headline = "".join(f"<li>{esc(line)}</li>" for line in headline_lines(report))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Class report — Who's Listening?</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 1px solid #999; padding: .3rem .5rem; vertical-align: top; }}
td.n {{ text-align: right; }} svg text {{ font: 13px system-ui, sans-serif; }}
svg .track {{ fill: #e4e4e4; }} svg .bar {{ fill: #1f5fa8; }}
</style></head><body>
<h1>Class report — Who's Listening?</h1>
<ul>{headline}</ul>
<h2>Share correct per quiz</h2>
{_svg_chart(report)}
<h2>Questions, hardest first</h2>
<table><thead><tr><th>Question</th><th>Quiz</th><th>Answered</th><th>Correct</th><th>Most common wrong answer</th><th>Prompt</th></tr></thead>
<tbody>{rows}</tbody></table>
{"<h2>Files skipped</h2><ul>" + skipped + "</ul>" if skipped else ""}
<h2>Learners</h2><p>{esc(", ".join(sorted(report.learners)))}</p>
</body></html>
"""
