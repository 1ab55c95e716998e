"""The recogniser's command language model, built from the intent templates with pocketsphinx's tools.

The templates (``content/intents``) say what the lab understands; the recogniser should
expect the same sentences.  This module turns the templates into example sentences and
hands them to pocketsphinx's own ARPA builder (``pocketsphinx.lm.ArpaBoLM``: a trigram
model with a fixed discount), then converts the result to pocketsphinx's binary format so
it loads in milliseconds.  Both files are cached in the learner's cache folder under a hash
of the templates: built once (a few seconds), then only loaded.

Sentences: a template with few expansions is expanded completely; one with thousands (lists
times alternatives times numbers) is sampled — ``SAMPLES_PER_TEMPLATE`` random expansions
from a random generator seeded by the template's own text, so the model is the same on
every machine.  Wildcard slots (any item, any name) take their ``examples:`` from the
template files.  Most sentences start with a wake word, as a real upload does; some carry
the polite words people add ("could you", "please"), which the parser skips.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import random
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from explainer.voice.words import number_words, spell_numbers, words_of

LM_VERSION = "3"  # bump when the way sentences are made changes: the cache key includes it
SAMPLES_PER_TEMPLATE = 400
MIN_PER_INTENT = 2000  # small intents ("what time is it") are repeated up to this: every intent equally likely
DISCOUNT = 0.03  # ArpaBoLM's fixed discount mass; 0.5 (its default) measured WER 0.245 on the lab's
#                 development commands, 0.1 -> 0.194, 0.03 -> 0.172: the templates are meant to be trusted
WAKE_SHARE = 0.75  # share of sentences that start with a wake word
POLITE = ("please", "could you", "can you", "could you please", "can you please", "would you", "hey")


def _count(expression: Any, intents: Any, depth: int = 0) -> int:
    """How many sentences an expression expands to (capped, so a huge template stays cheap)."""
    from hassil.expression import (
        Alternative,
        ListReference,
        Permutation,
        RuleReference,
        Sequence,
        TextChunk,
    )
    from hassil.intents import RangeSlotList, TextSlotList

    cap = 10**9
    if depth > 30 or isinstance(expression, TextChunk):
        return 1
    if isinstance(expression, Alternative):
        return min(cap, sum(_count(item, intents, depth + 1) for item in expression.items))
    if isinstance(expression, Sequence | Permutation):
        total = 1
        for item in expression.items:
            total = min(cap, total * _count(item, intents, depth + 1))
        return total
    if isinstance(expression, RuleReference):
        rule = intents.expansion_rules.get(expression.rule_name)
        return _count(rule.expression, intents, depth + 1) if rule else 1
    if isinstance(expression, ListReference):
        slot_list = intents.slot_lists.get(expression.list_name)
        if isinstance(slot_list, TextSlotList):
            return max(1, len(slot_list.values))
        if isinstance(slot_list, RangeSlotList):
            return max(1, len(range(slot_list.start, slot_list.stop + 1, slot_list.step)))
    return 1


def _sample(expression: Any, intents: Any, rng: random.Random, depth: int = 0) -> str:
    """One random sentence from an expression (each alternative, list value, number equally likely)."""
    from hassil.expression import (
        Alternative,
        ListReference,
        Permutation,
        RuleReference,
        Sequence,
        TextChunk,
    )
    from hassil.intents import RangeSlotList, TextSlotList

    if depth > 30:
        return ""
    if isinstance(expression, TextChunk):
        return expression.original_text
    if isinstance(expression, Alternative):
        return _sample(rng.choice(expression.items), intents, rng, depth + 1) if expression.items else ""
    if isinstance(expression, Permutation):
        items = list(expression.items)
        rng.shuffle(items)
        return " ".join(_sample(item, intents, rng, depth + 1) for item in items)
    if isinstance(expression, Sequence):
        return "".join(_sample(item, intents, rng, depth + 1) for item in expression.items)
    if isinstance(expression, RuleReference):
        rule = intents.expansion_rules.get(expression.rule_name)
        return _sample(rule.expression, intents, rng, depth + 1) if rule else ""
    if isinstance(expression, ListReference):
        slot_list = intents.slot_lists.get(expression.list_name)
        if isinstance(slot_list, TextSlotList) and slot_list.values:
            return _sample(rng.choice(slot_list.values).text_in, intents, rng, depth + 1)
        if isinstance(slot_list, RangeSlotList):
            return number_words(rng.choice(range(slot_list.start, slot_list.stop + 1, slot_list.step)))
    return ""


def lm_intents(intent_dict: dict[str, Any]) -> Any:
    """The templates with every wildcard list replaced by its ``examples`` (for sentences only)."""
    from hassil import Intents

    data = dict(intent_dict)
    lists = {}
    for name, body in (intent_dict.get("lists") or {}).items():
        if isinstance(body, dict) and body.get("wildcard"):
            lists[name] = {"values": [str(v) for v in body.get("examples") or [name]]}
        else:
            lists[name] = body
    data["lists"] = lists
    return Intents.from_dict(data)


def template_sentences(intent_dict: dict, wake_words: Iterable[str] = (), seed: str = "lab") -> list[tuple[str, str]]:
    """(intent, sentence) pairs for the language model and the nearest-command search, lower case,
    numbers in words; deterministic.  With ``wake_words``, most sentences start with one."""
    from hassil.sample import sample_expression

    logging.getLogger("hassil").setLevel(logging.ERROR)
    intents = lm_intents(intent_dict)
    wakes = list(wake_words)
    out: list[tuple[str, str]] = []
    for intent_name, intent in sorted(intents.intents.items()):
        mine: list[tuple[str, str]] = []
        for data in intent.data:
            for sentence in data.sentences:
                key = f"{seed}:{intent_name}:{sentence.text}"
                rng = random.Random(hashlib.sha256(key.encode()).hexdigest())
                if _count(sentence.expression, intents) <= SAMPLES_PER_TEMPLATE:
                    texts = list(itertools.islice(sample_expression(
                        sentence.expression, intents.slot_lists, intents.expansion_rules, language="en"),
                        SAMPLES_PER_TEMPLATE))
                else:
                    texts = [_sample(sentence.expression, intents, rng) for _ in range(SAMPLES_PER_TEMPLATE)]
                mine += [(intent_name, text) for text in texts]
        rng = random.Random(f"{seed}:{intent_name}")
        for number in range(max(len(mine), MIN_PER_INTENT) if mine else 0):
            words = words_of(spell_numbers(mine[number % len(mine)][1]))
            if not words:
                continue
            if rng.random() < 0.15:
                words = [*rng.choice(POLITE).split(), *words] if rng.random() < 0.6 else [*words, "please"]
            if wakes and rng.random() < WAKE_SHARE:
                words = [rng.choice(wakes), *words]
            out.append((intent_name, " ".join(words)))
    return out


def build_arpa(sentences: Iterable[str], known_word: Callable[[str], bool] = lambda _w: True) -> str:
    """ARPA text of a trigram model built by pocketsphinx's own ``ArpaBoLM`` (sentences with a
    word the pronouncing dictionary lacks are left out: the recogniser could not say them)."""
    import io

    from pocketsphinx.lm import ArpaBoLM

    kept = [s for s in sentences if s and all(known_word(w) for w in s.split())]
    model = ArpaBoLM(text="\n".join(kept), add_start=True, discount_mass=DISCOUNT)
    model.compute()
    out = io.StringIO()
    model.write(out)
    return out.getvalue()


def templates_digest(intent_dict: dict, wake_words: Iterable[str]) -> str:
    """A hash of what the model is made from: the templates, the wake words and this module's version."""
    import json

    text = json.dumps([LM_VERSION, sorted(wake_words), intent_dict], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _arpa_to_binary(arpa: Path, out: Path) -> None:
    from pocketsphinx import Config, LogMath, NGramModel

    model = NGramModel(Config(), LogMath(), str(arpa))
    model.write(str(out), NGramModel.str_to_type("bin"))


def ensure_language_model(intent_dict: dict, wake_words: Iterable[str], cache: Path,
                          known_word: Callable[[str], bool]) -> tuple[Path, Path, bool]:
    """(binary model, sentence list, built now?) in ``cache``, built only when the templates changed."""
    from explainer.voice import labcache

    wakes = tuple(wake_words)
    digest = templates_digest(intent_dict, wakes)
    model_path, sentences_path = cache / f"commands-{digest}.lm.bin", cache / f"commands-{digest}.sentences.txt"
    if labcache.readable(model_path) and labcache.readable(sentences_path):
        return model_path, sentences_path, False
    pairs = template_sentences(intent_dict, wakes)
    arpa = build_arpa((s for _i, s in pairs), known_word)
    labcache.ensure_dir(cache)
    with labcache.scratch_file(cache, ".arpa") as scratch:
        scratch.write_text(arpa, encoding="utf-8")
        with labcache.scratch_file(cache, ".bin") as binary:
            _arpa_to_binary(scratch, binary)
            labcache.write_atomic(model_path, binary.read_bytes())
    labcache.write_atomic(sentences_path, "\n".join(f"{i}\t{s}" for i, s in pairs).encode("utf-8"))
    labcache.prune(cache, keep=(model_path.name, sentences_path.name), prefix="commands-")
    return model_path, sentences_path, True


def read_sentences(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        intent, _tab, sentence = line.partition("\t")
        if sentence:
            pairs.append((intent, sentence))
    return pairs
