"""The machine's guess: stored beside the audio with what produced it, recomputed when either
changes, and clips prepared in the background (no Textual, no real recogniser run here except
where a test says so)."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from explainer.course.load import load_course
from explainer.learning import shift_guess
from explainer.learning.shift_guess import (
    MachineGuess,
    audio_sha256,
    cached_guess_path,
    guess_path,
    machine_guess,
    read_guess,
    recogniser_files,
    recogniser_fingerprint,
    stored_guess,
    write_guess,
)
from explainer.learning.shift_prepare import ClipPreparer, prepare_audio
from explainer.paths import packaged_content_dir
from explainer.voice.render import clip_audio, shipped_path

CONTENT = packaged_content_dir()


def test_every_shipped_clip_ships_a_current_guess_from_its_audio():
    """`explainer clips guess` was run on the shipped audio with today's recogniser."""
    course = load_course(CONTENT)
    stale = []
    for clip in course.clips:
        audio = shipped_path(clip, CONTENT)
        assert audio is not None, clip.id
        if stored_guess(audio, CONTENT, None) is None:
            stale.append(clip.id)
    assert not stale, (
        f"stored guesses missing or stale for {stale}: the clip audio or the lab's recogniser changed; "
        "run `uv run explainer clips guess` and commit content/clips/audio/*.guess.json"
    )


def test_fingerprint_covers_the_recogniser_and_its_voice_imports():
    names = {path.name for path in recogniser_files()}
    assert {"asr.py", "nlu.py", "decoder.py"} <= names
    assert "playback.py" not in names  # not part of recognising


def _guess(sha: str, recogniser: str, text: str = "alexa set a timer") -> MachineGuess:
    return MachineGuess(text, ("SetTimer",), recogniser, sha, "test")


def test_a_guess_is_read_back_only_for_the_same_audio_and_recogniser(tmp_path: Path):
    audio = tmp_path / "clip.wav"
    audio.write_bytes(b"RIFF one")
    sha = audio_sha256(audio)
    assert write_guess(guess_path(audio), _guess(sha, "r1"))
    assert guess_path(audio).name == "clip.guess.json"
    assert read_guess(guess_path(audio), sha=sha, recogniser="r1").text == "alexa set a timer"
    assert read_guess(guess_path(audio), sha=sha, recogniser="r2") is None  # another recogniser
    audio.write_bytes(b"RIFF two")  # re-rendered from a changed script
    assert read_guess(guess_path(audio), sha=audio_sha256(audio), recogniser="r1") is None
    guess_path(audio).write_text("{broken", encoding="utf-8")
    assert read_guess(guess_path(audio), sha=sha, recogniser="r1") is None
    guess_path(audio).write_text(json.dumps({"version": 99}), encoding="utf-8")
    assert read_guess(guess_path(audio), sha=sha, recogniser="r1") is None


def test_a_stale_guess_is_computed_again_and_stored_in_the_cache_not_the_content(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "intents").mkdir(parents=True)
    audio = content / "clip.wav"
    audio.write_bytes(b"RIFF")
    calls: list[Path] = []

    def fake(path: Path, content_dir: Path) -> tuple[str, tuple[str, ...]]:
        calls.append(path)
        return "heard this", ("GetTime",)

    monkeypatch.setattr(shift_guess, "_recognise", fake)
    cache = tmp_path / "cache"
    first = machine_guess(audio, content, cache)
    assert first.text == "heard this" and first.intents == ("GetTime",) and calls == [audio]
    assert not guess_path(audio).exists()  # the app never writes into the content folder
    assert cached_guess_path(audio, cache, first.audio_sha256).is_file()
    again = machine_guess(audio, content, cache)
    assert again.text == "heard this" and len(calls) == 1  # stored: computed once
    machine_guess(audio, content, cache, beside=True)  # `explainer clips guess`
    assert len(calls) == 1
    recogniser_fingerprint.cache_clear()
    (content / "intents" / "new.yaml").write_text("intents: {}\n", encoding="utf-8")  # the recogniser changed
    machine_guess(audio, content, cache)
    assert len(calls) == 2
    recogniser_fingerprint.cache_clear()


def test_prepare_reads_audio_envelope_and_the_stored_guess_of_a_shipped_clip(tmp_path: Path):
    course = load_course(CONTENT)
    clip = course.clip("ol-01-timer")
    prepared = prepare_audio(clip, CONTENT, tmp_path)
    assert prepared.audio == clip_audio(clip, CONTENT, tmp_path).path
    assert prepared.duration > 1 and len(prepared.envelope) == 120
    assert prepared.guess is not None and prepared.guess.text and not prepared.guess_pending


