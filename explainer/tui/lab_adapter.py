"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

The one place where the lab's screens meet the voice pipeline (``explainer.voice.*``).

The pipeline, the wake-word stage and the recogniser are built separately from the screens
and may be missing from a build (or from a half-finished checkout). Every screen asks this
module, never the voice modules directly, so a missing part becomes one clear sentence on
screen ("the lab's pipeline is not installed in this build") instead of an ImportError, and
a change in the pipeline's call signature is absorbed here, in one file. Nothing here is
faked: when a part is missing we say so and show nothing in its place.

Everything in here may be slow (decoders, speech synthesis): call it from thread workers.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explainer.i18n import _

if TYPE_CHECKING:
    from explainer.tui.host import Host

MAX_TEXT = 200  # characters: a spoken command is a few seconds, not a paragraph
WAKE_WORDS = ("alexa", "computer", "echo", "amazon")
NOISES = ("none", "tv", "kitchen")
DISTANCES = (0.5, 1.0, 3.0, 6.0)
STAGES = (
    "speech in", "wake word", "endpointing", "speech recognition", "understanding",
    "fulfilment", "reply", "voice history", "sampling",
)
SOUND_ALIKES = ("the election results are in", "she drove a lexus", "alexis said", "unacceptable")
# Phrases to try for the other wake words: built from similar sounds, not reported false wakes.
OTHER_SOUND_ALIKES = {
    "computer": ("my commuter train is late", "compute her taxes", "a pewter cup"),
    "echo": ("the gecko ran away", "an eco friendly bag", "let go of it"),
    "amazon": ("that was amazing", "i'm a son of a farmer", "the amazon river"),
}


def sound_alikes(wake_word: str) -> tuple[str, ...]:
    return SOUND_ALIKES if wake_word == "alexa" else OTHER_SOUND_ALIKES.get(wake_word, SOUND_ALIKES)


class LabUnavailable(Exception):
    """A part of the lab's pipeline is not in this build; ``str()`` says which, for the learner."""


def pipeline_missing() -> str:
    return _("The lab's pipeline is not installed in this build.")


@dataclass(frozen=True)
class LabRequest:
    """What the learner chose: a typed sentence or a clip, and the room and device settings."""

    text: str = ""
    clip_id: str | None = None
    noise: str = "none"
    distance: float = 1.0
    wake_word: str = "alexa"
    threshold: float | None = None  # None: the wake stage's default


def check_text(text: str) -> str | None:
    """A message when typed text cannot be run (empty, too long), else None."""
    if not text.strip():
        return _("Type a sentence first, for example: alexa set a timer for ten minutes")
    if len(text) > MAX_TEXT:
        return _("That is {n} characters; the lab takes at most {limit} (a spoken command lasts seconds).").format(
            n=len(text), limit=MAX_TEXT)
    return None


def _module(name: str) -> Any | None:
    try:
        return importlib.import_module(f"explainer.voice.{name}")
    except Exception:  # noqa: BLE001 - missing or broken: either way the part is not usable here
        return None


def pipeline_run() -> Callable[..., Any] | None:
    """A module-level ``run`` (if the pipeline grows one); the screens use :class:`LabSession`."""
    module = _module("pipeline")
    run = getattr(module, "run", None) if module else None
    return run if callable(run) else None


def pipeline_class() -> Any | None:
    module = _module("pipeline")
    return getattr(module, "Pipeline", None) if module else None


def available() -> tuple[bool, str]:
    """(True, "") when the pipeline can run, else (False, the sentence to show)."""
    if pipeline_run() is not None or pipeline_class() is not None:
        return True, ""
    return False, pipeline_missing()


def _call(function: Callable[..., Any], values: dict[str, Any], *positional: Any) -> Any:
    """Call ``function`` with those of ``values`` it accepts (the pipeline's keywords may grow)."""
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return function(*positional, **values)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return function(*positional, **values)
    return function(*positional, **{k: v for k, v in values.items() if k in parameters})


