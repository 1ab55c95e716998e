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
~650,000 skeletons; ``skeletons.py`` makes them in about a second and keeps them in the lab's
cache folder, so later processes read them in a tenth of that).  In the heard text, the words no template
contains become one ``<slot>`` ("are <slot> to my shopping list"); the nearest skeleton is
found by word edit distance (rapidfuzz) and its slots are filled with the heard words that
line up with them, then the result is parsed like any other sentence.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from explainer.voice.skeletons import CODE_BASE, SLOT, Skeletons, cached_skeletons
from explainer.voice.words import normalise, without_phrases

MAX_WORD_DISTANCE = 0.25
AMBIGUITY_MARGIN = 0.1


@dataclass(frozen=True)
class Guess:
    sentence: str
    intent: str
    distance: float
    skeleton: str = ""


class NearestIndex:
    """Every template's skeletons by intent, and each intent's own (literal) words.

    For the search each word is one character (``code``), so a skeleton is a short string and
    rapidfuzz compares strings instead of lists of words: the same word edit distance, faster."""

    def __init__(self, made: Skeletons, skip_words: list[str], content_dir: Path | None = None) -> None:
        self.code = {word: chr(CODE_BASE + n) for n, word in enumerate(made.words)}
        self.word = {char: word for word, char in self.code.items()}
        self.skeletons, self.intents = made.encoded, made.intents
        self.skip = tuple(skip_words)
        self.keywords: dict[str, frozenset[str]] = made.keywords
        self.vocabulary: set[str] = set(made.words) - {SLOT}
        spread: dict[str, int] = {}
        for mine in self.keywords.values():
            for word in mine:
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
        kept, mine = set(guess), self.keywords.get(intent, frozenset())
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
        query = "".join(map(self.code.__getitem__, tokens))
        found = process.extract(query, self.skeletons, scorer=Levenshtein.normalized_distance,
                                score_cutoff=MAX_WORD_DISTANCE + AMBIGUITY_MARGIN, limit=40)
        if not found or found[0][1] > MAX_WORD_DISTANCE:
            return None
        best = found[0][1]
        close = [(self.intents[i], [self.word[c] for c in encoded], d)
                 for encoded, d, i in found if d <= best + AMBIGUITY_MARGIN]
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


def nearest_index(content_dir: Path | None = None, cache_dir: Path | None = None) -> NearestIndex:
    """The index for a content folder, made once per process: read from the lab's cache folder
    (``cache_dir``, ~0.1 s) when the templates are unchanged, else built (~1 s) and kept there."""
    from explainer.voice.nlu import intents_dir, load_intent_dict, load_intents

    key = str(intents_dir(content_dir))
    with _lock:
        index = _indexes.get(key)
        if index is None:
            intent_dict = load_intent_dict(content_dir)
            made = cached_skeletons(lambda: load_intents(content_dir), intent_dict, cache_dir)
            skip = list(intent_dict.get("skip_words") or [])
            index = _indexes[key] = NearestIndex(made, skip, content_dir)
        return index
