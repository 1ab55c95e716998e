"""Example uploads, so a newcomer can try station 5's history browser.

The "Kept on file" pages say: open the history, delete something, see what is left.  A learner
who never used the voice lab has an empty history and nothing to try that on, so the station's
model offers to add these few made-up uploads.  They are honest about what they are: stored
with ``example = 1`` (the reviewer seat and the counts of "your" uploads leave them out), no
audio, a device record that says "example", and every screen that lists them says "example".
The commands are plain invented ones, no real person's words.  Deleting them is as real as
deleting any other row.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from explainer.voice.history import DEFAULT_DEVICE

if TYPE_CHECKING:
    from explainer.voice.history import VoiceHistory

EXAMPLE_DEVICE = {**DEFAULT_DEVICE, "note": "example upload, made up to try the browser"}

# (hours ago, transcript, intent, slots, reply) -- spread over days, so auto-delete has
# something to act on too.
EXAMPLES: tuple[tuple[float, str, str, dict, str], ...] = (
    (0.2, "alexa what's the weather tomorrow", "GetWeather", {"day": "tomorrow"},
     "Tomorrow: 14 degrees and light rain."),
    (3.0, "alexa set a timer for ten minutes", "SetTimer", {"minutes": 10}, "Timer set for 10 minutes."),
    (30.0, "alexa play some jazz", "PlayMusic", {"genre": "jazz"},
     "Playing jazz. (The lab has no music library: imagine it.)"),
    (24.0 * 9, "alexa add milk to my shopping list", "AddToList", {"item": "milk"},
     "I added milk to your shopping list."),
)


def add_examples(history: VoiceHistory, now: float | None = None) -> int:
    """Add the example uploads (no audio, marked ``example``); returns how many were added."""
    now = time.time() if now is None else now
    for hours_ago, transcript, intent, slots, reply in EXAMPLES:
        history.add(audio=None, transcript=transcript, intent=intent, slots=slots, reply=reply,
                    source="example", wake_word="alexa", seconds=0.0, device=EXAMPLE_DEVICE,
                    created_at=now - hours_ago * 3600, said=transcript, example=True)
    return len(EXAMPLES)
