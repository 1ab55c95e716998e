"""An intent and its slots said in plain words: "Set a timer — 10 minutes", not "SetTimer {'minutes': 10}".

Station 4 teaches the words *intent* and *slot*, so its model shows the technical result too;
but the first line a learner reads says what the assistant understood, in the words a person
would use. The words are content (``stations/04-understanding/model.toml``: ``[intents]`` and
``[slots]``), so a teacher can change or translate them; an intent without words is shown
with its name split into words ("TimerStatus" -> "Timer status").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def intent_in_words(intent: str, slots: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    """ "Set a timer — 10 minutes" from the intent's name, its slots and the model's word tables."""
    found_intents, found_slots = data.get("intents"), data.get("slots")
    intents: Mapping[str, Any] = found_intents if isinstance(found_intents, dict) else {}
    slot_words: Mapping[str, Any] = found_slots if isinstance(found_slots, dict) else {}
    named = intents.get(intent)
    name = named if isinstance(named, str) else split_name(intent)
    details = [slot_in_words(str(value), slot_words.get(slot)) for slot, value in slots.items()]
    return f"{name} — {', '.join(details)}" if details else str(name)


def slot_in_words(value: str, words: Any) -> str:
    if isinstance(words, list) and len(words) == 2 and all(isinstance(w, str) for w in words):
        words = words[0] if value.strip() in ("1", "one") else words[1]
    if isinstance(words, str) and "{value}" in words:
        return words.replace("{value}", value)
    return value


def split_name(name: str) -> str:
    """ "TimerStatus" -> "Timer status"."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return spaced[:1] + spaced[1:].lower()
