"""Unit tests for the lessons' Textual-free logic: phonetics, sampling, the listening window, narration text."""

from __future__ import annotations

import pytest

from explainer.course.model import Page
from explainer.learning import sampling, timeline
from explainer.tui.narration import chunks, narration_text
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


def test_sampling_arithmetic():
    result = sampling.compute(sampling.SamplingInputs(10_000_000, 5, 0.002, household_requests_per_day=10))
    assert result.requests_per_day == 50_000_000
    assert result.reviewed_per_day == pytest.approx(100_000)
    assert result.shifts_per_day == 100
    assert result.household_reviewed_per_year == pytest.approx(7.3)
    assert 0.99 < result.household_chance_any_per_year < 1
    assert sampling.compute(sampling.SamplingInputs(1, 1, 0.0)).household_chance_any_per_year == 0


@pytest.mark.parametrize(
    ("text", "percent", "expected"),
    [("1,000", False, 1000), ("2.5 million", False, 2.5e6), ("3k", False, 3000), ("0.2%", True, 0.002),
     ("0.2", True, 0.002), ("1e6", False, 1e6)],
)
def test_parse_number_accepts_friendly_forms(text, percent, expected):
    assert sampling.parse_number(text, percent=percent) == pytest.approx(expected)


@pytest.mark.parametrize(("text", "percent"), [("lots", False), ("", False), ("-3", False), ("200%", True),
                                               ("5 gazillion", False), ("2 million", True)])
def test_parse_number_rejects_with_a_message(text, percent):
    with pytest.raises(sampling.InputError) as error:
        sampling.parse_number(text, percent=percent, maximum=1.0 if percent else None)
    assert str(error.value)


def test_listening_window_timeout_trade_off():
    short = timeline.capture(0.3)
    right = timeline.capture(0.7)
    long = timeline.capture(2.0)
    assert short.cut_off and not short.bystander
    assert not right.cut_off and not right.bystander
    assert long.bystander and not long.cut_off
    assert right.start == pytest.approx(0.5)  # 500 ms of pre-roll before the wake word at 1.0 s
    assert right.kilobytes == pytest.approx(right.seconds * 32)  # 16 kHz x 2 bytes
    assert short.seconds < right.seconds < long.seconds
    assert timeline.clamp_timeout(5) == timeline.MAX_TIMEOUT_S and timeline.clamp_timeout(0) == timeline.MIN_TIMEOUT_S


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


def test_format_chance_never_claims_certainty():
    assert sampling.format_chance(0.9993) == "over 99%"
    assert sampling.format_chance(1.0) == "100%"
    assert sampling.format_chance(0.004) == "under 1%"
    assert sampling.format_chance(0.0) == "0%"
    assert sampling.format_chance(0.5) == "50%"
