"""Sizes bounded both ways (issue 15.5): what the app writes it can always read back, the old
file is never set aside before the new one is written, and a full disk leaves no temp files."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from explainer.learning import storage
from explainer.learning.progress import FORMAT, Progress
from explainer.learning.progress_store import ProgressStore
from explainer.paths import write_cache_file


def test_a_big_progress_is_written_compact_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    big = Progress(answers={f"q{i}": {"correct": False, "given": "x" * 2_000, "at": "2026-01-01T00:00:00+00:00"}
                            for i in range(5_000)},
                   pages_read={f"station/page-{i}-" + "p" * 200 for i in range(4_000)})
    assert ProgressStore(path).save(big).ok
    size = path.stat().st_size
    assert 10_000_000 < size < storage.MAX_BYTES  # pretty-printed (indent=2) this was over 16 MB
    loaded = ProgressStore(path).load()
    assert loaded.notice is None and len(loaded.progress.answers) == 5_000


def test_what_grows_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    shifts = {f"s{i}": {"version": 1, "clip_ids": ["c"], "started_at": f"{i:05d}"} for i in range(500)}
    progress = Progress(sections={"reviewer": {"shifts": shifts, "current": "s499"}})
    assert ProgressStore(path).save(progress).ok
    saved = json.loads(path.read_text())["sections"]["reviewer"]["shifts"]
    assert len(saved) == 40 and "s499" in saved and "s0" not in saved  # the newest are kept


def test_too_large_keeps_first_and_last_tries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.json"
    attempt = {"quiz": "s", "round": 1, "correct": False, "given": "x" * 500, "at": "t", "final": False}
    log = {f"q{i}": [{**attempt, "try": n} for n in range(1, 11)] for i in range(10)}
    monkeypatch.setattr(storage.write_json_atomic, "__defaults__", (30_000,))
    assert ProgressStore(path).save(Progress(attempts=log, pages_read={"a/b"})).ok
    saved = json.loads(path.read_text())
    assert [a["try"] for a in saved["attempts"]["q3"]] == [1, 10] and saved["pages_read"] == ["a/b"]


def test_too_large_is_refused_and_the_old_file_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.json"
    assert ProgressStore(path).save(Progress(pages_read={"a/b"})).ok
    before = path.read_bytes()
    monkeypatch.setattr(storage, "MAX_BYTES", 2_000)
    monkeypatch.setattr(storage.write_json_atomic, "__defaults__", (2_000,))
    result = ProgressStore(path).save(Progress(answers={f"q{i}": {"correct": True} for i in range(500)}))
    assert not result.ok and result.notice and "limit" in result.notice and "\n" not in result.notice
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.json.lock"]


def test_unreadable_file_is_kept_in_place_until_replaced(tmp_path: Path) -> None:
    """The save path used to rename a bad file aside *before* writing: a kill between left none."""
    path = tmp_path / "progress.json"
    path.write_bytes(b"\x00 not json")
    real_replace = os.replace
    seen: list[bool] = []

    def replace_and_check(src, dst):  # the moment before the new file lands
        if Path(dst) == path:
            seen.append(path.read_bytes() == b"\x00 not json")
        return real_replace(src, dst)

    os.replace = replace_and_check
    try:
        assert ProgressStore(path).save(Progress(pages_read={"a/b"})).ok
    finally:
        os.replace = real_replace
    assert seen == [True]
    assert json.loads(path.read_text())["format"] == FORMAT
    assert [p.read_bytes() for p in tmp_path.glob("progress.json.corrupt-*")] == [b"\x00 not json"]


def _full_disk(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_leaves_no_temp_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.json"
    monkeypatch.setattr(os, "fsync", _full_disk)
    result = ProgressStore(path).save(Progress(pages_read={"a/b"}))
    assert not result.ok and "full" in (result.notice or "")
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json.lock"]


def test_full_disk_leaves_no_empty_cache_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", _full_disk)
    with pytest.raises(OSError):
        write_cache_file(tmp_path / "cache" / "x.pickle", b"data" * 1000)
    assert list((tmp_path / "cache").iterdir()) == []


def test_full_disk_leaves_no_audio_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from explainer.voice.audio import write_wav

    monkeypatch.setattr(os, "replace", _full_disk)
    with pytest.raises(OSError):
        write_wav(tmp_path / "clip.wav", np.zeros(1600), 16000, comment="recipe")
    assert list(tmp_path.iterdir()) == []
