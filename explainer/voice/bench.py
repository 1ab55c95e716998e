"""Measure the lab honestly: wake rate, false wakes, command WER, intent accuracy, stage times.

Two sets: the shipped clips (``content/clips``: commands with an expected intent, and the
"false-wake" sound-alikes) and typed commands synthesised with several espeak voices.
``run_lab_bench`` returns a plain dict so ``explainer bench`` can print it or add it to a
larger report.  Timings come from the pipeline's own trace.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import jiwer

from explainer.voice.labinput import LabInputError, list_clips
from explainer.voice.nlu import normalise, parse
from explainer.voice.pipeline import LabSettings, Pipeline

TYPED_COMMANDS = [
    "alexa set a timer for ten minutes", "alexa what is the weather tomorrow", "alexa call mom",
    "alexa add milk to my shopping list", "alexa remind me to take out the trash tomorrow", "alexa play some jazz",
    "alexa what time is it", "alexa tell me a joke", "alexa is it going to rain in london today", "alexa stop",
]
SOUND_ALIKES = [
    "she drove a lexus to the election", "the election results came in", "alexis is coming over",
    "that is unacceptable", "a lexicon of words", "i like alaska in the summer",
]
VOICES = [("en-us", 160), ("en-gb", 160), ("en-us+f3", 160), ("en-us+m3", 150)]


def _score(rows: list[dict]) -> dict:
    commands = [r for r in rows if r["expected_intent"]]
    woke = [r for r in commands if r["woke"]]
    refs = [normalise(r["reference"]) for r in woke if r["reference"]]
    hyps = [normalise(r["transcript"]) or "-" for r in woke if r["reference"]]
    intent_ok = [r for r in commands if r["woke"] and r["intent"] == r["expected_intent"]
                 and (r["expected_slots"] is None or r["slots"] == r["expected_slots"])]
    alikes = [r for r in rows if r["sound_alike"]]
    return {
        "commands": len(commands),
        "wake_rate": round(len(woke) / len(commands), 3) if commands else None,
        "command_wer": round(jiwer.wer(refs, hyps), 3) if refs else None,
        "intent_accuracy": round(len(intent_ok) / len(commands), 3) if commands else None,
        "sound_alikes": len(alikes),
        "false_wake_rate": round(sum(r["woke"] for r in alikes) / len(alikes), 3) if alikes else None,
        "false_wakes": sorted({r["reference"] for r in alikes if r["woke"]}),
    }


def _row(trace, reference: str, expected_intent: str | None, expected_slots: dict | None, sound_alike: bool) -> dict:
    return {"source": trace.source, "reference": reference, "woke": trace.woke, "transcript": trace.transcript,
            "intent": trace.intent, "slots": trace.slots, "expected_intent": expected_intent,
            "expected_slots": expected_slots, "sound_alike": sound_alike, "total_ms": trace.total_ms,
            "duration_s": trace.duration_s, "stages": {s.name: s.ms for s in trace.stages}}


def _first_clip(content_dir: Path | None) -> str | None:
    clips = [c["id"] for c in list_clips(content_dir) if c.get("kind") == "command"]
    return clips[0] if clips else None


def run_lab_bench(content_dir: Path | None = None, *, typed: bool = True, clips: bool = True,
                  wake_word: str = "alexa", threshold: float | None = None, progress=None) -> dict:
    """Run every bench item through the real pipeline (no history, no reply audio) and score it."""
    work = Path(tempfile.mkdtemp(prefix="lab-bench-"))
    pipeline = Pipeline(work, history=None, content_dir=content_dir)
    started = time.perf_counter()
    result: dict = {"wake_word": wake_word, "threshold": threshold}
    warm_up = time.perf_counter()
    from explainer.voice.decoder import engine

    engine(content_dir)
    result["decoder_load_s"] = round(time.perf_counter() - warm_up, 2)
    # Warm-up (not measured): the speech child, the nearest-command index, first-call imports.
    try:
        pipeline.run(TYPED_COMMANDS[0] if typed else None, clip_id=None if typed else _first_clip(content_dir),
                     settings=LabSettings(speak_reply=False))
    except (LabInputError, ValueError):
        pass
    result["warm_up_s"] = round(time.perf_counter() - warm_up, 2)
    all_rows: list[dict] = []
    if clips:
        rows = []
        for clip in list_clips(content_dir):
            kind = clip.get("kind")
            if kind not in ("command", "false-wake"):
                continue
            try:
                trace = pipeline.run(clip_id=clip["id"], settings=LabSettings(wake_word=wake_word, threshold=threshold,
                                                                             speak_reply=False))
            except LabInputError as exc:
                rows.append({"source": clip["id"], "error": str(exc)})
                continue
            expected = clip.get("intent") if kind == "command" else None
            rows.append(_row(trace, clip.get("transcript", ""), expected, None, kind == "false-wake"))
            if progress:
                progress(clip["id"])
        ok_rows = [r for r in rows if "error" not in r]
        result["clips"] = {**_score(ok_rows), "errors": [r for r in rows if "error" in r], "items": ok_rows}
        all_rows += ok_rows
    if typed:
        rows = []
        for voice, rate in VOICES:
            commands = [c.replace("alexa", wake_word, 1) for c in TYPED_COMMANDS]
            alikes = SOUND_ALIKES if wake_word == "alexa" else []
            for sentence in commands + alikes:
                settings = LabSettings(wake_word=wake_word, threshold=threshold, voice=voice, rate=rate, speak_reply=False)
                try:
                    trace = pipeline.run(sentence, settings=settings)
                except LabInputError as exc:
                    result["typed_error"] = str(exc)
                    break
                expected = parse(sentence)
                rows.append(_row(trace, sentence, expected.intent if expected else None,
                                 dict(expected.slots) if expected else None, sentence in alikes))
                rows[-1]["voice"] = voice
                if progress:
                    progress(f"{voice}: {sentence}")
        result["typed"] = {**_score(rows), "voices": [v for v, _r in VOICES], "items": rows}
        all_rows += rows
    woke = [r for r in all_rows if r["woke"]]
    result["timing"] = {
        "runs": len(all_rows),
        "median_total_ms_woken": round(statistics.median(r["total_ms"] for r in woke), 1) if woke else None,
        "p90_total_ms_woken": round(statistics.quantiles([r["total_ms"] for r in woke], n=10)[-1], 1)
        if len(woke) >= 2 else None,
        "max_total_ms_woken": round(max(r["total_ms"] for r in woke), 1) if woke else None,
        "median_audio_s": round(statistics.median(r["duration_s"] for r in woke), 2) if woke else None,
        "median_stage_ms": {name: round(statistics.median(r["stages"].get(name, 0.0) for r in woke), 1)
                            for name in (woke[0]["stages"] if woke else {})},
        "note": "speech-in includes synthesis; no reply audio; machine shared with other work",
    }
    result["bench_s"] = round(time.perf_counter() - started, 1)
    return result
