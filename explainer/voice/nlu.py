"""Understanding: cleaned text -> intent and slots, with hassil templates.

The templates are content (``content/intents/*.yaml``), written the way Home Assistant
writes its own: alternatives, optional words, skip words for politeness, lists, wildcards
for names and items, numbers as words or digits.  A teacher adds a command without Python.
The same templates build the recogniser's language model (``explainer.voice.langmodel``),
so the recogniser and the parser agree on what the lab "knows".

When no template matches, ``understand`` may still *guess* the nearest known command — but
only when that guess is unambiguous (no other command is about as near) and drops no word
that points to a different command ("stop playing music" is never "play music").  The
result says it was a guess, and the confidence rule (``explainer.voice.decision``) treats it
with more caution.  This module never imports Textual.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hassil import Intents
from hassil.recognize import recognize_all, recognize_best
from hassil.util import merge_dict

from explainer.paths import packaged_content_dir
from explainer.voice import slotcheck
from explainer.voice.words import normalise, without_phrases


class IntentsError(Exception):
    """A template file could not be read; ``str()`` is ``path: message`` for the learner."""


@dataclass(frozen=True)
class NluResult:
    """What the lab understood: the intent, its slots, the text parsed and the template that matched.

    ``closest`` is set when no template matched and the nearest known command was *guessed*;
    ``distance`` is then its word distance (0..1).  ``wildcard_share`` is the share of the
    words that went into open slots (any item, any name): high means the template fixed little.
    ``doubt`` says why an open slot is not to be acted on ("them", or the command's own words
    misheard at its end): the confidence rule then asks again.
    """

    intent: str
    slots: dict[str, object] = field(default_factory=dict)
    text: str = ""
    template: str = ""
    closest: str | None = None
    distance: float = 0.0
    wildcard_share: float = 0.0
    doubt: slotcheck.Doubt | None = None  # why an open slot should not be acted on (``slotcheck``)

    @property
    def guessed(self) -> bool:
        return self.closest is not None


def intents_dir(content_dir: Path | None = None) -> Path:
    return (content_dir or packaged_content_dir()) / "intents"


def load_intent_dict(content_dir: Path | None = None) -> dict:
    """All template files merged into one hassil dictionary (sorted by file name)."""
    merged: dict = {}
    for path in sorted(intents_dir(content_dir).glob("*.yaml")):
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


def _plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return normalise(value)
    return value


def parse(text: str, content_dir: Path | None = None) -> NluResult | None:
    """The intent and slots of ``text`` (already cleaned: no wake word), or ``None``.

    When several templates match, the one that matches the most literal text wins (hassil's
    ``recognize_best``): "add oat milk to the list" fills ``item`` with "oat milk", not with
    "oat milk to the list" as the short "add {item}" would.
    """
    cleaned = normalise(text)
    intents = load_intents(content_dir)
    # Skip words ("please", "could you") go before matching, so a wildcard never swallows one
    # ("call mom please" -> contact "mom"); hassil would also try with them left in.
    core = without_phrases(cleaned, intents.skip_words)
    if not core:
        return None
    result = _match(core, intents)
    if result is None:
        return None
    doubt = slotcheck.doubt(core, result, intents, lambda text: _match(text, intents))
    slots = {name: _plain(entity.value) for name, entity in result.entities.items()}
    open_words = sum(len(str(e.text or "").split()) for e in result.entities.values() if e.is_wildcard)
    template = result.intent_sentence.text or "" if result.intent_sentence is not None else ""
    return NluResult(intent=result.intent.name, slots=slots, text=cleaned, template=template,
                     wildcard_share=round(open_words / max(1, len(core.split())), 3), doubt=doubt)


def _match(core: str, intents: Intents) -> Any:
    """hassil's best match of ``core`` whose open slots split no word, or None."""
    result = recognize_best(core, intents)
    if result is not None and not _whole_words(result, core):
        result = _best_whole_words(core, intents)
    return result


def _whole_words(result: Any, core: str) -> bool:
    """Every open slot of ``result`` holds whole words of ``core``.  hassil matches characters,
    so "weather london today" could also be read as city "lond" + "on today" (more literal text
    matched, so it won): a word is never split between a slot and the template."""
    for entity in result.entities.values():
        words = str(entity.text or "").strip()
        if entity.is_wildcard and words and not re.search(rf"(?<!\S){re.escape(words)}(?!\S)", core):
            return False
    return True


def _best_whole_words(core: str, intents: Intents) -> Any:
    """``recognize_best``'s order (fewer open slots, more literal text, less text in open slots),
    among the matches that split no word."""
    found = [r for r in recognize_all(core, intents) if _whole_words(r, core)]

    def order(result: Any) -> tuple:
        wild = [e for e in result.entities_list if e.is_wildcard]
        return (len(wild), -result.text_chunks_matched, sum(len(e.text or "") for e in wild), result.intent.name)

    return min(found, key=order) if found else None


def understand(text: str, content_dir: Path | None = None, index: Any = None,
               cache_dir: Path | None = None) -> NluResult | None:
    """``parse``, or an unambiguous guess of the nearest known command (``closest`` set), or None.

    ``cache_dir`` (the lab's cache folder) keeps the nearest-command index between runs."""
    exact = parse(text, content_dir)
    if exact is not None:
        return exact
    from explainer.voice.nearest import nearest_index

    guess = (index or nearest_index(content_dir, cache_dir)).guess(normalise(text))
    if guess is None:
        return None
    result = parse(guess.sentence, content_dir)
    if result is None or result.intent != guess.intent:
        return None
    return NluResult(result.intent, result.slots, normalise(text), result.template, closest=guess.sentence,
                     distance=guess.distance, wildcard_share=result.wildcard_share, doubt=result.doubt)
