"""Narration: `r` reads the page in a worker; without a speech engine or sound device, one clear message."""

from __future__ import annotations

from explainer.course.model import Page
from explainer.tui.narration import chunks, narration_text
from explainer.voice import playback, speech
from tests.pilot import open_lesson


async def read_page(monkeypatch, app):
    messages: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "wake-word")
        await pilot.pause()
        monkeypatch.setattr(screen, "notify", lambda message, **kw: messages.append(str(message)))
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
    return messages


async def test_no_speech_engine_gives_one_clear_message(course_app, monkeypatch):
    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (False, "espeak-ng is not installed."))
    messages = await read_page(monkeypatch, course_app(audio=True))
    assert any("needs a speech engine" in m and "espeak-ng is not installed." in m for m in messages)


async def test_no_sound_device_gives_a_message(course_app, monkeypatch, tmp_path):
    said: list[str] = []

    def fake_synthesize(text, out_path, **kwargs):
        said.append(text)
        raise AssertionError("must not synthesize without a sound device")

    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (True, ""))
    monkeypatch.setattr(speech, "synthesize", fake_synthesize)
    monkeypatch.setattr(playback, "sound_available", lambda refresh=False: (False, "No sound device found."))
    messages = await read_page(monkeypatch, course_app(audio=True))
    assert any("cannot play" in m and "No sound device" in m for m in messages)
    assert not any("Reading the page aloud" in m for m in messages)  # no promise before the failure
    assert not said


async def test_reads_without_citations_and_r_stops(course_app, monkeypatch, tmp_path):
    import numpy as np

    from explainer.voice import audio

    spoken: list[str] = []
    played: list[str] = []

    def fake_synthesize(text, out_path, **kwargs):
        spoken.append(text)
        return audio.write_wav(out_path, np.zeros(2205, dtype=np.float32), 22050)

    class FakePlayer:
        audible = True
        reason = ""

        def __init__(self, enabled=True):
            self._playing = False

        @property
        def playing(self):
            return self._playing

        def play(self, path, speed=1.0, start=0.0):
            played.append(str(path))
            self._playing = True

        def stop(self):
            self._playing = False

    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (True, ""))
    monkeypatch.setattr(speech, "synthesize", fake_synthesize)
    monkeypatch.setattr(playback, "Player", FakePlayer)
    from explainer.paths import data_paths

    app = course_app(data=data_paths(tmp_path), audio=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(pilot, "wake-word")
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert spoken and "First page of wake-word" in spoken[0]
        assert "[@" not in spoken[0] and "amazon-faq" not in spoken[0] and "{" not in spoken[0]
        assert played and screen.narrator.active
        assert list((app.config.data.cache_dir / "narration").glob("page-*.wav"))
        await pilot.press("r")
        await pilot.pause()
        assert not screen.narrator.active


def test_narration_text_leaves_out_citations_and_code():
    page = Page("s/p", "s", "p", "A title", "Words about a {wake word} [@src-a] [@src-b].\n\n> Try it: listen.\n\n```\ncode here\n```\n")
    text = narration_text(page)
    assert "[@" not in text and "src-a" not in text and "{" not in text
    assert "wake word" in text and "Aside: Try it: listen." in text and "code here" not in text


def test_chunks_stay_under_the_speech_limit():
    text = " ".join(["This is a sentence of moderate length."] * 60)
    pieces = chunks(text, 200)
    assert all(len(piece) <= 200 for piece in pieces)
    assert " ".join(pieces).split() == text.split()


async def test_in_a_browser_r_says_where_sound_would_play_and_what_to_do_instead(course_app, monkeypatch):
    """explainer serve: speech would come out of the host's speakers. r says so in plain words,
    names what the visitor can do instead, and never starts the speech engine."""

    def no_engine(refresh=False):
        raise AssertionError("a served session must not start speech")

    monkeypatch.setattr(speech, "speech_available", no_engine)
    messages = await read_page(monkeypatch, course_app(served=True, audio=False))
    assert len(messages) == 1, messages
    said = messages[0]
    assert "computer that runs this app, not in your browser" in said
    assert "stays on screen" in said and "on your own computer" in said and "explainer read" in said
    assert "Sound is off" not in said and "cannot play" not in said


async def test_in_a_browser_the_narration_setting_says_why_it_is_off(course_app):
    from textual.widgets import Label, Switch

    app = course_app(served=True, audio=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        switch = app.screen.query_one("#setting-narration", Switch)
        assert switch.disabled and not switch.value
        helps = [str(label.render()) for label in app.screen.query(".setting-help").results(Label)]
        assert any("not in your browser" in text for text in helps), helps
