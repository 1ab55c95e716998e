"""`explainer where` lists the validated-course copy and `forget` removes it, even in a shared cache."""

from __future__ import annotations

from explainer.cli import run
from explainer.course.cache import load_course_cached
from explainer.paths import data_paths, packaged_content_dir


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
