"""The station models' Textual-free arithmetic: the sampling calculator and the listening window."""

from __future__ import annotations

import pytest

from explainer.learning import sampling, timeline


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


def test_format_chance_never_claims_certainty():
    assert sampling.format_chance(0.9993) == "over 99%"
    assert sampling.format_chance(1.0) == "100%"
    assert sampling.format_chance(0.004) == "under 1%"
    assert sampling.format_chance(0.0) == "0%"
    assert sampling.format_chance(0.5) == "50%"
