"""The wake word (explainer.voice.wake): the spotter, then a second, closer listen against the
words that sound like it.  Stand-in engines check the rule; the real decoder checks the grammar."""

from __future__ import annotations

import numpy as np
import pytest

from explainer.voice.wake import (
    CHECK_MARGIN_S,
    RIVALS,
    THRESHOLD_STEPS,
    WakeWordDetector,
    default_threshold,
)
from tests.voice.conftest import needs_speech


class _Engine:
    """Spots the wake word at 1.0-1.4 s; the second listen answers ``heard`` with ``margin``."""

    def __init__(self, heard: str, margin: float) -> None:
        self.heard, self.margin, self.checked = heard, margin, []

    def spot(self, pcm, word, threshold, warp=1.0):
        return 1.5, 1.0, 1.4

    def check_wake(self, pcm, word, rivals, around, span, warp=1.0):
        self.checked.append((word, span))
        return self.heard, self.margin


PCM = np.zeros(16000 * 3, dtype=np.int16)


def test_a_rival_that_wins_and_fits_better_withdraws_the_wake():
    engine = _Engine("alexis", 400.0)
    result = WakeWordDetector("alexa").listen(engine, PCM)  # type: ignore[arg-type]
    assert not result.woke and result.rival == "alexis"
    assert (result.start, result.end) == (1.0, 1.4)  # where it was spotted stays in the trace
    assert engine.checked == [("alexa", (1.0 - CHECK_MARGIN_S, 1.4 + CHECK_MARGIN_S))]
    assert "second listen heard 'alexis'" in result.summary() and "nothing leaves the device" in result.summary()


@pytest.mark.parametrize(("heard", "margin"), [
    ("alexa", 900.0),  # the wake word wins its own grammar
    ("alexis", -50.0),  # a rival wins, but the rivals alone fit worse than the wake word alone: not clear
    ("", float("-inf")),  # nothing decoded: no evidence against the spotter
])
def test_the_wake_stands_unless_a_rival_wins_clearly(heard, margin):
    result = WakeWordDetector("alexa").listen(_Engine(heard, margin), PCM)  # type: ignore[arg-type]
    assert result.woke and result.rival == ""


def test_only_wake_words_with_rivals_are_listened_to_twice_and_it_can_be_switched_off():
    engine = _Engine("alexis", 400.0)
    assert WakeWordDetector("alexa", second_listen=False).listen(engine, PCM).woke  # type: ignore[arg-type]
    assert WakeWordDetector("computer").listen(engine, PCM).woke  # type: ignore[arg-type]
    assert engine.checked == []


def test_the_usual_threshold_is_a_step_of_the_strictness_bar():
    assert default_threshold("alexa") in THRESHOLD_STEPS and len(THRESHOLD_STEPS) == 10
    assert "alexa" not in RIVALS["alexa"]


@needs_speech
def test_the_real_second_listen_withdraws_a_sound_alike_and_keeps_a_command(lab):
    from explainer.voice.lab_service import LabRequest

    alike = lab.run(LabRequest(text="she drove a lexus to the election", speak_reply=False))
    wake = alike.stage("wake word")
    assert not alike.woke and wake.data["rival"] in RIVALS["alexa"]  # en-us, quiet room: "elect" won
    assert "second listen heard" in wake.output and alike.history_id is None  # nothing was sent
    command = lab.run(LabRequest(text="alexa set a timer for ten minutes", speak_reply=False))
    assert command.woke and command.stage("wake word").data["rival"] == ""
