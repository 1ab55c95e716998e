"""The wake-word explorer's phonetics: the real CMU dictionary, a weighted phone edit distance, a threshold."""

from __future__ import annotations

import pytest

from explainer.voice import phonetics


@pytest.fixture(scope="module")
def cmu():
    return phonetics.load_dictionary()


def test_dictionary_is_the_real_cmu_dictionary(cmu):
    assert len(cmu) > 100_000
    assert cmu["alexa"] == ("AH", "L", "EH", "K", "S", "AH")
    assert phonetics.load_dictionary() is cmu  # cached


def test_reported_triggers_score_closer_than_unrelated_words(cmu):
    alexa = lambda text: phonetics.similarity(text, "Alexa", cmu).score  # noqa: E731
    assert alexa("election") > alexa("banana") + 0.2
    assert alexa("Alexis") > alexa("what's for dinner")
    assert alexa("Alexa, what time is it?") == 1.0
    assert phonetics.similarity("tobacco", "Echo", cmu).score > phonetics.similarity("potato", "Echo", cmu).score
    assert phonetics.similarity("Montana", "Cortana", cmu).score > phonetics.similarity("Peter", "Cortana", cmu).score


def test_best_window_slides_along_the_phrase(cmu):
    match = phonetics.similarity("the election results", "alexa", cmu)
    assert match.window == ("IH", "L", "EH", "K", "SH", "AH")
    assert match.wake == cmu["alexa"]


def test_letter_rules_for_unknown_words(cmu):
    assert "cortana" not in cmu
    assert phonetics.letters_to_phones("cortana") == ("K", "AO", "R", "T", "AE", "N", "AH")
    assert phonetics.phrase_phones("Zorblax!", cmu)  # anything with letters gets phones
    assert phonetics.phrase_phones("[b]123[/b]", cmu) == phonetics.phrase_phones("b b", cmu)


def test_substitution_costs_follow_articulation():
    assert phonetics.substitution_cost("S", "SH") < phonetics.substitution_cost("S", "M")
    assert phonetics.substitution_cost("IH", "IY") < phonetics.substitution_cost("IY", "AA")
    assert phonetics.substitution_cost("K", "AA") == 1.0
    assert phonetics.substitution_cost("T", "T") == 0.0


def test_threshold_counts_false_and_missed_wakes(cmu):
    phrases = [("Alexa, stop", True), ("Lexa, stop", True), ("election", False), ("banana", False)]
    lenient = phonetics.count_outcomes(phonetics.judge(phrases, "alexa", 0.6, cmu))
    strict = phonetics.count_outcomes(phonetics.judge(phrases, "alexa", 0.95, cmu))
    assert lenient["false wake"] >= 1 and lenient["missed wake"] == 0
    assert strict["false wake"] == 0 and strict["missed wake"] == 1
    assert sum(strict.values()) == 4
    assert phonetics.addresses("Hey, Alexa! lights", "alexa")
    assert not phonetics.addresses("Alexander", "alexa")
