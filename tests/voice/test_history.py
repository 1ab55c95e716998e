"""Voice history in SQLite (add, list, delete one/all, auto-delete, damaged file) and the review sampler."""

from __future__ import annotations

import sqlite3
import time

from explainer.voice.history import VoiceHistory
from explainer.voice.sampling import ReviewSampler, selected_for_review


def _add(history, transcript="alexa what time is it", **kw):
    return history.add(audio=b"RIFF....", transcript=transcript, intent="GetTime", **kw)


def test_add_list_get_delete(tmp_path):
    history = VoiceHistory(tmp_path / "h.sqlite3")
    first = _add(history, created_at=100.0)
    second = _add(history, "alexa call mom", created_at=200.0)
    assert [e.id for e in history.list()] == [second, first]  # newest first
    assert history.get(first).audio == b"RIFF...."
    assert history.list()[0].audio is None
    assert history.delete(first) is True
    assert history.delete(first) is False
    assert [e.id for e in history.list()] == [second]
    history.close()
    # really gone from the file, not just hidden
    rows = sqlite3.connect(tmp_path / "h.sqlite3").execute("SELECT COUNT(*) FROM uploads").fetchone()[0]
    assert rows == 1


def test_delete_all_and_auto_delete(tmp_path):
    history = VoiceHistory(tmp_path / "h.sqlite3")
    now = time.time()
    _add(history, created_at=now - 10 * 86400)
    _add(history, created_at=now - 2 * 86400)
    keep = _add(history, created_at=now)
    assert history.auto_delete(3, now=now) == 1
    assert len(history.list()) == 2
    assert history.delete_all() == 2
    assert history.list() == []
    assert keep not in [e.id for e in history.list()]


def test_corrupt_database_is_moved_aside(tmp_path):
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    history = VoiceHistory(path)
    assert history.notice and "moved" in history.notice
    assert history.persistent
    assert list(tmp_path.glob("h.sqlite3.corrupt-*"))
    assert _add(history) == 1


def test_locked_database_falls_back_to_memory(tmp_path):
    path = tmp_path / "h.sqlite3"
    VoiceHistory(path).close()
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN EXCLUSIVE")
    history = VoiceHistory(path, timeout=0.1)
    assert not history.persistent and "in use" in (history.notice or "")
    assert _add(history) == 1
    blocker.rollback()
    blocker.close()


def test_sampler_is_deterministic_with_a_seed():
    a, b = ReviewSampler(rate=0.3, seed=7), ReviewSampler(rate=0.3, seed=7)
    picks = [a.selects(i) for i in range(1000)]
    assert picks == [b.selects(i) for i in range(1000)]
    assert 250 < sum(picks) < 350
    assert picks != [ReviewSampler(rate=0.3, seed=8).selects(i) for i in range(1000)]
    assert not any(ReviewSampler(rate=0.0).selects(i) for i in range(100))


def test_selected_for_review_lists_own_uploads(tmp_path):
    path = tmp_path / "h.sqlite3"
    history = VoiceHistory(path)
    picked = _add(history, selected_for_review=True)
    _add(history)
    history.close()
    assert [e.id for e in selected_for_review(path)] == [picked]
    assert selected_for_review(tmp_path / "missing.sqlite3") == []


def test_a_history_deleted_while_the_lab_runs_is_recreated_with_a_notice(tmp_path):
    path = tmp_path / "h.sqlite3"
    history = VoiceHistory(path)
    _add(history)
    path.unlink()  # a learner runs `explainer forget`, or a file manager, while the lab is open
    for suffix in ("-wal", "-shm", "-journal"):
        (tmp_path / f"h.sqlite3{suffix}").unlink(missing_ok=True)
    again = _add(history, "alexa call mom")  # never "attempt to write a readonly database"
    assert path.exists() and [e.transcript for e in history.list()] == ["alexa call mom"]
    assert again and "deleted" in history.notice and "new, empty" in history.notice
    history.close()


def test_a_history_whose_folder_vanished_is_recreated(tmp_path):
    import shutil

    folder = tmp_path / "data"
    history = VoiceHistory(folder / "h.sqlite3")
    _add(history)
    shutil.rmtree(folder)
    _add(history, "alexa what time is it")
    assert (folder / "h.sqlite3").exists() and len(history.list()) == 1
    history.close()


def test_an_upload_plays_from_memory(tmp_path):
    import numpy as np

    from explainer.voice.audio import wav_bytes

    history = VoiceHistory(tmp_path / "h.sqlite3")
    entry = history.add(audio=wav_bytes(np.full(1600, 0.25, np.float32), 16000), transcript="x")
    samples, rate = history.audio_samples(entry)
    assert rate == 16000 and len(samples) == 1600 and abs(float(samples[0]) - 0.25) < 1e-3
    assert history.audio_samples(entry + 1) is None
    history.close()