def test_preparer_hands_over_in_order_then_computes_a_missing_guess(tmp_path: Path, monkeypatch):
    content = Path(shutil.copytree(CONTENT, tmp_path / "content"))
    for stored in (content / "clips" / "audio").glob("*.guess.json"):
        stored.unlink()
    monkeypatch.setattr(shift_guess, "_recognise", lambda path, root: (f"guess of {path.stem}", ()))
    course = load_course(content)
    got: list[tuple[str, bool]] = []
    done = threading.Event()

    def on_ready(prepared):
        got.append((prepared.clip_id, prepared.guess is not None))
        if len(got) == 4:
            done.set()

    preparer = ClipPreparer(course, tmp_path / "cache", on_ready)
    preparer.want(["ol-02-joke", "ol-01-timer"])
    preparer.want(["ol-02-joke"])  # already queued: not twice
    assert done.wait(30)
    preparer.close()
    audio_first = [clip for clip, has_guess in got if not has_guess]
    assert audio_first == ["ol-02-joke", "ol-01-timer"]  # the audio in the order wanted
    for clip in audio_first:  # each clip's guess follows its own first hand-over
        assert got.index((clip, False)) < got.index((clip, True))
    assert preparer.get("ol-01-timer").guess.text == "guess of ol-01-timer"


def test_a_slow_guess_never_holds_up_the_next_clips_audio(tmp_path: Path, monkeypatch):
    """A stale guess is computed by the recogniser (seconds; minutes on a busy machine). The next
    clip's audio must not queue behind it, or the learner waits on "loading" for a guess."""
    content = Path(shutil.copytree(CONTENT, tmp_path / "content"))
    for stored in (content / "clips" / "audio").glob("*.guess.json"):
        stored.unlink()
    release = threading.Event()

    def held_guess(path, root):
        release.wait(30)  # the test decides when the recogniser finishes; no timing involved
        return (f"guess of {path.stem}", ())

    monkeypatch.setattr(shift_guess, "_recognise", held_guess)
    course = load_course(content)
    second_audio = threading.Event()
    got: list[tuple[str, bool]] = []

    def on_ready(prepared):
        got.append((prepared.clip_id, prepared.guess is not None))
        if prepared.clip_id == "ol-01-timer" and prepared.guess is None:
            second_audio.set()

    preparer = ClipPreparer(course, tmp_path / "cache", on_ready)
    preparer.want(["ol-02-joke", "ol-01-timer"])
    try:
        assert second_audio.wait(30), got  # while the first clip's guess is still being computed
        assert ("ol-02-joke", True) not in got
    finally:
        release.set()
        preparer.close()


@pytest.mark.slow
@pytest.mark.lab_cache  # the child process finds the built models in its cache folder
def test_the_real_recogniser_guesses_a_clear_command():
    """The guess is what the lab's recogniser really produces (a few seconds, in a fresh process).
    The clip is one the recogniser hears clearly: since issue 16 the guess is the decoder's own
    1-best, no longer an n-best entry picked because it parses, and the noisy timer clip's 1-best
    is not a command any more."""
    import subprocess
    import sys

    script = (
        "from explainer.course.load import load_course\n"
        "from explainer.learning.shift_guess import compute_guess\n"
        "from explainer.paths import packaged_content_dir as p\n"
        "from explainer.voice.render import shipped_path\n"
        "g = compute_guess(shipped_path(load_course(p()).clip('ph-02-pills'), p()), p())\n"
        "print(g.text); print(','.join(g.intents))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    text, intents = done.stdout.strip().splitlines()[-2:]
    assert text.startswith("alexa remind me to take my medicine"), done.stderr[-800:]
    assert intents.split(",")[0] == "SetReminder"


def _first_hand_over(tmp_path: Path, clip_id: str, on_progress=None):
    """Ask a preparer for one clip of the packaged course; what it hands over first."""
    got: list = []
    done = threading.Event()

    def on_ready(prepared):
        got.append(prepared)
        done.set()

    preparer = ClipPreparer(load_course(CONTENT), tmp_path / "cache", on_ready, on_progress)
    preparer.want([clip_id])
    try:
        assert done.wait(60), "never handed over: the seat would sit on 'loading'"
    finally:
        preparer.close()
    return got[0]


def test_a_clip_that_cannot_be_prepared_is_still_handed_over_with_why(tmp_path: Path, monkeypatch, caplog):
    """Anything that goes wrong while a clip is prepared (a broken WAV, a progress bar that fails)
    must never leave the learner on "loading": the clip comes with its captions and a reason."""
    from explainer.learning import shift_prepare

    def broken(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(shift_prepare, "prepare_audio", broken)
    prepared = _first_hand_over(tmp_path, "ol-01-timer")
    assert prepared.clip_id == "ol-01-timer" and prepared.audio is None and not prepared.guess_pending
    assert "could not be prepared" in prepared.notice and "the disk went away" in prepared.notice
    assert any("ol-01-timer" in record.getMessage() for record in caplog.records)


def test_a_failing_progress_bar_does_not_stop_the_clip(tmp_path: Path, monkeypatch):
    from explainer.voice import render

    real = render.clip_audio

    def rendering(clip, content_dir, cache_dir, progress=None):  # as a render reports its steps
        progress(1, 2, "the first line")
        return real(clip, content_dir, cache_dir, progress=progress)

    def on_progress(clip_id, done_steps, total, what):
        raise LookupError("the loading pane is not on screen")

    monkeypatch.setattr(render, "clip_audio", rendering)
    prepared = _first_hand_over(tmp_path, "ol-01-timer", on_progress)
    assert prepared.audio is not None and prepared.notice == ""  # rendered and read as usual
