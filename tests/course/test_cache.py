"""The start-up copy of the course (explainer.course.cache): same course, never stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from explainer.course.cache import load_course_cached
from explainer.course.load import load_course
from explainer.course.problems import ContentError
from explainer.paths import packaged_content_dir


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return Path(shutil.copytree(packaged_content_dir(), tmp_path / "content"))


def _copies(cache: Path) -> list[Path]:
    return sorted((cache / "course").glob("*.pickle"))


def test_the_copy_is_the_same_course(content, tmp_path):
    cache = tmp_path / "cache"
    first = load_course_cached(content, "en", cache)
    assert len(_copies(cache)) == 1
    again = load_course_cached(content, "en", cache)
    assert again == first == load_course(content, "en")


def test_an_edited_file_is_read_again(content, tmp_path):
    cache = tmp_path / "cache"
    load_course_cached(content, "en", cache)
    page = sorted((content / "stations" / "01-wake-word").glob("01-*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8").replace("Listening for one word", "Edited title", 1),
                    encoding="utf-8")
    edited = load_course_cached(content, "en", cache)
    assert edited.stations[0].pages[0].title == "Edited title"
    assert len(_copies(cache)) == 1  # the stale copy is gone


def test_same_size_edit_with_a_new_time_is_read_again(content, tmp_path):
    cache = tmp_path / "cache"
    load_course_cached(content, "en", cache)
    course_toml = content / "course.toml"
    text = course_toml.read_text(encoding="utf-8")
    course_toml.write_text(text.replace('title = "The wake word"', 'title = "The wake-word"', 1), encoding="utf-8")
    stat = course_toml.stat()
    os.utime(course_toml, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_course_cached(content, "en", cache).stations[0].title == "The wake-word"


def test_broken_content_is_never_cached(content, tmp_path):
    cache = tmp_path / "cache"
    (content / "course.toml").write_text("format_version = [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentError):
            load_course_cached(content, "en", cache)
    assert _copies(cache) == []


def test_a_damaged_copy_means_a_normal_load(content, tmp_path):
    cache = tmp_path / "cache"
    load_course_cached(content, "en", cache)
    _copies(cache)[0].write_bytes(b"not a pickle")
    assert load_course_cached(content, "en", cache) == load_course(content, "en")


def test_no_cache_folder_writes_nothing(content, tmp_path):
    assert load_course_cached(content, "en", None) == load_course(content, "en")
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_still_loads(content, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert load_course_cached(content, "en", blocker / "cache").stations


def test_a_copy_others_could_have_written_is_not_used(content, tmp_path, monkeypatch):
    import pickle

    cache = tmp_path / "cache"
    load_course_cached(content, "en", cache)
    copy = _copies(cache)[0]
    planted = load_course(content, "en")
    planted = type(planted)(**{**planted.__dict__, "title": "planted"})
    copy.write_bytes(pickle.dumps(planted))
    assert load_course_cached(content, "en", cache).title == "planted"  # ours: trusted
    copy.chmod(0o666)  # writable by anyone: not trusted
    assert load_course_cached(content, "en", cache).title != "planted"
