"""Snapshot tests of the shell (pytest-textual-snapshot): the map at 80x24 and 120x40, help, settings,
results, the kiosk's welcome and the content-problems screen.

Review any change with ``uv run pytest tests/tui/test_snapshots.py --snapshot-report`` and only
then update with ``--snapshot-update``.
"""

from __future__ import annotations

import pytest

from tests.builders import make_course


@pytest.fixture
def shell_app(app):
    course = make_course()

    def build():
        made = app(course=course)
        progress = made.progress
        for page in course.station("wake-word").pages:
            progress.mark_page_read(page.id)
        progress.mark_model_tried("wake-word")
        progress.record_answer("wake-word-q1", correct=True, at="2026-01-01T00:00:00+00:00")
        progress.mark_page_read(course.station("listening-window").pages[0].id)
        progress.last = {"mode": "lesson", "station": "listening-window", "page": "first"}
        return made

    return build


def test_map_80x24(snap_compare, shell_app):
    assert snap_compare(shell_app(), terminal_size=(80, 24))


def test_map_120x40(snap_compare, shell_app):
    assert snap_compare(shell_app(), terminal_size=(120, 40), press=["down", "j"])


def test_help_screen(snap_compare, shell_app):
    assert snap_compare(shell_app(), terminal_size=(80, 24), press=["question_mark"])


def test_too_small(snap_compare, shell_app):
    assert snap_compare(shell_app(), terminal_size=(60, 20))


def test_map_no_color(snap_compare, shell_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = shell_app()
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), press=["down"])


def test_map_high_contrast(snap_compare, shell_app):
    app = shell_app()
    app.settings = app.settings.changed(high_contrast=True)
    assert snap_compare(app, terminal_size=(80, 24))


# -- the shell's other screens (issue 19: a reviewed snapshot of every screen at 80x24) ------
async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def test_settings_80x24(snap_compare, shell_app):
    assert snap_compare(shell_app(), terminal_size=(80, 24), press=["s"])


def test_results_80x24(snap_compare, shell_app):
    made = shell_app()

    async def run_before(pilot) -> None:
        made.open_results()
        await _settle(pilot)

    assert snap_compare(made, terminal_size=(80, 24), run_before=run_before)


def test_kiosk_welcome_80x24(snap_compare, app):
    made = app(course=make_course(), kiosk=True)

    async def run_before(pilot) -> None:
        for _ in range(200):
            await pilot.pause()
            if made.current_mode == "attract":
                break
        await _settle(pilot)

    assert snap_compare(made, terminal_size=(80, 24), run_before=run_before)


def test_content_problems_80x24(snap_compare, app, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "course.toml").write_text('format_version = 1\ntitle = "A course"\n[[stations]]\nid = "x"\n')
    made = app(content_dir=content)
    assert type(made).__name__ == "ContentProblemsApp"
    assert snap_compare(made, terminal_size=(80, 24), run_before=_settle)
