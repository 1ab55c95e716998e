"""Classroom-safe text: recognised words on the teacher's list are masked completely before display.

The general English model that ships with pocketsphinx knows swear words and slurs, and a
misrecognition can put one on a projector ("unacceptable" once came out as one).  Every word
the lab shows from a recogniser passes this filter first and a listed word becomes ``•••``
— no first letter, no length — as assistants' transcripts do.  The list is content
(``content/lab/word_filter.txt``, one word per line, ``#`` for comments), so a teacher can add
the words their class would rather not see; the trace says how many words were masked.
"""

from __future__ import annotations

import threading
from pathlib import Path

from explainer.paths import packaged_content_dir

MASK = "•••"
FILE = Path("lab") / "word_filter.txt"

_lock = threading.Lock()
_lists: dict[str, frozenset[str]] = {}


def filter_words(content_dir: Path | None = None) -> frozenset[str]:
    """The teacher's list (lower case), read once per content folder; a missing file is an empty list."""
    path = (content_dir or packaged_content_dir()) / FILE
    key = str(path)
    with _lock:
        if key not in _lists:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            _lists[key] = frozenset(w for line in lines if (w := line.split("#", 1)[0].strip().lower()))
        return _lists[key]


def mask(text: str, words: frozenset[str]) -> tuple[str, int]:
    """``text`` with every listed word replaced by ``MASK``, and how many were masked."""
    out, masked = [], 0
    for word in text.split():
        if word.lower().strip(".,!?;:'\"") in words:
            out.append(MASK)
            masked += 1
        else:
            out.append(word)
    return " ".join(out), masked
