"""The nearest-command index's skeletons: hassil's expansion exactly, kept in the lab's cache folder."""

from __future__ import annotations

import itertools
import re

import pytest
from hassil import Intents
from hassil.sample import sample_expression

from explainer.voice import labcache, skeletons
from explainer.voice.skeletons import SLOT, cached_skeletons, expand, from_bytes, to_bytes
from explainer.voice.words import normalise

TEMPLATES = {
    "language": "en",
    "intents": {
        "SetTimer": {"data": [{"sentences": [
            "[please] (set|start) a timer for {minutes} minute[s]",
            "<timer> {minutes} minutes",
            "(timer;{minutes} minutes)",  # a permutation: either order
        ]}]},
        "AddToList": {"data": [{"sentences": ["add {item} [to] [my] shopping list", "put {item} {item} on the list"]}]},
        "StopMusic": {"data": [{"sentences": ["stop[ ](the music|playing)", "Stop, the Music!"]}]},
    },
    "lists": {"minutes": {"range": {"from": 1, "to": 90}}, "item": {"wildcard": True}},
    "expansion_rules": {"timer": "[a] timer for"},
}


def _reference(intents: Intents) -> list[tuple[tuple[str, ...], str]]:
    """What the index was first built with: hassil's own sampler, then each sentence normalised."""
    seen: dict[tuple[str, ...], str] = {}
    for name, intent in sorted(intents.intents.items()):
        for data in intent.data:
            for sentence in data.sentences:
                for text in itertools.islice(sample_expression(
                        sentence.expression, intents.slot_lists, intents.expansion_rules, expand_lists=False),
                        skeletons.MAX_SKELETONS_PER_TEMPLATE):
                    tokens: list[str] = []
                    for word in normalise(re.sub(r"\{[^}]*\}", " zzslotzz ", text)).split():
                        token = SLOT if word == "zzslotzz" else word
                        if not (token == SLOT and tokens and tokens[-1] == SLOT):
                            tokens.append(token)
                    if tokens:
                        seen.setdefault(tuple(tokens), name)
    return list(seen.items())


def _decoded(made: skeletons.Skeletons) -> list[tuple[tuple[str, ...], str]]:
    return [(tuple(made.words[ord(c) - skeletons.CODE_BASE] for c in s), i)
            for s, i in zip(made.encoded, made.intents, strict=True)]


def test_the_expansion_is_hassils_in_the_same_order():
    intents = Intents.from_dict(TEMPLATES)
    made = expand(intents)
    assert _decoded(made) == _reference(intents)
    assert ("stop", "the", "music") in dict(_decoded(made))
    assert ("put", SLOT, "on", "the", "list") in dict(_decoded(made))  # two lists side by side: one slot
    assert made.keywords["StopMusic"] == {"stop", "the", "music", "playing", "stopthe", "stopplaying"}  # [ ]: maybe no space


def test_the_packaged_templates_expand_as_hassil_does(monkeypatch):
    from explainer.voice.nlu import load_intents

    monkeypatch.setattr(skeletons, "MAX_SKELETONS_PER_TEMPLATE", 3000)  # the first ones: same order

    intents = load_intents(None)
    small = Intents.from_dict({"language": "en", "intents": {
        name: {"data": [{"sentences": [s.text for data in intent.data for s in data.sentences][:2]}]}
        for name, intent in intents.intents.items()}, "lists": {}, "expansion_rules": {}})
    assert small.intents  # the first templates of each intent, with the real rules and lists
    small.slot_lists, small.expansion_rules = intents.slot_lists, intents.expansion_rules
    assert _decoded(expand(small)) == _reference(small)


def test_the_file_round_trips_and_a_damaged_one_is_refused():
    made = expand(Intents.from_dict(TEMPLATES))
    again = from_bytes(to_bytes(made))
    assert again == made
    for damaged in (b"", b"not zlib", to_bytes(made)[:-9]):
        with pytest.raises(ValueError):
            from_bytes(damaged)


def test_kept_in_the_cache_folder_and_read_back_instead_of_expanded(tmp_path, monkeypatch):
    intents = Intents.from_dict(TEMPLATES)
    first = cached_skeletons(lambda: intents, TEMPLATES, tmp_path / "lab")
    kept = list((tmp_path / "lab").glob("nearest-*.bin"))
    assert len(kept) == 1 and labcache.readable(kept[0])

    monkeypatch.setattr(skeletons, "expand", lambda _intents: pytest.fail("expanded again"))
    assert cached_skeletons(lambda: intents, TEMPLATES, tmp_path / "lab") == first


def test_a_damaged_file_is_rebuilt_and_a_changed_template_replaces_the_old_file(tmp_path):
    intents = Intents.from_dict(TEMPLATES)
    first = cached_skeletons(lambda: intents, TEMPLATES, tmp_path)
    (kept,) = tmp_path.glob("nearest-*.bin")
    kept.write_bytes(b"garbage")
    assert cached_skeletons(lambda: intents, TEMPLATES, tmp_path) == first
    assert from_bytes(kept.read_bytes()) == first  # written again

    changed = {**TEMPLATES, "expansion_rules": {"timer": "[the] timer for"}}
    cached_skeletons(lambda: Intents.from_dict(changed), changed, tmp_path)
    (newer,) = tmp_path.glob("nearest-*.bin")
    assert newer != kept  # another hash; the stale file is gone


def test_without_a_usable_cache_folder_the_skeletons_are_still_made(tmp_path):
    intents = Intents.from_dict(TEMPLATES)
    blocked = tmp_path / "lab"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    assert cached_skeletons(lambda: intents, TEMPLATES, blocked) == expand(intents)
    assert cached_skeletons(lambda: intents, TEMPLATES, None) == expand(intents)
