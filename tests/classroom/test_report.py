"""`explainer class report` over 30 exports with known tries: every number checked exactly.

The class is tests/classroom/class_fixtures.py: 26 scripted learners, one export from the
previous version of the app, three broken files.
"""

from __future__ import annotations

import json

import pytest

from explainer.classroom.report import build_report
from explainer.classroom.report_html import to_html
from explainer.classroom.report_render import to_markdown
from explainer.cli import run
from explainer.course.load import load_course
from explainer.paths import packaged_content_dir
from tests.classroom.class_fixtures import learner_payload, write_class


@pytest.fixture(scope="module")
def course():
    return load_course(packaged_content_dir())


@pytest.fixture(scope="module")
def files(course, tmp_path_factory):
    return write_class(course, tmp_path_factory.mktemp("class"))


@pytest.fixture(scope="module")
def report(course, files):
    return build_report(files, course)


def _text(course, qid: str, option: str) -> str:
    question = next(q for q in course.questions if q.id == qid)
    return next(o.text for o in question.options if o.id == option)


def test_who_is_in_and_which_files_were_skipped(report):
    assert len(report.learners) == 27 and "Old Format" in report.learners
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert set(reasons) == {"cut-off.json", "spreadsheet.json", "deep.json"}
    assert "is not valid JSON" in reasons["cut-off.json"]
    assert "is not valid JSON" in reasons["spreadsheet.json"]
    assert "nested too deeply" in reasons["deep.json"]


def test_first_tries_per_question(course, report):
    spotted = report.questions["ww-where-spotted"]
    assert (spotted.tried, spotted.first_right) == (27, 20)
    assert spotted.most_common_wrong == (_text(course, "ww-where-spotted", "cloud"), 4)
    assert dict(spotted.wrong_answers) == {_text(course, "ww-where-spotted", "cloud"): 4,
                                           _text(course, "ww-where-spotted", "phone"): 3}
    assert (spotted.sure_when_wrong, spotted.wrong_first) == (4, 7)
    assert (spotted.right_in_end, spotted.finished) == (27, 27)  # all found it on a later try

    records = report.questions["ww-records-everything"]  # true/false: one try
    assert (records.tried, records.first_right) == (27, 16)
    assert dict(records.wrong_answers) == {"True": 10}  # the old export's wrong answer is not known
    assert dict(records.wrong_confidence) == {"sure": 6, "unsure": 2, "unmarked": 3}
    assert (records.right_in_end, records.finished) == (17, 27)  # the old export: right on try 2

    rate = report.questions["ww-false-wake-rate"]
    assert (rate.tried, rate.first_right) == (27, 22)
    assert rate.most_common_wrong == ("76 misactivations", 5)
    assert report.questions["ww-trigger-words"].first_right == 26  # the old export took two tries
    assert report.questions["ww-engines"].first_right == 27
    assert [q.question_id for q in report.hardest()][:3] == [
        "ww-records-everything", "ww-where-spotted", "ww-false-wake-rate"]


def test_misconceptions_ranked_by_how_many_hold_them(course, report):
    ranks = report.misconceptions()
    assert len(ranks) == 10  # the course's ten, each named
    top, second = ranks[0], ranks[1]
    assert (top.number, top.holders, top.sure, top.asked) == (1, 11, 6, 27)
    assert top.belief == course.misconception(1).belief and top.sources
    assert (second.number, second.holders, second.sure, second.asked) == (3, 6, 5, 27)
    assert all(m.asked == 0 for m in ranks[2:])


def test_pre_post_per_learner_and_per_item(course, report):
    changes = report.changes()
    assert len(changes) == 20  # the old export has a pre-check only
    assert {(c.items, c.pre, c.post) for c in changes} == {(10, 2, 8)}
    items = report.item_changes()
    assert [q.id for q in course.questions if q.prepost] == [row[0] for row in items]
    assert [row[1:] for row in items] == [(20, 20, 20)] * 2 + [(20, 0, 20)] * 6 + [(20, 0, 0)] * 2


