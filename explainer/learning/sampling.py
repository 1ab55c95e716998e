"""The arithmetic of "a small fraction" of voice requests going to human reviewers.

Companies described human review in 2019 as a tiny share of requests (Google about 0.2%,
Amazon "a small fraction of 1%", Apple under 1% of daily activations). A tiny share of a
huge number is still a large number: the sampling station's calculator turns users,
requests a day and a review rate into clips heard a day, reviewer shifts needed (reviewers
reportedly handled about 1,000 clips a shift) and the clips a reviewer may hear from one
household in a year. This module is that arithmetic, kept free of any UI so it can be tested.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

CLIPS_PER_SHIFT = 1000  # reported pace at Amazon (Bucharest) and Apple (Cork), 2019
DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class SamplingInputs:
    users: float  # active users (or devices)
    requests_per_day: float  # requests per user per day
    review_rate: float  # fraction 0..1 of requests sent to human review
    household_requests_per_day: float = 10.0
    clips_per_shift: float = CLIPS_PER_SHIFT


@dataclass(frozen=True)
class SamplingResult:
    requests_per_day: float  # across all users
    reviewed_per_day: float
    shifts_per_day: int  # reviewer shifts needed to keep up
    household_reviewed_per_year: float  # expected clips from one household
    household_chance_any_per_year: float  # probability at least one of its clips is reviewed


def compute(inputs: SamplingInputs) -> SamplingResult:
    total = inputs.users * inputs.requests_per_day
    reviewed = total * inputs.review_rate
    shifts = math.ceil(reviewed / inputs.clips_per_shift) if inputs.clips_per_shift > 0 else 0
    household_year = inputs.household_requests_per_day * DAYS_PER_YEAR
    expected = household_year * inputs.review_rate
    rate = min(max(inputs.review_rate, 0.0), 1.0)
    chance = 1.0 - (1.0 - rate) ** household_year if rate < 1 else 1.0
    return SamplingResult(total, reviewed, shifts, expected, chance)


class InputError(ValueError):
    """A number the learner typed that we cannot use; the message says what to type instead."""


_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9}
_NUMBER_RE = re.compile(r"^([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(%|[a-z]+)?$")


def parse_number(text: str, *, percent: bool = False, minimum: float = 0.0,
                 maximum: float | None = None) -> float:
    """Read '1,000', '2.5 million', '3k', '0.2%' (percent fields accept '0.2' as 0.2%).

    Returns a plain number; for percent fields, a fraction (0.2% -> 0.002).
    Raises InputError with a message a learner can act on.
    """
    cleaned = text.strip().lower().replace(",", "").replace("_", "")
    match = _NUMBER_RE.match(cleaned)
    if not match:
        raise InputError(f"Type a number such as 1000, 2.5 million or 0.2% (not {text.strip()!r}).")
    value = float(match.group(1))
    suffix = match.group(2)
    if suffix == "%" or percent:
        if suffix not in (None, "%"):
            raise InputError("A rate is a percentage, such as 0.2 or 0.2%.")
        value /= 100.0
    elif suffix:
        if suffix not in _MULTIPLIERS:
            raise InputError(f"Unknown word {suffix!r}: use k, million or billion.")
        value *= _MULTIPLIERS[suffix]
    if not math.isfinite(value) or value < minimum:
        raise InputError(f"Use a number of at least {minimum:g}.")
    if maximum is not None and value > maximum:
        limit = f"{maximum * 100:g}%" if percent else f"{maximum:g}"
        raise InputError(f"Use a number of at most {limit}.")
    return value


def format_count(value: float) -> str:
    """Readable counts: 1,234 / 12.3 million / 0.37."""
    if value >= 1e9:
        return f"{value / 1e9:.1f} billion"
    if value >= 1e6:
        return f"{value / 1e6:.1f} million"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.1f}"
    return f"{value:.2f}"


def format_chance(probability: float) -> str:
    """A probability as a percentage that never rounds a near-certainty up to a certainty."""
    if probability >= 1.0:
        return "100%"
    if probability > 0.99:
        return "over 99%"
    if 0 < probability < 0.01:
        return "under 1%"
    return f"{probability:.0%}"
