"""The reviewer seat and the voice lab: the lab recogniser's guess, and the learner's own clip."""
# ruff: noqa: F811 - the seat tests' `silent` fixture is imported by name

from __future__ import annotations

import io
import threading
import wave

import numpy as np

from explainer.learning.shift_flow import Step
from explainer.voice.history import VoiceHistory
from tests.pilot import screen_text
from tests.reviewer_fixtures import flow, open_seat, tab_cycle, wait_step


def _wav_bytes(seconds: float = 0.5) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(
            (np.sin(np.arange(int(16000 * seconds)) / 5) * 3000).astype(np.int16).tobytes()
        )
    return buffer.getvalue()


def _with_audio(monkeypatch, tmp_path):
    """Every clip 'renders' to a small WAV, so the recogniser has something to hear."""
    from explainer.voice import render

    wav = tmp_path / "clip.wav"
    wav.write_bytes(_wav_bytes())

    class Rendered:
        path, notice = wav, ""

    monkeypatch.setattr(render, "clip_audio", lambda *a, **k: Rendered())


async def test_the_guess_is_the_lab_recognisers_stored_for_the_shipped_clip(real_seat):
    from explainer.learning.shift_guess import stored_guess
    from explainer.paths import packaged_content_dir

    app = real_seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seat(pilot)
        await pilot.press("enter")
        await wait_step(pilot, app, Step.TASK)
        clip, prepared = flow(app).clip, flow(app).current_prepared()
        stored = stored_guess(prepared.audio, packaged_content_dir(), None)
        assert stored is not None and prepared.guess == stored
        assert app.screen.query_one("#reviewer-transcript").value == stored.text
        assert "Guess: lab recogniser (pocketsphinx" in _status(app)
        assert clip.id in str(prepared.audio)


async def test_a_missing_guess_is_computed_while_the_task_is_open(monkeypatch, seat, tmp_path):
    from explainer.learning import shift_guess

    _with_audio(monkeypatch, tmp_path)
    release = threading.Event()

    def recognise(path, content_dir):
        release.wait(30)
        return "alexa the lab heard this", ("SetTimer",)

    monkeypatch.setattr(shift_guess, "_recognise", recognise)
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seat(pilot)
        await pilot.press("enter")
        await wait_step(pilot, app, Step.TASK)  # no waiting for the recogniser
        assert app.screen.query_one("#reviewer-transcript").value == ""
        assert "The lab's recogniser is computing the" in _status(app)
        release.set()
        for _ in range(200):
            await pilot.pause(0.02)
            if app.screen.query_one("#reviewer-transcript").value:
                break
        assert app.screen.query_one("#reviewer-transcript").value == "alexa the lab heard this"
        assert "likely: SetTimer" in screen_text(app)


async def _work_whole_shift(pilot, app):
    await open_seat(pilot)
    await pilot.press("enter")
    for _ in range(6):
        await wait_step(pilot, app, Step.TASK)
        await pilot.press("enter")
        await wait_step(pilot, app, Step.FEEDBACK)
        await pilot.press("enter")
    for _ in range(100):
        await pilot.pause(0.02)
        if "Debrief" in screen_text(app):
            break
        if app.screen.id == "reviewer-own-screen" and screen_text(app).strip():  # shown, not just pushed
            break


async def test_your_own_clip_is_offered_at_the_end_of_a_shift(silent, seat):
    _clock, config = silent
    history = VoiceHistory(config.data.history_db)
    history.add(
        audio=_wav_bytes(),
        transcript="alexa play some dog",
        intent="PlayMusic",
        source="typed",
        said="alexa play some jazz",
        selected_for_review=True,
    )
    history.add(audio=_wav_bytes(), transcript="alexa stop", source="typed", said="alexa stop")
    history.close()
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await _work_whole_shift(pilot, app)
        assert app.screen.id == "reviewer-own-screen"
        text = screen_text(app)
        assert "your own recording from the voice lab, selected for human review" in text
        field = app.screen.query_one("#reviewer-own-transcript")
        assert field.value == "alexa play some dog"  # the lab's transcript is the machine guess
        stops = await tab_cycle(pilot, app)  # every stop visible
        assert stops == ["reviewer-own-submit", "reviewer-own-skip", "reviewer-own-player"]
        await pilot.press("ctrl+u", *"alexa play some jazz")
        await pilot.press("enter")
        await pilot.pause()
        assert "WER 0%" in screen_text(app)
        await pilot.press("ctrl+n")
        for _ in range(100):
            await pilot.pause(0.02)
            if "Debrief" in screen_text(app):
                break
        assert "Debrief" in screen_text(app)
    assert app.progress.section("reviewer")["own_offered"] == [1]


async def test_a_corrupt_history_means_no_own_clip_and_no_crash(silent, seat):
    _clock, config = silent
    config.data.history_db.parent.mkdir(parents=True, exist_ok=True)
    config.data.history_db.write_bytes(b"this is not a database" * 100)
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await _work_whole_shift(pilot, app)
        assert "Debrief" in screen_text(app)


def _status(app) -> str:
    """The seat's status line as one string (where it wraps depends on the keys named before it)."""
    return " ".join(str(app.screen.query_one("#reviewer-status").render()).split())
