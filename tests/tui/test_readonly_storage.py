"""A data folder the app cannot write to: it still runs, and tells the learner once.

Tests run as root, for whom chmod does not make a folder read-only, so this is simulated two
ways: a data-dir path whose parent is a regular file, and ``os.replace`` raising
PermissionError (what a read-only mount or a locked-down school account gives).

Covered elsewhere (not repeated here): the progress file deleted while the app runs
(tests/tui/test_app_robustness.py::test_progress_file_deleted_while_running); two processes
saving at once losing no completed step
(tests/learning/test_progress_durability.py::test_two_processes_saving_at_once_lose_nothing); kill -9
during saves (same file); the store-level read-only cases (tests/learning/test_progress.py).
"""

from __future__ import annotations

import os

from explainer.paths import data_paths
from tests.pilot import notices_shown, settle


def notices(made) -> list[str]:
    return notices_shown(made)


async def _read_a_page_and_quit(made, pilot) -> None:
    await settle(pilot, made)
    made.open_station("wake-word")
    await settle(pilot, made)
    await pilot.press("right")
    await settle(pilot, made)


async def test_data_dir_under_a_regular_file(app, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder's parent should be")
    made = app(data=data_paths(blocker / "data"))
    async with made.run_test(size=(100, 30)) as pilot:
        await _read_a_page_and_quit(made, pilot)
        assert made.progress.pages_read  # kept in memory
        said = [n for n in notices(made) if "cannot be saved" in n]
        assert len(said) == 1, notices(made)
        await pilot.press("escape", "q")
    assert blocker.read_text().startswith("a file where")


async def test_os_replace_refused(app, monkeypatch):
    def refuse(src, dst, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(dst))

    made = app()
    monkeypatch.setattr(os, "replace", refuse)
    async with made.run_test(size=(100, 30)) as pilot:
        await _read_a_page_and_quit(made, pilot)
        await pilot.press("right")
        await settle(pilot, made)
        said = [n for n in notices(made) if "cannot be saved" in n]
        assert len(said) == 1, notices(made)  # told once, not on every page
        assert type(made.screen).__name__ == "LessonScreen"
