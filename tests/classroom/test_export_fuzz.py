"""``explainer class report`` over hostile-but-valid exports, drawn from the export's shape.

Each file is well-formed JSON of a results export, with inner values sometimes of the wrong
kind (a string for a count, ``1e400``, a dict for a flag, escape codes in a name). The report
must read every file (or name why it skipped it) and render for the terminal, Markdown and
HTML without a traceback. Plus the reproductions from issue 15.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from explainer.classroom.export_read import EXPORT_FORMAT
from explainer.classroom.export_schema import EXPORT
from explainer.classroom.report import build_report
from explainer.classroom.report_html import to_html
from explainer.classroom.report_render import print_heat_map, print_report, to_markdown
from explainer.course.load import load_course
from explainer.paths import packaged_content_dir
from tests.schema_strategies import course_ids, fitting

COURSE = load_course(packaged_content_dir())
IDS = course_ids(COURSE)


def exports() -> st.SearchStrategy[dict]:
    return st.builds(
        lambda body, version: {**body, "format": EXPORT_FORMAT, "version": version,  # type: ignore[arg-type]
                               "questions": body.get("questions") if isinstance(body.get("questions"), list) else []},
        fitting(EXPORT, IDS), st.sampled_from([1, 2]),
    )


def _report(files: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, text in enumerate(files):
            path = Path(folder) / f"learner-{number}.json"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        for course in (COURSE, None):
            report = build_report(paths, course)
            assert len(report.learners) + len(report.skipped) == len(paths)
            console = Console(file=io.StringIO(), width=100)
            print_report(report, console)
            print_heat_map(report, console)
            assert isinstance(to_markdown(report), str) and isinstance(to_html(report), str)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(exports(), min_size=1, max_size=3))
def test_hostile_but_valid_exports_never_stop_the_report(payloads: list[dict]) -> None:
    _report([json.dumps(p) for p in payloads])


def test_issue_15_reproductions() -> None:
    good = {"format": EXPORT_FORMAT, "version": 2, "student": "a", "questions": []}
    ten = {**good, "student": "b", "prepost": {"items": "ten", "pre_done": True, "post_done": True,
                                              "pre_correct": 3, "post_correct": 5}}
    deep = json.dumps({**good, "student": "d", "x": "DEEP"}).replace('"DEEP"', "[" * 100_000 + "1" + "]" * 100_000)
    huge = json.dumps({**good, "student": "c"}).replace('"questions": []', '"questions": [], "n": 1e400')
    _report([json.dumps(good), json.dumps(ten), deep, huge])
