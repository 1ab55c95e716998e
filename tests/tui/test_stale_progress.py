"""A progress file from another version of the course: ids that no longer exist, odd values.

Content changes between terms (a page renamed, a question dropped), and a learner's progress
file keeps the old ids. The file is well-formed, so it is not set aside; every mode must cope
with what it finds in it. (Malformed files are fuzzed in tests/learning/test_progress_fuzz.py.)
"""

from __future__ import annotations

import json

from explainer.learning.progress import FORMAT
from tests.pilot import settle

STALE = {
    "format": FORMAT,
    "version": 1,
    "pages_read": ["wake-word/a-page-that-was-renamed", "[bold]x[/]", "no-such-station/page"],
    "models_tried": ["no-such-station", "[red"],
    "answers": {
        "ww-where-spotted": {"weird": "[red", "tries": "many", "correct": "perhaps"},
        "a-question-that-was-dropped": {"given": ["x"], "correct": True},
    },
    "last": {"mode": "lesson", "station": "no-such-station", "page": "[bold]gone[/]"},
    "sections": {
        "reviewer": {"shifts": {"old": {"clips": ["no-such-clip"], "position": 99}}, "current": "old"},
        "prepost": {"pre": {"no-such-question": 1}, "post": "not a table"},
        "quiz": {"seed": "not a number", "final": {"index": 1000}},
        "lab": {"history": [1, 2, 3], "threshold": "[bold]"},
        "checklist": {"no-such-item": None},
    },
}


async def test_every_mode_copes_with_stale_progress(app, tmp_path):
    made = app()
    progress_file = made.config.data.progress_file
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    progress_file.write_text(json.dumps(STALE), encoding="utf-8")
    made = app()  # reads the file above
    async with made.run_test(size=(100, 30)) as pilot:
        await settle(pilot, made)
        assert type(made.screen).__name__ == "MapScreen"
        await pilot.press("c")  # continue: the last station no longer exists
        await settle(pilot, made)
        await pilot.press("right", "escape")
        await settle(pilot, made)
        for quiz in ("pre", "wake-word", "final", "post"):
            made.open_quiz(quiz)
            await settle(pilot, made)
            await pilot.press("down", "enter")
            await settle(pilot, made)
        for opener in (made.open_reviewer, made.open_lab, made.open_map):
            opener()
            await settle(pilot, made)
            await pilot.press("tab", "enter")
            await settle(pilot, made)
        made.open_station("your-controls", "model")
        await settle(pilot, made)
        await pilot.press("space")
        await settle(pilot, made)
    assert made.return_code in (None, 0)
