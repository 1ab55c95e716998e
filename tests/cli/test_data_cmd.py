"""``explainer where`` and ``explainer forget``: everything listed, only our own files erased."""


from __future__ import annotations

import io
import sys

import pytest

from explainer.cli import run
from explainer.course.cache import load_course_cached
from explainer.learning.progress import Progress
from explainer.learning.progress_store import ProgressStore
from explainer.paths import data_paths, packaged_content_dir


def _make_learner_data():
    paths = data_paths()
    progress = Progress()
    progress.mark_page_read("wake-word/first")
    assert ProgressStore(paths.progress_file).save(progress).ok
    paths.settings_file.write_text("{}")
    (paths.data_dir / "progress.json.corrupt-20260101-000000").write_text("old")
    paths.clip_cache_dir.mkdir(parents=True)
    (paths.clip_cache_dir / "clip.wav").write_bytes(b"RIFF" + bytes(100))
    (paths.cache_dir / "course").mkdir()
    (paths.cache_dir / "course" / "abc.pickle").write_bytes(b"x")
    return paths


def test_where_lists_every_path_with_size(capsys):
    paths = _make_learner_data()
    assert run(["where"]) == 0
    out = capsys.readouterr().out
    for _label, path in paths.all_paths():
        assert str(path) in out
    assert "not created yet" in out  # the lab history does not exist yet
    assert "course content" in out
    assert "progress.json.corrupt-20260101-000000" in out
    assert "B)" in out or "KB" in out


def test_forget_asks_and_no_answer_means_no(capsys, monkeypatch):
    paths = _make_learner_data()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run(["forget"]) == 0
    out = capsys.readouterr().out
    assert "Erase all of it? [y/N]" in out and "Nothing was erased" in out
    assert paths.progress_file.exists()


def test_forget_yes_erases_only_our_files(capsys, monkeypatch):
    monkeypatch.delenv("EXPLAINER_CACHE_DIR")  # the default: <data>/cache, the app's alone
    paths = _make_learner_data()
    mine = paths.data_dir / "my-notes.txt"
    mine.write_text("not the app's")
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    assert run(["forget"]) == 0
    out = capsys.readouterr().out
    assert "progress.json" in out and "Erased" in out
    assert not paths.progress_file.exists() and not paths.settings_file.exists()
    assert not list(paths.data_dir.glob("progress.json*"))
    assert not paths.cache_dir.exists()
    assert mine.read_text() == "not the app's"
    assert "my-notes.txt" in out


def test_forget_with_flag_needs_no_answer(capsys, monkeypatch):
    paths = _make_learner_data()
    monkeypatch.setattr(sys, "stdin", None)
    assert run(["forget", "--yes"]) == 0
    assert not paths.data_dir.exists()
    assert run(["forget", "--yes"]) == 0
    assert "Nothing to erase" in capsys.readouterr().out


def test_forget_in_a_shared_cache_folder_removes_only_our_paths(capsys, monkeypatch, tmp_path):
    shared = tmp_path / "shared-cache"
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(shared))
    paths = _make_learner_data()
    other = shared / "someone-elses.txt"
    other.write_text("keep")
    assert run(["forget", "--yes"]) == 0
    assert other.exists() and not paths.clip_cache_dir.exists()


# --- `explainer where` lists the validated-course copy and `forget` removes it, even in a shared cache.
def test_where_and_forget_know_the_course_cache(tmp_path, monkeypatch, capsys) -> None:
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    (shared / "someone-elses.txt").write_text("keep me")
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(shared))
    paths = data_paths(tmp_path / "learner")
    assert ("validated course copy (faster start)", shared / "course") in paths.all_paths()
    load_course_cached(packaged_content_dir(), None, paths.cache_dir)
    assert list((shared / "course").glob("*.pickle"))

    assert run(["where", "--data-dir", str(tmp_path / "learner")]) == 0
    assert str(shared / "course") in capsys.readouterr().out.replace("\n", "")

    assert run(["forget", "--yes", "--data-dir", str(tmp_path / "learner")]) == 0
    assert not (shared / "course").exists()
    assert (shared / "someone-elses.txt").read_text() == "keep me"


@pytest.mark.real_lab
def test_where_lists_and_forget_removes_everything_the_lab_writes(capsys, monkeypatch, tmp_path):
    """The lab's models (cache folder) and its voice history, in a shared cache folder too."""
    from explainer.voice.langmodel import ensure_language_model
    from explainer.voice.nlu import load_intent_dict
    from explainer.voice.wake import WAKE_WORDS

    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(tmp_path / "shared-cache"))
    paths = data_paths()
    model, sentences, _built = ensure_language_model(load_intent_dict(), WAKE_WORDS, paths.lab_cache_dir,
                                                     lambda _w: True)
    from explainer.voice.history import VoiceHistory

    history = VoiceHistory(paths.history_db)
    history.add(audio=b"RIFF", transcript="alexa stop")
    history.close()
    (tmp_path / "shared-cache" / "someone-elses.txt").write_text("keep me")
    assert run(["where"]) == 0
    shown = capsys.readouterr().out
    assert str(paths.lab_cache_dir) in shown and "voice lab" in shown
    assert str(paths.history_db) in shown
    assert run(["forget", "--yes"]) == 0
    assert not model.exists() and not sentences.exists() and not paths.lab_cache_dir.exists()
    assert not paths.history_db.exists()
    assert (tmp_path / "shared-cache" / "someone-elses.txt").exists()


def test_forget_erases_what_issue_15_added_in_a_chosen_cache_folder(capsys):
    """A chosen (possibly shared) cache folder: only the app's named paths go, all of them."""
    paths = data_paths()
    for folder in (paths.narration_cache_dir, paths.lab_cache_dir):
        folder.mkdir(parents=True)
        (folder / "x.wav").write_bytes(b"RIFF")
    paths.error_log.write_text("--- failure\n")
    paths.checklist_md.parent.mkdir(parents=True, exist_ok=True)
    paths.checklist_md.write_text("# checklist")
    (paths.data_dir / "progress.json.repaired-20260101-000000").write_text("{}")
    others = paths.cache_dir / "someone-elses.txt"
    others.write_text("not ours")
    assert run(["where"]) == 0
    listed = capsys.readouterr().out
    for path in (paths.narration_cache_dir, paths.lab_cache_dir, paths.error_log, paths.checklist_md):
        assert str(path) in listed
    assert "progress.json.repaired-20260101-000000" in listed
    assert run(["forget", "--yes"]) == 0
    for path in (paths.narration_cache_dir, paths.lab_cache_dir, paths.error_log, paths.checklist_md):
        assert not path.exists(), path
    assert not list(paths.data_dir.glob("progress.json*")) and others.exists()
