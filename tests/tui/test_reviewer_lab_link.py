"""The reviewer seat and the voice lab: the lab recogniser's guess, and the learner's own clip."""
# ruff: noqa: F811 - the seat tests' `silent` fixture is imported by name

from __future__ import annotations

import io
import wave

import numpy as np

from explainer.voice.history import VoiceHistory
from tests.pilot import open_reviewer, screen_text
from tests.reviewer_fixtures import wait_for_work


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


async def test_the_guess_comes_from_the_lab_recogniser_when_it_answers(
    monkeypatch, seat, silent, tmp_path
):
    from tests.tui.lab_fake import FakeLab

    _clock, config = silent
    _with_audio(monkeypatch, tmp_path)
    app = seat(lab=FakeLab(heard="alexa the lab heard this"))  # the seat asks the app's lab service
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await wait_for_work(pilot, app)
        assert app.screen.query_one("#reviewer-transcript").value == "alexa the lab heard this"
        assert "Machine guess: lab recogniser" in screen_text(app)


async def test_the_scripted_guess_when_the_recogniser_is_not_ready(monkeypatch, seat, silent, tmp_path):
    from explainer.voice import decoder

    _clock, config = silent
    _with_audio(monkeypatch, tmp_path)
    monkeypatch.setattr(decoder, "_engines", {})  # not loaded: the seat must not load it
    loads = []
    monkeypatch.setattr(decoder, "SphinxEngine", lambda *a, **k: loads.append(1))
    app = seat()  # the real lab service
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await wait_for_work(pilot, app)
        clip = app.course.clip(app.screen.shift.current_clip_id)
        assert app.screen.query_one("#reviewer-transcript").value == clip.machine_guess
        assert "Machine guess: scripted" in screen_text(app)
    assert loads == []
    assert app.lab.transcribe_file(tmp_path / "clip.wav") is None


async def _work_whole_shift(pilot, app):
    app.screen.query_one("#reviewer-start").focus()
    await pilot.press("enter")
    for _ in range(6):
        await wait_for_work(pilot, app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+n")
    for _ in range(100):
        await pilot.pause(0.02)
        if app.screen.id == "reviewer-own-screen" or "Debrief" in screen_text(app):
            break


async def test_your_own_clip_is_offered_at_the_end_of_a_shift(seat, silent):
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
        await open_reviewer(pilot)
        await _work_whole_shift(pilot, app)
        assert app.screen.id == "reviewer-own-screen"
        text = screen_text(app)
        assert "your own recording from the voice lab, selected for human review" in text
        field = app.screen.query_one("#reviewer-own-transcript")
        assert field.value == "alexa play some dog"  # the lab's transcript is the machine guess
        await pilot.press("ctrl+u", *"alexa play some jazz")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "WER 0%" in screen_text(app)
        await pilot.press("ctrl+n")
        for _ in range(100):
            await pilot.pause(0.02)
            if "Debrief" in screen_text(app):
                break
        assert "Debrief" in screen_text(app)
    assert app.progress.section("reviewer")["own_offered"] == [1]


async def test_a_corrupt_history_means_no_own_clip_and_no_crash(seat, silent):
    _clock, config = silent
    config.data.history_db.parent.mkdir(parents=True, exist_ok=True)
    config.data.history_db.write_bytes(b"this is not a database" * 100)
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        await _work_whole_shift(pilot, app)
        assert "Debrief" in screen_text(app)
