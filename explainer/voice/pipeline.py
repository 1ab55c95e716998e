"""The lab's miniature voice assistant: one run, stage by stage, recorded in a Trace.

speech in -> wake word -> endpointing -> speech recognition -> N-best check -> clean-up -> understanding
-> fulfilment -> reply -> voice history -> sampling.  Each stage is a small object or
function; this module only wires them and times them.  If the wake word does not fire, the
later stages are recorded as "not uploaded": nothing leaves the device — a lesson, not an
error.  When the assistant is not sure (``decision``), it says sorry instead of acting.

Same audio, same trace: the decoder is reset for every utterance, and nothing here depends
on an earlier run except the skills' own memory (timers, the shopping list), as a real
assistant's would.  Audio stays in memory; the voice history keeps the upload only when the
learner's settings say so.  Slow (decoder, synthesis): call ``run`` from a worker thread.
Never imports Textual.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from explainer.voice import audio
from explainer.voice.adaptation import (
    ADAPT_ABOVE_DB,
    LOUD_ROOM,
    transform_path,
    voice_over_background_db,
)
from explainer.voice.asr import Recogniser
from explainer.voice.cleanup import clean_up
from explainer.voice.decision import decide
from explainer.voice.decoder import SAMPLE_RATE, SphinxEngine, to_pcm
from explainer.voice.endpoint import SpeechEndpointer
from explainer.voice.frontend import voice_warp
from explainer.voice.history import VoiceHistory
from explainer.voice.labinput import (
    HeardAudio,
    LabInputError,
    clip_input,
    recorded_input,
    typed_input,
    wav_input,
)
from explainer.voice.nlu import NluResult, parse, understand
from explainer.voice.rescore import rescore
from explainer.voice.rooms import room
from explainer.voice.sampling import REPORTED_RATE, ReviewSampler
from explainer.voice.skills import Skills
from explainer.voice.trace import STAGES, StageRecord, StageTimer, Trace, skipped
from explainer.voice.wake import WAKE_WORDS, WakeWordDetector
from explainer.voice.wordfilter import filter_words, mask

__all__ = ["STAGES", "LabInputError", "LabSettings", "Pipeline"]
SORRY = "Sorry, I didn't catch that. Could you say it again?"


@dataclass(frozen=True)
class LabSettings:
    wake_word: str = "alexa"
    threshold: float | None = None  # None = the wake word's measured default
    noise: str = "none"  # a room preset (explainer.voice.rooms)
    snr_db: float | None = None  # None = the preset's level
    distance: float | None = None  # None = the preset's distance
    voice: str = "en-us"
    rate: int = 160
    speak_reply: bool = True
    normalise_voice: bool = True


class Pipeline:
    """``Pipeline(engine, scratch_dir, ...).run(text=... | clip_id=... | wav=... | recording=...)`` -> Trace."""

    def __init__(self, engine: SphinxEngine | None, scratch_dir: Path, *, history: VoiceHistory | None = None,
                 sampler: ReviewSampler | None = None, content_dir: Path | None = None,
                 skills: Skills | None = None, engine_for: Callable[[str], SphinxEngine] | None = None) -> None:
        self.engine = engine  # the decoder, or None with ``engine_for``
        self.engine_for = engine_for  # voice ("" = none) -> its decoder, loaded on first use
        self.scratch_dir = Path(scratch_dir)
        self.history = history
        self.sampler = sampler or ReviewSampler()
        self.content_dir = content_dir
        self.skills = skills or Skills(content_dir)
        self.masked = filter_words(content_dir)
        self._understood_now: dict[str, NluResult | None] = {}  # this run's answers (cleared per run)
        self._meant_now: dict[str, tuple | None] = {}

    def _hear(self, text: str | None, clip_id: str | None, wav: Path | None,
              recording: tuple[np.ndarray, int] | None, settings: LabSettings) -> HeardAudio:
        chosen = room(settings.noise, settings.snr_db, settings.distance)
        if clip_id is not None:
            return clip_input(clip_id, chosen, self.content_dir)
        if wav is not None:
            return wav_input(Path(wav), chosen)
        if recording is not None:
            return recorded_input(recording[0], recording[1], chosen)
        return typed_input(text or "", chosen, settings.voice, settings.rate, self.scratch_dir)

    def _engine(self, heard: HeardAudio, wake: bool = False) -> SphinxEngine:
        """The decoder for this run (``adaptation``).  Typed text in an ordinary room: the wake word
        is spotted by the model as trained (its thresholds were set on it), the command recognised by
        a model adapted to the lab's voice that spoke it, the way a cloud recogniser adapts to a
        household.  Typed text in a loud room (the voice under ``ADAPT_ABOVE_DB`` above the
        background, measured on the sound): both by the model adapted to a loud room, the way a
        device tunes itself to its surroundings.  A recording, a file or a clip: the model as trained."""
        if self.engine_for is not None:
            if heard.source != "typed":
                return self.engine_for("")
            if voice_over_background_db(heard.samples) < ADAPT_ABOVE_DB:
                return self.engine_for(LOUD_ROOM)
            return self.engine_for("" if wake else heard.voice)
        if self.engine is None:
            raise ValueError("a Pipeline needs an engine or engine_for")
        return self.engine

    @staticmethod
    def _acoustic_model(heard: HeardAudio, engine: SphinxEngine) -> str:
        """Which acoustic model heard the words, in words for the trace."""
        if engine.adapted_to is None:
            return "as trained"
        if engine.adapted_to.stem == transform_path(LOUD_ROOM).stem:
            return (f"adapted to a loud room (the voice is {voice_over_background_db(heard.samples):.0f} dB "
                    f"above the background, under {ADAPT_ABOVE_DB:.0f})")
        return f"adapted to the lab's voice {heard.voice}"

    def _understand(self, text: str) -> NluResult | None:
        """``understand`` of a cleaned text, remembered for this run (the recogniser's check and the
        understanding stage ask about the same words; a nearest-command guess costs ~0.1 s)."""
        if text not in self._understood_now:
            self._understood_now[text] = understand(text, self.content_dir, cache_dir=self.scratch_dir)
        return self._understood_now[text]

    def _understood(self, text: str) -> bool:
        return self._understand(clean_up(text, WAKE_WORDS).text) is not None

    def _meaning(self, text: str) -> tuple | None:
        """The command a template makes of ``text`` exactly (intent and slots), for the N-best check;
        None for a parse whose open slot is in doubt ("them"), so a near hypothesis with a sound slot wins."""
        cleaned = clean_up(text, WAKE_WORDS).text
        if cleaned not in self._meant_now:
            found = parse(cleaned, self.content_dir)
            self._meant_now[cleaned] = None if found is None or found.doubt else (
                found.intent, tuple(sorted((k, str(v)) for k, v in found.slots.items())))
        return self._meant_now[cleaned]

    def run(self, text: str | None = None, clip_id: str | None = None, settings: LabSettings | None = None,
            on_stage: Callable[[StageRecord], object] | None = None, wav: Path | None = None,
            recording: tuple[np.ndarray, int] | None = None) -> Trace:
        """One run; ``on_stage(record)`` is called (in this thread) as each stage finishes."""
        settings = settings or LabSettings()
        self._understood_now, self._meant_now = {}, {}
        detector = WakeWordDetector(settings.wake_word, settings.threshold)  # validates before any work
        room(settings.noise, settings.snr_db, settings.distance)
        t0 = time.perf_counter()
        trace = Trace(wake_word=detector.wake_word, threshold=detector.threshold, listener=on_stage)

        described = repr(text) if text is not None else (f"clip {clip_id}" if clip_id else (
            f"file {Path(wav).name}" if wav else "microphone recording"))
        with StageTimer(trace, "speech in", t0, described) as stage:
            heard = self._hear(text, clip_id, wav, recording, settings)
            samples = heard.samples
            trace.source, trace.text, trace.room = heard.source, heard.text, heard.room
            trace.duration_s = round(len(samples) / SAMPLE_RATE, 3)
            trace.notices.extend(heard.notices)
            trace.input_samples = samples
            front = voice_warp(samples, SAMPLE_RATE, enabled=settings.normalise_voice)
            stage.output = f"{trace.duration_s:.2f} s of audio at 16 kHz; {heard.room}"
            if front.warp != 1.0:
                stage.output += f"; {front.describe()}"
            stage.data = {"room": heard.room, "noise": settings.noise, "voice": heard.voice, "reference": heard.text,
                          "front_end": front.describe()}
        pcm = to_pcm(samples)
        listener = self._engine(heard, wake=True)

        with StageTimer(trace, "wake word", t0, f"{trace.duration_s:.2f} s, 100 ms chunks") as stage:
            wake = detector.listen(listener, pcm, front.warp)
            trace.woke = wake.woke
            heard_by = self._acoustic_model(heard, listener)
            stage.output = wake.summary() + (f"; acoustic model {heard_by}" if listener.adapted_to is not None else "")
            stage.data = {"woke": wake.woke, "threshold": wake.threshold, "detected_at": wake.detected_at,
                          "start": wake.start, "end": wake.end, "rival": wake.rival, "acoustic_model": heard_by}
        if not wake.woke or wake.start is None or wake.end is None:
            for name in STAGES[2:]:
                skipped(trace, name, t0)
            trace.total_ms = round((time.perf_counter() - t0) * 1000, 1)
            return trace
        trace.marks["wake"] = wake.start

        with StageTimer(trace, "endpointing", t0, f"from {wake.end:.2f} s") as stage:
            ends = SpeechEndpointer().find(samples, wake.start, wake.end)
            first, last = int(ends.upload_start * SAMPLE_RATE), int(ends.upload_end * SAMPLE_RATE)
            trace.upload_samples = samples[first:last]
            trace.marks.update({"pre-roll": ends.upload_start, "end": ends.upload_end})
            stage.output = (f"upload {ends.upload_start:.2f}-{ends.upload_end:.2f} s ({ends.seconds:.2f} s, "
                            f"incl. {ends.wake_start - ends.upload_start:.2f} s pre-roll); stopped: {ends.reason}")
            stage.data = {"upload_start": ends.upload_start, "upload_end": ends.upload_end,
                          "speech_end": ends.speech_end, "reason": ends.reason, "frames": ends.speech_frames}

        with StageTimer(trace, "speech recognition", t0, f"{ends.seconds:.2f} s upload") as stage:
            engine = self._engine(heard)  # the first typed run of a voice loads its decoder here (~0.3 s)
            heard_asr = Recogniser(engine, WAKE_WORDS).recognise(
                pcm[first:last], warp=front.warp, understood=self._understood,
                parses=lambda text: self._meaning(text) is not None)
            adapted = self._acoustic_model(heard, engine)
            trace.raw_transcript = heard_asr.text
            trace.transcript, masked = mask(heard_asr.text, self.masked)
            trace.confidence = heard_asr.confidence
            stage.output = (repr(trace.transcript) if trace.transcript else "(nothing recognised)") + (
                f" · {heard_asr.model} model, confidence {heard_asr.confidence:.2f}; acoustic model {adapted}")
            stage.data = {"model": heard_asr.model, "confidence": heard_asr.confidence, "acoustic_model": adapted,
                          "nbest": [(mask(t, self.masked)[0], s) for t, s in heard_asr.nbest],
                          "words": [(mask(w, self.masked)[0], p) for w, p in heard_asr.words],
                          "tried": {m: mask(t, self.masked)[0] for m, t in heard_asr.tried.items()},
                          "second_pass": heard_asr.second_pass, "masked_words": masked}
            if masked:
                stage.output += f" · {masked} word(s) hidden by the classroom word filter"

        with StageTimer(trace, "N-best check", t0, repr(trace.transcript)) as stage:
            checked = rescore(heard_asr.text, heard_asr.nbest, self._meaning)
            # the words' confidence counts only for the recogniser's own best; the agreement for any
            sure = max(heard_asr.confidence if checked.rank <= 0 else 0.0, checked.agreement)
            trace.confidence = sure
            chosen = mask(checked.text, self.masked)[0]
            stage.output = (repr(chosen) if chosen else "(nothing)") + f" · {checked.describe()}"
            stage.data = {"text": chosen, "rank": checked.rank, "agreement": checked.agreement,
                          "near": checked.near, "confidence": sure}

        with StageTimer(trace, "clean-up", t0, repr(mask(checked.text, self.masked)[0])) as stage:
            cleaned = clean_up(checked.text, WAKE_WORDS)
            trace.parsed_text = mask(cleaned.text, self.masked)[0]
            stage.output = repr(trace.parsed_text)
            stage.data = {"changes": list(cleaned.changes)}
            if cleaned.changes:
                stage.output += f" ({cleaned.describe()})"

        with StageTimer(trace, "understanding", t0, repr(trace.parsed_text)) as stage:
            understood = self._understand(cleaned.text)
            decision = decide(sure, understood)
            trace.understood = understood.intent if understood else None
            trace.guessed = bool(understood and understood.guessed)
            trace.acted = decision.act
            if decision.act and understood is not None:
                trace.intent, trace.slots = understood.intent, dict(understood.slots)
            found = f"{understood.intent} {dict(understood.slots)}" if understood else "no intent matched"
            if understood and understood.guessed:
                found += f" (a guess: nearest known command {understood.closest!r})"
            stage.output = f"{found} → {decision.describe()}"
            stage.data = {"template": understood.template if understood else None,
                          "intent": trace.understood, "slots": dict(understood.slots) if understood else {},
                          "guess": understood.closest if understood else None, "score": decision.score,
                          "confidence": decision.confidence, "completeness": decision.completeness,
                          "act": decision.act, "doubt": asdict(understood.doubt) if understood and understood.doubt
                          else None}

        with StageTimer(trace, "fulfilment", t0, trace.intent or "(none)") as stage:
            if decision.act:
                answer = self.skills.fulfil(understood)
                trace.reply, stage.output, stage.data = answer.text, f"skill: {answer.skill}", dict(answer.data)
            else:
                trace.reply = self.skills.replies.get("sorry", SORRY) if isinstance(
                    self.skills.replies.get("sorry"), str) else SORRY
                stage.output = "nothing done: the assistant asks again"

        with StageTimer(trace, "reply", t0, repr(trace.reply)) as stage:
            stage.output = trace.reply
            if settings.speak_reply:
                trace.reply_samples, note = self._speak(trace.reply)
                if note:
                    stage.data["audio"] = note
                    trace.notices.append(note)

        self._keep(trace, t0, detector.wake_word, ends.seconds)
        trace.total_ms = round((time.perf_counter() - t0) * 1000, 1)
        return trace

    def _keep(self, trace: Trace, t0: float, wake_word: str, seconds: float) -> None:
        with StageTimer(trace, "voice history", t0, "upload + transcript + intent") as stage:
            if self.history is None:
                stage.output = "not kept (history off)"
            else:
                trace.history_id = self.history.add(
                    audio=audio.wav_bytes(trace.upload_samples, SAMPLE_RATE), transcript=trace.transcript,
                    intent=trace.intent, slots=trace.slots, reply=trace.reply, source=trace.source,
                    wake_word=wake_word, seconds=seconds, said=trace.text)
                stage.output = f"kept as recording #{trace.history_id}"
                if self.history.notice and self.history.notice not in trace.notices:
                    trace.notices.append(self.history.notice)
        lab_rate = f"rate {self.sampler.rate:.0%} (lab; reported real rates about {REPORTED_RATE:.1%})"
        with StageTimer(trace, "sampling", t0, lab_rate) as stage:
            key = trace.history_id if trace.history_id is not None else f"{trace.source}:{trace.text}"
            trace.selected_for_review = self.sampler.selects(key)
            if trace.selected_for_review and trace.history_id is not None and self.history is not None:
                self.history.mark_selected(trace.history_id)
            stage.output = "selected for human review" if trace.selected_for_review else "not selected"
            stage.data = {"rate": self.sampler.rate, "seed": self.sampler.seed, "draw": round(self.sampler.draw(key), 4)}

    def _speak(self, text: str) -> tuple[tuple[np.ndarray, int] | None, str]:
        from explainer.voice import labcache
        from explainer.voice.speech import SpeechError, speech_available, synthesize

        ok, reason = speech_available()
        if not ok:
            return None, f"reply shown as text only: {reason}"
        try:
            with labcache.scratch_file(self.scratch_dir, ".wav") as scratch:
                synthesize(text, scratch)
                return audio.read_wav(scratch), ""
        except (SpeechError, OSError, ValueError) as exc:
            return None, f"reply shown as text only: {exc}"
