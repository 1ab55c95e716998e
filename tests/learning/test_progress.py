"""Unit tests of the progress file: round trip, bad files set aside, unwritable folders, merging."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from explainer.learning.progress import FORMAT, VERSION, Progress
from explainer.learning.progress_store import ProgressStore
from explainer.learning.settings import Settings, SettingsStore


def sample() -> Progress:
    progress = Progress()
    progress.mark_page_read("wake-word/first")
    progress.mark_model_tried("wake-word")
    progress.record_answer("wake-word-q1", correct=True, given=["true"])
    progress.last = {"mode": "lesson", "station": "wake-word", "page": "first"}
    progress.section("reviewer")["shifts"] = {"s1": {"score": 3}}
    return progress


def test_round_trip(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.json")
    assert store.save(sample()).ok
    loaded = store.load()
    assert loaded.notice is None
    data = json.loads((tmp_path / "progress.json").read_text())
    assert data["format"] == FORMAT and data["version"] == VERSION == 2
    assert data["pages_read"] == ["wake-word/first"]
    assert loaded.progress.section("reviewer") == {"shifts": {"s1": {"score": 3}}}
    assert loaded.progress.answers["wake-word-q1"]["given"] == ["true"]


def test_missing_file_is_a_fresh_start(tmp_path: Path) -> None:
    loaded = ProgressStore(tmp_path / "nope" / "progress.json").load()
    assert loaded.notice is None and loaded.progress == Progress()


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00binary", b"", b"[]",
     b'{"format": "something-else", "version": 1}', b'{"format": "whos-listening/progress", "version": "1"}'],
)
def test_bad_file_is_set_aside(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "progress.json"
    path.write_bytes(content)
    loaded = ProgressStore(path).load()
    assert loaded.progress == Progress()
    assert loaded.notice and "start fresh" in loaded.notice and "\n" not in loaded.notice
    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    # issue 15: the file stays until a save replaces it (a kill in between never leaves none)
    assert path.read_bytes() == content
    ProgressStore(path).load()  # a second start before any save keeps no second copy
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1
    assert ProgressStore(path).save(Progress(pages_read={"a/b"})).ok
    assert json.loads(path.read_text())["pages_read"] == ["a/b"]
    assert [p.read_bytes() for p in tmp_path.glob("progress.json.corrupt-*")] == [content]


def test_future_version_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 99, "pages_read": []}))
    loaded = ProgressStore(path).load()
    assert loaded.progress == Progress() and "newer version" in loaded.notice
    assert list(tmp_path.glob("progress.json.from-future-*"))


def test_folder_instead_of_file(tmp_path: Path) -> None:
    (tmp_path / "progress.json").mkdir()
    loaded = ProgressStore(tmp_path / "progress.json").load()
    assert loaded.progress == Progress() and loaded.notice


def test_parent_is_a_file_save_fails_softly(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    result = ProgressStore(blocker / "progress.json").save(sample())
    assert not result.ok and result.notice.startswith("Progress cannot be saved")


def test_read_only_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = ProgressStore(tmp_path / "progress.json").save(sample())
    assert not result.ok
    assert result.notice == f"Progress cannot be saved: {tmp_path} is read-only. It is kept until you quit."
    assert not list(tmp_path.glob("progress.json.tmp-*")), "temp file left behind"


def test_chmod_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: chmod does not stop writes (covered by the other tests)")
        result = ProgressStore(folder / "progress.json").save(sample())
        assert not result.ok and "read-only" in result.notice
    finally:
        folder.chmod(0o700)


def test_memory_only_store_writes_nothing(tmp_path: Path) -> None:
    store = ProgressStore(None)
    assert store.save(sample()).ok
    assert store.load().progress == Progress()
    assert not any(tmp_path.iterdir())


def test_save_merges_what_another_copy_saved(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    first, second = ProgressStore(path), ProgressStore(path)
    a, b = first.load().progress, second.load().progress
    a.mark_page_read("wake-word/first")
    a.record_answer("q1", correct=False, at="2026-01-01T10:00:00+00:00")
    a.section("lab")["tried"] = {"x": 1}
    assert first.save(a).ok
    b.mark_page_read("cloud-check/first")
    b.record_answer("q1", correct=True, at="2026-01-01T11:00:00+00:00")
    b.record_answer("q2", correct=True)
    b.section("lab")["other"] = 2
    assert second.save(b).ok
    merged = ProgressStore(path).load().progress
    assert merged.pages_read == {"wake-word/first", "cloud-check/first"}
    assert merged.answers["q1"]["correct"] is True and "q2" in merged.answers
    assert merged.section("lab") == {"tried": {"x": 1}, "other": 2}
    # an older answer saved later does not replace a newer one
    a.record_answer("q1", correct=False, at="2025-01-01T00:00:00+00:00")
    first.save(a)
    assert ProgressStore(path).load().progress.answers["q1"]["correct"] is True


def test_replace_drops_what_is_on_disk(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.json")
    store.save(sample())
    assert store.save(Progress(), replace=True).ok
    assert store.load().progress == Progress()


def test_corrupt_file_at_save_time_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text("garbage")
    assert ProgressStore(path).save(sample()).ok
    assert list(tmp_path.glob("progress.json.corrupt-*"))
    assert ProgressStore(path).load().progress.pages_read == {"wake-word/first"}


def test_settings_round_trip_and_corrupt(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert store.load().settings == Settings()
    assert store.save(Settings(high_contrast=True, narration=True)) is None
    assert store.load().settings.effective_theme == "high-contrast"
    (tmp_path / "settings.json").write_text('{"format": "whos-listening/settings", "narration": "yes"}')
    assert store.load().settings.narration is False
    (tmp_path / "settings.json").write_text("\x00")
    loaded = store.load()
    assert loaded.settings == Settings() and loaded.notice


def test_load_when_a_file_is_in_the_way(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    loaded = ProgressStore(blocker / "data" / "progress.json").load()
    assert loaded.notice is None and loaded.progress == Progress()
    assert blocker.read_text() == "x"


def test_full_disk_says_so_and_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    assert store.save(sample()).ok
    before = path.read_text()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    more = sample()
    more.mark_page_read("cloud-check/first")
    result = store.save(more)
    assert not result.ok and "full" in result.notice
    assert path.read_text() == before
    assert not list(tmp_path.glob("progress.json.tmp-*"))


def test_models_seen_and_tour_steps_round_trip_and_merge(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    mine = Progress()
    assert mine.mark_model_seen("wake-word") and not mine.mark_model_seen("wake-word")
    assert mine.mark_tour_step("wake-word/model")
    other = Progress()
    other.mark_tour_step("cloud-check/a-second-opinion")
    other.mark_model_seen("cloud-check")
    assert ProgressStore(path).save(other).ok
    assert store.save(mine).ok  # merges with the other copy's file
    loaded = store.load().progress
    assert loaded.models_seen == {"wake-word", "cloud-check"}
    assert loaded.tour_seen == {"wake-word/model", "cloud-check/a-second-opinion"}


def test_a_file_from_before_models_seen_loads_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    old = {"format": FORMAT, "version": 1, "pages_read": ["wake-word/first"], "models_tried": ["wake-word"],
           "answers": {}, "last": {"mode": "lesson", "station": "wake-word", "page": "model"}, "sections": {}}
    path.write_text(json.dumps(old))
    loaded = ProgressStore(path).load()
    assert loaded.notice is None
    assert loaded.progress.models_tried == {"wake-word"} and loaded.progress.models_seen == set()
    assert loaded.progress.tour_seen == set() and loaded.progress.pages_read == {"wake-word/first"}
