"""A minimal, valid content folder for the course tests, written file by file into tmp_path.

Tests break one thing at a time (``edit`` a file, ``write`` a new one) and assert the exact
``path:line`` the checker reports, so the line numbers of every file below matter: change
them and the tests that count on them must change too.
"""

from __future__ import annotations

from pathlib import Path

STATION = "stations/01-alpha"

FILES: dict[str, str] = {
    "course.toml": """\
format_version = 1
title = "Test course"

[[stations]]
id = "alpha"
title = "Alpha"
folder = "stations/01-alpha"
zone = "device"
summary = "The first station."
model = "wake-word-explorer"
""",
    "sources.toml": """\
[[sources]]
id = "src-a"
publisher = "Publisher A"
title = "Title A"
date = "2019-04-11"
url = "https://example.org/a"
kind = "primary"

[[sources]]
id = "src-b"
publisher = "Publisher B"
title = "Title B"
date = "2019"
url = "https://example.org/b"
kind = "secondary"
note = "A note."
""",
    "glossary.toml": """\
[[terms]]
id = "wake-word"
term = "wake word"
definition = "The word a speaker waits for."
aliases = ["wake words"]
sources = ["src-a"]
""",
    f"{STATION}/01-first.md": """\
+++
title = "First page"
kind = "lesson"
short_tour = true
+++
# A heading needs no source

A {wake word} starts the recording [@src-a].

- An item with a source [@src-b]
- Another item [@src-a] [@src-b]

> Try it: say the {wake words} out loud.

```
code needs no source
```
""",
    f"{STATION}/02-notes.md": """\
+++
title = "Notes and caveats"
kind = "notes"
+++
Some figures are estimates [@src-b].
""",
    f"{STATION}/recap.md": """\
- A {wake word} starts the recording [@src-a].
- Some figures are estimates [@src-b].
""",
    f"{STATION}/quiz.toml": """\
[[questions]]
id = "q-single"
type = "single"
prompt = "Where is the wake word spotted?"
explanation = "On the device."
sources = ["src-a"]
hints = ["Think local."]
misconception = 1
[[questions.options]]
id = "device"
text = "On the device"
correct = true
feedback = "Right."
[[questions.options]]
id = "cloud"
text = "In the cloud"
feedback = "No."

[[questions]]
id = "q-multi"
type = "multi"
prompt = "Which are sent?"
explanation = "Both."
sources = ["src-a"]
[[questions.options]]
id = "a"
text = "Audio"
correct = true
[[questions.options]]
id = "b"
text = "Device facts"
correct = true

[[questions]]
id = "q-tf"
type = "truefalse"
prompt = "Humans never listen."
explanation = "Some do."
sources = ["src-b"]
prepost = true
[[questions.options]]
id = "true"
text = "True"
[[questions.options]]
id = "false"
text = "False"
correct = true

[[questions]]
id = "q-order"
type = "ordering"
prompt = "Put the steps in order."
explanation = "Device, cloud, storage, human."
sources = ["src-a"]
order = ["device", "cloud", "storage", "human"]

[[questions]]
id = "q-match"
type = "matching"
prompt = "Where does each happen?"
explanation = "See the map."
sources = ["src-a"]
groups = ["device", "cloud"]
[[questions.items]]
text = "Wake word"
group = "device"
[[questions.items]]
text = "Speech to text"
group = "cloud"

[[questions]]
id = "q-num"
type = "numeric"
prompt = "How many seconds?"
explanation = "About one."
sources = ["src-b"]
answer = 1.0
tolerance = 0.5
unit = "seconds"

[[questions]]
id = "q-spot"
type = "spot"
prompt = "Which fields identify someone?"
explanation = "The name."
sources = ["src-b"]
[[questions.options]]
id = "name"
text = "First name"
correct = true
[[questions.options]]
id = "length"
text = "Clip length"
""",
    "quizzes/final.toml": """\
[[questions]]
id = "final-1"
type = "single"
prompt = "What starts a recording?"
explanation = "The wake word."
sources = ["src-a"]
[[questions.options]]
id = "ww"
text = "The wake word"
correct = true
[[questions.options]]
id = "nothing"
text = "Nothing"
""",
    "clips/households.toml": """\
[[households]]
id = "house-a"
name = "House A (fictional)"
members = ["Ann (40)", "Bo (8)"]
description = "A fictional family."
city = "Nowhere (fictional)"
account = "FICTIONAL-0001"
device_serial = "FAKE-0001"
""",
    "clips/house-a.toml": """\
[[clips]]
id = "clip-1"
title = "A timer"
kind = "command"
transcript = "alexa set a timer for ten minutes"
intent = "SetTimer"
false_wake = false
sensitive = false
recorded_at = "2019-03-14T19:42:00"
first_name = "Ann"
captions = "Ann: Alexa, set a timer for ten minutes."
audio = "clip-1.wav"
[clips.background]
noise = "kitchen"
level = 0.3
distance = 2.0
[[clips.lines]]
speaker = "Ann"
text = "Alexa, set a timer for ten minutes."
voice = "en-us"
rate = 160
volume = 1.0
start = 0.0
[[clips.facts]]
kind = "routines"
words = "a timer for ten minutes"
fact = "Someone is cooking for ten minutes."
""",
    "clips/rules.toml": """\
intro = "The seat's rules [@src-a]."
[[rules]]
id = "verbatim"
title = "Type what was said"
short = "Type the words said to the device."
text = "Type the words said to the device [@src-a]."
[[rules.examples]]
verdict = "reject"
heard = ["Ann: Alexa, set a timer for ten minutes."]
transcribe = "alexa set a timer for ten minutes"
typed = "alexa set a timer for two minutes"
why = "Ten, not two."
[[rules]]
id = "numbers"
title = "Numbers as words"
short = "Numbers as words."
text = "Write numbers as words."
[[rules]]
id = "unintelligible"
title = "Unclear words"
short = "Type [unintelligible] for a masked word."
text = "Type [unintelligible] for a masked word."
[[rules]]
id = "background"
title = "Side talk"
short = "Leave out side talk."
text = "Leave out side talk."
[[rules]]
id = "media"
title = "TV"
short = "Leave out the TV."
text = "Leave out the TV."
[[rules]]
id = "false-wake"
title = "False wakes"
short = "Tick False wake; type nothing."
text = "Tick False wake; type nothing."
[[rules]]
id = "intent"
title = "Intent"
short = "Choose the intent."
text = "Choose the intent."
[[rules]]
id = "critical-data"
title = "Critical data"
short = "Flag personal data."
text = "Flag personal data."
[[rules]]
id = "distress"
title = "Distress"
short = "You may skip a distressing clip."
text = "You may skip a distressing clip."
""",
    "intents/timers.yaml": """\
language: en
intents:
  SetTimer:
    data:
      - sentences:
          - "[alexa] set [a] timer for {minutes} minutes"
  CancelTimer:
    data:
      - sentences:
          - "(cancel|stop) [the] timer"
lists:
  minutes:
    range:
      from: 1
      to: 60
""",
    "README.md": "# Authoring guide (test copy)\n",
}

BINARY_FILES: dict[str, bytes] = {"clips/audio/clip-1.wav": b"RIFF\x00\x00\x00\x00WAVE"}


def write_course(root: Path) -> Path:
    """Write the minimal valid course into ``root`` and return it."""
    for relpath, text in FILES.items():
        write(root, relpath, text)
    for relpath, data in BINARY_FILES.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def write(root: Path, relpath: str, text: str | bytes) -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def edit(root: Path, relpath: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in one file; fails loudly if ``old`` is not there."""
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relpath}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
