"""The voice lab as one typed service: everything a front end may ask of the lab, in one place.

The TUI, the CLI and the bench all go through ``LabService``: the one list of wake words,
rooms (noise with its SNR, and distance), distances and stages lives here, with the
thresholds per wake word, the sound-alikes to try, and the calls that do work (run a trace,
N-best of a clip, the reviewer seat's stored guesses (``recognise_file``), the station 4
parser, the voice history, the microphone).  Screens ask and draw; tests hand the app a fake with the same
methods, through the same door production uses (``make_app(config, lab=...)``).

``LocalLab`` is the real one.  It holds the session's assistant memory (timers, the shopping
list), opens the voice history on first use and reopens it if the file vanished, and loads
the shared decoder on ``warm_up`` (call from a worker).  Never imports Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from explainer.i18n import _
from explainer.paths import DataPaths, packaged_content_dir
from explainer.voice.rooms import DISTANCES, ROOMS, Room
from explainer.voice.trace import STAGES, StageRecord, Trace
from explainer.voice.wake import THRESHOLD_STEPS, WAKE_WORDS, default_threshold

if TYPE_CHECKING:  # the app builds its lab service at start-up: nothing heavy is imported here
    import numpy as np

    from explainer.voice.capture import CaptureSource
    from explainer.voice.decoder import SphinxEngine
    from explainer.voice.history import VoiceHistory
    from explainer.voice.nlu import NluResult
    from explainer.voice.skills import Skills

MAX_TEXT = 200
# Sentences that sound like a wake word, for "fool the wake word".  Chosen so that what the
# recogniser makes of them never trips the classroom word filter (tests check this).
SOUND_ALIKES = {
    "alexa": ("the election results are in", "she drove a lexus", "alexis said hello", "a lexicon of words",
              "i like alaska in the summer"),
    "computer": ("my commuter train is late", "compute her taxes", "a pewter cup"),
    "echo": ("the gecko ran away", "an eco friendly bag", "let go of it"),
    "amazon": ("that was amazing", "i'm a son of a farmer", "the amazon river"),
}


@dataclass(frozen=True)
class LabRequest:
    """What the learner chose: a typed sentence, a clip, a WAV file or a recording, and the room."""

    text: str = ""
    clip_id: str | None = None
    wav: Path | None = None
    recording: tuple[np.ndarray, int] | None = None
    noise: str = "none"
    snr_db: float | None = None
    distance: float | None = None
    wake_word: str = "alexa"
    threshold: float | None = None  # None: the wake word's default
    keep: bool = True  # keep the upload in the voice history
    speak_reply: bool = True


@dataclass(frozen=True)
class ParseView:
    """Station 4: what the parser made of typed text, the intents it knows, a guess if any."""

    result: NluResult | None
    known: tuple[str, ...]
    cleaned: str


class LabService(Protocol):
    wake_words: tuple[str, ...]
    rooms: dict[str, Room]
    distances: tuple[float, ...]
    stages: tuple[str, ...]

    @property
    def nbest_scale(self) -> str: ...

    def sound_alikes(self, wake_word: str) -> tuple[str, ...]: ...
    def thresholds(self, wake_word: str) -> tuple[tuple[float, ...], float]: ...
    def check_text(self, text: str) -> str | None: ...
    def speech(self) -> tuple[bool, str]: ...
    def warm_up(self) -> str: ...
    def run(self, request: LabRequest, on_stage: Callable[[StageRecord], None] | None = None) -> Trace: ...
    def nbest(self, samples16k: np.ndarray, n: int = 5) -> list[tuple[str, float]]: ...
    def parse(self, text: str) -> ParseView: ...
    def record(self, seconds: float, stop: threading.Event | None = None) -> tuple[np.ndarray, int]: ...
    def keep(self, trace: Trace) -> int: ...
    def history(self) -> VoiceHistory: ...
    def close(self) -> None: ...


class LocalLab:
    """The real lab on this computer: content from ``content_dir``, files under ``paths``."""

    wake_words: tuple[str, ...] = WAKE_WORDS
    rooms: dict[str, Room] = ROOMS
    distances: tuple[float, ...] = DISTANCES
    stages: tuple[str, ...] = STAGES

    def __init__(self, content_dir: Path | None = None, paths: DataPaths | None = None, *,
                 capture: CaptureSource | None = None, keep_history: bool = True) -> None:
        from explainer.paths import data_paths

        self.content_dir = Path(content_dir) if content_dir else packaged_content_dir()
        self.paths = paths or data_paths()
        self.keep_history = keep_history
        self._capture = capture
        self._skills_made: Skills | None = None
        self._history: VoiceHistory | None = None
        self._lock = threading.Lock()

    @property
    def _skills(self) -> Skills:
        """The assistant's memory for this session (timers, the shopping list)."""
        from explainer.voice.skills import Skills

        if self._skills_made is None:
            self._skills_made = Skills(self.content_dir)
        return self._skills_made

    @property
    def nbest_scale(self) -> str:
        from explainer.voice.asr import NBEST_SCALE

        return NBEST_SCALE

    # -- lists and checks (cheap) ------------------------------------------------------------
    def sound_alikes(self, wake_word: str) -> tuple[str, ...]:
        return SOUND_ALIKES.get(wake_word, SOUND_ALIKES["alexa"])

    def thresholds(self, wake_word: str) -> tuple[tuple[float, ...], float]:
        """The thresholds, loosest first (→ = stricter), and the measured default for ``wake_word``."""
        default = default_threshold(wake_word)
        return tuple(sorted({*THRESHOLD_STEPS, default})), default

    def check_text(self, text: str) -> str | None:
        if not text.strip():
            return _("Type a sentence first, for example: alexa set a timer for ten minutes")
        if len(text) > MAX_TEXT:
            return _("That is {n} characters; the lab takes at most {limit} (a spoken command lasts seconds).").format(
                n=len(text), limit=MAX_TEXT)
        return None

    def speech(self) -> tuple[bool, str]:
        from explainer.voice.speech import speech_available

        return speech_available()

    # -- the decoder and the runs (slow: call from a worker) -----------------------------------
    @property
    def cache_dir(self) -> Path:
        return self.paths.lab_cache_dir

    def engine(self) -> SphinxEngine:  # imported lazily: pocketsphinx is slow to import
        from explainer.voice.decoder import shared_engine

        return shared_engine(self.content_dir, self.cache_dir)

    def engine_for_voice(self, voice: str) -> SphinxEngine:
        """The decoder for typed text spoken by ``voice``: adapted to it when a transform ships
        (``""``: the shared decoder, ``engine()``)."""
        from explainer.voice.decoder import shared_engine

        return shared_engine(self.content_dir, self.cache_dir, voice)

    def warm_up(self) -> str:
        """Load the decoder (and build the command model the first time); a notice if it failed."""
        try:
            self.engine()
        except Exception as error:  # noqa: BLE001 - the run itself will say what is wrong
            return _("The speech decoder could not be loaded: {error}").format(error=error)
        return ""

    def history(self) -> VoiceHistory:
        """The learner's voice history, opened on first use (it reopens itself if the file goes)."""
        from explainer.voice.history import VoiceHistory

        with self._lock:
            if self._history is None:
                self._history = VoiceHistory(self.paths.history_db)
            return self._history

    def keep(self, trace: Trace) -> int:
        """Save a run that was not kept (a microphone recording) to the voice history; its id."""
        from explainer.voice.audio import wav_bytes
        from explainer.voice.decoder import SAMPLE_RATE

        if trace.upload_samples is None:
            raise ValueError("nothing was uploaded in this run, so there is nothing to keep")
        history = self.history()
        trace.history_id = history.add(
            audio=wav_bytes(trace.upload_samples, SAMPLE_RATE), transcript=trace.transcript, intent=trace.intent,
            slots=trace.slots, reply=trace.reply, source=trace.source, wake_word=trace.wake_word,
            seconds=round(len(trace.upload_samples) / SAMPLE_RATE, 3), said=trace.text)
        return trace.history_id

    def run(self, request: LabRequest, on_stage: Callable[[StageRecord], None] | None = None) -> Trace:
        """One trace; raises LabInputError (a sentence for the learner) or ValueError (bad settings)."""
        from explainer.voice.pipeline import LabSettings, Pipeline

        keep = request.keep and self.keep_history
        pipeline = Pipeline(None, self.cache_dir, history=self.history() if keep else None,
                            content_dir=self.content_dir, skills=self._skills, engine_for=self.engine_for_voice)
        settings = LabSettings(wake_word=request.wake_word, threshold=request.threshold, noise=request.noise,
                               snr_db=request.snr_db, distance=request.distance, speak_reply=request.speak_reply)
        return pipeline.run(request.text or None, request.clip_id, settings, on_stage=on_stage, wav=request.wav,
                            recording=request.recording)

    def run_with_voice(self, request: LabRequest, voice: str, rate: int) -> Trace:
        """``run`` with a chosen synthetic voice (the bench speaks its sentences in several)."""
        from explainer.voice.pipeline import LabSettings, Pipeline

        pipeline = Pipeline(None, self.cache_dir, content_dir=self.content_dir, skills=self._skills,
                            engine_for=self.engine_for_voice)
        settings = LabSettings(wake_word=request.wake_word, threshold=request.threshold, noise=request.noise,
                               snr_db=request.snr_db, distance=request.distance, voice=voice, rate=rate,
                               speak_reply=request.speak_reply)
        return pipeline.run(request.text or None, settings=settings)

    def nbest(self, samples16k: np.ndarray, n: int = 5) -> list[tuple[str, float]]:
        from explainer.voice.asr import Recogniser
        from explainer.voice.wordfilter import filter_words, mask

        words = filter_words(self.content_dir)
        return [(mask(text, words)[0], score) for text, score in Recogniser(self.engine()).nbest(samples16k, n)]

    def recognise_file(self, path: Path) -> str:
        """The recogniser's transcript of a WAV file (loads the decoder if needed: call from a worker).

        The reviewer seat's stored machine guesses come from here (``learning.shift_guess``)."""
        from explainer.voice import audio
        from explainer.voice.asr import Recogniser
        from explainer.voice.decoder import SAMPLE_RATE, to_pcm
        from explainer.voice.wordfilter import filter_words, mask

        samples, rate = audio.read_wav(Path(path))
        if rate != SAMPLE_RATE:
            samples = audio.resample(samples, rate, SAMPLE_RATE)
        text = Recogniser(self.engine(), WAKE_WORDS).recognise(to_pcm(samples)).text
        return mask(text, filter_words(self.content_dir))[0]

    def parse(self, text: str) -> ParseView:
        from explainer.voice.cleanup import clean_up
        from explainer.voice.nlu import load_intents, understand

        cleaned = clean_up(text, WAKE_WORDS).text
        return ParseView(understand(cleaned, self.content_dir, cache_dir=self.cache_dir), tuple(sorted(load_intents(self.content_dir).intents)),
                         cleaned)

    def record(self, seconds: float, stop: threading.Event | None = None) -> tuple[np.ndarray, int]:
        from explainer.voice.capture import MicrophoneCapture

        return (self._capture or MicrophoneCapture()).record(seconds, stop)

    def close(self) -> None:
        """Close the voice history and forget the session (timers, list); the decoder stays loaded."""
        with self._lock:
            if self._history is not None:
                self._history.close()
                self._history = None
            self._skills_made = None
