"""The lab's understanding (hassil templates) and local skills: no audio needed."""

from __future__ import annotations

import datetime as dt

import pytest

from explainer.voice.grammar import number_words
from explainer.voice.langmodel import build_arpa
from explainer.voice.nlu import parse, strip_wake_word
from explainer.voice.skills import Skills


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("alexa set a timer for ten minutes", "SetTimer", {"minutes": 10}),
        ("Alexa, set a timer for 10 minutes!", "SetTimer", {"minutes": 10}),
        ("computer what is the weather in paris tomorrow", "GetWeather", {"city": "paris", "day": "tomorrow"}),
        ("remind me to buy milk tomorrow", "SetReminder", {"task": "buy milk", "when": "tomorrow"}),
        ("add eggs to my shopping list", "AddToList", {"item": "eggs"}),
        ("echo call mom", "CallContact", {"contact": "mom"}),
        ("alexa play some jazz", "PlayMusic", {"genre": "jazz"}),
        ("alexa what time is it", "GetTime", {}),
    ],
)
def test_parse_intents_and_slots(text, intent, slots):
    result = parse(text)
    assert result is not None
    assert (result.intent, result.slots) == (intent, slots)


@pytest.mark.parametrize("text", ["", "   ", "she drove a lexus to the election", "[bold]alexa[/bold]"])
def test_parse_returns_none_for_nothing_understood(text):
    assert parse(text) is None


def test_strip_wake_word():
    assert strip_wake_word("Alexa, what time is it?") == ("alexa", "what time is it")
    assert strip_wake_word("what time is it") == (None, "what time is it")


def test_number_words():
    assert [number_words(n) for n in (7, 10, 21, 60, 105)] == ["seven", "ten", "twenty one", "sixty", "one hundred five"]


def test_arpa_has_three_orders():
    arpa = build_arpa(["set a timer", "set a reminder"])
    assert "ngram 3=" in arpa and "\\3-grams:" in arpa and arpa.rstrip().endswith("\\end\\")


@pytest.fixture
def skills():
    return Skills(now=lambda: dt.datetime(2026, 1, 5, 9, 30))


def test_timer_skill(skills):
    reply = skills.fulfil(parse("alexa set a timer for ten minutes"))
    assert reply.text == "Timer set for ten minutes. It ends at 09:40."
    assert skills.state.timers and reply.data["seconds"] == 600


def test_weather_comes_from_canned_data(skills):
    reply = skills.fulfil(parse("what is the weather in paris tomorrow"))
    assert "Paris" in reply.text and "75% chance of rain" in reply.text


def test_shopping_list_remembers(skills):
    skills.fulfil(parse("add eggs to my shopping list"))
    skills.fulfil(parse("add bread to the shopping list"))
    assert skills.fulfil(parse("what's on my shopping list")).text == "On your shopping list: eggs, bread."


def test_call_and_reminder_do_nothing_real(skills):
    assert "nothing was dialled" in skills.fulfil(parse("call grandma")).text
    assert skills.fulfil(parse("remind me to feed the cat tonight")).text == "Okay, I'll remind you to feed the cat tonight."


def test_not_understood(skills):
    assert skills.fulfil(None).skill == "none"


def test_understand_uses_the_nearest_known_command_but_not_for_anything():
    from explainer.voice.nlu import understand

    near = understand("alexa are milk to my shopping list")
    assert near is not None and (near.intent, near.slots) == ("AddToList", {"item": "milk"})
    assert near.closest == "alexa add milk to my shopping list"
    assert understand("she drove a lexus to the election") is None
    exact = understand("alexa call mom")
    assert exact is not None and exact.closest is None


def test_swear_words_from_the_general_model_are_masked():
    from explainer.voice.asr import _clean

    assert _clean("<s> shit if the goal </s>") == "s*** if the goal"
    assert _clean("alexa call mom") == "alexa call mom"
