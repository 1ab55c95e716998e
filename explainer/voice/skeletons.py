"""Every command the templates allow, with their lists left open: the nearest-command search's data.

``nearest.py`` guesses the command a recogniser's slip was meant to be by comparing the heard
words with every *skeleton* of the templates ("add <slot> to my shopping list"; ~650,000 of
them).  Expanding the templates is the slow part (about a second), so the result is kept in
the lab's private cache folder (``explainer where`` lists it; ``explainer forget`` erases it)
under a hash of the templates and read back in a tenth of that; a changed template, a new
hassil or a new version of this module makes a new file and the old one is removed.

For the search each word is one character (``Skeletons.words[i]`` is ``chr(CODE_BASE + i)``):
a skeleton is then a short string, and rapidfuzz's edit distance between strings of
characters is the word edit distance, computed much faster than between lists of words.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SLOT = "<slot>"
MAX_SKELETONS_PER_TEMPLATE = 50_000
CODE_BASE = 0x100  # the first word's character (above Latin-1: never a newline or a space)
FORMAT = "1"  # bump when the expansion or the file changes: the file name's hash includes it
PREFIX = "nearest-"
_PUNCT = re.compile(r"[^\w' ]+")
_GAP = f" {SLOT} "
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Skeletons:
    words: tuple[str, ...]  # words[0] is SLOT
    encoded: list[str]  # one character per word, in the templates' order (first match wins a tie)
    intents: list[str]  # the intent of each skeleton
    keywords: dict[str, frozenset[str]]  # each intent's literal words (every word but SLOT)


def _leaf(text: str) -> str:
    """A template's literal text as ``words.normalise`` leaves it, spaces not yet collapsed.

    Every step of ``normalise`` maps a character on its own (lower case, punctuation to a space),
    so normalising the pieces before joining them equals normalising the joined sentence."""
    return _PUNCT.sub(" ", text.lower().replace("\u2019", "'").replace("_", " "))


class _Expander:
    """hassil's ``sample_expression(..., expand_lists=False)`` in the same order, on normalised
    text, each group expanded once (a rule used by twenty templates is not expanded twenty times)."""

    def __init__(self, intents: Any) -> None:
        self.rules = intents.expansion_rules
        self.done: dict[int, list[str]] = {}

    def all(self, expression: Any) -> list[str]:
        found = self.done.get(id(expression))
        if found is None:
            found = self.done[id(expression)] = list(self.each(expression))
        return found

    def each(self, expression: Any) -> Iterator[str]:
        from hassil.expression import (
            Alternative,
            ListReference,
            Permutation,
            RuleReference,
            Sequence,
            TextChunk,
        )

        if isinstance(expression, TextChunk):
            yield _leaf(expression.original_text)
        elif isinstance(expression, Alternative):
            for item in expression.items:
                yield from self.all(item)
        elif isinstance(expression, Sequence):
            yield from self.joined([self.all(item) for item in expression.items])
        elif isinstance(expression, Permutation):
            for order in itertools.permutations([self.all(item) for item in expression.items]):
                yield from self.joined(list(order))
        elif isinstance(expression, ListReference):
            yield _GAP  # lists stay open: any value (or words the templates never list) fills it
        elif isinstance(expression, RuleReference):
            rule = self.rules.get(expression.rule_name)
            if rule is None:
                raise ValueError(f"missing expansion rule <{expression.rule_name}>")
            yield from self.all(rule.expression)
        else:
            raise ValueError(f"unexpected template expression: {expression!r}")

    @staticmethod
    def joined(parts: list[list[str]]) -> Iterator[str]:
        for chosen in itertools.product(*parts):
            yield "".join(chosen)

    def top(self, expression: Any) -> Iterator[str]:
        """A template's sentences one at a time (only the first ones are kept; never all in memory)."""
        from hassil.expression import Sequence

        if isinstance(expression, Sequence):
            return self.joined([self.all(item) for item in expression.items])
        return self.each(expression)


