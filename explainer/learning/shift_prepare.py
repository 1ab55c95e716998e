"""Getting clips ready before the learner reaches them: audio, waveform and the machine's guess.

A reviewer should never wait for the tool. When a shift starts, every clip of it is queued,
in shift order, to one background thread; each is prepared once -- its audio found (the
learner's cache, the shipped file, or a fresh render), its waveform envelope computed and its
stored machine guess read -- and handed to ``on_ready``. So while the learner works on one clip
the next is already being prepared, and with a warm cache "Next" opens the next clip at once.

A clip whose stored guess is missing or stale (a re-rendered clip, a changed recogniser) is
handed over first without a guess, so the learner can start on it, and again when the lab's
recogniser has computed one (``PreparedClip.guess_pending``).  Guesses are computed on a second
thread: a guess takes seconds (minutes on a busy machine), and the next clip's audio must never
queue behind the previous clip's guess -- the learner would sit on "loading" for it. Nothing here imports Textual;
``on_ready`` is called on the worker thread, so a UI must hop to its own thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from explainer.course.model import Clip, Course
from explainer.i18n import _
from explainer.learning.shift_guess import GuessUnavailable, MachineGuess

ENVELOPE_POINTS = 120
Progress = Callable[[int, int, str], None]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreparedClip:
    """Everything the task needs to open a clip without touching the disk or a recogniser."""

    clip_id: str
    audio: Path | None  # None: no audio at all, captions only
    duration: float
    envelope: tuple[float, ...] = ()
    notice: str = ""  # why there is no audio, or why an older recording is used
    guess: MachineGuess | None = None
    guess_note: str = ""  # why there is no guess (yet)
    guess_pending: bool = False  # the recogniser is computing one; a second hand-over follows


def _audio(clip: Clip, content_dir: Path, cache_dir: Path, progress: Progress | None) -> tuple[Path | None, str]:
    from explainer.voice import render

    try:
        found = render.clip_audio(clip, content_dir, cache_dir, progress=progress)
        return found.path, found.notice
    except render.ClipAudioMissing as missing:
        return None, str(missing)
    except Exception as error:  # noqa: BLE001 - any render failure: the shipped file, else captions
        notice = _("The clip could not be rendered ({error}).").format(error=error)
        return render.shipped_path(clip, content_dir), notice


def prepare_audio(clip: Clip, content_dir: Path, cache_dir: Path, progress: Progress | None = None) -> PreparedClip:
    """The clip's audio, its envelope and its stored guess (or why there is none yet)."""
    from explainer.learning.shift_guess import stored_guess
    from explainer.voice.audio import envelope, read_wav

    path, notice = _audio(clip, content_dir, cache_dir, progress)
    duration, points = 0.0, tuple[float, ...]()
    if path is not None:
        try:
            samples, rate = read_wav(path)
            duration = len(samples) / rate if rate else 0.0
            points = tuple(float(v) for v in envelope(samples, ENVELOPE_POINTS))
        except (OSError, ValueError, EOFError) as error:
            path, notice = None, _("This clip's audio could not be read ({error}).").format(error=error)
    if path is None:
        return unprepared(clip, notice)
    try:
        guess = stored_guess(path, content_dir, cache_dir)
    except OSError:
        guess = None
    if guess is not None:
        return PreparedClip(clip.id, path, duration, points, notice, guess)
    return PreparedClip(clip.id, path, duration, points, notice, None,
                        _("The lab's recogniser is computing the machine's guess…"), guess_pending=True)


def unprepared(clip: Clip, notice: str) -> PreparedClip:
    """A clip with no audio: the task opens on its captions, and ``notice`` says why."""
    duration = max((line.start for line in clip.lines), default=0.0) + 2.0
    return PreparedClip(clip.id, None, duration, (), notice, None, _("No machine guess: there is no audio."))


