"""A stand-in lab service for the TUI tests: the same door production uses (``make_app(config, lab=...)``).

It answers with the voice layer's own types (``Trace``, ``StageRecord``, ``LabRequest``, the
real rooms and stage lists), reports stages one by one as the real pipeline does, and
remembers every request, so a test can check what the screen asked for.  No decoder, no
speech engine: fast and deterministic.
"""

from __future__ import annotations

import threading

import numpy as np

from explainer.voice.history import VoiceHistory
from explainer.voice.lab_service import SOUND_ALIKES, LabRequest, LocalLab, ParseView
from explainer.voice.labinput import LabInputError
from explainer.voice.trace import NOT_UPLOADED, STAGES, StageRecord, Trace


class FakeLab:
    wake_words = LocalLab.wake_words
    rooms = LocalLab.rooms
    distances = LocalLab.distances
    stages = STAGES
    nbest_scale = "score against the best guess (test scale)"

    def __init__(self, woke_on: tuple[str, ...] = ("alexa",), *, speech: bool = True, history: VoiceHistory | None = None,
                 nbest: list[tuple[str, float]] | None = None, recording: tuple[np.ndarray, int] | None = None,
                 record_error: str | None = None, heard: str | None = None) -> None:
        self.woke_on = woke_on
        self._speech = speech
        self._history = history
        self._nbest = nbest or []
        self._recording = recording
        self._record_error = record_error
        self._heard = heard
        self.requests: list[LabRequest] = []
        self.kept: list[Trace] = []
        self.warmed = 0

    # -- lists -------------------------------------------------------------------------------
    def sound_alikes(self, wake_word: str) -> tuple[str, ...]:
        return SOUND_ALIKES.get(wake_word, SOUND_ALIKES["alexa"])

    def thresholds(self, wake_word: str) -> tuple[tuple[float, ...], float]:
        return LocalLab.thresholds(self, wake_word)  # type: ignore[arg-type]

    def check_text(self, text: str) -> str | None:
        return LocalLab.check_text(self, text)  # type: ignore[arg-type]

    def speech(self) -> tuple[bool, str]:
        return (True, "") if self._speech else (False, "espeak-ng is missing.")

    def warm_up(self) -> str:
        self.warmed += 1
        return ""

    # -- runs --------------------------------------------------------------------------------
    def run(self, request: LabRequest, on_stage=None) -> Trace:  # noqa: ANN001
        self.requests.append(request)
        if request.noise not in self.rooms:
            raise ValueError(f"unknown noise {request.noise!r}")
        text = request.text if request.recording is None else (self._heard or "alexa what time is it")
        if request.recording is None and request.clip_id is None and not self._speech:
            raise LabInputError("Typed sentences need a speech engine, and there is none.")
        trace = Trace(source="microphone" if request.recording is not None else "typed", text=text if
                      request.recording is None else "", wake_word=request.wake_word)
        trace.woke = any(word in (text or "") for word in self.woke_on)
        trace.input_samples = np.zeros(16000, np.float32)
        trace.room = self.rooms[request.noise].describe()
        threshold = request.threshold if request.threshold is not None else self.thresholds(request.wake_word)[1]
        trace.threshold = threshold
        source = repr(text) if request.recording is None else "microphone recording"
        # the real pipeline's lines and data (explainer.voice.pipeline), so the screens' plain words are tested
        stages = [StageRecord("speech in", input=source, output=f"1.00 s of audio at 16 kHz; {trace.room}", ms=120.0,
                              data={"room": trace.room, "noise": request.noise, "voice": "en-us"})]
        if trace.woke:
            stages.append(StageRecord("wake word", output=f"'{request.wake_word}' heard at 0.10-0.50 s, detected at "
                                      "0.60 s", ms=30.0, data={"woke": True, "threshold": threshold,
                                                               "detected_at": 0.6, "start": 0.1, "end": 0.5}))
            trace.transcript = trace.raw_transcript = text
            trace.upload_samples = np.zeros(8000, np.float32)
            trace.intent, trace.slots, trace.acted, trace.understood = "SetTimer", {"minutes": 10}, True, "SetTimer"
            trace.confidence = 0.9
            trace.reply = "Timer set for ten minutes."
            rest = text.split(" ", 1)[1] if " " in text else ""
            kept = request.keep and self._history is not None
            stages += [
                StageRecord("endpointing", output="upload 0.00-1.00 s (1.00 s, incl. 0.10 s pre-roll); stopped: silence",
                            ms=1.0, data={"upload_start": 0.0, "upload_end": 1.0, "speech_end": 0.9,
                                          "reason": "silence"}),
                StageRecord("speech recognition", output=f"{text!r} · commands model, confidence 0.90", ms=10.0,
                            data={"model": "commands", "confidence": 0.9, "masked_words": 0}),
                StageRecord("clean-up", output=f"{rest!r} (wake word '{request.wake_word}' removed)", ms=0.0,
                            data={"changes": [f"wake word '{request.wake_word}' removed"]}),
                StageRecord("understanding", output="SetTimer {'minutes': 10} → act: confidence 0.90 x completeness "
                            "1.00 = 0.90 >= 0.50", ms=1.0,
                            data={"intent": "SetTimer", "slots": {"minutes": 10}, "guess": None, "score": 0.9,
                                  "confidence": 0.9, "completeness": 1.0, "act": True}),
                StageRecord("fulfilment", output="skill: timer", ms=0.0, data={"seconds": 600}),
                StageRecord("reply", output=trace.reply, ms=10.0),
                StageRecord("voice history", output="kept as recording #1" if kept else "not kept (history off)",
                            ms=1.0),
                StageRecord("sampling", output="not selected", ms=0.0, data={"rate": 0.25, "seed": 2019}),
            ]
            if request.keep and self._history is not None:
                trace.history_id = self._history.add(audio=None, transcript=text, intent="SetTimer")
        else:
            stages.append(StageRecord("wake word", output=f"no '{request.wake_word}' heard (threshold {threshold:.0e}): "
                                      "nothing leaves the device", ms=30.0,
                                      data={"woke": False, "threshold": threshold, "detected_at": None,
                                            "start": None, "end": None}))
            stages += [StageRecord(name, output=NOT_UPLOADED, skipped=True) for name in STAGES[2:]]
        for stage in stages:
            trace.stages.append(stage)
            if on_stage:
                on_stage(stage)
        trace.total_ms = sum(s.ms for s in stages)
        return trace

    def nbest(self, samples16k, n: int = 5) -> list[tuple[str, float]]:  # noqa: ANN001
        return self._nbest[:n]

    def parse(self, text: str) -> ParseView:
        return LocalLab().parse(text)

    def record(self, seconds: float, stop: threading.Event | None = None) -> tuple[np.ndarray, int]:
        if self._record_error:
            raise RuntimeError(self._record_error)
        return self._recording or (np.zeros(16000, np.float32), 16000)

    def keep(self, trace: Trace) -> int:
        self.kept.append(trace)
        trace.history_id = len(self.kept)
        return trace.history_id

    def history(self) -> VoiceHistory:
        if self._history is None:
            self._history = VoiceHistory(None)
        return self._history

    def close(self) -> None:
        pass
