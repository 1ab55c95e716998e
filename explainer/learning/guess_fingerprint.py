"""What produced a stored machine guess: the recogniser's fingerprint, and the audio's hash.

A clip's stored guess (``learning.shift_guess``) is kept only while it still matches what would
compute it now.  The fingerprint hashes the pocketsphinx version, the source of the lab modules
that turn audio into words and intents (``RECOGNISER_MODULES`` and every ``explainer.voice``
module they import, found by reading their imports, not by importing them) and the intent
templates; the audio is matched by its SHA-256.  Kept apart from reading and writing the
guesses because it is the one part that must follow the recogniser's code as it changes: when a
voice module is added to, or dropped from, what the recogniser imports, this is where the
fingerprint learns it.  Nothing here imports Textual, nor the recogniser itself.
"""

from __future__ import annotations

import ast
import hashlib
from functools import cache
from pathlib import Path

GUESS_VERSION = 1  # the stored file's format; part of the fingerprint too
# The lab modules that turn a clip's audio into the guess; everything they import from
# explainer.voice is part of the fingerprint too (found by reading their imports).
RECOGNISER_MODULES = ("explainer.voice.asr", "explainer.voice.nlu", "explainer.voice.lab_service")
# Reading a WAV (and the render effects beside it) does not change what the recogniser makes of
# the samples, so edits there do not make every stored guess stale.
NOT_RECOGNISER = frozenset({"explainer.voice.audio", "explainer.voice.wav_files"})

def _module_file(name: str) -> Path | None:
    package = Path(__file__).resolve().parents[1]  # .../explainer
    parts = name.split(".")[1:]
    for candidate in (package.joinpath(*parts).with_suffix(".py"), package.joinpath(*parts, "__init__.py")):
        if candidate.is_file():
            return candidate
    return None


def _voice_imports(path: Path) -> set[str]:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return set()
    found: set[str] = set()
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        found.update(n for n in names if n.startswith("explainer.voice."))
    return found


def recogniser_files() -> list[Path]:
    """The source files of the recogniser: RECOGNISER_MODULES and what they import from voice/."""
    seen: dict[str, Path] = {}
    todo = list(RECOGNISER_MODULES)
    while todo:
        name = todo.pop()
        if name in seen or name in NOT_RECOGNISER:
            continue
        path = _module_file(name)
        if path is None:
            continue
        seen[name] = path
        todo.extend(_voice_imports(path))
    return [seen[name] for name in sorted(seen)]


def _pocketsphinx_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("pocketsphinx")
    except metadata.PackageNotFoundError:
        return "missing"


@cache
def recogniser_fingerprint(intents_dir: Path) -> str:
    """A hash of everything that decides the guess (see the module doc). Cached per process."""
    digest = hashlib.sha256(f"guess {GUESS_VERSION} pocketsphinx {_pocketsphinx_version()}".encode())
    for path in recogniser_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in sorted(Path(intents_dir).glob("*.y*ml")):
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()


def describe_recogniser() -> str:
    return f"lab recogniser (pocketsphinx {_pocketsphinx_version()})"


def audio_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
