"""Lab UI (LAB-UI helper): the station models for cloud-check ("nbest"), understanding
("intent-parser") and kept-on-file ("history-browser"), opened in the real app at 80x24."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from explainer.tui import lab_adapter
from explainer.tui.widgets.models import MODEL_WIDGETS, model_widget_class
from tests.robust_support import screen_text, settle


async def open_model(pilot, made, station_id):
    await settle(pilot, made)
    made.open_station(station_id, "model")
    await settle(pilot, made)
    await settle(pilot, made)


def test_the_three_models_are_registered_and_import():
    for model_id in ("nbest", "intent-parser", "history-browser"):
        assert model_id in MODEL_WIDGETS
        model_widget_class(model_id)


async def test_intent_parser_shows_set_timer_with_minutes(app):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "understanding")
        field = made.screen.query_one("#intent-text", Input)
        assert made.screen.focused is field
        field.value = ""
        await pilot.press(*"set a timer for ten minutes")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "SetTimer" in shown
        assert "minutes = 10" in shown
        assert "understanding" in made.progress.models_tried


async def test_intent_parser_no_match_lists_known_intents_and_markup_stays_literal(app):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "understanding")
        field = made.screen.query_one("#intent-text", Input)
        field.value = ""
        await pilot.press(*"[bold]sing[/] me a sea shanty")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "No match" in shown
        assert "[bold]sing[/]" in shown
        assert "SetTimer" in shown and "GetWeather" in shown  # from the list of what it knows


async def test_nbest_without_a_recogniser_says_so_and_shows_no_scores(app, monkeypatch):
    monkeypatch.setattr(lab_adapter, "_module", lambda name: None)
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "cloud-check")
        assert "recogniser (explainer.voice.asr) is not installed" in screen_text(made)
        await pilot.press("enter")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "not installed" in shown
        assert "hypotheses, best first" not in shown


async def test_nbest_with_the_real_recogniser(app):
    if lab_adapter._module("asr") is None:
        pytest.skip("LAB-CORE's recogniser (explainer.voice.asr) is not in this build yet")
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "cloud-check")
        await pilot.press("enter")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "hypotheses, best first" in shown or "Could not decode" in shown
        assert "1. " in shown or "Could not decode" in shown


async def test_nbest_scores_read_as_shares_of_the_five(app, monkeypatch):
    """QA S18: raw scores like 0.0273, 0.0271... told a newcomer nothing; shares of the five do."""
    monkeypatch.setattr(lab_adapter, "clip_samples16k", lambda clip, root, cache: ([0.0], None))
    guesses = [("play jazz", 0.030), ("play james", 0.029), ("pay jazz", 0.021), ("play", 0.012), ("", 0.008)]
    monkeypatch.setattr(lab_adapter, "nbest", lambda samples, n: guesses)
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "cloud-check")
        await pilot.press("enter")
        await settle(pilot, made)
        shown = " ".join(screen_text(made).split())
        assert "share of the recogniser's score" in shown and "not the chance" in shown
        for share in ("30.0%", "29.0%", "21.0%", "12.0%", "8.0%"):
            assert share in shown
        assert "0.03 " not in shown


async def test_history_browser_model_deletes_for_real(app, app_config):
    history_module = pytest.importorskip("explainer.voice.history")
    db = app_config().data.history_db
    history = history_module.VoiceHistory(db)
    history.add(audio=None, transcript="alexa what time is it", intent="GetTime")
    history.close()
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "kept-on-file")
        shown = screen_text(made)
        assert "alexa what time is it" in shown
        assert "uploads you made in this app's voice lab" in shown
        await pilot.press("d")
        await settle(pilot, made)
        reopened = history_module.VoiceHistory(db)
        assert reopened.count() == 0
        reopened.close()
        assert "kept-on-file" in made.progress.models_tried


async def test_history_browser_model_leaves_the_lessons_page_keys_alone(app):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "kept-on-file")
        assert made.screen.at_model
        await pilot.press("p")  # the lesson's "back", not "play"
        await settle(pilot, made)
        assert not made.screen.at_model


async def test_intent_parser_names_the_closest_known_command_for_a_near_miss(app):
    nlu = pytest.importorskip("explainer.voice.nlu")
    if not hasattr(nlu, "closest_command"):
        pytest.skip("LAB-CORE's nlu has no closest_command in this build")
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "understanding")
        field = made.screen.query_one("#intent-text", Input)
        field.value = ""
        await pilot.press(*"are milk to my shopping list")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "No match" in shown
        assert "Closest known command" in shown
