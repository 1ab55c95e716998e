"""The reviewer seat by keyboard at 80x24 with no sound device and no speech engine."""


from __future__ import annotations

import threading

from textual.app import App
from textual.widgets import Input, ProgressBar

from explainer.learning.progress import Progress
from tests.builders import make_course
from tests.pilot import open_reviewer, record_notices, screen_text
from tests.reviewer_fixtures import wait_for_work


async def test_a_whole_shift_by_keyboard(seat, silent):
    clock, config = silent
    course = make_course()
    app = seat(course)
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        await pilot.pause()
        assert "SYNTHETIC" in screen_text(app)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        shift = app.screen.shift
        assert shift is not None and len(shift.clip_ids) == 6
        for _number in range(6):
            assert await wait_for_work(pilot, app) == "reviewer-work"
            text = screen_text(app)
            assert "SYNTHETIC" in text and "Captions:" in text
            assert "account: A-" in text and "device: SN-" in text
            clip = course.clip(shift.current_clip_id)
            clock.advance(30)
            await pilot.press("ctrl+u", *list(clip.transcript or "") or ["space"])
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.screen.query_one("#reviewer-panes").current == "reviewer-feedback-pane"
            text = screen_text(app)
            assert "WER" in text and "Labels" in text
            await pilot.press("ctrl+n")
            await pilot.pause()
        told = [n for n in notices if "sound" in n.lower()]
        assert len(told) == 1  # "no sound device" said once, not once per clip
        await pilot.pause()
        text = screen_text(app)
        assert "Debrief" in text and "SYNTHETIC" in text
        assert "s a clip" in text  # the pace
        from explainer.tui.screens.reviewer_debrief import debrief_text

        full = debrief_text(app.screen.debrief).plain
        assert "Amazon said in April 2019" in full and "Talk about it" in full
        section = app.progress.section("reviewer")
        assert section["summary"]["clips_done"] == 6
        assert section["summary"]["seconds_per_clip"] == 30


async def test_submit_waits_for_listening_when_sound_exists(monkeypatch, seat, silent):
    import explainer.voice.playback as playback

    clock, config = silent
    monkeypatch.setattr(playback, "sound_available", lambda refresh=False: (True, "test"))
    monkeypatch.setattr(playback.Player, "audible", property(lambda self: True))
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await wait_for_work(pilot, app)
        # the fixture has no audio files, so captions are shown and submitting is allowed;
        # simulate a clip with audio that has not been heard
        player = app.screen.query_one("#reviewer-player")
        player.heard = False
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#reviewer-panes").current == "reviewer-work"
        assert "Listen to the end first" in screen_text(app)
        await pilot.press("ctrl+t")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#reviewer-panes").current == "reviewer-feedback-pane"


async def test_markup_typed_into_the_transcript_shows_literally(seat, silent):
    clock, config = silent
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await wait_for_work(pilot, app)
        await pilot.press("ctrl+u", *"[bold]x[/]")
        assert app.screen.query_one("#reviewer-transcript", Input).value == "[bold]x[/]"
        assert "[bold]x[/]" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "You typed: [bold]x[/]" in screen_text(app)


async def test_a_shift_resumes_after_quitting(seat, silent):
    clock, config = silent
    course = make_course()
    progress = Progress()
    app = seat(course, progress)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await wait_for_work(pilot, app)
        first = app.screen.shift.clip_ids
        await pilot.press("ctrl+n")
        await pilot.pause()
    again = seat(course, progress)
    notices_again = record_notices(again)
    async with again.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        await wait_for_work(pilot, again)
        shift = again.screen.shift
        assert shift.clip_ids == first and len(shift.records) == 1
        assert any("resumes at clip 2/6" in n for n in notices_again)


async def test_the_distress_clip_is_opt_in_and_skippable(seat, silent):
    clock, config = silent
    course = make_course()
    app = seat(course)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        assert "fallen" in screen_text(app)  # the content note is shown before opting in
        app.screen.query_one("#reviewer-optin").value = True
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        shift = app.screen.shift
        assert shift.clip_ids[-1] == "d-1"
        for _ in range(5):
            await wait_for_work(pilot, app)
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.press("ctrl+n")
        assert await wait_for_work(pilot, app) == "reviewer-gate"
        assert "content note" in screen_text(app)
        await pilot.press("enter")  # the focused button is "Skip it"
        await pilot.pause()
        assert shift.records["d-1"].skipped
        from explainer.tui.screens.reviewer_debrief import debrief_text

        full = debrief_text(app.screen.debrief).plain
        assert "not Amazon's job to interfere" in full
        assert "What should a reviewer be allowed to do" in full


