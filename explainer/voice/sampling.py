"""Which uploads are "selected for human review": a seeded, reproducible sampler.

Companies that used human review picked a small fraction of recordings.  The lab samples
at a configurable rate (higher than reported real rates, so a learner actually sees it
happen) and decides from a hash of the seed and the upload id, so the same upload is
always either in or out of the queue — a rerun never reshuffles it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_RATE = 0.25
# What companies said in 2019 (Google: about 0.2% of Assistant snippets; Apple: under 0.2% of
# Siri requests) -- shown beside the lab's deliberately higher rate (course facts.toml).
REPORTED_RATE = 0.002
DEFAULT_SEED = 2019


@dataclass(frozen=True)
class ReviewSampler:
    """``sampler.selects(upload_key)`` is True for about ``rate`` of all keys, the same every time."""

    rate: float = DEFAULT_RATE
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"sampling rate must be between 0 and 1, got {self.rate}")

    def draw(self, upload_key: str | int) -> float:
        """A number in [0, 1) fixed by the seed and the key."""
        digest = hashlib.sha256(f"{self.seed}:{upload_key}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    def selects(self, upload_key: str | int) -> bool:
        return self.draw(upload_key) < self.rate


def selected_for_review(history_db: Path | None = None) -> list[Any]:
    """The learner's own uploads that the sampler put in the review queue (newest first).

    The reviewer seat calls this to show "your own clip is in the queue".  With no path it
    uses the learner's data folder.  Example uploads (made up, not the learner's) never count.
    """
    from explainer.paths import data_paths
    from explainer.voice.history import VoiceHistory

    path = history_db or data_paths().history_db
    if not Path(path).exists():
        return []
    history = VoiceHistory(path)
    try:
        return [entry for entry in history.list() if entry.selected_for_review and not entry.example]
    finally:
        history.close()
