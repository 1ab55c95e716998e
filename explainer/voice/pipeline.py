"""The lab's miniature voice assistant: one run, stage by stage, recorded in a Trace.

speech in -> wake word -> endpointing -> speech recognition -> understanding -> fulfilment
-> reply -> voice history -> sampling.  Each stage is a small object with one method; this
module only wires them and times them.  If the wake word does not fire, the later stages
are recorded as "not uploaded": nothing leaves the device — a lesson, not an error.
A high voice is lowered before the wake word and the recogniser (``explainer.voice.frontend``);
every time in the trace is mapped back to the input audio, and the upload is cut from it.
Slow (decoder load, synthesis): call ``run`` from a worker thread.  Never imports Textual.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from explainer.voice import audio
from explainer.voice.asr import Recogniser
from explainer.voice.decoder import SAMPLE_RATE, engine, to_pcm
from explainer.voice.endpoint import SpeechEndpointer
from explainer.voice.frontend import normalise_voice
from explainer.voice.history import VoiceHistory
from explainer.voice.labinput import LabInputError, clip_input, typed_input
from explainer.voice.nlu import understand
from explainer.voice.sampling import REPORTED_RATE, ReviewSampler
from explainer.voice.skills import Skills
from explainer.voice.trace import StageTimer, Trace, skipped
from explainer.voice.wake import WakeWordDetector

__all__ = ["LabInputError", "LabSettings", "Pipeline"]
STAGES = ("speech in", "wake word", "endpointing", "speech recognition", "understanding",
          "fulfilment", "reply", "voice history", "sampling")


@dataclass
class LabSettings:
    wake_word: str = "alexa"
    threshold: float | None = None  # None = the wake word's measured default
    noise: str = "none"
    noise_level: float = 0.5
    distance: float = 1.0
    voice: str = "en-us"
    rate: int = 160
    speak_reply: bool = True
    extra: dict = field(default_factory=dict)


def _wav_bytes(samples: np.ndarray) -> bytes:
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype(np.int16).tobytes())
    return buffer.getvalue()


class Pipeline:
    """``Pipeline(work_dir, history, sampler).run(text=... | clip_id=..., settings)`` -> Trace."""

    def __init__(self, work_dir: Path, history: VoiceHistory | None = None, sampler: ReviewSampler | None = None,
                 content_dir: Path | None = None, skills: Skills | None = None) -> None:
        self.work_dir = Path(work_dir)
        self.history = history
        self.sampler = sampler or ReviewSampler()
        self.content_dir = content_dir
        self.skills = skills or Skills(content_dir)
        self.recogniser = Recogniser()

    def _path(self, run_id: str, name: str) -> Path:
        folder = self.work_dir / "runs"
        folder.mkdir(parents=True, exist_ok=True)
        for old in sorted(folder.glob("*.wav"))[:-60]:  # keep the last runs only
            old.unlink(missing_ok=True)
        return folder / f"{run_id}-{name}.wav"

    def run(self, text: str | None = None, clip_id: str | None = None, settings: LabSettings | None = None,
            on_stage=None) -> Trace:
        """One run; ``on_stage(record)`` is called (in this thread) as each stage finishes."""
        settings = settings or LabSettings()
        detector = WakeWordDetector(settings.wake_word, settings.threshold)  # validates before any work
        load_start = time.perf_counter()
        engine(self.content_dir)  # loaded once per process; timed apart from the stages
        load_ms = round((time.perf_counter() - load_start) * 1000, 1)
        run_id = time.strftime("%Y%m%d-%H%M%S") + f"-{time.perf_counter_ns() % 1000000:06d}"
        t0 = time.perf_counter()
        trace = Trace(wake_word=detector.wake_word, threshold=detector.threshold, listener=on_stage)

        with StageTimer(trace, "speech in", t0, repr(text) if clip_id is None else f"clip {clip_id}") as stage:
            if clip_id is not None:
                heard = clip_input(clip_id, settings, self.content_dir)
            else:
                heard = typed_input(text or "", settings, self._path(run_id, "typed22k"))
            samples = heard.samples
            trace.source, trace.text, trace.duration_s = heard.source, heard.text, round(len(samples) / SAMPLE_RATE, 3)
            trace.notices.extend(heard.notices)
            trace.input_audio = str(audio.write_wav(self._path(run_id, "input"), samples, SAMPLE_RATE))
            stage.output = f"{trace.duration_s:.2f} s of audio at 16 kHz"
            stage.data = {"noise": settings.noise, "noise_level": settings.noise_level, "distance_m": settings.distance,
                          "voice": heard.voice, "reference": heard.text}
            # a high voice is lowered for the recogniser (explainer.voice.frontend); times map back
            front = normalise_voice(samples, SAMPLE_RATE, enabled=bool(settings.extra.get("normalise_voice", True)))
            stage.data["front_end"] = front.describe()
            if front.warp != 1.0:
                stage.output += f"; {front.describe()}"
        heard_samples = front.samples
        pcm = to_pcm(heard_samples)
        at = front.to_input_time

        with StageTimer(trace, "wake word", t0, f"{trace.duration_s:.2f} s, 100 ms chunks") as stage:
            wake = detector.listen(heard_samples, pcm)
            trace.woke = wake.woke
            shown = replace(wake, detected_at=at(wake.detected_at), start=at(wake.start), end=at(wake.end))
            stage.output = shown.summary()
            stage.data = {"decoder_load_ms": load_ms, "woke": wake.woke, "threshold": wake.threshold,
                          "detected_at": shown.detected_at, "start": shown.start, "end": shown.end}
        if not wake.woke:
            for name in STAGES[2:]:
                skipped(trace, name, t0)
            trace.reply = ""
            trace.total_ms = round((time.perf_counter() - t0) * 1000, 1)
            return trace
        trace.marks["wake"] = at(wake.start)

        with StageTimer(trace, "endpointing", t0, f"from {at(wake.end):.2f} s") as stage:
            ends = SpeechEndpointer().find(heard_samples, wake.start, wake.end)
            first, last = at(ends.upload_start), at(ends.upload_end)
            upload = samples[int(first * SAMPLE_RATE): int(last * SAMPLE_RATE)]  # the input audio, as uploaded
            upload_seconds = round(last - first, 3)
            trace.upload_audio = str(audio.write_wav(self._path(run_id, "upload"), upload, SAMPLE_RATE))
            trace.marks.update({"pre-roll": first, "end": last})
            stage.output = (f"upload {first:.2f}-{last:.2f} s ({upload_seconds:.2f} s, "
                            f"incl. {at(ends.wake_start) - first:.2f} s pre-roll); stopped: {ends.reason}")
            stage.data = {"upload_start": first, "upload_end": last, "speech_end": at(ends.speech_end),
                          "reason": ends.reason, "frames": ends.speech_frames}

        with StageTimer(trace, "speech recognition", t0, f"{upload_seconds:.2f} s upload") as stage:
            start, stop = int(ends.upload_start * SAMPLE_RATE), int(ends.upload_end * SAMPLE_RATE)
            heard_asr = self.recogniser.recognise(heard_samples[start:stop], pcm[start:stop], wake_word=detector.wake_word)
            trace.transcript = heard_asr.text
            stage.output = repr(heard_asr.text) if heard_asr.text else "(nothing recognised)"
            stage.data = {"model": heard_asr.model, "score": heard_asr.score, "nbest": heard_asr.nbest,
                          "tried": heard_asr.tried}

        with StageTimer(trace, "understanding", t0, repr(trace.transcript)) as stage:
            understood = understand(trace.transcript, self.content_dir)
            trace.intent = understood.intent if understood else None
            trace.slots = dict(understood.slots) if understood else {}
            stage.output = f"{trace.intent} {trace.slots}" if understood else "no intent matched"
            stage.data = {"template": understood.template if understood else None,
                          "closest": understood.closest if understood else None}
            if understood and understood.closest:
                stage.output += f" (nearest known command: {understood.closest!r})"

        with StageTimer(trace, "fulfilment", t0, trace.intent or "(none)") as stage:
            answer = self.skills.fulfil(understood)
            trace.reply = answer.text
            stage.output = f"skill: {answer.skill}"
            stage.data = dict(answer.data)

        with StageTimer(trace, "reply", t0, repr(trace.reply)) as stage:
            stage.output = trace.reply
            if settings.speak_reply:
                trace.reply_audio, note = _speak(trace.reply, self._path(run_id, "reply"))
                if note:
                    stage.data["audio"] = note
                    trace.notices.append(note)

        with StageTimer(trace, "voice history", t0, "upload + transcript + intent") as stage:
            if self.history is None:
                stage.output = "not kept (history off)"
            else:
                trace.history_id = self.history.add(
                    audio=_wav_bytes(upload), transcript=trace.transcript, intent=trace.intent, slots=trace.slots,
                    reply=trace.reply, source=trace.source, wake_word=detector.wake_word, seconds=upload_seconds,
                    said=trace.text)
                stage.output = f"kept as recording #{trace.history_id}"
                if self.history.notice:
                    trace.notices.append(self.history.notice)

        lab_rate = f"rate {self.sampler.rate:.0%} (lab; reported real rates about {REPORTED_RATE:.1%})"
        with StageTimer(trace, "sampling", t0, lab_rate) as stage:
            key = trace.history_id if trace.history_id is not None else run_id
            trace.selected_for_review = self.sampler.selects(key)
            if trace.selected_for_review and trace.history_id is not None and self.history is not None:
                self.history.mark_selected(trace.history_id)
            stage.output = "selected for human review" if trace.selected_for_review else "not selected"
            stage.data = {"rate": self.sampler.rate, "seed": self.sampler.seed, "draw": round(self.sampler.draw(key), 4)}
        trace.total_ms = round((time.perf_counter() - t0) * 1000, 1)
        return trace


def _speak(text: str, out: Path) -> tuple[str | None, str]:
    from explainer.voice.speech import SpeechError, speech_available, synthesize

    ok, reason = speech_available()
    if not ok:
        return None, f"reply shown as text only: {reason}"
    try:
        return str(synthesize(text, out)), ""
    except SpeechError as exc:
        return None, f"reply shown as text only: {exc}"
