"""``explainer where`` lists every path the app wrote during a full session (issue 15.3).

The session visits every mode as a learner would -- map, lessons (pages, a model, station 9's
checklist), a quiz answered, results, the reviewer seat (a clip submitted), the course ending (certificate saved), the lab (a typed
command through the real pipeline, when this machine has it, then its voice history), narration
-- with the system temp folder pointed at a folder of the test's own. Afterwards the data
folder, the cache folder (a chosen one, so only paths the app names count) and that temp folder
are scanned: every file found must be one ``where`` lists (or inside a folder it lists), and the
temp folder must hold nothing of ours.
"""

from __future__ import annotations

import argparse
import io
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from explainer.cli.data_cmd import owned_paths, run_where
from explainer.paths import DataPaths
from tests.pilot import open_lesson, open_quiz, open_reviewer, settle, wait_until


def _scan(*roots: Path) -> set[Path]:
    return {p for root in roots if root.exists() for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def _listed(paths: DataPaths) -> set[Path]:
    folders = {paths.data_dir, paths.cache_dir}
    return {p for _label, p in paths.all_paths() if p not in folders} | set(owned_paths(paths))


def _covered(path: Path, listed: set[Path]) -> bool:
    return any(path == item or item in path.parents for item in listed)


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    temp = tmp_path / "system-temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    return temp


async def _lab_run(pilot, app) -> None:
    from textual.widgets import Input

    from explainer.voice.speech import speech_available

    app.open_lab()
    await wait_until(pilot, lambda: type(app.screen).__name__ == "LabScreen", "the lab")
    await settle(pilot, app)
    if speech_available()[0]:
        app.screen.query_one("#lab-text", Input).focus()
        await pilot.press(*"alexa set a timer for ten minutes", "enter")
        await settle(pilot, app)  # waits for the run's worker (and the decoder's first load)
        await wait_until(pilot, lambda: app.screen.trace is not None, "the lab's trace")
    await pilot.press("escape", "h")  # the voice history browser
    await settle(pilot, app)
    await pilot.press("enter", "p")  # play the newest upload (no sound here: said so, nothing written)
    await settle(pilot, app)
    await pilot.press("escape")


@pytest.mark.real_lab
async def test_a_full_session_writes_only_what_where_lists(app, private_temp: Path) -> None:
    made = app()
    paths = made.config.data
    async with made.run_test(size=(80, 24)) as pilot:
        await settle(pilot, made)
        first = made.course.stations[0]
        await open_lesson(pilot, first.id)
        await pilot.press("n", "n")
        await pilot.press("r")  # read aloud: narration audio goes to the cache folder
        await settle(pilot, made)
        await open_lesson(pilot, "your-controls", "model")
        await pilot.press("space", "w")  # tick one, save the checklist as a file
        await settle(pilot, made)
        quiz = await open_quiz(pilot, first.id)
        await pilot.press("1", "enter")
        await settle(pilot, made)
        assert quiz.session.progress.attempts  # something was answered
        made.open_results()
        await settle(pilot, made)
        await pilot.press("escape")
        await open_reviewer(pilot)
        made.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await settle(pilot, made)
        await pilot.press(*"hello", "ctrl+n")
        await settle(pilot, made)
        await _lab_run(pilot, made)
        made.open_map()
        await settle(pilot, made)
        made.open_course_ending()
        await settle(pilot, made)
        await pilot.press("w")  # save the certificate
        await settle(pilot, made)
        await pilot.press("escape")
        made.open_map()
        await settle(pilot, made)
        await pilot.press("q")
    await made.workers.wait_for_complete()

    written = _scan(paths.data_dir, paths.cache_dir)
    assert {paths.progress_file, paths.checklist_md, paths.history_db, paths.certificate_md} <= written
    listed = _listed(paths)
    unlisted = sorted(str(p) for p in written if not _covered(p, listed))
    assert unlisted == [], "written but not listed by `explainer where`"

    out = io.StringIO()
    with redirect_stdout(out):
        run_where(argparse.Namespace(data_dir=str(paths.data_dir), content=None))
    shown = out.getvalue().replace("\n", "")
    for path in written:
        nearest = next(item for item in [path, *path.parents] if item in listed)
        assert str(nearest) in shown, nearest

    left = sorted(p.relative_to(private_temp).as_posix() for p in _scan(private_temp))
    assert left == [], "left in the system temp folder"