def test_full_guidelines_read_from_content_with_citations_resolved():
    import tomllib
    from dataclasses import replace

    from explainer.course.model import Course, Source
    from explainer.paths import packaged_content_dir
    from explainer.tui.screens.reviewer_guidelines import read_guidelines

    course = make_course()
    raw = tomllib.loads((packaged_content_dir() / "sources.toml").read_text(encoding="utf-8"))
    fields = ("id", "publisher", "title", "date", "url", "kind")
    sources = {s["id"]: Source(*(s[f] for f in fields)) for s in raw["sources"]}
    real = Course(1, "t", str(packaged_content_dir()), (), sources, {})
    text = read_guidelines(real)
    assert "+++" not in text and "Critical data" in text and "[@" not in text
    assert "(Fox8, 2019-04-11)" in text
    from explainer.course.load import load_course

    loaded = load_course(packaged_content_dir())
    assert loaded.guidelines is not None
    assert "(Fox8, 2019-04-11)" in read_guidelines(loaded)
    fallback = read_guidelines(replace(course, root="/nowhere"))  # no guidelines.md there
    assert "could not be read" in fallback and "critical data" in fallback


async def test_guidelines_key_opens_and_closes(seat, silent):
    clock, config = silent
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await wait_for_work(pilot, app)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.id == "reviewer-guidelines-screen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id == "reviewer-screen"


async def test_a_shift_on_the_packaged_clips_uses_the_shipped_audio(seat, silent):
    """No speech engine, no sound card: the shipped WAVs give a waveform, captions stand in."""
    from explainer.course.load import load_course
    from explainer.paths import packaged_content_dir
    from explainer.tui.screens.reviewer_debrief import debrief_text

    clock, config = silent
    course = load_course(packaged_content_dir())
    assert len(course.clips) >= 24 and len(course.households) >= 3
    app = seat(course)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        for _ in range(6):
            assert await wait_for_work(pilot, app) == "reviewer-work"
            text = screen_text(app)
            assert "FICTIONAL-ACCT" in text and "stopped 0.0 /" in text  # the WAV was read
            assert "Captions:" in text
            clock.advance(20)
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert "WER" in screen_text(app)
            await pilot.press("ctrl+n")
        await pilot.pause()
        full = debrief_text(app.screen.debrief).plain
        assert "(fictional)" in full and "Accuracy against speed" in full
        assert "do not have direct access" in full


async def test_feedback_for_an_escalated_distress_clip():

    from explainer.learning.shift_score import Answer, score_clip
    from explainer.tui.widgets.reviewer_feedback import ReviewerFeedback

    course = make_course()
    clip = course.clip("d-1")
    answer = Answer("help i fell", "none", False, frozenset({"health"}), escalated=True)

    class One(App[None]):
        def compose(self):
            yield ReviewerFeedback()

    async with One().run_test(size=(80, 24)) as pilot:
        widget = pilot.app.query_one(ReviewerFeedback)
        text = widget.build(clip, score_clip(clip, answer), 12.0, "6/6", answer).plain
    assert "You escalated this clip" in text and "not Amazon's job to interfere" in text
    assert "WER 0.00" in text and "No guideline missed" in text


async def test_transport_keys_work_while_typing_and_a_failing_device_falls_back(
    seat, silent, monkeypatch
):
    clock, config = silent
    app = seat()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await wait_for_work(pilot, app)
        player = app.screen.query_one("#reviewer-player")
        player._has_audio = True  # pretend this clip had a WAV
        assert app.focused.id == "reviewer-transcript"
        await pilot.press("ctrl+s")
        assert player.player.speed == 0.75
        await pilot.press("ctrl+s")
        assert player.player.speed == 1.0

        def broken(*args, **kwargs):
            raise RuntimeError("device unplugged")

        monkeypatch.setattr(player.player, "toggle", broken)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert any("device unplugged" in n for n in notices)
        assert app.focused.id == "reviewer-transcript"  # still typing where we were


# --- The reviewer seat opens light and answers "Start the shift" at once (QA S9, bench 1a).
async def test_first_visit_composes_only_the_intro(seat, silent) -> None:  # noqa: F811
    _clock, config = silent
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        await pilot.pause()
        assert not app.screen.query("#reviewer-work") and not app.screen.query("#reviewer-feedback-pane")
        app.screen.on_screen_suspend()  # leaving before any clip: nothing to unload, no error


async def test_start_shows_progress_at_once_and_the_clip_when_ready(seat, silent, monkeypatch) -> None:  # noqa: F811
    from explainer.voice import render

    _clock, config = silent
    release = threading.Event()
    real = render.clip_audio

    def slow_render(*args, **kwargs):
        release.wait(30)  # the test decides when rendering ends; no timing involved
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "clip_audio", slow_render)
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviewer(pilot)
        await pilot.pause()
        app.screen.query_one("#reviewer-start").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#reviewer-panes").current == "reviewer-loading"
        assert "Preparing clip 1/6" in screen_text(app)
        assert app.screen.query_one("#reviewer-progress", ProgressBar).total is None  # pulsing
        release.set()
        assert await wait_for_work(pilot, app) == "reviewer-work"
        assert app.screen.shift.position == 1
