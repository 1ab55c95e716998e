"""The nearest known command, guessed only when the guess is safe.

Recognisers slip ("are milk to my shopping list"); assistants then match the closest thing
they know.  That is also how they do the wrong thing, so a guess here must pass four tests:

1. **Near**: at most ``MAX_WORD_DISTANCE`` of the words differ (substituted, missing or extra).
2. **Unambiguous**: no command of a *different* intent is nearly as near (within
   ``AMBIGUITY_MARGIN``): a coin toss between two commands is a "sorry", not an action.
3. **Nothing contradicts it**: a heard word the guess drops or replaces must not point to
   another command (a word of a few commands' templates, unlike "the" or "my") — "stop" belongs
   to stopping, so "stop playing music" is never guessed as "play music".
4. **Nothing invented**: every slot of the guess is filled with words that were heard; a slip
   never invents a timer length, a city or an item.  And at least half of the heard words
   (two or more) must be words the templates use: a guess built mostly on open slots is no guess.

How: every template is expanded with its slots left open ("add <slot> to my shopping list":
~160,000 skeletons, a fraction of a second).  In the heard text, the words no template
contains become one ``<slot>`` ("are <slot> to my shopping list"); the nearest skeleton is
found by word edit distance (rapidfuzz) and its slots are filled with the heard words that
line up with them, then the result is parsed like any other sentence.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explainer.voice.words import normalise, without_phrases

MAX_WORD_DISTANCE = 0.25
AMBIGUITY_MARGIN = 0.1
SLOT = "<slot>"
MAX_SKELETONS_PER_TEMPLATE = 50_000


@dataclass(frozen=True)
class Guess:
    sentence: str
    intent: str
    distance: float
    skeleton: str = ""


_LIST_REF = re.compile(r"\{[^}]*\}")
_MARK = "zzslotzz"


def _skeleton(text: str) -> tuple[str, ...]:
    tokens: list[str] = []
    for word in normalise(_LIST_REF.sub(f" {_MARK} ", text)).split():
        token = SLOT if word == _MARK else word
        if token == SLOT and tokens and tokens[-1] == SLOT:
            continue
        tokens.append(token)
    return tuple(tokens)


class NearestIndex:
    """Every template's skeletons by intent, and each intent's own (literal) words."""

    def __init__(self, intents: Any, skip_words: list[str], content_dir: Path | None = None) -> None:
        from hassil.sample import sample_expression

        seen: dict[tuple[str, ...], str] = {}
        for name, intent in sorted(intents.intents.items()):
            for data in intent.data:
                for sentence in data.sentences:
                    expanded = sample_expression(sentence.expression, intents.slot_lists, intents.expansion_rules,
                                                 expand_lists=False)
                    for text in itertools.islice(expanded, MAX_SKELETONS_PER_TEMPLATE):
                        skeleton = _skeleton(text)
                        if skeleton:
                            seen.setdefault(skeleton, name)
        self.skeletons = [list(s) for s in seen]
        self.intents = list(seen.values())
        self.skip = tuple(skip_words)
        self.keywords: dict[str, set[str]] = {}
        for words, intent in zip(self.skeletons, self.intents, strict=True):
            self.keywords.setdefault(intent, set()).update(w for w in words if w != SLOT)
        self.vocabulary: set[str] = set().union(*self.keywords.values())
        spread: dict[str, int] = {}
        for own in self.keywords.values():
            for word in own:
                spread[word] = spread.get(word, 0) + 1
        # A word of many commands ("the", "are", "my") says little about which one was meant.
        self.telling = {w for w, n in spread.items() if n <= max(1, len(self.keywords) // 4)}
        self.content_dir = content_dir

    def _heard(self, text: str) -> tuple[list[str], list[list[str]]]:
        """Tokens with unknown words folded into <slot>, and the words behind each token."""
        tokens: list[str] = []
        spans: list[list[str]] = []
        for word in without_phrases(normalise(text), self.skip).split():
            if word in self.vocabulary:
                tokens.append(word)
                spans.append([word])
            elif tokens and tokens[-1] == SLOT:
                spans[-1].append(word)
            else:
                tokens.append(SLOT)
                spans.append([word])
        return tokens, spans

    def _contradicted(self, heard: list[str], guess: list[str], intent: str) -> bool:
        kept, mine = set(guess), self.keywords.get(intent, set())
        return any(w != SLOT and w not in kept and w not in mine and w in self.telling for w in heard)

    @staticmethod
    def _fill(tokens: list[str], spans: list[list[str]], skeleton: list[str]) -> str | None:
        """The skeleton with each <slot> filled by the heard words aligned with it (None: unfillable)."""
        from rapidfuzz.distance import Levenshtein

        aligned: dict[int, int] = {}
        for op in Levenshtein.opcodes(tokens, skeleton):
            if op.tag in ("equal", "replace") and op.src_end - op.src_start == op.dest_end - op.dest_start:
                for offset in range(op.dest_end - op.dest_start):
                    aligned[op.dest_start + offset] = op.src_start + offset
        words: list[str] = []
        for position, token in enumerate(skeleton):
            if token != SLOT:
                words.append(token)
            elif position in aligned:
                words.extend(spans[aligned[position]])
            else:
                return None  # a slot nobody said anything for: filling it would invent
        return " ".join(words)

    def guess(self, text: str) -> Guess | None:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        from explainer.voice.nlu import parse

        tokens, spans = self._heard(text)
        literal = [t for t in tokens if t != SLOT]
        if len(literal) < 2 or len(literal) < sum(len(s) for s in spans) / 2:
            return None  # mostly words no template knows: too little to go on
        found = process.extract(tokens, self.skeletons, scorer=Levenshtein.normalized_distance,
                                score_cutoff=MAX_WORD_DISTANCE + AMBIGUITY_MARGIN, limit=40)
        if not found or found[0][1] > MAX_WORD_DISTANCE:
            return None
        best = found[0][1]
        close = [(self.intents[i], words, d) for words, d, i in found if d <= best + AMBIGUITY_MARGIN]
        if len({intent for intent, _w, _d in close}) > 1:
            return None  # two different commands about as near: ambiguous
        for intent, skeleton, distance in close:
            if self._contradicted(tokens, skeleton, intent):
                return None
            sentence = self._fill(tokens, spans, skeleton)
            if sentence is None:
                continue
            result = parse(sentence, self.content_dir)
            if result is not None and result.intent == intent:
                return Guess(sentence, intent, round(float(distance), 3), " ".join(skeleton))
        return None


_lock = threading.Lock()
_indexes: dict[str, NearestIndex] = {}


def nearest_index(content_dir: Path | None = None) -> NearestIndex:
    """The index for a content folder, made once per process (~0.5 s)."""
    from explainer.voice.nlu import intents_dir, load_intent_dict, load_intents

    key = str(intents_dir(content_dir))
    with _lock:
        index = _indexes.get(key)
        if index is None:
            skip = list(load_intent_dict(content_dir).get("skip_words") or [])
            index = _indexes[key] = NearestIndex(load_intents(content_dir), skip, content_dir)
        return index
