"""QA S16: station 5 says "press m, delete something" -- a newcomer with an empty voice history
gets made-up example uploads on e, marked "example" everywhere, stored apart from real ones
(an ``example`` column that older history files gain on opening), all with no sound device."""

from __future__ import annotations

import sqlite3

from explainer.voice.history import VoiceHistory
from explainer.voice.history_examples import EXAMPLES, add_examples
from explainer.voice.sampling import selected_for_review
from tests.pilot import screen_text, settle

OLD_SCHEMA = """CREATE TABLE uploads (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at REAL NOT NULL,
    source TEXT NOT NULL DEFAULT '', wake_word TEXT NOT NULL DEFAULT '', transcript TEXT NOT NULL DEFAULT '',
    intent TEXT, slots TEXT NOT NULL DEFAULT '{}', reply TEXT NOT NULL DEFAULT '',
    device TEXT NOT NULL DEFAULT '{}', selected_for_review INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0, audio BLOB, said TEXT NOT NULL DEFAULT '')"""


def test_an_old_history_file_without_the_example_column_still_opens(tmp_path):
    path = tmp_path / "h.sqlite3"
    old = sqlite3.connect(path)
    old.execute(OLD_SCHEMA)
    old.execute("INSERT INTO uploads (created_at, transcript, selected_for_review, audio) "
                "VALUES (100, 'alexa call mom', 1, x'52494646')")
    old.commit()
    old.close()
    history = VoiceHistory(path)
    assert history.notice is None
    [entry] = history.list()
    assert entry.transcript == "alexa call mom" and entry.example is False
    assert history.get(entry.id).audio == b"RIFF"
    assert add_examples(history) == len(EXAMPLES)
    assert history.count() == 1 + len(EXAMPLES)
    history.close()
    assert [e.transcript for e in selected_for_review(path)] == ["alexa call mom"]


def test_examples_are_flagged_have_no_audio_and_never_go_to_review(tmp_path):
    path = tmp_path / "h.sqlite3"
    history = VoiceHistory(path)
    add_examples(history)
    entries = history.list()
    assert len(entries) == len(EXAMPLES) >= 3
    assert all(e.example and e.source == "example" and not e.selected_for_review for e in entries)
    assert all(history.get(e.id).audio is None for e in entries)
    assert "example" in entries[0].device["note"]
    history.mark_selected(entries[0].id)  # even if something marked one, the reviewer seat skips it
    history.close()
    assert selected_for_review(path) == []


async def open_model(pilot, made):
    await settle(pilot, made)
    made.open_station("kept-on-file", "model")
    await settle(pilot, made)
    await settle(pilot, made)


def count(path) -> int:
    history = VoiceHistory(path)
    try:
        return history.count()
    finally:
        history.close()


async def test_empty_history_offers_examples_and_they_can_be_browsed_and_deleted(app, app_config):
    db = app_config().data.history_db
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made)
        shown = screen_text(made)
        assert "No recordings yet" in shown and "Press e to add a few example recordings" in shown
        assert "e: add examples" in shown
        await pilot.press("e")
        await settle(pilot, made)
        assert count(db) == len(EXAMPLES)
        shown = screen_text(made)
        assert f"Added {len(EXAMPLES)} example recordings" in shown
        assert shown.count("(example)") >= 3
        assert "Example (made up):" in shown
        # in words, then the station 4 terms, never a Python dict (QA walk: "GetWeather {'day': 'tomorrow'}")
        assert "Get the weather — tomorrow (intent GetWeather, slot day = tomorrow)" in " ".join(shown.split())
        assert "{'" not in shown
        assert "sent with it:" in shown and "app version" in shown  # what travelled with the clip is the point; it was cut at 80x24
        assert "d: delete" in shown and "e: add examples" not in shown
        assert "kept-on-file" in made.progress.models_tried

        await pilot.press("enter")  # play: an example has no recording, and no sound device is needed
        await settle(pilot, made)
        assert "This is an example: it has no recording" in screen_text(made)

        await pilot.press("e")  # not offered any more: nothing is added twice
        await settle(pilot, made)
        assert count(db) == len(EXAMPLES)

        await pilot.press("d")
        await settle(pilot, made)
        assert count(db) == len(EXAMPLES) - 1
        shown = " ".join(screen_text(made).split())  # the status line wraps at 80 columns
        assert "Deleted the example" in shown
        assert f"{len(EXAMPLES) - 1} recordings kept" in shown and shown.count("(example)") == len(EXAMPLES) - 1

        await pilot.press("D", "y")
        await settle(pilot, made)
        assert count(db) == 0
        shown = screen_text(made)
        assert "No recordings yet" in shown and "Press e to add" in shown  # offered again


async def test_a_history_with_uploads_does_not_offer_examples(app, app_config):
    db = app_config().data.history_db
    history = VoiceHistory(db)
    history.add(audio=None, transcript="alexa what time is it", intent="GetTime")
    history.close()
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made)
        assert "Press e to add" not in screen_text(made)
        await pilot.press("e")
        await settle(pilot, made)
        assert count(db) == 1


async def test_the_labs_own_history_screen_marks_examples_too(app, app_config):
    db = app_config().data.history_db
    history = VoiceHistory(db)
    add_examples(history)
    history.close()
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await settle(pilot, made)
        made.open_lab()
        await settle(pilot, made)
        await pilot.press("escape", "h")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "HistoryScreen"
        shown = screen_text(made)
        assert "(example)" in shown and "Examples (made up" in shown
