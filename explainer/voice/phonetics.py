"""How close a phrase *sounds* to a wake word, computed from real pronunciations.

The wake-word station lets a learner move a threshold and watch ordinary phrases start to
wake a device. To make that honest rather than a toy, we do what Schönherr et al. did when
they built artificial accidental triggers: turn words into phones with a pronouncing
dictionary (the CMU dictionary that ships inside pocketsphinx) and compare phone sequences
with a *weighted* Levenshtein distance, sliding the wake word along the phrase.

Substitution costs come from articulatory features (a /s/ for a /sh/ costs less than a /s/
for an /m/; one vowel for another costs little), so "election" lands close to "Alexa" and
"banana" does not. Real detectors differ: they score audio frames with acoustic models and
never see dictionary phones. The widget says so.

Reading the 3 MB dictionary takes a few tenths of a second, so callers load it in a worker;
``load_dictionary`` caches the result for the life of the process.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

VOWELS = {
    # phone: (height 0 low .. 3 high, backness 0 front .. 2 back, rounded, rhotic)
    "IY": (3, 0, 0, 0), "IH": (2.5, 0.2, 0, 0), "EY": (2, 0, 0, 0), "EH": (1.5, 0, 0, 0),
    "AE": (0.5, 0, 0, 0), "AA": (0, 2, 0, 0), "AO": (1, 2, 1, 0), "OW": (1.5, 2, 1, 0),
    "UH": (2.5, 1.8, 1, 0), "UW": (3, 2, 1, 0), "AH": (1.2, 1, 0, 0), "ER": (1.5, 1, 0, 1),
    "AY": (1, 0.5, 0, 0), "AW": (1, 1.5, 1, 0), "OY": (1.5, 1.5, 1, 0),
}
CONSONANTS = {
    # phone: (manner, place 0 lips .. 6 throat, voiced)
    "P": ("stop", 0, 0), "B": ("stop", 0, 1), "T": ("stop", 3, 0), "D": ("stop", 3, 1),
    "K": ("stop", 5, 0), "G": ("stop", 5, 1), "CH": ("affricate", 4, 0), "JH": ("affricate", 4, 1),
    "F": ("fricative", 1, 0), "V": ("fricative", 1, 1), "TH": ("fricative", 2, 0),
    "DH": ("fricative", 2, 1), "S": ("fricative", 3, 0), "Z": ("fricative", 3, 1),
    "SH": ("fricative", 4, 0), "ZH": ("fricative", 4, 1), "HH": ("fricative", 6, 0),
    "M": ("nasal", 0, 1), "N": ("nasal", 3, 1), "NG": ("nasal", 5, 1),
    "L": ("liquid", 3, 1), "R": ("liquid", 4, 1), "W": ("glide", 0, 1), "Y": ("glide", 4, 1),
}
_MANNER_COST = {
    frozenset({"stop", "affricate"}): 0.3, frozenset({"fricative", "affricate"}): 0.3,
    frozenset({"nasal", "liquid"}): 0.4, frozenset({"liquid", "glide"}): 0.35,
    frozenset({"nasal", "glide"}): 0.5, frozenset({"stop", "fricative"}): 0.5,
}
_NEAR_VOWEL = {("ER", "R"): 0.4, ("IY", "Y"): 0.4, ("UW", "W"): 0.4}

WAKE_WORDS = {
    # the Echo's choices first (facts §1.1), then other assistants' wake phrases
    "alexa": "Alexa", "echo": "Echo", "computer": "Computer", "amazon": "Amazon",
    "hey siri": "Hey Siri", "ok google": "OK Google", "cortana": "Cortana",
}


def dictionary_path() -> Path:
    """The CMU pronouncing dictionary bundled with the pocketsphinx wheel."""
    import pocketsphinx  # imported here: only the path is needed, not the decoder

    return Path(pocketsphinx.__file__).resolve().parent / "model" / "en-us" / "cmudict-en-us.dict"


class Pronunciations(Mapping[str, tuple[str, ...]]):
    """Word -> phones, parsed on first lookup (building 134,000 tuples up front took 3x longer)."""

    def __init__(self, raw: dict[str, str]) -> None:
        self._raw = raw
        self._parsed: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, word: str) -> tuple[str, ...]:
        found = self._parsed.get(word)
        if found is None:
            found = tuple(p.rstrip("012") for p in self._raw[word].split())
            self._parsed[word] = found
        return found

    def __contains__(self, word: object) -> bool:
        return word in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


_cache: Pronunciations | None = None
_lock = threading.Lock()


def load_dictionary(path: Path | None = None) -> Pronunciations:
    """The CMU dictionary (first pronunciation of each word). Cached; safe from several threads."""
    global _cache
    with _lock:
        if _cache is not None and path is None:
            return _cache
        try:
            text = (path or dictionary_path()).read_text(encoding="utf-8", errors="replace")
        except (OSError, ImportError):
            text = ""  # no dictionary: every word goes through the letter rules below
        # alternates are listed as "word(2)"; no phrase word contains "(", so they never match
        raw = dict(line.split(" ", 1) for line in text.splitlines() if " " in line)
        entries = Pronunciations(raw)
        if path is None:
            _cache = entries
        return entries


def dictionary_loaded() -> bool:
    return _cache is not None


# A deliberately small letter-to-sound fallback for words the dictionary lacks.
_LETTER_RULES = [
    ("tion", "SH AH N"), ("ough", "OW"), ("augh", "AO"), ("igh", "AY"), ("tch", "CH"),
    ("sch", "S K"), ("ch", "CH"), ("sh", "SH"), ("th", "TH"), ("ph", "F"), ("ng", "NG"),
    ("ck", "K"), ("qu", "K W"), ("wh", "W"), ("gh", ""), ("ee", "IY"), ("ea", "IY"),
    ("oo", "UW"), ("ou", "AW"), ("ow", "OW"), ("oi", "OY"), ("oy", "OY"), ("ai", "EY"),
    ("ay", "EY"), ("au", "AO"), ("aw", "AO"), ("or", "AO R"), ("ar", "AA R"), ("er", "ER"),
    ("ir", "ER"), ("ur", "ER"), ("ie", "IY"), ("ey", "IY"),
    ("a", "AE"), ("b", "B"), ("c", "K"), ("d", "D"), ("e", "EH"), ("f", "F"), ("g", "G"),
    ("h", "HH"), ("i", "IH"), ("j", "JH"), ("k", "K"), ("l", "L"), ("m", "M"), ("n", "N"),
    ("o", "AA"), ("p", "P"), ("q", "K"), ("r", "R"), ("s", "S"), ("t", "T"), ("u", "AH"),
    ("v", "V"), ("w", "W"), ("x", "K S"), ("y", "Y"), ("z", "Z"),
]


def letters_to_phones(word: str) -> tuple[str, ...]:
    """Guess a pronunciation from spelling (simple rules; good enough for names like 'Cortana')."""
    word = word.lower().replace("'", "")
    phones: list[str] = []
    i = 0
    while i < len(word):
        if word[i] == "e" and i == len(word) - 1 and i > 1:
            break  # silent final e
        if word[i] in "ay" and i == len(word) - 1 and i > 0:
            phones.append("AH" if word[i] == "a" else "IY")
            break
        if word[i] == "c" and i + 1 < len(word) and word[i + 1] in "eiy":
            phones.append("S")
            i += 1
            continue
        for letters, sounds in _LETTER_RULES:
            if word.startswith(letters, i):
                phones.extend(sounds.split())
                i += len(letters)
                break
        else:
            i += 1
    return tuple(phones)


WORD_RE = re.compile(r"[a-z']+")


def words(text: str) -> list[str]:
    return WORD_RE.findall(text.lower())


def phrase_phones(text: str, dictionary: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """All phones of a phrase, word after word (dictionary first, letter rules otherwise)."""
    phones: list[str] = []
    for word in words(text):
        found = dictionary.get(word) or dictionary.get(word.strip("'"))
        phones.extend(found if found else letters_to_phones(word))
    return tuple(phones)


def substitution_cost(a: str, b: str) -> float:
    """0 for the same phone, small for similar-sounding phones, 1 for very different ones."""
    if a == b:
        return 0.0
    if a in VOWELS and b in VOWELS:
        if "AH" in (a, b):
            return 0.3  # the unstressed schwa stands in for almost any vowel
        ha, ba, ra, rha = VOWELS[a]
        hb, bb, rb, rhb = VOWELS[b]
        cost = 0.18 * abs(ha - hb) + 0.15 * abs(ba - bb) + 0.1 * abs(ra - rb) + 0.25 * abs(rha - rhb)
        return min(0.8, max(0.25, cost))
    if a in CONSONANTS and b in CONSONANTS:
        ma, pa, va = CONSONANTS[a]
        mb, pb, vb = CONSONANTS[b]
        manner = 0.0 if ma == mb else _MANNER_COST.get(frozenset({ma, mb}), 0.7)
        cost = manner + 0.08 * abs(pa - pb) + 0.15 * abs(va - vb)
        return min(1.0, max(0.2, cost))
    return _NEAR_VOWEL.get((a, b)) or _NEAR_VOWEL.get((b, a)) or 1.0


def gap_cost(phone: str) -> float:
    """Cost of a phone that one side has and the other lacks."""
    if phone == "AH" or phone == "HH":
        return 0.35
    return 0.5 if phone in VOWELS else 0.7


@dataclass(frozen=True)
class Match:
    """The best-matching stretch of a phrase for one wake word."""

    score: float  # 1.0 = sounds identical, 0.0 = nothing alike
    distance: float
    window: tuple[str, ...]  # the phrase's phones that matched
    wake: tuple[str, ...]


SCORE_SCALE = 0.6  # a distance of 0.6 per wake-word phone scores 0


def _score(distance: float, length: int) -> float:
    """Turn a weighted distance into a 0..1 similarity (1 = the very same phones)."""
    return max(0.0, 1.0 - distance / (SCORE_SCALE * length))


def best_window(phrase: tuple[str, ...], wake: tuple[str, ...]) -> Match:
    """Slide the wake word over the phrase; keep the window with the smallest weighted distance.

    A semi-global alignment: gaps before and after the window are free, so this equals the
    minimum over every contiguous window of the phrase, in O(len(wake) * len(phrase)).
    """
    if not wake:
        return Match(0.0, 0.0, (), wake)
    if not phrase:
        dist = sum(gap_cost(p) for p in wake)
        return Match(_score(dist, len(wake)), dist, (), wake)
    cols = len(phrase) + 1
    prev = [0.0] * cols  # free start anywhere in the phrase
    prev_start = list(range(cols))
    for i in range(1, len(wake) + 1):
        cur = [prev[0] + gap_cost(wake[i - 1])] + [0.0] * (cols - 1)
        cur_start = [0] * cols
        for j in range(1, cols):
            options = (
                (prev[j - 1] + substitution_cost(wake[i - 1], phrase[j - 1]), prev_start[j - 1]),
                (prev[j] + gap_cost(wake[i - 1]), prev_start[j]),
                (cur[j - 1] + gap_cost(phrase[j - 1]), cur_start[j - 1]),
            )
            cur[j], cur_start[j] = min(options, key=lambda option: option[0])
        prev, prev_start = cur, cur_start
    end = min(range(cols), key=lambda j: prev[j])
    dist = prev[end]
    return Match(_score(dist, len(wake)), dist, phrase[prev_start[end] : end], wake)


def similarity(phrase: str, wake_word: str, dictionary: Mapping[str, tuple[str, ...]]) -> Match:
    """How much of ``phrase`` sounds like ``wake_word`` (both plain text)."""
    return best_window(phrase_phones(phrase, dictionary), phrase_phones(wake_word, dictionary))


@dataclass(frozen=True)
class Verdict:
    text: str
    intended: bool  # the speaker meant to wake the device
    match: Match
    wakes: bool  # score >= threshold

    @property
    def outcome(self) -> str:
        """"wake", "false wake", "missed wake" or "ignored"."""
        if self.wakes:
            return "wake" if self.intended else "false wake"
        return "missed wake" if self.intended else "ignored"


def judge(
    phrases: list[tuple[str, bool]], wake_word: str, threshold: float,
    dictionary: Mapping[str, tuple[str, ...]],
) -> list[Verdict]:
    """Score each (text, intended) phrase against the wake word at this threshold."""
    verdicts = []
    for text, intended in phrases:
        match = similarity(text, wake_word, dictionary)
        verdicts.append(Verdict(text, intended, match, match.score >= threshold))
    return verdicts


def count_outcomes(verdicts: list[Verdict]) -> dict[str, int]:
    counts = {"wake": 0, "false wake": 0, "missed wake": 0, "ignored": 0}
    for verdict in verdicts:
        counts[verdict.outcome] += 1
    return counts


def addresses(text: str, wake_word: str) -> bool:
    """Does the phrase contain the wake word as words (a typed phrase's default intent)?"""
    said, wake = " ".join(words(text)), " ".join(words(wake_word))
    return bool(wake) and f" {wake} " in f" {said} "
