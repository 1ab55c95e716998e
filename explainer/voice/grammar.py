"""Turn the hassil intent templates into a JSGF grammar for the speech recogniser.

A general language model mishears short commands badly ("alexa call mom" -> "oh my");
a grammar built from the very templates the parser uses makes in-domain commands decode
well — which is also how small offline assistants work.  Anything outside the grammar is
left to the general model (see ``explainer.voice.asr``).  Numbers in range lists become
words ("twenty five"), because that is what a recogniser hears.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hassil import Intents
from hassil.expression import (
    Alternative,
    Group,
    ListReference,
    Permutation,
    RuleReference,
    Sentence,
    TextChunk,
)
from hassil.intents import RangeSlotList, TextSlotList

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """0..999 in words, as a speaker says them ("one hundred twenty")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("" if ones == 0 else " " + _ONES[ones])
    hundreds, rest = divmod(n, 100)
    return _ONES[hundreds] + " hundred" + ("" if rest == 0 else " " + number_words(rest))


_WORD = re.compile(r"[a-z']+")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _rule_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


class JsgfBuilder:
    """Walks the hassil expression trees and writes one JSGF rule per list and expansion rule."""

    def __init__(self, intents: Intents, known_word: Callable[[str], bool] = lambda _w: True) -> None:
        self.intents = intents
        self.known_word = known_word
        self.rules: dict[str, str] = {}
        self.unknown: set[str] = set()

    def _words(self, text: str) -> str | None:
        words = words_of(text)
        missing = [w for w in words if not self.known_word(w)]
        if missing:
            self.unknown.update(missing)
            return None
        return " ".join(words)

    def expr(self, expression: object) -> str | None:
        """JSGF text for one expression, or None when it cannot be said (unknown word)."""
        if isinstance(expression, TextChunk):
            return self._words(expression.text)
        if isinstance(expression, (Alternative, Permutation)) or (
            isinstance(expression, Group) and getattr(expression, "is_optional", False)
        ):
            optional = getattr(expression, "is_optional", False)
            parts = [self.expr(item) for item in expression.items]
            said = sorted({p for p in parts if p})
            if any(p == "" for p in parts):
                optional = True
            if not said:
                return "" if optional else None
            body = "(" + " | ".join(said) + ")"
            return "[" + body[1:-1] + "]" if optional else body
        if isinstance(expression, Group):
            parts = [self.expr(item) for item in expression.items]
            if any(p is None for p in parts):
                return None
            return " ".join(p for p in parts if p)
        if isinstance(expression, ListReference):
            return self._list_rule(expression.list_name)
        if isinstance(expression, RuleReference):
            return self._expansion_rule(expression.rule_name)
        return None

    def _list_rule(self, list_name: str) -> str | None:
        name = "list_" + _rule_name(list_name)
        if name not in self.rules:
            slot_list = self.intents.slot_lists.get(list_name)
            options: set[str] = set()
            if isinstance(slot_list, RangeSlotList):
                for number in range(int(slot_list.start), int(slot_list.stop) + 1, int(slot_list.step or 1)):
                    said = self._words(number_words(number))
                    if said:
                        options.add(said)
            elif isinstance(slot_list, TextSlotList):
                for value in slot_list.values:
                    said = self.expr(value.text_in.expression if isinstance(value.text_in, Sentence) else value.text_in)
                    if said:
                        options.add(said)
            if not options:
                return None
            self.rules[name] = " | ".join(sorted(options))
        return f"<{name}>"

    def _expansion_rule(self, rule_name: str) -> str | None:
        name = "rule_" + _rule_name(rule_name)
        if name not in self.rules:
            sentence = self.intents.expansion_rules.get(rule_name)
            if sentence is None:
                return None
            self.rules[name] = ""  # guards against recursion
            said = self.expr(sentence.expression)
            if not said:
                del self.rules[name]
                return None
            self.rules[name] = said
        return f"<{name}>" if self.rules.get(name) else None

    def build(self) -> str:
        sentences: set[str] = set()
        for intent in self.intents.intents.values():
            for data in intent.data:
                for sentence in data.sentences:
                    said = self.expr(sentence.expression)
                    if said:
                        sentences.add(said)
        lines = ["#JSGF V1.0;", "grammar lab;", "public <command> = " + " | ".join(f"( {s} )" for s in sorted(sentences)) + " ;"]
        lines += [f"<{name}> = {body} ;" for name, body in sorted(self.rules.items()) if body]
        return "\n".join(lines) + "\n"


def build_jsgf(intents: Intents, known_word: Callable[[str], bool] = lambda _w: True) -> tuple[str, set[str]]:
    """(grammar text, words that were skipped because the dictionary lacks them)."""
    builder = JsgfBuilder(intents, known_word)
    return builder.build(), builder.unknown
