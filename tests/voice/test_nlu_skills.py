"""The lab's understanding (hassil templates, clean-up) and local skills: no audio needed."""

from __future__ import annotations

import datetime as dt

import pytest

from explainer.voice.cleanup import clean_up
from explainer.voice.nlu import parse, understand
from explainer.voice.skills import Skills
from explainer.voice.wake import WAKE_WORDS
from explainer.voice.words import number_words, spell_numbers

pytestmark = pytest.mark.real_lab  # near misses use the nearest-command index: loaded once, in the lab's worker


def heard(text: str):
    return understand(clean_up(text, WAKE_WORDS).text)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("alexa set a timer for ten minutes", "SetTimer", {"minutes": 10}),
        ("Alexa, set a timer for 10 minutes!", "SetTimer", {"minutes": 10}),
        ("alexa could you please start a 5 minute timer", "SetTimer", {"minutes": 5}),
        ("alexa timer for two hours", "SetTimer", {"minutes": 120}),
        ("alexa set a timer for half an hour", "SetTimer", {"minutes": 30}),
        ("computer what is the weather in paris tomorrow", "GetWeather", {"city": "paris", "day": "tomorrow"}),
        ("alexa will it rain in new york on saturday", "GetWeather", {"city": "new york", "day": "saturday"}),
        ("remind me to buy milk tomorrow", "SetReminder", {"task": "buy milk", "when": "tomorrow"}),
        ("add eggs to my shopping list", "AddToList", {"item": "eggs"}),
        ("alexa add oat milk", "AddToList", {"item": "oat milk"}),
        ("alexa we're out of peanut butter", "AddToList", {"item": "peanut butter"}),
        ("echo call mom", "CallContact", {"contact": "mom"}),
        ("alexa call mom please", "CallContact", {"contact": "mom"}),
        ("alexa play some jazz", "PlayMusic", {"genre": "jazz"}),
        ("alexa stop playing music", "StopMusic", {}),
        ("alexa what time is it", "GetTime", {}),
        ("hey alexa what time is it", "GetTime", {}),
        ("what time is it alexa", "GetTime", {}),
    ],
)
def test_natural_commands_give_intents_and_slots(text, intent, slots):
    result = heard(text)
    assert result is not None and not result.guessed
    assert (result.intent, result.slots) == (intent, slots)


@pytest.mark.parametrize("text", ["", "   ", "she drove a lexus to the election", "[bold]alexa[/bold]",
                                  "i just need to relax for a minute"])
def test_nothing_understood(text):
    assert heard(text) is None


def test_clean_up_says_what_it_changed_and_changes_nothing_else():
    cleaned = clean_up("Alexa, set a timer for 10 minutes!", WAKE_WORDS)
    assert cleaned.text == "set a timer for ten minutes"
    assert any("wake word" in c for c in cleaned.changes) and any("numbers" in c for c in cleaned.changes)
    assert clean_up("set up timer for ten minutes", WAKE_WORDS).text == "set up timer for ten minutes"


def test_numbers_are_spelled_by_unicode_rbnf():
    assert [number_words(n) for n in (7, 10, 21, 60, 105)] == ["seven", "ten", "twenty one", "sixty",
                                                               "one hundred five"]
    assert spell_numbers("at 7:30 for 5") == "at seven thirty for five"


def test_the_best_template_wins_over_a_wildcard_that_swallows_words():
    assert parse("add oat milk to the list").slots == {"item": "oat milk"}


@pytest.mark.parametrize(("text", "city"), [("weather in london today", "london"),
                                           ("forecast in london tomorrow", "london"),
                                           ("weather in boston on monday", "boston")])
def test_an_open_slot_never_splits_a_word(text, city):
    # hassil matches characters: "london today" could be city "lond" + "on today" (more literal text)
    for said in (text, f"alexa {text}"):
        found = heard(said)
        assert found is not None and found.slots["city"] == city, found


def test_a_guess_is_marked_unambiguous_and_never_invents_a_slot():
    near = heard("alexa are milk to my shopping list")
    assert near is not None and near.guessed and (near.intent, near.slots) == ("AddToList", {"item": "milk"})
    assert near.closest == "add milk to my shopping list"
    assert heard("alexa play some dog") is None  # "dog" is no genre: no genre is invented
    exact = heard("alexa call mom")
    assert exact is not None and not exact.guessed


def test_stop_never_becomes_play():
    for text in ("alexa stop play music", "alexa stop playing the music", "alexa stop the songs", "stop"):
        result = heard(text)
        assert result is None or result.intent != "PlayMusic", text


@pytest.fixture
def skills():
    return Skills(now=lambda: dt.datetime(2026, 1, 5, 9, 30))


def test_timer_skill(skills):
    reply = skills.fulfil(heard("alexa set a timer for ten minutes"))
    assert reply.text == "Timer set for ten minutes. It ends at 09:40."
    assert skills.state.timers and reply.data["seconds"] == 600


def test_weather_comes_from_canned_data(skills):
    reply = skills.fulfil(heard("what is the weather in paris tomorrow"))
    assert "Paris" in reply.text and "75% chance of rain" in reply.text


def test_weather_for_a_day_or_city_it_has_no_data_for_says_what_it_does_know(skills):
    """A new user's "alexa what's the forecast for the weekend" got "I have no weather for London the weekend."""
    assert skills.fulfil(heard("what's the forecast for the weekend")).text.startswith("This weekend in London: ")
    assert skills.fulfil(heard("what's the weather in london on monday")).text == (
        "I have no weather for monday in London; only for today, tomorrow, tonight and this weekend.")
    assert skills.fulfil(heard("what's the weather in lisbon today")).text.startswith(
        "I have no weather for today in Lisbon; for London, Dublin, Berlin")


def test_shopping_list_remembers(skills):
    skills.fulfil(heard("add eggs to my shopping list"))
    skills.fulfil(heard("add bread to the shopping list"))
    assert skills.fulfil(heard("what's on my shopping list")).text == "On your shopping list: eggs, bread."


def test_call_and_reminder_do_nothing_real(skills):
    assert "nothing was dialled" in skills.fulfil(heard("call grandma")).text
    assert skills.fulfil(heard("remind me to feed the cat tonight")).text == "Okay, I'll remind you to feed the cat tonight."


def test_not_understood(skills):
    assert skills.fulfil(None).skill == "none"
