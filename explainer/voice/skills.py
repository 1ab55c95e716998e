"""Fulfilment: small local skills that answer an understood command — no network, ever.

A real assistant hands the intent to a skill in the cloud; here each skill is a function
over canned data (``content/lab/weather.toml``, ``content/lab/replies.toml``) and a little
session state (timers, reminders, the shopping list), so every reply is computed, not
scripted, and the lab works offline in a classroom.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from explainer.paths import packaged_content_dir
from explainer.voice.nlu import NluResult
from explainer.voice.words import number_words


@dataclass(frozen=True)
class SkillReply:
    text: str
    skill: str
    data: dict = field(default_factory=dict)


@dataclass
class LabState:
    """What the assistant remembers during one session of the lab."""

    timers: list[dict] = field(default_factory=list)
    reminders: list[dict] = field(default_factory=list)
    shopping_list: list[str] = field(default_factory=list)
    jokes_told: int = 0


def _load_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


class Skills:
    """``skills.fulfil(nlu_result)`` -> SkillReply.  ``now`` can be fixed for tests."""

    def __init__(self, content_dir: Path | None = None, state: LabState | None = None,
                 now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        lab = (content_dir or packaged_content_dir()) / "lab"
        self.weather = _load_toml(lab / "weather.toml")
        self.replies = _load_toml(lab / "replies.toml")
        self.state = state or LabState()
        self.now = now

    def _say(self, key: str, fallback: str) -> str:
        value = self.replies.get(key)
        return value if isinstance(value, str) and value else fallback

    def fulfil(self, result: NluResult | None) -> SkillReply:
        if result is None:
            return SkillReply(self._say("not_understood", "Sorry, I don't know that one."), "none")
        handler = getattr(self, "_" + result.intent, None)
        if handler is None:
            return SkillReply(self._say("not_understood", "Sorry, I don't know that one."), "none")
        return handler(result.slots)

    # ------------------------------------------------------------------ timers
    def _SetTimer(self, slots: dict) -> SkillReply:
        seconds = int(slots.get("minutes", 0)) * 60 + int(slots.get("seconds", 0))
        if seconds <= 0:
            return SkillReply("For how long?", "timer")
        ends = self.now() + dt.timedelta(seconds=seconds)
        self.state.timers.append({"seconds": seconds, "ends": ends.isoformat(timespec="seconds")})
        amount = (f"{number_words(seconds // 60)} minute{'s' if seconds // 60 != 1 else ''}" if seconds % 60 == 0
                  else f"{number_words(seconds)} seconds")
        return SkillReply(f"Timer set for {amount}. It ends at {ends:%H:%M}.", "timer",
                          {"seconds": seconds, "ends": ends.isoformat(timespec="seconds")})

    def _CancelTimer(self, slots: dict) -> SkillReply:
        if not self.state.timers:
            return SkillReply("There is no timer running.", "timer")
        self.state.timers.pop()
        return SkillReply("Timer cancelled.", "timer")

    def _TimerStatus(self, slots: dict) -> SkillReply:
        if not self.state.timers:
            return SkillReply("There is no timer running.", "timer")
        ends = dt.datetime.fromisoformat(self.state.timers[-1]["ends"])
        left = max(0, int((ends - self.now()).total_seconds()))
        return SkillReply(f"{left // 60} minutes and {left % 60} seconds left.", "timer", {"seconds_left": left})

    # ------------------------------------------------------------------ weather
    def _GetWeather(self, slots: dict) -> SkillReply:
        city = str(slots.get("city") or self.weather.get("default_city", "london"))
        day = str(slots.get("day") or "today")
        report = self.weather.get("cities", {}).get(city, {}).get(day)
        if not report:  # say what it does know, as a person would
            days = list(self.weather.get("cities", {}).get(city, {}))
            known = f"only for {_listed(days)}" if days else f"for {_listed([c.title() for c in self.weather.get('cities', {})])}"
            return SkillReply(f"I have no weather for {day} in {city.title()}; {known}.", "weather")
        text = (f"{day.capitalize()} in {city.title()}: {report['summary']}, high {report['high']}°C, "
                f"low {report['low']}°C, {report['rain']}% chance of rain.")
        return SkillReply(text, "weather", {"city": city, "day": day, **report, "note": "canned lab data"})

    # ------------------------------------------------------------------ reminders and lists
    def _SetReminder(self, slots: dict) -> SkillReply:
        task = str(slots.get("task", "something"))
        when = slots.get("when") or (f"at {number_words(int(slots['hour']))} o'clock" if "hour" in slots else "later")
        self.state.reminders.append({"task": task, "when": str(when)})
        return SkillReply(f"Okay, I'll remind you to {task} {when}.", "reminder", {"task": task, "when": str(when)})

    def _AddToList(self, slots: dict) -> SkillReply:
        item = str(slots.get("item", ""))
        if item and item not in self.state.shopping_list:
            self.state.shopping_list.append(item)
        return SkillReply(f"I've added {item} to your shopping list.", "list", {"list": list(self.state.shopping_list)})

    def _GetList(self, slots: dict) -> SkillReply:
        items = self.state.shopping_list
        text = "Your shopping list is empty." if not items else "On your shopping list: " + ", ".join(items) + "."
        return SkillReply(text, "list", {"list": list(items)})

    def _ClearList(self, slots: dict) -> SkillReply:
        self.state.shopping_list.clear()
        return SkillReply("Your shopping list is now empty.", "list", {"list": []})

    # ------------------------------------------------------------------ calls and music
    def _CallContact(self, slots: dict) -> SkillReply:
        who = str(slots.get("contact", "them"))
        return SkillReply(f"Calling {who}... (the lab has no phone line: nothing was dialled.)", "call", {"contact": who})

    def _PlayMusic(self, slots: dict) -> SkillReply:
        genre = slots.get("genre")
        what = f"{genre} music" if genre else "some music"
        return SkillReply(f"Playing {what}. (The lab has no music library: imagine it.)", "music", {"genre": genre})

    def _StopMusic(self, slots: dict) -> SkillReply:
        return SkillReply("Stopped.", "music")

    def _SetVolume(self, slots: dict) -> SkillReply:
        level = slots.get("volume")
        return SkillReply(f"Volume {level}." if level else "Volume changed.", "music", {"volume": level})

    # ------------------------------------------------------------------ questions
    def _GetTime(self, slots: dict) -> SkillReply:
        return SkillReply(f"It's {self.now():%H:%M}.", "clock")

    def _GetDate(self, slots: dict) -> SkillReply:
        return SkillReply(f"Today is {self.now():%A %d %B %Y}.", "clock")

    def _TellJoke(self, slots: dict) -> SkillReply:
        jokes = self.replies.get("jokes") or ["I'm all out of jokes."]
        joke = jokes[self.state.jokes_told % len(jokes)]
        self.state.jokes_told += 1
        return SkillReply(joke, "joke")

    def _AreYouRecording(self, slots: dict) -> SkillReply:
        return SkillReply(self._say("are_you_recording", "Yes."), "about")

    def _WhoAreYou(self, slots: dict) -> SkillReply:
        return SkillReply(self._say("who_are_you", "I am the voice lab."), "about")


def _listed(items: list[str]) -> str:
    """"a, b and c", as a reply says it."""
    return " and ".join(filter(None, (", ".join(items[:-1]), items[-1] if items else "")))
