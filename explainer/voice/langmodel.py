"""A small trigram language model built from the intent templates, for the recogniser.

Every sentence the templates allow (hassil expands them: ~19,000) is counted, and an ARPA
back-off model with absolute discounting is written.  Compared with a strict grammar this
never fails to produce a hypothesis, tolerates a slightly different wording, and decodes
as fast as the general model; compared with the general model it strongly prefers what
the lab can actually do — the same trade-off small offline assistants make.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from hassil import Intents
from hassil.sample import sample_intents

from explainer.voice.grammar import number_words, words_of

DISCOUNT = 0.5
_DIGITS = re.compile(r"\d+")


def template_sentences(intents: Intents) -> list[str]:
    """All sentences the templates allow, numbers spelled out, lower case."""
    import logging

    logging.getLogger("hassil").setLevel(logging.ERROR)
    out = []
    for _intent, text in sample_intents(intents):
        text = _DIGITS.sub(lambda m: number_words(int(m.group())), text)
        words = words_of(text)
        if words:
            out.append(" ".join(words))
    return out


def _log10(p: float) -> float:
    return math.log10(p) if p > 0 else -99.0


def build_arpa(sentences: Iterable[str], known_word: Callable[[str], bool] = lambda _w: True) -> str:
    """ARPA text of a trigram model with absolute discounting and back-off weights."""
    counts: list[Counter] = [Counter(), Counter(), Counter()]
    for sentence in sentences:
        words = sentence.split()
        if not words or not all(known_word(w) for w in words):
            continue
        tokens = ["<s>", *words, "</s>"]
        for i, token in enumerate(tokens):
            if i > 0:
                counts[0][(token,)] += 1
            if i >= 1:
                counts[1][tuple(tokens[i - 1:i + 1])] += 1
            if i >= 2:
                counts[2][tuple(tokens[i - 2:i + 1])] += 1
    total = sum(counts[0].values())
    vocab = sorted({w for (w,) in counts[0]} | {"<s>"})
    prob: list[dict[tuple, float]] = [{}, {}, {}]
    for word in vocab:
        prob[0][(word,)] = counts[0].get((word,), 0) / total if word != "<s>" else 0.0
    for order in (1, 2):
        history_totals: Counter = Counter()
        for gram, c in counts[order].items():
            history_totals[gram[:-1]] += c
        for gram, c in counts[order].items():
            prob[order][gram] = (c - DISCOUNT) / history_totals[gram[:-1]]
    backoff: list[dict[tuple, float]] = [{}, {}]
    for order in (1, 2):
        followers: dict[tuple, list[tuple]] = defaultdict(list)
        for gram in prob[order]:
            followers[gram[:-1]].append(gram)
        for history, grams in followers.items():
            seen = sum(prob[order][g] for g in grams)
            lower = sum(_lower_prob(prob, g[1:]) for g in grams)
            backoff[order - 1][history] = max(1e-12, 1.0 - seen) / max(1e-12, 1.0 - lower)
    lines = ["\\data\\"] + [f"ngram {n + 1}={len(prob[n])}" for n in range(3)] + [""]
    for order in range(3):
        lines.append(f"\\{order + 1}-grams:")
        for gram in sorted(prob[order]):
            entry = f"{_log10(prob[order][gram]):.4f}\t{' '.join(gram)}"
            if order < 2 and gram[-1] != "</s>":
                entry += f"\t{_log10(backoff[order].get(gram, 1.0)):.4f}"
            lines.append(entry)
        lines.append("")
    lines.append("\\end\\")
    return "\n".join(lines) + "\n"


def _lower_prob(prob: list[dict[tuple, float]], gram: tuple) -> float:
    """P(w | shorter history) without back-off weights (good enough to normalise)."""
    order = len(gram) - 1
    if gram in prob[order]:
        return prob[order][gram]
    return _lower_prob(prob, gram[1:]) if order > 0 else 0.0