def expand(intents: Any) -> Skeletons:
    """The skeletons of every template (hassil ``Intents``), each once, with the first intent that made it."""
    expander = _Expander(intents)
    seen: dict[str, str] = {}
    twice = f"{SLOT} {SLOT}"
    for name, intent in sorted(intents.intents.items()):
        for data in intent.data:
            for sentence in data.sentences:
                for text in itertools.islice(expander.top(sentence.expression), MAX_SKELETONS_PER_TEMPLATE):
                    skeleton = " ".join(text.split())
                    while twice in skeleton:  # neighbouring slots are one slot
                        skeleton = skeleton.replace(twice, SLOT)
                    if skeleton:
                        seen.setdefault(skeleton, name)
    words = (SLOT, *sorted({w for skeleton in seen for w in skeleton.split()} - {SLOT}))
    code = {word: chr(CODE_BASE + n) for n, word in enumerate(words)}
    encoded = ["".join(map(code.__getitem__, s.split())) for s in seen]
    own: dict[str, list[str]] = {}
    for skeleton, intent in zip(encoded, seen.values(), strict=True):
        own.setdefault(intent, []).append(skeleton)
    keywords = {intent: frozenset(words[ord(c) - CODE_BASE] for c in set("".join(parts)) if c != code[SLOT])
                for intent, parts in own.items()}
    return Skeletons(words, encoded, list(seen.values()), keywords)


def digest(intent_dict: dict) -> str:
    """A hash of what the skeletons are made from: the templates, hassil's version, this module's."""
    import hashlib
    from importlib import metadata

    try:
        hassil = metadata.version("hassil")
    except metadata.PackageNotFoundError:  # pragma: no cover - hassil imported without metadata
        hassil = "?"
    text = json.dumps([FORMAT, MAX_SKELETONS_PER_TEMPLATE, hassil, intent_dict], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def to_bytes(made: Skeletons) -> bytes:
    runs = [[intent, len(list(group))] for intent, group in itertools.groupby(made.intents)]
    keywords = {intent: sorted(own) for intent, own in made.keywords.items()}
    head = json.dumps({"format": FORMAT, "words": list(made.words), "runs": runs, "keywords": keywords},
                      ensure_ascii=False)
    return zlib.compress((head + "\n" + "\n".join(made.encoded)).encode("utf-8"), 6)


def from_bytes(data: bytes) -> Skeletons:
    """The skeletons a file holds; ValueError when it is damaged or of another format."""
    try:
        head, _, body = zlib.decompress(data).decode("utf-8").partition("\n")
        meta = json.loads(head)
        words, runs = tuple(str(w) for w in meta["words"]), meta["runs"]
        intents = [str(intent) for intent, count in runs for _ in range(int(count))]
        keywords = {str(intent): frozenset(map(str, own)) for intent, own in meta["keywords"].items()}
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"not a skeleton file ({error})") from error
    encoded = body.split("\n") if body else []
    if meta.get("format") != FORMAT or not words or words[0] != SLOT or len(encoded) != len(intents) \
            or set(keywords) != set(intents):
        raise ValueError("not a skeleton file of this version")
    return Skeletons(words, encoded, intents, keywords)


def cached_skeletons(load_intents: Callable[[], Any], intent_dict: dict, cache_dir: Path | None) -> Skeletons:
    """The skeletons from ``cache_dir`` when a file for these templates is there, else expanded
    (and written there). Without a usable cache folder (none given, read-only, not ours) they are
    only expanded: the search works the same, it just starts a second slower."""
    from explainer.voice import labcache

    if cache_dir is None:
        return expand(load_intents())
    path = Path(cache_dir) / f"{PREFIX}{digest(intent_dict)}.bin"
    if labcache.readable(path):
        try:
            return from_bytes(path.read_bytes())
        except (OSError, ValueError) as error:
            _log.warning("rebuilding the nearest-command index: %s: %s", path, error)
    made = expand(load_intents())
    try:
        labcache.write_atomic(path, to_bytes(made))
        labcache.prune(Path(cache_dir), keep=(path.name,), prefix=PREFIX)
    except OSError as error:  # a read-only disk or a folder that is not ours: keep going in memory
        _log.warning("could not keep the nearest-command index in %s: %s", cache_dir, error)
    return made
