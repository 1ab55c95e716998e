"""Only the learner can read their files (issue 15.4): folders 0700, files 0600.

Tests run as root, who can read anything, so these check the permission bits themselves (what
another user's access depends on), never whether a read succeeds.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from explainer import privacy
from explainer.learning.progress import Progress
from explainer.learning.progress_store import ProgressStore
from explainer.learning.settings import Settings, SettingsStore
from explainer.paths import data_paths
from tests.pilot import notices_shown

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_new_files_and_folders_are_private(tmp_path: Path) -> None:
    paths = data_paths(tmp_path / "data")
    assert ProgressStore(paths.progress_file).save(Progress(pages_read={"a/b"})).ok
    assert SettingsStore(paths.settings_file).save(Settings()) is None
    assert mode(paths.data_dir) == 0o700
    for item in (paths.progress_file, paths.settings_file, paths.progress_file.with_name("progress.json.lock")):
        assert mode(item) == 0o600, item


def test_voice_history_file_is_private(tmp_path: Path) -> None:
    from explainer.voice.history import VoiceHistory

    paths = data_paths(tmp_path / "data")
    history = VoiceHistory(paths.history_db)
    history.add(audio=b"RIFF", transcript="hello")
    history.close()
    assert mode(paths.data_dir) == 0o700
    for item in paths.data_dir.glob("voice-history.sqlite3*"):
        assert mode(item) == 0o600, item


def test_start_repairs_what_an_older_version_left_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXPLAINER_CACHE_DIR")  # the cache inside the data folder: the app's own
    paths = data_paths(tmp_path / "data")
    paths.data_dir.mkdir(mode=0o755)
    os.chmod(paths.data_dir, 0o755)
    paths.progress_file.write_text("{}")
    os.chmod(paths.progress_file, 0o644)
    paths.course_cache_dir.mkdir(parents=True)
    os.chmod(paths.cache_dir, 0o755)
    os.chmod(paths.course_cache_dir, 0o777)
    (paths.course_cache_dir / "x.pickle").write_bytes(b"")
    os.chmod(paths.course_cache_dir / "x.pickle", 0o666)
    aside = paths.data_dir / "progress.json.corrupt-20260101-000000"
    aside.write_text("x")
    os.chmod(aside, 0o644)
    mine = paths.data_dir / "my-notes.txt"  # the user's own file in the same folder: left alone
    mine.write_text("x")
    os.chmod(mine, 0o644)
    outside = tmp_path / "outside.txt"  # a link planted to a file elsewhere is never followed
    outside.write_text("x")
    os.chmod(outside, 0o644)
    (paths.data_dir / "settings.json").symlink_to(outside)

    repaired = privacy.make_private(paths)
    assert repaired == 6
    assert mode(paths.data_dir) == mode(paths.cache_dir) == mode(paths.course_cache_dir) == 0o700
    assert mode(paths.progress_file) == mode(aside) == mode(paths.course_cache_dir / "x.pickle") == 0o600
    assert mode(mine) == 0o644 and mode(outside) == 0o644
    assert privacy.make_private(paths) == 0
    assert privacy.notice(repaired) and privacy.notice(0) is None


async def test_app_start_repairs_and_says_so_once(app, app_config) -> None:
    paths = app_config().data
    paths.data_dir.mkdir(parents=True)
    os.chmod(paths.data_dir, 0o755)
    paths.progress_file.write_text('{"format": "whos-listening/progress", "version": 2}')
    os.chmod(paths.progress_file, 0o644)
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = [n for n in notices_shown(made) if "private" in n]
        assert len(said) == 1
    assert mode(paths.data_dir) == 0o700 and mode(paths.progress_file) == 0o600


def test_a_first_start_makes_everything_private_and_repairs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found in the acceptance walk: a brand-new data folder greeted the learner with "2 of your
    files or folders could be read by other users", because the course cache's
    ``mkdir(parents=True)`` gave the data and cache folders the umask's 0755."""
    from explainer.tui import services
    from explainer.tui.config import AppConfig

    monkeypatch.delenv("EXPLAINER_CACHE_DIR")  # the cache inside the data folder, as for a learner
    old = os.umask(0o022)
    try:
        paths = data_paths(tmp_path / "new" / "data")
        started = services.start(AppConfig(data=paths, seed=7, audio=False))
    finally:
        os.umask(old)
    assert not [n for n in started.notices if "private" in n], started.notices
    assert mode(paths.data_dir) == mode(paths.cache_dir) == mode(paths.course_cache_dir) == 0o700
    assert privacy.make_private(paths) == 0
