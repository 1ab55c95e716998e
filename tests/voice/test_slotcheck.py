"""Open slots that name nothing ("them") or swallowed the command's own words ("to the lisa"):
the parser says why (explainer.voice.slotcheck), the confidence rule asks again, and the
N-best check prefers a near hypothesis whose slot is sound."""

from __future__ import annotations

import numpy as np
import pytest

from explainer.voice.cleanup import clean_up
from explainer.voice.decision import decide
from explainer.voice.nlu import parse
from explainer.voice.slotcheck import EMPTY, ENDING, names_nothing, one_letter_apart
from explainer.voice.wake import WAKE_WORDS


def parsed(text: str):
    return parse(clean_up(text, WAKE_WORDS).text)


@pytest.mark.parametrize(("text", "slot", "value"), [
    ("alexa put them on my shopping list", "item", "them"),  # heard for "put eggs on my shopping list"
    ("alexa add it to the list", "item", "it"),
    ("alexa add some", "item", "some"),
    ("alexa put those on the list", "item", "those"),
    ("alexa call her", "contact", "her"),
])
def test_a_slot_that_names_nothing_is_never_acted_on(text, slot, value):
    found = parsed(text)
    assert found is not None and found.slots[slot] == value  # the parser still says what it made of it
    assert (found.doubt.kind, found.doubt.slot, found.doubt.value) == (EMPTY, slot, value)
    decision = decide(1.0, found)  # even typed, with full confidence
    assert not decision.act and f"the {slot} '{value}' names nothing" in decision.describe()


@pytest.mark.parametrize(("text", "slot", "said"), [
    ("alexa add bread and butter to the lisa", "item", "add bread and butter to the list"),
    ("alexa add milk to my shopping lisp", "item", "add milk to my shopping list"),
    ("alexa remind me to call mom at tin", "task", "remind me to call mom at ten"),
])
def test_a_slot_that_swallowed_the_commands_own_words_misheard_is_questioned(text, slot, said):
    found = parsed(text)
    assert found is not None
    assert (found.doubt.kind, found.doubt.slot, found.doubt.as_if) == (ENDING, slot, said)
    decision = decide(1.0, found)
    assert not decision.act and "ends like the command's own words" in decision.describe()


@pytest.mark.parametrize(("text", "slots"), [
    ("alexa add eggs to the list", {"item": "eggs"}),
    ("alexa add a shopping bag", {"item": "shopping bag"}),  # ends in a template word, spelled right
    ("alexa remind me to call lisa", {"task": "call lisa"}),  # "list" is one letter off, but no shorter task
    ("alexa add ice cream", {"item": "ice cream"}),
    ("alexa remind me to feed the cat tomorrow", {"task": "feed the cat", "when": "tomorrow"}),
    ("alexa call mom", {"contact": "mom"}),
    ("alexa add something sweet to the list", {"item": "something sweet"}),  # one content word is enough
])
def test_sound_slots_are_acted_on(text, slots):
    found = parsed(text)
    assert found is not None and found.doubt is None and found.slots == slots
    assert decide(1.0, found).act


def test_the_word_rules():
    assert names_nothing("them") and names_nothing("those ones") and not names_nothing("")
    assert not names_nothing("the eggs")
    assert one_letter_apart("lisa", "list") and one_letter_apart("lis", "list") and one_letter_apart("lists", "list")
    assert not one_letter_apart("list", "list") and not one_letter_apart("lisp", "lips")


class _Engine:
    """A stand-in decoder: the wake word is always spotted; the command model gives fixed words."""

    adapted_to = None  # the model as trained

    def __init__(self, nbest: list[str]) -> None:
        from explainer.voice.decoder import Decoded, Word

        words = tuple(Word(w, i * 0.3, i * 0.3 + 0.3, 0.95) for i, w in enumerate(nbest[0].split()))
        self.decoded = Decoded(nbest[0], words, 0.9, -1000.0,
                               tuple((text, -1000.0 - 10.0 * rank) for rank, text in enumerate(nbest)))

    def spot(self, pcm, word, threshold, warp=1.0):
        return 0.9, 0.2, 0.8

    def check_wake(self, pcm, word, rivals, around, span, warp=1.0):  # the second listen agrees
        return word, float("-inf")

    def decode(self, pcm, search="commands", nbest=0, warp=1.0):
        from explainer.voice.decoder import Decoded

        return self.decoded if search == "commands" else Decoded("")


def _run(nbest: list[str], tmp_path):
    from explainer.voice.pipeline import LabSettings, Pipeline

    rng = np.random.default_rng(3)
    samples = (np.sin(np.arange(48000) / 8.0) * 0.3 + rng.normal(0, 0.01, 48000)).astype(np.float32)
    pipeline = Pipeline(_Engine(nbest), tmp_path)  # type: ignore[arg-type]
    return pipeline.run(recording=(samples, 16000), settings=LabSettings(speak_reply=False))


def test_the_lab_asks_again_when_it_heard_them_and_says_why(tmp_path):
    trace = _run(["alexa put them on my shopping list"], tmp_path)
    assert trace.raw_transcript == "alexa put them on my shopping list"  # the recogniser's own words
    assert not trace.acted and trace.intent is None
    understanding = trace.stage("understanding")
    assert "names nothing" in understanding.output and "ask again" in understanding.output
    assert understanding.data["doubt"] == {"kind": EMPTY, "slot": "item", "value": "them", "as_if": ""}
    assert "nothing done" in trace.stage("fulfilment").output


def test_the_n_best_check_prefers_a_near_hypothesis_whose_slot_names_something(tmp_path):
    trace = _run(["alexa put them on my shopping list", "alexa put eggs on my shopping list",
                  "alexa put eggs on my shopping list please"], tmp_path)
    assert trace.raw_transcript == "alexa put them on my shopping list"
    assert trace.stage("N-best check").data["rank"] == 1
    assert trace.acted and trace.intent == "AddToList" and trace.slots == {"item": "eggs"}
