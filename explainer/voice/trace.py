"""The record of one run through the lab's pipeline, stage by stage.

Like a pipeline debug panel: each stage says what it got, what it produced, when it started
and how long it took, plus any data it added.  The same record feeds the CLI's JSON, the
trace view in the TUI and the benchmark, so what the learner sees is what was measured.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any

NOT_UPLOADED = "not uploaded"


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
    transcript: str = ""
    intent: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    reply: str = ""
    input_audio: str | None = None
    upload_audio: str | None = None
    reply_audio: str | None = None
    duration_s: float = 0.0
    marks: dict[str, float] = field(default_factory=dict)
    history_id: int | None = None
    selected_for_review: bool = False
    notices: list[str] = field(default_factory=list)
    total_ms: float = 0.0
    listener: Any = field(default=None, repr=False, compare=False)  # called with each finished StageRecord

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
        listener, self.listener = self.listener, None
        try:
            data = asdict(self)
        finally:
            self.listener = listener
        data.pop("listener", None)
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
