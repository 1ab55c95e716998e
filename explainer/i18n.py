"""Interface strings in the learner's language.

English text is its own key: code says ``_("Press ? for help")`` and the string is looked up
in ``explainer/locale/<lang>.toml`` (``"English text" = "translation"``). A missing
translation falls back to English, so a half-translated language still works. Content
(lessons, quizzes) is translated separately, as content (see content/README.md).

Strings are looked up when they are shown, never when a module is imported: a module may be
imported before the language is set (the background prewarm, a test, another session in the
same process). Key descriptions are declared in English (``Binding("c", "continue",
"Continue")``) and the footer and the help screen pass them through ``label()``.
"""

from __future__ import annotations

import re
from pathlib import Path

_LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_catalogue: dict[str, str] = {}
_language = "en"


def available_languages() -> list[str]:
    return ["en", *sorted(p.stem for p in _LOCALE_DIR.glob("*.toml"))]


def set_language(lang: str | None) -> str:
    """Switch the interface language; unknown languages fall back to English. Returns the one in use."""
    global _catalogue, _language
    lang = (lang or "en").split("_")[0].split("-")[0].lower()
    path = _LOCALE_DIR / f"{lang}.toml"
    if lang == "en" or not path.is_file():
        _catalogue, _language = {}, "en"
        return _language
    import tomllib  # only for another language: English, the common case, reads no file

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    _catalogue = {k: v for k, v in data.items() if isinstance(v, str)}
    _language = lang
    return _language


def language() -> str:
    return _language


def _(text: str) -> str:
    """Translate one interface string (falls back to the English text)."""
    return _catalogue.get(text, text)


_NUMBERED = re.compile(r"^(.+) (\d+(?:-\d+)?)$")


def label(text: str) -> str:
    """A key's description, translated as it is shown.

    A description ending in a number or a range ("Open source 1-9", "Option 3") is looked up
    as its template ("Open source {n}"), so nine keys need one entry.
    """
    if text in _catalogue or not _catalogue or not (numbered := _NUMBERED.match(text)):
        return _(text)
    template = numbered.group(1) + " {n}"
    return _catalogue[template].format(n=numbered.group(2)) if template in _catalogue else text
