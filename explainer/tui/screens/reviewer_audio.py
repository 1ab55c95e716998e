"""Getting a clip's audio for the reviewer seat without ever blocking the keyboard.

Rendering a clip (pyttsx3 in a child process, mixing, room and noise) takes seconds, so it
runs in a thread worker that reports progress to the seat's progress bar. The order of
sources -- cached render, fresh render, shipped WAV -- is ``explainer.voice.render``'s;
when all fail the seat still works from the captions. While the learner works on one clip,
the next is rendered in the background, so in a real shift the wait is paid only once.
A lock keeps the two workers from rendering the same clip twice.
"""

from __future__ import annotations

import threading
from pathlib import Path

from rich.text import Text
from textual import work
from textual.widgets import ProgressBar, Static

from explainer.course.model import Clip
from explainer.i18n import _

# longest the seat waits for the lab recogniser before using the scripted guess
GUESS_BUDGET_S = 3.0


class ClipAudioLoader:
    """Mixin for ReviewerScreen: needs ``course``, ``shift``, ``app`` and ``_audio_ready``.

    ``_audio_ready(clip, path, notice, guess, guessed_by)`` gets the machine's guess too: the
    lab recogniser's when it is loaded and answers within the budget, else the scripted one.
    """

    _render_lock = threading.Lock()  # one render at a time across prefetch and foreground

    @work(thread=True, exclusive=True, group="reviewer-audio", exit_on_error=False)
    def _load_audio(self, clip: Clip) -> None:
        """Cached render, fresh render (with a progress bar) or the shipped file; None: captions only."""
        from explainer.voice import render

        def progress(done: int, total: int, what: str) -> None:
            self.app.call_from_thread(self._render_progress, done, total, what)

        path: Path | None = None
        notice = ""
        root = Path(self.course.root)
        try:
            with self._render_lock:  # waits for a prefetch of this very clip, then hits the cache
                audio = render.clip_audio(clip, root, self._cache_dir(), progress=progress)
            path, notice = audio.path, audio.notice
        except render.ClipAudioMissing as missing:
            notice = str(missing)
        except Exception as error:  # noqa: BLE001 - any render failure falls back to captions
            path = render.shipped_path(clip, Path(self.course.root))
            notice = _("The clip could not be rendered ({error}).").format(error=error)
        guess, guessed_by = self._machine_guess(clip, path)
        self.app.call_from_thread(self._audio_ready, clip, path, notice, guess, guessed_by)

    def _machine_guess(self, clip: Clip, path: Path | None) -> tuple[str, str]:
        """The lab recogniser's transcript of the clip when its decoder is already loaded, else the script's.

        Runs in the render worker with a time budget: the seat never waits for a cold decoder
        load or a busy lab. Returns (guess, "lab" | "scripted").
        """
        if path is not None:
            try:
                lab = getattr(self.app, "lab", None)  # the lab's service: its decoder, if already loaded
                heard = lab.transcribe_file(path, budget_s=GUESS_BUDGET_S) if lab is not None else None
            except Exception:  # noqa: BLE001 - no recogniser (import or decoder trouble): the script's guess
                heard = None
            if heard:
                return heard, "lab"
        return clip.machine_guess, "scripted"

    def _cache_dir(self) -> Path:
        return self.app.config.data.clip_cache_dir

    @work(thread=True, exclusive=True, group="reviewer-prefetch", exit_on_error=False)
    def _prefetch(self, clip: Clip) -> None:
        """Render the next clip while the learner works on this one, so it opens at once."""
        from explainer.voice import render

        try:
            with self._render_lock:
                render.clip_audio(clip, Path(self.course.root), self._cache_dir())
        except Exception:  # noqa: BLE001, S110 - a failed prefetch is retried, visibly, when shown
            pass

    def _next_clip_after(self, clip: Clip) -> Clip | None:
        if self.shift is None or clip.id not in self.shift.clip_ids:
            return None
        rest = self.shift.clip_ids[self.shift.clip_ids.index(clip.id) + 1 :]
        return self.course.clip(rest[0]) if rest else None

    def _render_progress(self, done: int, total: int, what: str) -> None:
        self.query_one("#reviewer-progress", ProgressBar).update(total=max(total, 1), progress=done)
        self.query_one("#reviewer-loading-label", Static).update(
            Text(_("Rendering {what}").format(what=what))
        )
