"""The record of one run through the lab's pipeline, stage by stage.

Like a pipeline debug panel: each stage says what it got, what it produced, when it started
and how long it took, plus any data it added.  The same record feeds the CLI's JSON, the
trace view in the TUI and the benchmark, so what the learner sees is what was measured.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any

NOT_UPLOADED = "not uploaded"
# The lab's stages, in order: the one list every front end draws from.
STAGES = ("speech in", "wake word", "endpointing", "speech recognition", "N-best check", "clean-up", "understanding",
          "fulfilment", "reply", "voice history", "sampling")


@dataclass
class StageRecord:
    """One stage: name, a short summary of its input, its output, start (ms from run start), duration."""

    name: str
    input: str = ""
    output: str = ""
    start_ms: float = 0.0
    ms: float = 0.0
    skipped: bool = False
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Trace:
    """Everything one run produced; ``to_dict`` is the CLI's JSON shape."""

    source: str = ""
    text: str = ""
    stages: list[StageRecord] = field(default_factory=list)
    woke: bool = False
    wake_word: str = "alexa"
    threshold: float = 0.0
    transcript: str = ""  # the recogniser's own output (classroom word filter applied)
    parsed_text: str = ""  # what the clean-up stage gave the parser
    intent: str | None = None  # what the assistant acted on (None: it did nothing, or asked again)
    slots: dict[str, Any] = field(default_factory=dict)
    understood: str | None = None  # the intent the parser found, acted on or not
    acted: bool = False
    guessed: bool = False  # the command was the nearest known one, not an exact match
    confidence: float = 0.0
    reply: str = ""
    room: str = ""  # noise (kind and SNR in dB) and distance, in words
    duration_s: float = 0.0
    marks: dict[str, float] = field(default_factory=dict)
    history_id: int | None = None
    selected_for_review: bool = False
    notices: list[str] = field(default_factory=list)
    total_ms: float = 0.0
    listener: Any = field(default=None, repr=False, compare=False)  # called with each finished StageRecord
    # Audio stays in memory (never in a shared temp folder); not part of the JSON.
    input_samples: Any = field(default=None, repr=False, compare=False)  # float32 at 16 kHz
    upload_samples: Any = field(default=None, repr=False, compare=False)
    reply_samples: Any = field(default=None, repr=False, compare=False)  # (samples, rate) or None
    raw_transcript: str = field(default="", repr=False, compare=False)  # before the word filter (bench WER)

    def add(self, record: StageRecord) -> None:
        self.stages.append(record)
        if self.listener is not None:
            try:
                self.listener(record)
            except Exception:  # a display callback must never break the run
                pass

    def stage(self, name: str) -> StageRecord | None:
        return next((s for s in self.stages if s.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        hidden = {f.name for f in fields(self) if not f.repr}
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in hidden and f.name != "stages"}
        data = json.loads(json.dumps(data, default=str))
        data["stages"] = [asdict(s) for s in self.stages]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, default=str)


class StageTimer:
    """``with StageTimer(trace, "wake word", t0) as stage: stage.output = ...`` — times and appends."""

    def __init__(self, trace: Trace, name: str, run_start: float, input_summary: str = "") -> None:
        self.record = StageRecord(name=name, input=input_summary)
        self.trace = trace
        self.run_start = run_start

    def __enter__(self) -> StageRecord:
        self._t0 = time.perf_counter()
        self.record.start_ms = round((self._t0 - self.run_start) * 1000, 1)
        return self.record

    def __exit__(self, *exc: object) -> None:
        self.record.ms = round((time.perf_counter() - self._t0) * 1000, 1)
        self.trace.add(self.record)


def skipped(trace: Trace, name: str, run_start: float, why: str = NOT_UPLOADED) -> None:
    """A stage that did not run because nothing was uploaded: recorded, with 0 ms, as a lesson."""
    start = round((time.perf_counter() - run_start) * 1000, 1)
    trace.add(StageRecord(name=name, input="", output=why, start_ms=start, ms=0.0, skipped=True))
