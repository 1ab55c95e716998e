"""``explainer results export`` in json, csv and md, read back as a teacher's tools would."""

from __future__ import annotations

import csv
import io
import json

import pytest

from explainer.cli import run
from explainer.course.load import read_course
from explainer.learning import results as results_module
from explainer.learning.progress import Progress
from explainer.learning.progress_store import ProgressStore
from explainer.learning.quiz_session import quiz_questions
from explainer.paths import data_paths, packaged_content_dir

STUDENT = 'Zoë "Z" O\'Neil, 7b'


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "learner"
    progress = Progress()
    progress.answers["ww-where-spotted"] = {
        "correct": True,
        "tries": 1,
        "score": 1.0,
        "confidence": "sure",
        "at": "2026-01-01T10:00:00+00:00",
        "quiz": "wake-word",
    }
    progress.answers["rs-pace"] = {
        "correct": False,
        "tries": 3,
        "score": 0.0,
        "at": "2026-01-01T10:05:00+00:00",
        "quiz": "reviewer-seat",
    }
    prepost = progress.section("prepost")
    course, _ctx = read_course(packaged_content_dir())
    items = [q.id for q in quiz_questions(course, "pre")]
    assert len(items) == 10
    prepost["pre"] = {qid: {"correct": i < 3, "tries": 1} for i, qid in enumerate(items)}
    prepost["post"] = {qid: {"correct": i < 8, "tries": 1} for i, qid in enumerate(items)}
    assert ProgressStore(data_paths(folder).progress_file).save(progress).ok
    return folder


def _export(data_dir, tmp_path, fmt, *extra):
    out = tmp_path / f"results.{fmt}"
    code = run(
        [
            "--data-dir",
            str(data_dir),
            "results",
            "export",
            "--format",
            fmt,
            "--out",
            str(out),
            "--student",
            STUDENT,
            *extra,
        ]
    )
    assert code == 0
    return out


def test_json(data_dir, tmp_path):
    payload = json.loads(_export(data_dir, tmp_path, "json").read_text(encoding="utf-8"))
    assert payload["format"] == "whos-listening/results" and payload["version"] == 2
    assert payload["student"] == STUDENT
    assert payload["summary"]["answered"] == 2 and payload["summary"]["correct"] == 1
    station = next(s for s in payload["stations"] if s["quiz"] == "wake-word")
    assert station["answered"] == 1 and station["correct"] == 1
    assert payload["prepost"]["summary"] == "You moved from 3/10 to 8/10."
    assert len([r for r in payload["questions"] if r["quiz"] in ("pre", "post")]) == 20
    assert isinstance(payload["sections"], dict)


def test_csv_opens_as_a_table(data_dir, tmp_path):
    raw = _export(data_dir, tmp_path, "csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 22
    first = rows[0]
    assert first["student"] == STUDENT and first["question_id"] == "ww-where-spotted"
    assert first["correct"] == "yes" and first["confidence"] == "sure"
    assert any("“" in r["prompt"] or "," in r["prompt"] for r in rows)  # quoted fields survive


def test_md_and_stdout(data_dir, tmp_path, capsys):
    text = _export(data_dir, tmp_path, "md").read_text(encoding="utf-8")
    assert "You moved from 3/10 to 8/10." in text and "| Pre | Post |" in text
    assert "| Before anything is uploaded" in text  # a teacher reads the question, not its id
    assert run(["--data-dir", str(data_dir), "results", "export", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("student,quiz,question_id")


def test_env_data_dir_and_empty(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(tmp_path / "nobody"))
    assert run(["results", "export", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["summary"]["answered"] == 0
    assert "no progress yet" in captured.err


def test_bad_invocations(tmp_path, capsys):
    assert run(["results"]) == 2
    assert run(["results", "export", "--format", "xls"]) == 2
    assert run(["results", "export", "--out", str(tmp_path / "missing" / "dir" / "x.md")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_extra_sections_hook(data_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(
        results_module.EXTRA_SECTIONS, "reviewer", "tests.cli.test_results_export:_fake_reviewer"
    )
    payload = json.loads(_export(data_dir, tmp_path, "json").read_text(encoding="utf-8"))
    assert payload["sections"]["reviewer"]["values"]["clips done"] == 4
    text = _export(data_dir, tmp_path, "md").read_text(encoding="utf-8")
    assert "## Reviewer seat" in text and "- Mean WER: 0.2" in text  # keys shown as labels
    monkeypatch.setitem(results_module.EXTRA_SECTIONS, "broken", "tests.cli.test_results_export:_broken")
    payload = json.loads(_export(data_dir, tmp_path, "json").read_text(encoding="utf-8"))
    assert "error" in payload["sections"]["broken"]["values"]


def _fake_reviewer(course, progress):
    return results_module.ExportSection(
        "reviewer", "Reviewer seat", {"clips done": 4, "mean WER": 0.2}
    )


def _broken(course, progress):
    raise ValueError("bad data")


def test_the_name_given_when_starting_labels_a_later_export(data_dir, tmp_path):
    """A teacher says "start with --student NAME, then export": the export carries that name."""
    from explainer.tui.config import AppConfig
    from explainer.tui.services import start

    started = start(AppConfig(data=data_paths(data_dir), student="Ana B."))
    assert started.progress.learner_name == "Ana B."
    assert started.progress_store.save(started.progress).ok  # the app saves as the learner goes
    out = tmp_path / "ana.json"
    assert run(["--data-dir", str(data_dir), "results", "export", "--format", "json", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["student"] == "Ana B."
    # a name given at export time still wins
    assert _export(data_dir, tmp_path, "json") and json.loads(
        (tmp_path / "results.json").read_text(encoding="utf-8"))["student"] == STUDENT
