"""Lab UI (LAB-UI helper): the trace view, fool-the-wake-word and the history browser, driven
with the keyboard in the real app at 80x24.

Where a test needs a finished run and LAB-CORE's pipeline is not importable, a stand-in
``run`` that returns LAB-CORE's own ``Trace``/``StageRecord`` types is patched into
``lab_adapter`` -- the screens are under test there, not the pipeline. The one test that
drives the real pipeline skips itself when the pipeline or the speech engine is missing.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from explainer.tui import lab_adapter
from tests.robust_support import TYPED, screen_text, settle

trace_module = pytest.importorskip("explainer.voice.trace", reason="LAB-CORE's trace records are not in this build")
history_module = pytest.importorskip("explainer.voice.history", reason="LAB-CORE's voice history is not in this build")


def stand_in_run(woke_on: tuple[str, ...] = ("alexa",)):
    """A pipeline double in the shape of LAB-CORE's: stages reported one by one, then the Trace."""

    def run(text=None, clip=None, wake_word="alexa", threshold=None, on_stage=None, **_ignored):
        trace = trace_module.Trace(source="typed", text=text or "", wake_word=wake_word)
        trace.woke = any(word in (text or "") for word in woke_on)
        stages = [trace_module.StageRecord("speech in", output=f"synthesised “{text}”", ms=120.0),
                  trace_module.StageRecord("wake word", output="heard" if trace.woke else "not heard", ms=30.0)]
        if trace.woke:
            trace.transcript, trace.intent, trace.slots = text, "SetTimer", {"minutes": 10}
            trace.reply = "Timer set for ten minutes."
            stages += [trace_module.StageRecord(name, output=name + " done", ms=10.0) for name in lab_adapter.STAGES[2:]]
        else:
            stages += [trace_module.StageRecord(name, output=trace_module.NOT_UPLOADED, skipped=True)
                       for name in lab_adapter.STAGES[2:]]
        for stage in stages:
            trace.stages.append(stage)
            if on_stage:
                on_stage(stage)
        trace.total_ms = sum(s.ms for s in stages)
        return trace

    return run


@pytest.fixture
def no_pipeline(monkeypatch):
    monkeypatch.setattr(lab_adapter, "pipeline_run", lambda: None)
    monkeypatch.setattr(lab_adapter, "pipeline_class", lambda: None)


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setattr(lab_adapter, "pipeline_run", lambda: stand_in_run())
    monkeypatch.setattr(lab_adapter, "pipeline_class", lambda: None)


@pytest.fixture
def speech_on(monkeypatch):
    from explainer.voice import speech

    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (True, ""))


async def open_lab(pilot, made):
    await settle(pilot, made)
    made.open_lab()
    await settle(pilot, made)
    assert type(made.screen).__name__ == "LabScreen"
    return made.screen


async def test_lab_shows_every_stage_row_at_80x24(app, no_pipeline):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        shown = screen_text(made)
        for stage in lab_adapter.STAGES:
            assert stage in shown


async def test_markup_typed_shows_literally_and_missing_pipeline_is_one_sentence(app, no_pipeline, speech_on):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press(*TYPED)
        assert made.screen.query_one("#lab-text", Input).value == TYPED
        assert TYPED in screen_text(made)
        await pilot.press("enter")
        await settle(pilot, made)
        assert "pipeline is not installed in this build" in screen_text(made)


async def test_empty_and_absurdly_long_text_get_a_message(app, fake_pipeline, speech_on):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press("enter")
        await settle(pilot, made)
        assert "Type a sentence first" in screen_text(made)
        made.screen.query_one("#lab-text", Input).value = "alexa " * 100
        await pilot.press("enter")
        await settle(pilot, made)
        assert f"at most {lab_adapter.MAX_TEXT}" in screen_text(made)


async def test_no_speech_engine_disables_typing_but_not_clips(app, fake_pipeline, monkeypatch):
    from explainer.voice import speech

    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (False, "espeak-ng is missing."))
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        assert screen.query_one("#lab-text", Input).disabled
        assert "No speech engine" in screen_text(made)
        assert "clips still run" in screen_text(made)


async def test_a_run_fills_the_stage_rows_and_a_miss_says_nothing_left(app, fake_pipeline, speech_on):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        await pilot.press(*"alexa set a timer for ten minutes", "enter")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "woke" in shown and "SetTimer" in shown
        assert "heard" in shown and "120" in shown
        assert made.progress.section("lab")["traces"] == 1
        await pilot.press("p")  # no sound in tests: the reply is shown as text
        await settle(pilot, made)
        assert "Timer set for ten minutes." in screen_text(made)
        screen.query_one("#lab-text", Input).focus()
        screen.query_one("#lab-text", Input).value = "hello there"
        await pilot.press("enter")
        await settle(pilot, made)
        assert "not uploaded — nothing left the device" in screen_text(made)
        assert "did not wake" in screen_text(made)


async def test_escape_leaves_the_field_then_the_lab(app, no_pipeline):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        await pilot.press("escape")
        await settle(pilot, made)
        assert isinstance(screen.focused, DataTable)
        await pilot.press("escape")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "MapScreen"


async def test_fool_the_wake_word_marks_what_woke_and_what_was_uploaded(app, monkeypatch, speech_on):
    monkeypatch.setattr(lab_adapter, "pipeline_run", lambda: stand_in_run(woke_on=("lexus",)))
    monkeypatch.setattr(lab_adapter, "pipeline_class", lambda: None)
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press("escape", "w")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "FoolWakeScreen"
        made.screen.query_one("#lab-wake-own", Input).focus()
        await pilot.press(*"[bold]my own[/]", "enter", "escape", "ctrl+r")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "[bold]my own[/]" in shown
        assert "WOKE" in shown and "“she drove a lexus”" in shown
        assert "1 of 5 sound-alikes woke the device" in shown
        await pilot.press("escape")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "LabScreen"


@pytest.mark.slow
async def test_real_pipeline_trace_keeps_the_upload(app):
    if not lab_adapter.available()[0]:
        pytest.skip("LAB-CORE's pipeline (explainer.voice.pipeline) is not in this build yet")
    from explainer.voice.speech import speech_available

    if not speech_available()[0]:
        pytest.skip("no speech engine (espeak-ng) on this machine")
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press(*"alexa set a timer for ten minutes", "enter")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "SetTimer" in shown
        assert "woke" in shown
        for stage in lab_adapter.STAGES:
            assert stage in shown
        history = history_module.VoiceHistory(made.config.data.history_db)
        try:
            assert [entry.intent for entry in history.list()] == ["SetTimer"]  # the upload was kept, for real
        finally:
            history.close()


async def test_threshold_moves_with_arrows_and_follows_the_wake_word(app, no_pipeline):
    wake = pytest.importorskip("explainer.voice.wake", reason="LAB-CORE's wake stage is not in this build")
    from explainer.tui.widgets.lab_controls import ThresholdControl

    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        control = screen.query_one(ThresholdControl)
        assert control.value == wake.default_threshold("alexa")
        control.focus()
        await pilot.press("right")
        assert control.value > wake.default_threshold("alexa")  # stricter
        assert screen.threshold == control.value
        await pilot.press("left", "left")
        assert control.value < wake.default_threshold("alexa")  # looser: more sound-alikes fire
        screen.query_one("#lab-wake").value = "echo"
        await settle(pilot, made)
        assert control.value == wake.default_threshold("echo")
        assert f"{wake.default_threshold('echo'):g}" in screen_text(made)
