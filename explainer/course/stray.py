"""Stray files: anything in a content folder that is not part of the course format.

A misnamed page (``1-intro.md``, ``notes.txt``) would silently never appear in the app,
so the checker lists every file the format does not expect, every station folder that
course.toml does not list, links that lead out of the folder, and translations under
``lang/<code>/`` that mirror no real file. Translated files are also read and parsed, so
a broken translation is reported like a broken original.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from explainer.course.context import ReadContext
from explainer.course.files import inside, parse_toml, read_text, rel
from explainer.course.read_pages import PAGE_FILE_RE

MAX_FILES = 20_000
ALWAYS_ALLOWED = {"README.md", ".gitkeep"}
ROOT_FILES = {"course.toml", "sources.toml", "glossary.toml", "facts.toml", "hosts.toml", "teacher-guide.md",
              "misconceptions.toml"}
STATION_FILES = {"quiz.toml", "model.toml", "teacher-guide.md", "recap.md"}
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
FORMAT_HINT = "see content/README.md for what belongs where"


def check_files(ctx: ReadContext) -> None:
    root = ctx.root
    seen = 0
    for dirpath, dirnames, filenames in os.walk(root, onerror=lambda error: _walk_error(ctx, error)):
        here = Path(dirpath)
        for name in list(dirnames):
            path = here / name
            if path.is_symlink() and not inside(root, path):
                ctx.log.add(rel(root, path), 1, "is a link to a folder outside the content folder; "
                            "replace it with a real folder or remove it")
                dirnames.remove(name)
            elif rel(root, path).count("/") == 1 and rel(root, path).startswith("stations/"):
                if rel(root, path) not in ctx.station_folders:
                    ctx.log.add(rel(root, path), 1, "station folder not listed in course.toml; add a [[stations]] "
                                f'entry with folder = "{rel(root, path)}", or remove the folder')
                    dirnames.remove(name)
        dirnames.sort()
        for name in sorted(filenames):
            seen += 1
            if seen > MAX_FILES:
                ctx.log.add(".", 1, f"more than {MAX_FILES} files; is this really a content folder?")
                return
            path = here / name
            relpath = rel(root, path)
            if path.is_symlink() and not inside(root, path):
                ctx.log.add(relpath, 1, "is a link to a place outside the content folder; "
                            "replace it with a real file or remove it")
                continue
            message = _stray_reason(ctx, relpath)
            if message:
                ctx.log.add(relpath, 1, message)


def _walk_error(ctx: ReadContext, error: OSError) -> None:
    where = rel(ctx.root, Path(error.filename)) if error.filename else "."
    ctx.log.add(where, 1, f"cannot be read ({error.strerror or error}); check the folder's permissions")


def _stray_reason(ctx: ReadContext, relpath: str) -> str | None:
    parts = relpath.split("/")
    name = parts[-1]
    if name in ALWAYS_ALLOWED:
        return None
    if parts[0] == "lang":
        return _translation_reason(ctx, relpath, parts)
    if len(parts) == 1:
        if name in ROOT_FILES:
            return None
    elif parts[0] == "stations" and len(parts) == 3 and "/".join(parts[:2]) in ctx.station_folders:
        if name in STATION_FILES or PAGE_FILE_RE.match(name):
            return None
        if name.endswith(".md"):
            return ("lesson page file names must look like NN-slug.md, e.g. 03-on-the-device.md (digits, a hyphen, "
                    "then lowercase letters, digits and hyphens); rename it so that it appears in the course")
        return ("is not part of the course format; a station folder holds NN-slug.md pages, quiz.toml, "
                "model.toml, recap.md, teacher-guide.md and README.md -- rename or remove it")
    elif parts[0] == "quizzes" and relpath == "quizzes/final.toml":
        return None
    elif parts[0] == "clips" and len(parts) == 2 and name.endswith(".toml"):
        return None  # households.toml, rules.toml or <household>.toml (checked when clips are read)
    elif parts[0] == "clips" and len(parts) == 3 and parts[1] == "audio" and name.endswith((".wav", ".guess.json")):
        return None  # rendered audio, and the machine's guess computed from it
    elif parts[0] == "intents" and len(parts) == 2 and name.endswith((".yaml", ".yml")):
        return None
    elif parts[0] == "lab" and len(parts) == 2 and name.endswith(".toml"):
        return None  # the voice lab's canned data (checked with the model.toml files)
    elif relpath == "lab/word_filter.txt":
        return None  # the lab's classroom word filter: one word per line (explainer.voice.wordfilter)
    if name.endswith(".md"):
        return "a lesson page must be inside a station folder listed in course.toml (stations/NN-id/); move it there"
    return f"is not part of the course format; remove it or move it where it belongs ({FORMAT_HINT})"


def _translation_reason(ctx: ReadContext, relpath: str, parts: list[str]) -> str | None:
    if len(parts) < 3:
        return f"translations go in lang/<language code>/ with the same paths as the originals ({FORMAT_HINT})"
    if not LANG_RE.match(parts[1]):
        return f'"{parts[1]}" is not a language code; use a code like "es" or "pt-BR" for the folder under lang/'
    original = "/".join(parts[2:])
    if parts[2] == "lang" or _stray_reason(ctx, original) is not None or not (ctx.root / original).is_file():
        return (f"translates {original}, which is not a file of the course; give it the same path as the "
                "original under lang/" + parts[1] + "/, or remove it")
    _parse_translation(ctx, relpath)
    return None


def _parse_translation(ctx: ReadContext, relpath: str) -> None:
    """Translated files the course reader does not read (model.toml) must still be valid TOML."""
    if not relpath.endswith("/model.toml"):
        return
    text = read_text(ctx.root, relpath, ctx.log)
    if text is None:
        return
    parse_toml(relpath, text, ctx.log)
