"""Reading one learner's results export, whatever the file holds: the one place that parses them.

A teacher collects files from 30 learners; some are from an older version of the app, some
were opened and saved by a spreadsheet, one is somebody's homework. ``read_export(path)``
returns a typed ``LearnerExport`` or raises ``Unusable`` with a reason in plain words --
never anything else, whatever the JSON holds (a string where a number belongs, ``1e400``,
nesting 100,000 deep, a 5 GB file). Values of the wrong shape inside an otherwise good
export are dropped one by one, so one odd row never costs the learner's whole record.

Version 1 exports (before every try was kept) carry only the last answer and the number of
tries: a question answered in one try was right first time with that answer; one that took
more tries was wrong first time, with the answer unknown.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from explainer.classroom.export_schema import EXPORT
from explainer.learning.schema import conform

EXPORT_FORMAT = "whos-listening/results"
SUPPORTED_VERSIONS = (1, 2)
MAX_FILE_BYTES = 5_000_000
CONFIDENCE = ("sure", "unsure", "guess")
TEXT_LIMIT = 2_000  # longer learner text is cut: a report row is not a place for an essay


class Unusable(Exception):
    """The file cannot be used as an export; the message says why, in words."""


@dataclass(frozen=True)
class FirstTry:
    correct: bool | None  # None: not known
    answer: str  # in words; "" when not recorded
    confidence: str | None


@dataclass(frozen=True)
class QuestionRecord:
    quiz: str
    question_id: str
    prompt: str
    misconception: int | None
    finished: bool
    correct: bool
    first: FirstTry


@dataclass(frozen=True)
class CheckItem:
    question_id: str
    pre: bool | None
    post: bool | None


@dataclass(frozen=True)
class SectionRecord:
    title: str
    values: dict[str, float]  # the numbers only (what can be averaged)
    labels: dict[str, str]


@dataclass(frozen=True)
class LearnerExport:
    path: str
    student: str
    version: int
    questions: tuple[QuestionRecord, ...]
    checks: tuple[CheckItem, ...] = ()
    sections: dict[str, SectionRecord] = field(default_factory=dict)
    raw_key: str = ""  # to find the same file handed in twice


# ---------------------------------------------------------------- small, strict readers


def _text(value: object, default: str = "") -> str:
    if isinstance(value, str):
        return value[:TEXT_LIMIT]
    number = _number(value)
    return f"{number:g}" if number is not None else default


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _number(value: object) -> float | None:
    """A finite, sensible number (a huge integer, inf or nan from ``1e400`` is no number)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and not -10**12 < value < 10**12:
        return None
    number = float(value)
    return number if math.isfinite(number) and abs(number) < 1e12 else None


def _whole(value: object, low: int, high: int) -> int | None:
    number = _number(value)
    if number is None or number != int(number) or not low <= number <= high:
        return None
    return int(number)


def _confidence(value: object) -> str | None:
    return value if value in CONFIDENCE else None


def _dicts(value: object) -> list[Mapping[str, object]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


# ---------------------------------------------------------------- the export


def _first(row: Mapping[str, object], version: int) -> FirstTry:
    first = row.get("first_try")
    if version >= 2 and isinstance(first, Mapping):
        return FirstTry(_flag(first.get("correct")), _text(first.get("answer")), _confidence(first.get("confidence")))
    tries = _whole(row.get("tries"), 1, 1000)
    correct = _flag(row.get("correct"))
    if tries is None or correct is None:
        return FirstTry(None, "", None)
    if tries == 1:
        return FirstTry(correct, _text(row.get("answer")), _confidence(row.get("confidence")))
    return FirstTry(False, "", None)  # took more than one try: wrong first time, answer unknown


def _question(row: Mapping[str, object], version: int) -> QuestionRecord | None:
    qid, quiz = row.get("question_id"), row.get("quiz")
    if not isinstance(qid, str) or not qid or not isinstance(quiz, str):
        return None
    finished = row.get("finished") is not False
    return QuestionRecord(
        quiz=quiz[:100], question_id=qid[:200], prompt=_text(row.get("prompt")),
        misconception=_whole(row.get("misconception"), 1, 10), finished=finished,
        correct=finished and row.get("correct") is True, first=_first(row, version),
    )


def _checks(prepost: object) -> tuple[CheckItem, ...]:
    if not isinstance(prepost, Mapping):
        return ()
    items = []
    for item in _dicts(prepost.get("per_item")):
        qid = item.get("question_id")
        if isinstance(qid, str) and qid:
            items.append(CheckItem(qid[:200], _flag(item.get("pre")), _flag(item.get("post"))))
    return tuple(items)


def _sections(value: object) -> dict[str, SectionRecord]:
    found: dict[str, SectionRecord] = {}
    if not isinstance(value, Mapping):
        return found
    for name, section in list(value.items())[:20]:
        if not isinstance(name, str) or not isinstance(section, Mapping):
            continue
        values = section.get("values")
        numbers = {k[:100]: n for k, v in (values.items() if isinstance(values, Mapping) else ())
                   if isinstance(k, str) and (n := _number(v)) is not None}
        labels_raw = section.get("labels")
        labels = {k[:100]: v[:200] for k, v in (labels_raw.items() if isinstance(labels_raw, Mapping) else ())
                  if isinstance(k, str) and isinstance(v, str)}
        found[name[:100]] = SectionRecord(_text(section.get("title"), name)[:200], numbers, labels)
    return found


def parse_export(data: object, path: str = "", raw_key: str = "") -> LearnerExport:
    """A LearnerExport from parsed JSON, or Unusable."""
    if not isinstance(data, Mapping) or data.get("format") != EXPORT_FORMAT:
        raise Unusable("is not a Who's Listening? results export")
    version = data.get("version")
    if version not in SUPPORTED_VERSIONS or isinstance(version, bool):
        shown = version if isinstance(version, int | str) and not isinstance(version, bool) else "?"
        raise Unusable(f"has export version {_text(shown, '?')[:20]!r}, which this version cannot read")
    if not isinstance(data.get("questions"), list):
        raise Unusable("has no list of questions")
    data, _dropped = conform(EXPORT, data)  # every value by its shape (classroom.export_schema)
    if not isinstance(data, Mapping):  # pragma: no cover - a dict always fits the outer record
        raise Unusable("is not a Who's Listening? results export")
    records = [r for row in _dicts(data["questions"]) if (r := _question(row, int(version))) is not None]
    return LearnerExport(
        path=path, student=_text(data.get("student"))[:200], version=int(version),
        questions=tuple(records), checks=_checks(data.get("prepost")),
        sections=_sections(data.get("sections")), raw_key=raw_key,
    )


def read_export(path: Path) -> LearnerExport:
    """The export in ``path``, or Unusable saying in plain words why it cannot be used."""
    import hashlib

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Unusable(f"is too large for a results export ({size:,} bytes)")
        raw = path.read_bytes()
    except OSError as error:
        raise Unusable(f"cannot be read ({error.strerror or error})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Unusable("is not UTF-8 text (is it the csv or md export? use --format json)") from None
    except json.JSONDecodeError as error:
        raise Unusable(f"is not valid JSON (line {error.lineno}: {error.msg})") from None
    except RecursionError:
        raise Unusable("is nested too deeply to be a results export") from None
    except (ValueError, OverflowError, MemoryError) as error:
        raise Unusable(f"holds values JSON cannot hold ({type(error).__name__})") from None
    try:
        return parse_export(data, str(path), hashlib.sha256(raw).hexdigest())
    except Unusable:
        raise
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as error:  # a reader bug
        raise Unusable(f"could not be read ({type(error).__name__}); please report this file") from None
