"""Small statistics for timings: medians and percentiles without numpy (bench must start light)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else math.nan


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), interpolated between the two nearest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def ms(seconds: float) -> float:
    """Seconds to milliseconds, rounded to 0.1 ms (finer is noise on a shared machine)."""
    return round(seconds * 1000.0, 1)
