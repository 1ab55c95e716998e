"""What the content readers share while one folder is read: the root, the problem log,
and the ids seen so far (so a duplicate or a dangling reference is found wherever it is).

Readers run in dependency order -- sources, glossary, intents, course and stations, pages,
quizzes, households, clips -- and each leaves what later readers need here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from explainer.course.fields import Fields
from explainer.course.model import Fact, GlossaryTerm, Source
from explainer.course.problems import ProblemLog

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass
class ReadContext:
    root: Path
    log: ProblemLog = field(default_factory=ProblemLog)
    sources: dict[str, Source] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    term_lookup: dict[str, str] = field(default_factory=dict)  # lower-case term or alias -> term id
    intents: dict[str, tuple[str, int]] = field(default_factory=dict)  # name -> (path, line)
    question_ids: dict[str, tuple[str, int]] = field(default_factory=dict)
    station_folders: dict[str, str] = field(default_factory=dict)  # folder -> station id
    sources_loaded: bool = False  # False when sources.toml is unusable: skip "unknown source" noise
    glossary_loaded: bool = False
    facts_loaded: bool = False  # True once facts.toml was read (it is optional)
    households_loaded: bool = False
    overlay: str = ""  # "lang/es" when reading a translation: its files replace the originals

    def localized(self, relpath: str) -> str:
        """The translated file for ``relpath`` when one exists, else ``relpath`` itself."""
        if self.overlay:
            translated = f"{self.overlay}/{relpath}"
            try:
                if (self.root / translated).exists() or (self.root / translated).is_symlink():
                    return translated
            except OSError:
                pass
        return relpath

    def take_id(self, fields: Fields, kind: str, seen: dict[str, tuple[str, int]], *, slug: bool = False,
                within: str = "") -> str:
        """Read ``id``, check its form and that it is new in ``seen``; label ``fields`` with it."""
        value = fields.text("id")
        if not value:
            return ""
        pattern, rule = (SLUG_RE, "lowercase letters, digits and hyphens") if slug else (
            ID_RE, "letters, digits, '-', '_' and '.' (no spaces or slashes)")
        if not pattern.match(value):
            fields.say("id", f'id "{value}" is not a valid {kind} id; use only {rule}')
        fields.label = f'{within}{kind} "{value}"'
        if value in seen:
            first_path, first_line = seen[value]
            fields.say("id", f'duplicate {kind} id "{value}" (first used at {first_path}:{first_line}); '
                       "give each one a different id")
        else:
            seen[value] = (fields.path, fields.line("id"))
        return value

    def check_sources(self, fields: Fields, key: str, ids: tuple[str, ...]) -> None:
        if not self.sources_loaded:
            return
        for source_id in ids:
            if source_id not in self.sources:
                fields.say(key, f'unknown source "{source_id}" in {key}; add it to sources.toml or fix the id')

    def unknown_citation(self, source_id: str) -> bool:
        return self.sources_loaded and source_id not in self.sources