def test_heat_map_and_reviewer_figures(report):
    (quiz, cells), = report.heat_map()
    assert quiz == "wake-word"
    assert [(c.first_right, c.tried) for c in cells] == [(20, 27), (16, 27), (22, 27), (26, 27), (27, 27)]
    figures = {label: (round(mean, 6), n) for label, mean, n in report.reviewer()}
    assert figures == {"Word error rate (mean)": (0.2, 3), "Clips reviewed": (6.0, 3)}


def test_every_output_leads_with_misconceptions_and_first_tries(course, report, files, tmp_path, capsys):
    out_dir = tmp_path / "out"
    assert run(["class", "report", *map(str, files), "--out-dir", str(out_dir)]) == 0
    printed = capsys.readouterr().out
    belief = course.misconception(1).belief
    assert "Learners: 27" in printed and "Right first time: " in printed
    assert "Misconceptions, most widely held first" in printed and "11 of 27" in printed
    assert "Skipped: deep.json is nested too deeply" in printed
    assert "ww-where-spotted" not in printed  # question text, not ids
    assert "projected_clips" not in printed and "mean_wer" not in printed
    markdown = (out_dir / "class-report.md").read_text(encoding="utf-8")
    page = (out_dir / "class-report.html").read_text(encoding="utf-8")
    for text in (markdown, page):
        assert belief.split(",")[0][:30] in text.replace("&#x27;", "'")
        assert "Pre-check → post-check" in text and "Word error rate (mean)" in text
    assert "| 1 | Smart speakers record" in markdown and "| 11 of 27 | 6 |" in markdown
    assert "mean 2.0 → 8.0 of 10 (+6.0)" in markdown
    plan = markdown.split("## Five minutes on the top three")[1].split("## ")[0]
    assert "1. “Smart speakers record" in plan and "2. “False wakes are rare one-offs.”" in plan
    assert "Five minutes on the top three" in printed and 'id="discussion"' in page
    assert to_markdown(report) and to_html(report)


