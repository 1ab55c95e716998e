"""The class report as one self-contained HTML page that prints well on A4.

No script, no web font, no image file, no link to anywhere: the page opens from a USB stick
and makes no request (a test checks this in headless Chromium). The heat map is a table
whose cells carry both a colour and the number, so it reads in black and white too. For
print: A4 margins, tables that fit the page width (fixed layout, long text wraps), header
rows repeated on each page and rows never split. Every learner-supplied string is escaped
after its control characters are made visible (``classroom.inert``).
"""

from __future__ import annotations

from explainer.classroom.inert import html_text as esc
from explainer.classroom.report import ClassReport
from explainer.classroom.report_render import (
    discussion_lines,
    figure,
    first_cell,
    headline_lines,
    heat_bucket,
    held_cell,
    pct,
    source_names,
    sure_cell,
    wrong_cell,
)

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, "DejaVu Sans", sans-serif; max-width: 62rem; margin: 2rem auto;
       padding: 0 1rem; color: #111; line-height: 1.35; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem; break-after: avoid; }
p.note { color: #333; margin: .2rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .4rem 0 1rem; }
th, td { border: 1px solid #999; padding: .25rem .4rem; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; word-break: normal; }
th { background: #eee; } td.n, th.n { text-align: right; } td.c, th.c { text-align: center; }
col.num { width: 5.2rem; } col.question { width: 27%; } col.narrow { width: 3.6rem; } col.cell { width: 3.6rem; } col.wide { width: 34%; } col.station { width: 12%; }
.h0 { background: #7f1d1d; color: #fff; } .h1 { background: #f59e0b; } .h2 { background: #fde68a; }
.h3 { background: #bbf7d0; } .h4 { background: #166534; color: #fff; } .none { color: #777; }
ul.head li { margin: .15rem 0; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  thead { display: table-header-group; } tr, li { break-inside: avoid; }
  .h0, .h1, .h2, .h3, .h4, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _table(headers: list[tuple[str, str]], rows: list[list[str]], caption: str = "") -> str:
    """headers: (text, col class); rows of already escaped cells ("n:" / "c:" prefix aligns)."""
    cols = "".join(f'<col class="{cls}">' if cls else "<col>" for _text, cls in headers)
    head = "".join(f'<th class="{"n" if cls == "num" else ""}">{esc(text)}</th>' for text, cls in headers)
    body = []
    for row in rows:
        cells = []
        for cell in row:
            kind, _sep, value = cell.partition(":") if cell[:2] in ("n:", "c:", "h:") else ("", "", cell)
            attr = {"n": ' class="n"', "c": ' class="c"', "": ""}.get(kind, "")
            if kind == "h":
                attr, value = value.split("|", 1)
                attr = f' class="c {attr}"'
            cells.append(f"<td{attr}>{value}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _misconceptions(report: ClassReport) -> str:
    ranks = report.misconceptions()
    asked = [m for m in ranks if m.asked]
    rows = [[f"n:{m.number}", esc(m.belief or "-"), f"n:{esc(held_cell(m))}", f"n:{m.sure}",
             esc(m.fact or "-"), esc(source_names(report, m.sources))] for m in asked]
    table = _table([("#", "narrow"), ("Misconception", ""), ("Held by", "num"), ("Sure", "narrow"),
                    ("What the sources show", "wide"), ("Sources", "")], rows) if rows else ""
    others = [m for m in ranks if not m.asked]
    rest = ("<p class=note>Not asked in these exports: " + "; ".join(
        f"{m.number}. {esc((m.belief or '').rstrip('.'))}" for m in others) + ".</p>") if others else ""
    return table + rest


def _questions(report: ClassReport) -> str:
    rows = [[esc(q.prompt or q.question_id), esc(report.quiz_title(q.quiz)), f"n:{esc(first_cell(q))}",
             esc(wrong_cell(q)), esc(sure_cell(q)), f"n:{q.right_in_end}/{q.finished}"] for q in report.hardest()]
    return _table([("Question", "question"), ("Station", "station"), ("Right first time", "num"),
                   ("Most common wrong first answer", ""), ("Sure when wrong", "num"), ("Right in the end", "num")], rows)


def _heat_map(report: ClassReport) -> str:
    rows = report.heat_map()
    if not rows:
        return "<p>No quiz answers yet.</p>"
    width = max(len(cells) for _quiz, cells in rows)
    body = []
    for quiz, cells in rows:
        shown = [("c:<span class=none>–</span>" if c is None else f"h:h{heat_bucket(c.first_share)}|{pct(c.first_share)}")
                 for c in cells] + ["c:"] * (width - len(cells))
        body.append([esc(report.quiz_title(quiz)), *shown])
    return _table([("Station", ""), *[(f"Q{n}", "cell") for n in range(1, width + 1)]], body)


def _prepost(report: ClassReport) -> str:
    changes = report.changes()
    if not changes:
        return "<p>Nobody has taken both checks yet, so there is nothing to compare.</p>"
    learners = _table([("Learner", ""), ("Pre", "num"), ("Post", "num"), ("Change", "num")],
                      [[esc(c.student), f"n:{c.pre}/{c.items}", f"n:{c.post}/{c.items}", f"n:{c.post - c.pre:+d}"]
                       for c in changes])
    prompts = {q.id: q.prompt for q in report.course.questions} if report.course else {}
    items = _table([("Item", ""), ("Learners", "num"), ("Right before", "num"), ("Right after", "num")],
                   [[esc(prompts.get(qid, qid)), f"n:{n}", f"n:{pre}", f"n:{post}"]
                    for qid, n, pre, post in report.item_changes()])
    return learners + items


def _discussion(report: ClassReport) -> str:
    plan = discussion_lines(report)
    if not plan:
        return ""
    items: list[str] = []
    for line in plan:
        if line.startswith("    ") and items:
            items[-1] = items[-1].removesuffix("</li>") + f"<br><em>{esc(line.strip())}</em></li>"
        else:
            items.append(f"<li>{esc(line)}</li>")
    return f'<h2 id="discussion">Five minutes on the top three</h2><ol class="plan">{"".join(items)}</ol>'


def to_html(report: ClassReport) -> str:
    headline = "".join(f"<li>{esc(line)}</li>" for line in headline_lines(report))
    figures = report.reviewer()
    reviewer = _table([("Figure", ""), ("Mean", "num"), ("Learners", "num")],
                      [[esc(label), f"n:{figure(mean)}", f"n:{n}"] for label, mean, n in figures]) if figures else \
        "<p>No reviewer-seat shifts in these exports.</p>"
    skipped = "".join(f"<li>{esc(s.reason)}</li>" for s in report.skipped)
    learners = esc(", ".join(sorted(report.learners)))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report — Who's Listening?</title>
<style>{CSS}</style></head><body>
<h1>Class report — Who's Listening?</h1>
<ul class="head">{headline}</ul>
<h2 id="misconceptions">Misconceptions, most widely held first</h2>
<p class="note">A learner holds a misconception when their first answer to a question that targets it was wrong;
“Sure” counts those who had marked that answer “sure”.</p>
{_misconceptions(report)}
<h2 id="questions">Questions, hardest first</h2>
<p class="note">First tries only: a second try shows what the quiz taught, not what the class believed.</p>
{_questions(report)}
{_discussion(report)}
<h2 id="heat-map">Right first time: station × question</h2>
{_heat_map(report)}
<h2 id="prepost">Pre-check → post-check, same items</h2>
{_prepost(report)}
<h2 id="reviewer">Reviewer seat (mean over learners)</h2>
{reviewer}
{"<h2>Files skipped</h2><ul>" + skipped + "</ul>" if skipped else ""}
<h2>Learners</h2><p>{learners}</p>
</body></html>
"""
