"""``template_sample.first_sentences`` gives exactly what hassil's own sampler gives, only lazily."""

from __future__ import annotations

import logging

import pytest
from hassil import Intents
from hassil.sample import sample_intents

from explainer.learning.template_sample import first_sentences

TRICKY = {
    "language": "en",
    "intents": {
        "AddToList": {"data": [
            {"sentences": ["(add|put) [some|more] {item} (to|on) <list>", "we need {item}"]},
            {"sentences": ["<verb> {thing} [please]"], "expansion_rules": {"verb": "(buy|get [me])"}},
        ]},
        "SetTimer": {"data": [{"sentences": [
            "set [a] timer for {minutes} minute[s]",
            "(start|begin) [a] {minutes} minute[s] timer [(for|to) (tea|eggs|the oven)]",
            "(timer;{minutes} minutes;[please])",  # a permutation
        ]}]},
        "Stop": {"data": [{"sentences": ["stop", "(stop|pause) [the] (music|song|[the] track)"]}]},
        "Empty": {"data": [{"sentences": ["{nothing} now"]}]},
    },
    "lists": {
        "item": {"values": ["milk", "oat milk", {"in": "(egg|eggs)", "out": "eggs"}]},
        "thing": {"wildcard": True},  # sentences with a wildcard are left out, as hassil does
        "minutes": {"range": {"from": 1, "to": 12}},
        "nothing": {"values": []},
    },
    "expansion_rules": {"list": "[the|my] shopping list"},
}


@pytest.mark.parametrize("per_intent", [1, 2, 5, 17, 60, 10_000])
def test_the_same_sentences_in_the_same_order_as_hassils_sampler(per_intent, caplog):
    intents = Intents.from_dict(TRICKY)
    with caplog.at_level(logging.ERROR):
        expected = list(sample_intents(intents, max_sentences_per_intent=per_intent))
    assert list(first_sentences(intents, per_intent)) == expected
    assert expected  # the comparison compared something


def test_a_template_too_big_to_expand_still_gives_its_first_sentences_at_once():
    """Two groups of six ten-way choices: hassil's sampler would first list each group's million
    sentences; only the first three are needed."""
    choice = "(" + "|".join(f"w{i}" for i in range(10)) + ")"
    group = "(" + " ".join([choice] * 6) + ")"
    intents = Intents.from_dict({"language": "en", "intents": {"Big": {"data": [{"sentences": [f"{group} {group}"]}]}}})
    zeros = " ".join(["w0"] * 11)
    assert list(first_sentences(intents, 3)) == [("Big", f"{zeros} w0"), ("Big", f"{zeros} w1"), ("Big", f"{zeros} w2")]
