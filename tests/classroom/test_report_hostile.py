"""Hostile exports: the class report never stops, names what it skips, and shows learner text inert.

The reproductions from issue 15 (a string where a count belongs, ``1e400``, JSON nested
100,000 deep), learner text with terminal escape codes, Markdown and HTML in each output
format (terminal, Markdown, HTML, and the learner's own md/csv export), and a hypothesis
test over exports that have the right outer shape but anything inside.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from explainer.classroom.export import to_csv
from explainer.classroom.export import to_markdown as export_markdown
from explainer.classroom.report import build_report
from explainer.classroom.report_html import to_html
from explainer.classroom.report_render import print_report, to_markdown
from explainer.cli import run
from tests.classroom.class_fixtures import V1_EXPORT

HOSTILE = ("\x1b]0;pwned\x07\x1b[2J\x1b[31mRed\x1b[0m \x1b]8;;file:///etc/passwd\x07click\x1b]8;;\x07 "
           "<script>alert(1)</script><img src=x onerror=alert(2)> [home](file:///etc/passwd) a|b\nnext \u202eevil")
RAW = ("\x1b", "\x07", "\u202e", "<script>", "<img", "[home](file:")


def _v1() -> dict:
    return json.loads(V1_EXPORT.read_text(encoding="utf-8"))


def _write(folder: Path, name: str, payload: object) -> Path:
    path = folder / name
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    return path


def _hostile_export() -> dict:
    data = _v1()
    data["student"] = HOSTILE
    for row in data["questions"]:
        if row["question_id"] == "ww-where-spotted":
            row.update(correct=False, answer=HOSTILE)  # one try, wrong: a wrong first answer in words
    return data


def test_issue_15_reproductions_do_not_stop_the_report(tmp_path, capsys):
    ten = _v1()
    ten["student"], ten["prepost"]["items"] = "Ten", "ten"
    huge = json.dumps({**_v1(), "student": "Huge"}).replace('"score": 1.0', '"score": 1e400')
    deep = "[" * 100_000 + "]" * 100_000
    files = [_write(tmp_path, "ten.json", ten), _write(tmp_path, "huge.json", huge),
             _write(tmp_path, "deep.json", deep), _write(tmp_path, "good.json", _v1())]
    assert run(["class", "report", *map(str, files), "--out-dir", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "Learners: 3" in printed
    assert "Skipped: deep.json is nested too deeply" in printed
    report = build_report(files)
    assert sorted(report.learners) == ["Huge", "Old Format", "Ten"]


def test_learner_text_is_inert_in_the_terminal(tmp_path):
    report = build_report([_write(tmp_path, "evil.json", _hostile_export())])
    out = io.StringIO()
    print_report(report, Console(file=out, force_terminal=True, width=120, color_system="truecolor"))
    shown = out.getvalue()
    assert "\x1b]" not in shown and "\x07" not in shown and "\x1b[2J" not in shown and "\u202e" not in shown
    assert "\\x1b]0;pwned" in shown  # made visible, not dropped


def test_learner_text_is_inert_in_markdown_and_html(tmp_path):
    report = build_report([_write(tmp_path, "evil.json", _hostile_export())])
    markdown, page = to_markdown(report), to_html(report)
    assert not any(raw in markdown for raw in RAW), [raw for raw in RAW if raw in markdown]
    in_html = RAW[:-1]  # "[text](link)" is not markup in HTML: it shows as the text it is
    assert not any(raw in page for raw in in_html), [raw for raw in in_html if raw in page]
    assert "\\\\x1b\\]0;pwned" in markdown and "&lt;script&gt;" in markdown and "a\\|b" in markdown  # renders as \x1b]0;pwned
    assert "&lt;script&gt;" in page and "\\x1b]0;pwned" in page
    table_rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert all("\n" not in row for row in table_rows)


def test_the_learners_own_export_is_inert_too(tmp_path):
    payload = _hostile_export()
    payload.setdefault("revisit", [])
    payload.setdefault("summary", {}).update(tried=1, first_try_correct=0)
    for station in payload["stations"]:
        station.update(tried=0, first_try_correct=0)
    text = export_markdown(payload)
    assert not any(raw in text for raw in RAW)
    spreadsheet = to_csv({"student": "=HYPERLINK(\"http://x\")", "questions": [
        {"quiz": "q", "question_id": "x", "type": "numeric", "misconception": None, "tries": 1, "correct": False,
         "finished": True, "confidence": None, "answered_at": None, "answer": "-2+3", "prompt": "p",
         "attempts": [{"round": 1, "try": 1, "given": "@SUM(A1)", "answer": "@SUM(A1)", "correct": False,
                       "final": True, "confidence": None, "at": None}]}]})
    assert "'=HYPERLINK" in spreadsheet and "'@SUM(A1)" in spreadsheet


# ---------------------------------------------------------------- hypothesis

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
ROW_KEYS = ("quiz", "question_id", "prompt", "misconception", "finished", "correct", "tries", "answer",
            "confidence", "first_try")


def _row() -> st.SearchStrategy[dict]:
    known = {
        "quiz": st.sampled_from(["wake-word", "final", "pre", "post"]) | JSON,
        "question_id": st.sampled_from(["ww-where-spotted", "ww-records-everything", "n1"]) | JSON,
        "first_try": st.fixed_dictionaries({"correct": JSON, "answer": JSON, "confidence": JSON}) | JSON,
    }
    return st.fixed_dictionaries({k: known.get(k, JSON) for k in ROW_KEYS})


EXPORT = st.fixed_dictionaries({
    "format": st.just("whos-listening/results"),
    "version": st.sampled_from([1, 2]),
    "student": st.text(max_size=40) | JSON,
    "questions": st.lists(_row() | JSON, max_size=6),
    "prepost": st.fixed_dictionaries({"items": JSON, "per_item": st.lists(
        st.fixed_dictionaries({"question_id": JSON, "pre": JSON, "post": JSON}), max_size=4) | JSON}) | JSON,
    "sections": st.dictionaries(st.sampled_from(["reviewer", "x"]), st.fixed_dictionaries(
        {"title": JSON, "values": st.dictionaries(st.text(max_size=8), JSON, max_size=4) | JSON,
         "labels": JSON})) | JSON,
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exports=st.lists(EXPORT, min_size=1, max_size=4))
def test_hostile_but_valid_exports_never_stop_the_report(tmp_path_factory, exports):
    folder = tmp_path_factory.mktemp("fuzz")
    files = [_write(folder, f"e{n}.json", json.dumps(e, allow_nan=True)) for n, e in enumerate(exports)]
    report = build_report(files)
    assert len(report.learners) + len(report.skipped) == len(files)
    print_report(report, Console(file=io.StringIO(), width=80))
    to_markdown(report)
    to_html(report)