def prepare_guess(prepared: PreparedClip, content_dir: Path, cache_dir: Path) -> PreparedClip:
    """The second hand-over: the guess computed by the lab's recogniser (seconds), or why not."""
    from explainer.learning.shift_guess import machine_guess

    if prepared.audio is None:
        return replace(prepared, guess_pending=False)
    try:
        guess = machine_guess(prepared.audio, content_dir, cache_dir)
    except GuessUnavailable as error:
        return replace(prepared, guess_pending=False,
                       guess_note=_("No machine guess: {reason}.").format(reason=error))
    return replace(prepared, guess=guess, guess_note="", guess_pending=False)


class ClipPreparer:
    """Prepares a shift's clips in order on one background thread, each once.

    ``want(ids)`` queues clips (the current one first); ``get(id)`` is what is ready so far.
    ``on_ready(prepared)`` is called on the worker thread for every hand-over, ``on_progress``
    while a clip renders (real steps: one per script line, then the room).
    """

    def __init__(
        self,
        course: Course,
        cache_dir: Path,
        on_ready: Callable[[PreparedClip], None],
        on_progress: Callable[[str, int, int, str], None] | None = None,
    ) -> None:
        self.course = course
        self.content_dir = Path(course.root)
        self.cache_dir = Path(cache_dir)
        self.on_ready = on_ready
        self.on_progress = on_progress
        self._ready: dict[str, PreparedClip] = {}
        self._queued: dict[str, Future[None]] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="seat-prepare")
        self._guesses = ThreadPoolExecutor(max_workers=1, thread_name_prefix="seat-guess")  # slow: apart
        self._closed = False

    def get(self, clip_id: str) -> PreparedClip | None:
        with self._lock:
            return self._ready.get(clip_id)

    def want(self, clip_ids: Sequence[str]) -> None:
        """Queue these clips in this order (those already ready or queued are left alone)."""
        with self._lock:
            if self._closed:
                return
            for clip_id in clip_ids:
                if clip_id in self._ready or clip_id in self._queued:
                    continue
                try:
                    clip = self.course.clip(clip_id)
                except KeyError:
                    continue
                self._queued[clip_id] = self._pool.submit(self._prepare, clip)

    def _prepare(self, clip: Clip) -> None:
        if self._closed:
            return

        def progress(done: int, total: int, what: str) -> None:
            if self.on_progress is not None:
                try:
                    self.on_progress(clip.id, done, total, what)
                except Exception:  # noqa: BLE001 - a progress bar that failed must not stop the clip
                    log.warning("seat: progress of %s not shown", clip.id, exc_info=True)

        try:
            prepared = prepare_audio(clip, self.content_dir, self.cache_dir, progress)
        except Exception as error:  # noqa: BLE001 - never leave the learner on "loading": captions, and why
            log.error("seat: clip %s could not be prepared", clip.id, exc_info=True)
            prepared = unprepared(clip, _("This clip could not be prepared ({error}).").format(error=error))
        self._hand_over(prepared)
        if prepared.guess_pending:
            with self._lock:
                if not self._closed:
                    self._guesses.submit(self._guess, prepared)

    def _guess(self, prepared: PreparedClip) -> None:
        if not self._closed:
            self._hand_over(prepare_guess(prepared, self.content_dir, self.cache_dir))

    def _hand_over(self, prepared: PreparedClip) -> None:
        with self._lock:
            self._ready[prepared.clip_id] = prepared
        try:
            self.on_ready(prepared)
        except Exception:  # noqa: BLE001 - a closed UI must not kill the worker; an open one must hear of it
            log.warning("seat: clip %s prepared but not handed to the screen", prepared.clip_id, exc_info=True)

    def wait(self, clip_id: str, timeout: float | None = None) -> PreparedClip | None:
        """Block until ``clip_id`` was handed over (tests and the benchmark; never the UI thread)."""
        with self._lock:
            future = self._queued.get(clip_id)
        if future is not None:
            future.result(timeout)
        return self.get(clip_id)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for future in self._queued.values():
                future.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._guesses.shutdown(wait=False, cancel_futures=True)
