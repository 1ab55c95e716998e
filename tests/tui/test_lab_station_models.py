"""The lab's station models for cloud-check ("nbest"), understanding ("intent-parser") and
kept-on-file ("history-browser"), opened in the real app at 80x24; the lab service is real or
a stand-in passed through the app factory."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Input

from explainer.tui.widgets.models import MODEL_WIDGETS, model_widget_class
from tests.pilot import screen_text, settle, wait_until
from tests.tui.lab_fake import FakeLab

pytestmark = pytest.mark.real_lab  # the intent parser and n-best tests load the real parser and decoder


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
        assert made.screen.focused is not field  # the field takes the focus only when asked
        await pilot.press("a")
        assert made.screen.focused is field
        field.value = ""
        await pilot.press(*"set a timer for ten minutes")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "Set a timer — 10 minutes" in shown  # in plain words first (issue 12.5)
        assert "SetTimer" in shown
        assert "minutes = 10" in shown
        assert "understanding" in made.progress.models_tried


async def test_intent_parser_no_match_lists_known_intents_and_markup_stays_literal(app):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "understanding")
        field = made.screen.query_one("#intent-text", Input)
        await pilot.press("a")
        field.value = ""
        await pilot.press(*"[bold]knit[/] me a warm scarf")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "No match" in shown
        assert "[bold]knit[/]" in shown
        flowing = " ".join(shown.split())
        assert "Set a timer" in flowing and "Get the weather" in flowing  # what it knows, in words


async def test_nbest_when_the_decoder_fails_says_so_and_shows_no_scores(app):
    class Broken(FakeLab):
        def nbest(self, samples16k, n=5):  # noqa: ANN001
            raise RuntimeError("the decoder could not be loaded")

    made = app(lab=Broken())
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "cloud-check")
        await pilot.press("enter")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "Could not decode it" in shown and "could not be loaded" in shown
        assert "1. " not in shown


async def test_nbest_is_sorted_by_the_decoders_score_on_a_stated_scale(app):
    """Issue 16: the list said "best first" but was not sorted, and every share was ~20%."""
    guesses = [("play james", -120.0), ("play jazz", 0.0), ("", -2400.0), ("pay jazz", -480.0), ("pay james", -50000.0)]
    made = app(lab=FakeLab(nbest=guesses))
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "cloud-check")
        await pilot.press("enter")
        await settle(pilot, made)
        shown = " ".join(screen_text(made).split())
        assert "sorted by the recogniser's own score" in shown and "under 7,000 means it found it at least half" in shown
        assert shown.index("1. best play jazz") < shown.index("2. -120 play james") < shown.index("3. -480 pay jazz")
        assert "%" not in shown.split("hypotheses")[1]
        # the gap in words: log base 1.0001, so 120 is "about as likely", 50,000 about e^5 ≈ 148 times
        assert "play james 3. " in shown and "pay james (about 100 times less likely)" in shown


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
        assert "recordings the voice lab's device sent" in shown
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
        assert made.screen.walk.at_model
        await pilot.press("p")  # the lesson's "back", not "play"
        await settle(pilot, made)
        assert not made.screen.walk.at_model


async def test_intent_parser_names_the_closest_known_command_for_a_near_miss(app):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "understanding")
        field = made.screen.query_one("#intent-text", Input)
        await pilot.press("a")
        field.value = ""
        await pilot.press(*"are milk to my shopping list")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "No match" in shown
        assert "Nearest known command" in shown and "add milk to my shopping list" in " ".join(shown.split())


class CountingLab(FakeLab):
    """The real parser, counting what it was asked; ``hold`` keeps one text's parse waiting."""

    def __init__(self, hold: str | None = None) -> None:
        super().__init__()
        self.asked: list[str] = []
        self.hold, self.release, self.held_done = hold, threading.Event(), threading.Event()

    def parse(self, text: str):  # noqa: ANN201
        self.asked.append(text)
        if text != self.hold:
            return super().parse(text)
        try:
            self.release.wait(30)
            return super().parse(text)
        finally:
            self.held_done.set()


async def test_intent_parser_waits_for_a_pause_in_the_typing_and_says_it_is_working(app, monkeypatch):
    from explainer.tui.widgets.models import intent_parser

    lab = CountingLab()
    made = app(lab=lab)
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "understanding")
        assert "SetTimer" in screen_text(made)  # the example, parsed at once
        monkeypatch.setattr(intent_parser, "PAUSE_S", 3600)  # a learner still typing: no pause yet
        await pilot.press("a")
        assert made.screen.focused is made.screen.query_one("#intent-text", Input)
        await pilot.press("ctrl+u")  # the field emptied: says so at once
        await settle(pilot, made)
        assert "Type a command above." in screen_text(made)
        asked = len(lab.asked)
        await pilot.press(*"what time is it")
        shown = " ".join(screen_text(made).split())
        assert "Understanding “what time is it”…" in shown  # working, and on which text
        assert "SetTimer" in shown  # the last result stays (dimmed) until the new one is ready
        assert len(lab.asked) == asked  # not one parse per key
        await pilot.press("enter")  # enter parses at once
        await settle(pilot, made)
        shown = " ".join(screen_text(made).split())
        assert lab.asked[asked:] == ["what time is it"]
        assert "GetTime" in shown and "SetTimer" not in shown and "Understanding “" not in shown


async def test_intent_parser_an_older_slow_parse_never_replaces_the_newer_result(app):
    lab = CountingLab(hold="set a timer for two minutes")
    made = app(lab=lab)
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "understanding")
        field = made.screen.query_one("#intent-text", Input)
        await pilot.press("a")
        field.value = "set a timer for two minutes"
        await pilot.press("enter")  # its parse starts and is held
        await wait_until(pilot, lambda: "set a timer for two minutes" in lab.asked, "the held parse")
        field.value = "what time is it"
        await pilot.press("enter")
        await settle(pilot, made)
        assert "GetTime" in screen_text(made)
        lab.release.set()  # the older parse finishes last
        assert lab.held_done.wait(30)
        await settle(pilot, made)
        shown = screen_text(made)
        assert "GetTime" in shown and "minutes = 2" not in shown


@pytest.mark.slow
async def test_nbest_with_the_real_recogniser(app):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_model(pilot, made, "cloud-check")
        await pilot.press("enter")
        for _ in range(40):
            await settle(pilot, made)
            if "hypotheses" in screen_text(made) or "Could not decode" in screen_text(made):
                break
        shown = screen_text(made)
        assert "sorted by the recogniser's own score" in " ".join(shown.split()) or "Could not decode" in shown
        assert "1. " in shown or "Could not decode" in shown


def test_intents_and_slots_in_plain_words():
    from explainer.tui.widgets.models.intent_words import intent_in_words, split_name

    data = {"intents": {"SetTimer": "Set a timer", "GetWeather": "Get the weather"},
            "slots": {"minutes": ["{value} minute", "{value} minutes"], "city": "in {value}"}}
    assert intent_in_words("SetTimer", {"minutes": "10"}, data) == "Set a timer — 10 minutes"
    assert intent_in_words("SetTimer", {"minutes": "1"}, data) == "Set a timer — 1 minute"
    assert intent_in_words("GetWeather", {"city": "paris", "day": "tomorrow"}, data) == (
        "Get the weather — in paris, tomorrow")
    assert intent_in_words("TimerStatus", {}, {}) == "Timer status" == split_name("TimerStatus")
