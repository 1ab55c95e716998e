"""Lab UI (LAB-UI helper): the voice-history browser deletes for real, asks before deleting
everything, keeps the auto-delete setting, and survives a damaged file -- in the real app at
80x24, on a history seeded through LAB-CORE's ``VoiceHistory``."""

from __future__ import annotations

import time

import pytest

from tests.pilot import screen_text, settle

pytestmark = pytest.mark.real_lab  # the real app opens the real lab (its decoder loads)

history_module = pytest.importorskip("explainer.voice.history", reason="LAB-CORE's voice history is not in this build")


def seed(path, *transcripts, days_old: float = 0.0):
    history = history_module.VoiceHistory(path)
    for number, text in enumerate(transcripts):
        history.add(audio=None, transcript=text, intent="SetTimer" if "timer" in text else None,
                    selected_for_review=number == 0, created_at=time.time() - days_old * 86400 - number)
    history.close()


def count(path) -> int:
    history = history_module.VoiceHistory(path)
    try:
        return history.count()
    finally:
        history.close()


async def open_history(pilot, made):
    await settle(pilot, made)
    made.open_lab()
    await settle(pilot, made)
    await pilot.press("escape", "h")  # leave the text field, then open the history
    await settle(pilot, made)
    assert type(made.screen).__name__ == "HistoryScreen"


async def test_history_lists_and_deletes_one_row_for_real(app, app_config):
    db = app_config().data.history_db
    seed(db, "alexa set a timer for ten minutes", "the election results are [bold]in[/]")
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, made)
        shown = screen_text(made)
        assert "alexa set a timer for ten minutes" in shown
        assert "the election results are [bold" in shown  # literally, not as markup (the row ends in "…" at 80)
        table = made.screen.query_one("#lab-history-table")
        assert table.get_row_at(1)[3].plain == "the election results are [bold]in[/]"
        assert "Set a timer" in shown and "nothing: asked again" in shown and "SetTimer" not in shown.split("▔")[0]
        assert "review" in shown and "yes" in shown
        assert "2 recordings kept" in shown
        await pilot.press("d")
        await settle(pilot, made)
        assert count(db) == 1
        shown = screen_text(made)
        assert "Deleted" in shown and "1 recording kept" in shown
        assert "alexa set a timer for ten minutes" not in shown.split("Deleted")[0]


async def test_delete_all_asks_first_and_no_keeps_everything(app, app_config):
    db = app_config().data.history_db
    seed(db, "one timer", "two", "three")
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, made)
        await pilot.press("D")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "LabConfirmScreen"
        await pilot.press("escape")
        await settle(pilot, made)
        assert count(db) == 3 and "Nothing was deleted" in screen_text(made)
        await pilot.press("D", "y")
        await settle(pilot, made)
        assert count(db) == 0
        assert "Deleted 3 recordings" in screen_text(made)


async def test_auto_delete_setting_removes_old_uploads_and_is_remembered(app, app_config):
    db = app_config().data.history_db
    seed(db, "old timer", days_old=100)
    seed(db, "new timer")
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, made)
        assert count(db) == 2
        await pilot.press("shift+tab")  # the auto-delete choice, just above the table
        await settle(pilot, made)
        await pilot.press("enter", "down", "enter")  # off -> after 3 months (Amazon's real periods: 3 or 18)
        await settle(pilot, made)
        assert made.progress.section("lab")["auto_delete_months"] == 3
        assert count(db) == 1
        assert "1 recording older than 3 months was deleted" in screen_text(made)  # one, not "1 uploads"


async def test_a_damaged_history_file_is_a_message_not_a_crash(app, app_config):
    db = app_config().data.history_db
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, made)
        shown = screen_text(made)
        assert "damaged" in shown or "could not be read" in shown
        assert type(made.screen).__name__ == "HistoryScreen"


async def test_a_locked_history_file_is_a_message_not_a_crash(app, app_config):
    import sqlite3

    db = app_config().data.history_db
    seed(db, "a timer")
    blocker = sqlite3.connect(db)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        made = app()
        async with made.run_test(size=(80, 24)) as pilot:
            await open_history(pilot, made)
            shown = screen_text(made)
            assert "in use by another program" in shown or "could not be read" in shown
            assert type(made.screen).__name__ == "HistoryScreen"
    finally:
        blocker.rollback()
        blocker.close()
    assert count(db) == 1  # nothing was lost