def threshold_choices(wake_word: str = "alexa") -> tuple[tuple[float, ...], float]:
    """The wake stage's thresholds, loosest first (→ = stricter), and its default for ``wake_word``.

    Empty steps when the wake stage is not in this build."""
    wake = _module("wake")
    if wake is None:
        return (), 0.0
    steps = getattr(wake, "THRESHOLD_STEPS", None) or getattr(wake, "THRESHOLDS", None) or ()
    default_of = getattr(wake, "default_threshold", None)
    default = default_of(wake_word) if callable(default_of) else getattr(wake, "DEFAULT_THRESHOLD", None)
    steps = tuple(sorted(float(s) for s in steps))
    if default is None:
        return steps, steps[len(steps) // 2] if steps else 0.0
    if float(default) not in steps:
        steps = tuple(sorted((*steps, float(default))))
    return steps, float(default)


class LabSession:
    """One pipeline for a screen's life: the decoder loads once and the skills remember the
    timers and the shopping list between runs, as a real assistant would. Thread-safe enough
    for one worker at a time (the screens run one trace at a time)."""

    def __init__(self, *, content_dir: Path, work_dir: Path, history_db: Path | None) -> None:
        self.content_dir, self.work_dir, self.history_db = content_dir, work_dir, history_db
        self._pipeline: Any = None
        self._history: Any = None

    def _get(self) -> Any:
        if self._pipeline is None:
            pipeline_type = pipeline_class()
            if pipeline_type is None:
                raise LabUnavailable(pipeline_missing())
            if self.history_db is not None:
                from explainer.voice.history import VoiceHistory

                self._history = VoiceHistory(self.history_db)
            self._pipeline = _call(pipeline_type, {"history": self._history, "content_dir": self.content_dir},
                                   self.work_dir)
        return self._pipeline

    def run(self, request: LabRequest, on_stage: Callable[[Any], None] | None = None) -> Any:
        """Run the whole pipeline once; returns LAB-CORE's ``Trace``. Raises LabUnavailable or
        LabInputError (a message for the learner)."""
        if pipeline_class() is None:
            return run_trace(request, content_dir=self.content_dir, history_db=self.history_db, on_stage=on_stage)
        from explainer.voice.pipeline import LabSettings

        settings = LabSettings(wake_word=request.wake_word, threshold=request.threshold, noise=request.noise,
                               distance=request.distance)
        trace = _call(self._get().run, {"text": request.text or None, "clip_id": request.clip_id,
                                        "settings": settings, "on_stage": on_stage})
        history = self._history
        if history is not None and getattr(history, "notice", None) and history.notice not in trace.notices:
            trace.notices.append(history.notice)
        return trace

    def close(self) -> None:
        if self._history is not None:
            self._history.close()
            self._history = None
        self._pipeline = None


def warm_up() -> str:
    """Load the wake-word and speech decoders now (seconds, once per process), so the learner's
    first run is as quick as the rest. Returns a notice if they could not be loaded."""
    decoder = _module("decoder")
    engine = getattr(decoder, "engine", None) if decoder else None
    if not callable(engine):
        return ""
    try:
        engine()
    except Exception as error:  # noqa: BLE001 - the run itself will say what is wrong
        return _("The speech decoder could not be loaded: {error}").format(error=error)
    return ""


def session_for(app: Host, keep: bool) -> LabSession:
    """A pipeline session on the app's content and data folders; ``keep``: write the voice history."""
    config = app.config
    content_dir = Path(app.course.root or config.content_dir)
    work_dir, history_db = config.data.cache_dir / "lab", config.data.history_db
    return LabSession(content_dir=content_dir, work_dir=work_dir, history_db=history_db if keep else None)


def is_input_error(error: Exception) -> bool:
    """True for the pipeline's "this input cannot be used" errors, whose text is for the learner."""
    return type(error).__name__ == "LabInputError" or isinstance(error, ValueError)


def run_trace(request: LabRequest, *, content_dir: Path, history_db: Path | None,
              on_stage: Callable[[Any], None] | None = None, keep: bool = True) -> Any:
    """A module-level ``pipeline.run`` (tests patch one in through ``pipeline_run``)."""
    run = pipeline_run()
    if run is None:
        raise LabUnavailable(pipeline_missing())
    values: dict[str, Any] = {
        "text": request.text or None, "clip": request.clip_id, "clip_id": request.clip_id,
        "noise": request.noise, "distance": request.distance, "wake_word": request.wake_word,
        "content_dir": content_dir, "history_db": history_db if keep else None,
        "on_stage": on_stage,
    }
    if request.threshold is not None:
        values["threshold"] = request.threshold
    return _call(run, values)


def nbest(samples16k: Any, n: int = 5) -> list[tuple[str, float]]:
    """The recogniser's N best hypotheses as (text, score). Raises LabUnavailable without asr."""
    asr = _module("asr")
    recogniser_class = getattr(asr, "Recogniser", None) if asr else None
    if recogniser_class is None:
        raise LabUnavailable(_("The lab's speech recogniser (explainer.voice.asr) is not installed in this build."))
    getter = getattr(asr, "shared", None) or getattr(asr, "get_recogniser", None)
    recogniser = getter() if callable(getter) else recogniser_class()
    out = []
    for item in recogniser.nbest(samples16k, n):
        if isinstance(item, tuple | list):
            text, score = item[0], item[1]
        else:
            text = getattr(item, "text", getattr(item, "hypothesis", str(item)))
            score = getattr(item, "score", getattr(item, "confidence", 0.0))
        out.append((str(text), float(score)))
    return out


def clip_samples16k(clip: Any, content_dir: Path, cache_dir: Path) -> tuple[Any, Path]:
    """A clip's audio as 16 kHz float samples (cached render or shipped WAV) and its file."""
    from explainer.voice import render
    from explainer.voice.audio import read_wav, resample

    audio = render.clip_audio(clip, content_dir, cache_dir)
    samples, rate = read_wav(audio.path)
    return resample(samples, rate, 16000), audio.path


def stage_output(record: Any) -> str:
    """What a stage row says: its output, or the lesson when nothing was uploaded."""
    try:
        from explainer.voice.trace import NOT_UPLOADED
    except ImportError:
        NOT_UPLOADED = "not uploaded"  # noqa: N806 - the pipeline's own word, when it is missing

    output = str(getattr(record, "output", "") or "")
    if getattr(record, "skipped", False) and (not output or output.startswith(NOT_UPLOADED)):
        return _("not uploaded — nothing left the device")
    return output


WAVE_MARKS = {"pre-roll": ("pre-roll", "upload_start", "preroll"), "wake": ("wake", "wake_start"),
              "end": ("end", "speech_end", "end_of_speech", "upload_end")}


def waveform_marks(marks: dict[str, float]) -> dict[str, float]:
    """The trace's marks under the Waveform widget's names (pre-roll, wake, end)."""
    out = {}
    for name, keys in WAVE_MARKS.items():
        for key in keys:
            if marks.get(key) is not None:
                out[name] = float(marks[key])
                break
    return out
