"""Open slots that name nothing, or that swallowed the command's own words: ask, don't act.

An open slot (any item, any name, any task: ``wildcard: true`` in ``content/intents``) takes
whatever words stand in its place, so a recogniser's slip becomes an action: "alexa put eggs
on my shopping list" heard as "put *them* on my shopping list" added "them", and "add bread
and butter to the list" heard as "...to the *lisa*" added "bread and butter to the lisa".
Two general checks, on any template and any open slot, give the parser a *doubt* (plain
words for the trace) and the confidence rule asks again instead of acting:

* **names nothing**: every word of the slot is a pronoun, article or the like ("them", "it",
  "that", "some", "the") — nothing a skill could add, call or remind about;
* **swallowed the ending**: with one letter of one of the slot's last words changed to a
  word the templates themselves use ("lisa" -> "list", "tin" -> "ten"), the same command
  matches with a *shorter* slot — the slot's tail was the command's own words, misheard.

Only words that are not the templates' own are changed, and only to template words within
one letter (insert, delete or replace), so a real item that happens to end in a template word
("add a shopping bag") is never questioned.  The checks never change what is acted on: they
only make the assistant ask again, and the N-best check (``rescore``) then prefers a near
hypothesis whose slot is sound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Words that point at something without naming it.  A slot made only of these says nothing.
EMPTY_WORDS = frozenset("""
a an the some any this that these those it its them they their theirs he him his she her hers
we us our ours you your yours me my mine i one ones something anything everything nothing stuff
thing things there here what which who whom
""".split())
TAIL_WORDS = 3  # how many of a slot's last words may be the command's own, misheard
MIN_LETTERS = 3  # shorter words are left alone: one letter changes "to" into "so", "do", "go"...


def names_nothing(value: str) -> bool:
    words = value.split()
    return bool(words) and all(word in EMPTY_WORDS for word in words)


def one_letter_apart(a: str, b: str) -> bool:
    """Levenshtein distance exactly 1 (one letter inserted, deleted or replaced)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def template_words(intents: Any) -> frozenset[str]:
    """Every word the templates write themselves (sentences, expansion rules, closed lists, numbers)."""
    held = _known.get(id(intents))
    if held is None or held[0] is not intents:  # the parser caches its templates: computed once each
        held = _known[id(intents)] = (intents, _template_words(intents))
    return held[1]


_known: dict[int, tuple[Any, frozenset[str]]] = {}


def _template_words(intents: Any) -> frozenset[str]:
    from hassil.expression import Alternative, Permutation, Sequence, TextChunk
    from hassil.intents import RangeSlotList, TextSlotList

    from explainer.voice.words import number_words, words_of

    found: set[str] = set()

    def walk(expression: Any, depth: int = 0) -> None:
        if depth > 40:
            return
        if isinstance(expression, TextChunk):
            found.update(words_of(expression.original_text))
        elif isinstance(expression, Alternative | Sequence | Permutation):
            for item in expression.items:
                walk(item, depth + 1)

    for intent in intents.intents.values():
        for data in intent.data:
            for sentence in data.sentences:
                walk(sentence.expression)
    for rule in intents.expansion_rules.values():
        walk(rule.expression)
    for slot_list in intents.slot_lists.values():
        if isinstance(slot_list, TextSlotList):  # a wildcard list is its own class: never walked
            for value in slot_list.values:
                walk(value.text_in)
        elif isinstance(slot_list, RangeSlotList):
            for number in range(slot_list.start, min(slot_list.stop, 200) + 1, slot_list.step):
                found.update(number_words(number).split())
    return frozenset(found)


def swallowed(core: str, result: Any, intents: Any, reparse: Callable[[str], Any]) -> tuple[str, str] | None:
    """(slot name, corrected text) when an open slot of ``result`` ends in the command's own words
    misheard by one letter; ``reparse(text)`` is the parser's hassil match (or None)."""
    known = template_words(intents)
    words = core.split()
    for name, entity in result.entities.items():
        value = str(entity.text or "").split()
        if not entity.is_wildcard or len(value) < 2:
            continue
        end = _slot_end(words, value)
        if end is None:
            continue
        for back in range(1, min(TAIL_WORDS, len(value) - 1) + 1):
            at = end - back
            heard = words[at]
            if heard in known or len(heard) < MIN_LETTERS:
                continue
            for word in sorted(w for w in known if len(w) >= MIN_LETTERS and one_letter_apart(heard, w)):
                text = " ".join([*words[:at], word, *words[at + 1:]])
                other = reparse(text)
                if other is None or other.intent.name != result.intent.name or name not in other.entities:
                    continue
                kept = str(other.entities[name].text or "").split()
                if kept and len(kept) < len(value) and value[:len(kept)] == kept and not names_nothing(" ".join(kept)):
                    return name, text
    return None


def _slot_end(words: list[str], value: list[str]) -> int | None:
    """Index just after the (last) place ``value`` stands in ``words``."""
    for start in range(len(words) - len(value), -1, -1):
        if words[start:start + len(value)] == value:
            return start + len(value)
    return None


@dataclass(frozen=True)
class Doubt:
    """Why an open slot is not acted on: ``kind`` is ``EMPTY`` or ``ENDING``; ``as_if`` the text
    that matches with a shorter slot (``ENDING`` only)."""

    kind: str
    slot: str
    value: str
    as_if: str = ""

    def describe(self) -> str:
        if self.kind == EMPTY:
            return f"the {self.slot} {self.value!r} names nothing (only words like 'it', 'them', 'the')"
        return (f"the {self.slot} {self.value!r} ends like the command's own words, one letter off "
                f"(as if {self.as_if!r} was said): perhaps misheard")


EMPTY, ENDING = "names nothing", "misheard ending"


def doubt(core: str, result: Any, intents: Any, reparse: Callable[[str], Any]) -> Doubt | None:
    """Why an open slot of ``result`` (hassil's match of ``core``) should not be acted on, or None."""
    for name, entity in result.entities.items():
        if entity.is_wildcard and names_nothing(str(entity.text or "")):
            return Doubt(EMPTY, name, str(entity.text).strip())
    found = swallowed(core, result, intents, reparse)
    if found is not None:
        name, text = found
        return Doubt(ENDING, name, str(result.entities[name].text or "").strip(), text)
    return None
