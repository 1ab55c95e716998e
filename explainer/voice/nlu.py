"""Understanding: typed or recognised text -> intent and slots, with hassil templates.

The templates are content (``content/intents/*.yaml``), not code, so a teacher can add a
command without touching Python.  The same templates also build the speech recogniser's
grammar (see ``explainer.voice.grammar``), which is why in-domain commands decode well and
why the recogniser and the parser agree on what the lab "knows".  This module never
imports Textual.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hassil import Intents, recognize
from hassil.util import merge_dict

from explainer.paths import packaged_content_dir

WAKE_WORDS = ("alexa", "computer", "echo", "amazon")


class IntentsError(Exception):
    """A template file could not be read; ``str()`` is ``path: message`` for the learner."""


@dataclass(frozen=True)
class NluResult:
    """What the lab understood: the intent, its slots, the text parsed and the template that matched."""

    intent: str
    slots: dict[str, object] = field(default_factory=dict)
    text: str = ""
    template: str = ""
    closest: str | None = None  # set when no template matched exactly and the nearest known command was used


def intents_dir(content_dir: Path | None = None) -> Path:
    return (content_dir or packaged_content_dir()) / "intents"


def load_intent_dict(content_dir: Path | None = None) -> dict:
    """All template files merged into one hassil dictionary (sorted by file name)."""
    merged: dict = {}
    folder = intents_dir(content_dir)
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise IntentsError(f"{path}: {exc}") from exc
        if not isinstance(data, dict):
            raise IntentsError(f"{path}: expected a mapping at the top level")
        merge_dict(merged, data)
    merged.setdefault("language", "en")
    return merged


_lock = threading.Lock()
_cache: dict[str, Intents] = {}


def load_intents(content_dir: Path | None = None) -> Intents:
    """The parsed templates, cached per folder (parsing takes a few hundred milliseconds)."""
    key = str(intents_dir(content_dir))
    with _lock:
        if key not in _cache:
            try:
                _cache[key] = Intents.from_dict(load_intent_dict(content_dir))
            except IntentsError:
                raise
            except Exception as exc:  # hassil raises several types for a bad template
                raise IntentsError(f"{key}: {exc}") from exc
        return _cache[key]


_PUNCT = re.compile(r"[^\w' ]+")


def normalise(text: str) -> str:
    """Lower case, punctuation dropped, spaces collapsed: how transcripts are compared."""
    return " ".join(_PUNCT.sub(" ", text.lower().replace("\u2019", "'")).split())


def _plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def parse(text: str, content_dir: Path | None = None) -> NluResult | None:
    """The intent and slots of ``text``, or ``None`` when no template matches."""
    cleaned = normalise(text)
    if not cleaned:
        return None
    result = recognize(cleaned, load_intents(content_dir))
    if result is None:
        return None
    slots = {name: _plain(entity.value) for name, entity in result.entities.items()}
    template = ""
    if result.intent_sentence is not None:
        template = result.intent_sentence.text or ""
    return NluResult(intent=result.intent.name, slots=slots, text=cleaned, template=template)


def strip_wake_word(text: str) -> tuple[str | None, str]:
    """Split a leading wake word off a transcript: ``("alexa", "what time is it")``."""
    words = normalise(text).split()
    if words and words[0] in WAKE_WORDS:
        return words[0], " ".join(words[1:])
    return None, " ".join(words)


MAX_WORD_DISTANCE = 0.25  # at most 1 word in 4 different (substituted, missing or extra)
_sentences: dict[str, list[list[str]]] = {}


def _known_sentences(content_dir: Path | None) -> list[list[str]]:
    key = str(intents_dir(content_dir))
    with _lock:
        cached = _sentences.get(key)
    if cached is None:
        from explainer.voice.langmodel import template_sentences

        cached = [s.split() for s in sorted(set(template_sentences(load_intents(content_dir))))]
        with _lock:
            _sentences[key] = cached
    return cached


def _slot_words(sentence: str, content_dir: Path | None) -> set[str] | None:
    """The words that fill slots when ``sentence`` is parsed (None: it does not parse)."""
    result = recognize(sentence, load_intents(content_dir))
    if result is None:
        return None
    return {w for entity in result.entities.values() for w in normalise(str(entity.text or "")).split()}


def closest_command(text: str, content_dir: Path | None = None,
                    max_distance: float = MAX_WORD_DISTANCE, grounded: bool = False) -> tuple[str, float] | None:
    """The known command nearest to ``text`` in words, and its normalised word distance (0..1).

    ``grounded``: only a command whose slot values (the timer's minutes, the genre, the city...)
    were all heard in ``text``: the nearest command must not invent what the speaker asked for
    ("play some dog" is not "play some classical"; it may still be "play some music").
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    words = normalise(text).split()
    if len(words) < 2:
        return None
    found = process.extract(words, _known_sentences(content_dir), scorer=Levenshtein.normalized_distance,
                            score_cutoff=max_distance, limit=50 if grounded else 1)
    heard = set(words)
    for candidate, distance, _index in found:
        sentence = " ".join(candidate)
        if grounded:
            slot_words = _slot_words(sentence, content_dir)
            if slot_words is None or not slot_words <= heard:
                continue
        return sentence, float(distance)
    return None


def understand(text: str, content_dir: Path | None = None) -> NluResult | None:
    """Like ``parse``, but a transcript one word in four away from a known command still counts.

    Recognisers slip ("are milk to my shopping list"); assistants match the closest thing
    they know — but only a command whose slot values were heard, so a slip never invents a
    timer length or a city.  ``closest`` says which command was assumed, so the trace can show it.
    """
    exact = parse(text, content_dir)
    if exact is not None:
        return exact
    near = closest_command(text, content_dir, grounded=True)
    if near is None:
        return None
    result = parse(near[0], content_dir)
    if result is None:
        return None
    return NluResult(result.intent, result.slots, normalise(text), result.template, closest=near[0])