def test_two_learners_with_different_wrong_first_answers_both_named(course, tmp_path, capsys):
    """As a teacher would: two exports, two different wrong first answers, both misconceptions named."""
    a = learner_payload(course, 9)  # wrong first on "records everything" (misconception 1)
    b = learner_payload(course, 23)  # right there...
    b["questions"] = [r for r in b["questions"] if r["question_id"] != "ww-false-wake-rate"]
    b["questions"].append({**next(r for r in learner_payload(course, 2)["questions"]
                                  if r["question_id"] == "ww-false-wake-rate")})  # ...but 76 first (misconception 3)
    b["student"] = "Learner B"
    paths = []
    for name, payload in (("a", a), ("b", b)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(payload), encoding="utf-8")
        paths.append(str(path))
    assert run(["class", "report", *paths, "--out-dir", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "Smart speakers record and upload" in printed
    assert "False wakes are rare one-offs." in printed
    assert "misactivations” ×1" in printed and "“True” ×1" in printed
    markdown = (tmp_path / "class-report.md").read_text(encoding="utf-8")
    assert "“76 misactivations” ×1" in markdown and "| 1 | Smart speakers" in markdown


def test_no_readable_file_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert run(["class", "report", str(bad), "--out-dir", str(tmp_path)]) == 1
    assert "nothing to report" in capsys.readouterr().out


def test_sorting_and_ordering_name_the_item_most_often_misplaced(course, tmp_path, capsys):
    """A wrong arrangement seldom repeats whole; the report names the item the class misplaced
    (for sorting, with the group most put it in; for ordering, the fewest items to move)."""
    from explainer.learning.misplaced import misplaced
    from explainer.learning.quiz import answer_text

    engines = next(q for q in course.questions if q.id == "ww-engines")
    journey = next(q for q in course.questions if q.id == "lw-stream-order")
    right = {i.text: i.group for i in engines.items}
    owww = "openWakeWord with a Home Assistant voice satellite"
    porcupine = "Porcupine on a microcontroller"
    all_device = {**right, owww: "on the device"}  # 3 learners: openWakeWord on the device
    also_porcupine = {**all_device, porcupine: "on a server"}  # 1 learner: that, and Porcupine moved
    echo = "Amazon Echo's wake word engine"
    swapped = {**all_device, echo: "on a server"}  # 1 learner, a third arrangement
    order = list(journey.order)
    request_last = [order[0], order[1], order[3], order[2]]  # "your request" moved after the close
    assert misplaced(journey, answer_text(journey, request_last)) == [(order[2], None)]
    assert misplaced(journey, answer_text(journey, list(reversed(order))))[:1] == [(order[2], None)]
    assert misplaced(engines, "not an arrangement of these items") == []

    paths = []
    for n, (arranged, steps) in enumerate([(all_device, request_last)] * 3 + [(also_porcupine, request_last),
                                           (swapped, list(reversed(order)))]):
        payload = learner_payload(course, 25)  # right first time on everything...
        for row in payload["questions"]:  # ...but these two first tries
            if row["question_id"] == "ww-engines":
                row["first_try"] = {**row["first_try"], "correct": False, "answer": answer_text(engines, arranged)}
        payload["questions"].append({**next(r for r in payload["questions"] if r["question_id"] == "ww-engines"),
                                     "question_id": journey.id, "quiz": journey.station_id, "prompt": journey.prompt,
                                     "first_try": {"correct": False, "answer": answer_text(journey, steps),
                                                   "confidence": "sure"}})
        payload["student"] = f"Arranger {n}"
        path = tmp_path / f"arranger-{n}.json"
        path.write_text(json.dumps(payload), encoding="utf-8")
        paths.append(path)
    report = build_report(paths, course)
    sorting, ordering = report.questions["ww-engines"], report.questions[journey.id]
    assert len(sorting.wrong_answers) == 3 and sorting.wrong_first == 5  # three different arrangements
    assert sorting.most_misplaced == (f"“{owww}” → “on the device”", 5)
    assert dict(sorting.misplaced) == {owww: 5, porcupine: 1, echo: 1}
    assert ordering.most_misplaced == (f"“{order[2]}” out of order", 5)  # reversed moves it too
    assert len(ordering.wrong_answers) == 2
    markdown, page = to_markdown(report), to_html(report)
    assert f"most often misplaced: “{owww}” → “on the device” ×5" in markdown
    assert "most often misplaced: “your request” out of order ×5" in markdown
    assert "most often misplaced: " in page and "→ on a server" not in markdown.split("most often")[1][:80]
    assert run(["class", "report", *map(str, paths), "--out-dir", str(tmp_path)]) == 0
    printed = " ".join(capsys.readouterr().out.split())  # the terminal table: 3 lines for the item
    cells = " ".join(part.strip() for part in printed.split("│"))
    assert "misplaced: “your" in cells and "request” out of" in cells and "order ×5" in cells  # whole, on 3 lines


def test_the_terminal_heat_map_and_reviewer_figures_read_at_80_columns(course, tmp_path, capsys):
    """QA walk, the teacher's path: the final quiz's eleven columns cut every cell to '1…' at 80
    columns, and 'Clips in a 9-hour shift' read 5.45e+03."""
    from explainer.classroom.report_render import figure

    assert (figure(5451.2), figure(0.1284), figure(32.4), figure(6.0)) == ("5,451", "0.128", "32.4", "6")
    payload = learner_payload(course, 2)  # has a reviewer section
    template = next(r for r in payload["questions"] if r["question_id"] == "ww-engines")
    finals = [q for q in course.questions if q.station_id == "final"]
    assert len(finals) >= 11
    payload["questions"] += [{**template, "question_id": q.id, "quiz": "final", "prompt": q.prompt} for q in finals]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert run(["class", "report", str(path), "--out-dir", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    heat = printed[printed.index("station × question"):printed.index("Pre-check → post-check, same items")]
    assert f"Q{len(finals)}" in heat and "1…" not in heat and "100" in heat
    assert all(len(line) <= 80 for line in heat.splitlines())
    assert "e+0" not in printed
