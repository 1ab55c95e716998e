"""The sentences the lab bench measures: held-out natural commands and sentences not for the device.

The set is a TOML file (``tests/data/lab_natural_commands.toml`` in the repository; the lead
keeps a second, private one in the same format — ``explainer bench lab --set FILE``):

* ``[[command]]``: ``text`` as said (wake word included), the ``intent`` meant, the ``slots``
  the sentence really states (numbers as integers, words in lower case) and ``who`` (the way of
  asking: terse, polite, chatty, young).  A command is right when the intent matches and every
  listed slot matches; slots the set does not list are not checked.
* ``[[not_for_device]]``: ``text`` and ``kind`` ("sound-alike", "says the wake word", "no wake
  word"): any action on one is a wrong action; sound-alikes give the false-wake rate.

The file is written before anyone reads the intent templates, so it measures how well the lab
generalises.  Nothing here reads it into the templates: it is only ever scored against.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from explainer.voice.words import normalise, spell_numbers

SET_NAME = "lab_natural_commands.toml"


class BenchSetError(Exception):
    """The set file cannot be used; ``str()`` says where and why."""


@dataclass(frozen=True)
class BenchCommand:
    text: str
    intent: str
    slots: dict[str, object] = field(default_factory=dict)
    who: str = ""


@dataclass(frozen=True)
class NotForDevice:
    text: str
    kind: str


@dataclass(frozen=True)
class BenchSet:
    path: Path
    commands: tuple[BenchCommand, ...]
    not_for_device: tuple[NotForDevice, ...]


def default_set_path() -> Path | None:
    """The repository's held-out set, when running from a checkout (the wheel does not ship tests)."""
    here = Path(__file__).resolve().parents[2] / "tests" / "data" / SET_NAME
    return here if here.is_file() else None


def load_set(path: Path) -> BenchSet:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BenchSetError(f"{path}: {exc}") from exc
    commands, others = [], []
    for number, entry in enumerate(data.get("command", []), 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not isinstance(entry.get("intent"), str):
            raise BenchSetError(f"{path}: command #{number} needs a text and an intent")
        slots = entry.get("slots", {})
        if not isinstance(slots, dict):
            raise BenchSetError(f"{path}: command #{number}: slots must be a table")
        commands.append(BenchCommand(entry["text"], entry["intent"], dict(slots), str(entry.get("who", ""))))
    for number, entry in enumerate(data.get("not_for_device", []), 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise BenchSetError(f"{path}: not_for_device #{number} needs a text")
        others.append(NotForDevice(entry["text"], str(entry.get("kind", ""))))
    if not commands:
        raise BenchSetError(f"{path}: no [[command]] entries")
    return BenchSet(Path(path), tuple(commands), tuple(others))


# Words that do not change what a slot means: "my sister" is "sister", "this weekend" is "weekend",
# "some cheese" is "cheese".  Dropped from both sides before comparing (numbers as words too).
_SLOT_FILLERS = frozenset("a an the my our your his her their some this that these those more".split())


def _slot_words(value: object) -> list[str]:
    return [w for w in normalise(spell_numbers(str(value))).split() if w not in _SLOT_FILLERS]


def _same(expected: object, got: object) -> bool:
    if isinstance(expected, bool) or got is None:
        return False
    if isinstance(expected, int | float):
        try:
            return float(got) == float(expected)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
    return _slot_words(expected) == _slot_words(got)


def command_right(command: BenchCommand, intent: str | None, slots: dict[str, object]) -> bool:
    """The intent matches and every slot the set lists matches (others are not checked); slot
    words compare without articles and possessives, numbers as numbers."""
    return intent == command.intent and all(_same(value, slots.get(name)) for name, value in command.slots.items())
