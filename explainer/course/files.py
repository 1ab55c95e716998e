"""Reading content files safely: whatever is on disk becomes text or a problem, never a crash.

Teachers copy folders around, editors save in odd encodings, and a fuzzer writes junk on
purpose. Every content file goes through ``read_text`` (size limit, links that leave the
content folder, folders where files should be, permissions, invalid UTF-8 with the line of
the first bad byte) and TOML files through ``read_toml`` (syntax errors with their line,
plus a ``TomlLines`` locator for later messages).
"""

from __future__ import annotations

import os
import re

try:  # tomli is the standard library's tomllib, compiled with mypyc: 3x faster at start-up
    import tomli as tomllib
except ImportError:  # pragma: no cover - a plain-pip install without the wheel
    import tomllib  # type: ignore[no-redef]
from pathlib import Path
from typing import Any

from explainer.course.problems import ProblemLog
from explainer.course.toml_lines import TomlLines

MAX_FILE_BYTES = 1_000_000


def rel(root: Path, path: Path) -> str:
    """``path`` relative to the content root, with forward slashes (as problems show it)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def inside(root: Path, path: Path) -> bool:
    """True when ``path`` (after following links) stays inside the content root."""
    try:
        real, base = os.path.realpath(path), os.path.realpath(root)
        return real == base or real.startswith(base.rstrip(os.sep) + os.sep)
    except (OSError, ValueError):
        return False


def read_text(root: Path, relpath: str, log: ProblemLog, *, required: bool = True) -> str | None:
    """The UTF-8 text of ``root/relpath``, or None after logging why it cannot be used."""
    path = root / relpath
    try:
        if not inside(root, path):  # the file, or a folder on its way, links out of the content folder
            log.add(relpath, 1, "is a link to a place outside the content folder; replace it with a real file")
            return None
        if not path.exists():
            if required:
                log.add(relpath, 1, "file is missing; create it (see content/README.md for its format)")
            return None
        if path.is_dir():
            log.add(relpath, 1, "is a folder, but a file is expected here; remove or rename the folder")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            log.add(relpath, 1, f"file is {size / 1_000_000:.1f} MB, over the 1 MB limit, so it was skipped; "
                    "split it into smaller files")
            return None
        data = path.read_bytes()
    except OSError as error:
        log.add(relpath, 1, f"cannot be read ({error.strerror or error}); check the file's permissions")
        return None
    return decode(relpath, data, log)


def decode(relpath: str, data: bytes, log: ProblemLog) -> str | None:
    """Bytes to text, logging invalid UTF-8 or binary content at the line where it starts."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        log.add(relpath, line, f"invalid UTF-8 (byte {error.start + 1} of the file); save the file as UTF-8 text")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        log.add(relpath, line, "contains binary data (a NUL byte); this must be a plain text file")
        return None
    return text.removeprefix("\ufeff")


def toml_error(relpath: str, error: tomllib.TOMLDecodeError, text: str, log: ProblemLog) -> None:
    message = str(error)
    match = re.search(r"\(at line (\d+)", message)
    line = int(match.group(1)) if match else 1
    if not match and "end of document" in message:
        line = len(text.rstrip().split("\n"))
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    log.add(relpath, line, f"invalid TOML: {reason}; fix the syntax on this line (or the one before)")


def read_toml(root: Path, relpath: str, log: ProblemLog, *, required: bool = True
              ) -> tuple[dict[str, Any], TomlLines] | None:
    """Parsed TOML and its line locator, or None after logging why it cannot be used."""
    text = read_text(root, relpath, log, required=required)
    if text is None:
        return None
    return parse_toml(relpath, text, log)


def parse_toml(relpath: str, text: str, log: ProblemLog) -> tuple[dict[str, Any], TomlLines] | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        toml_error(relpath, error, text, log)
        return None
    except (RecursionError, ValueError) as error:  # absurdly nested input
        log.add(relpath, 1, f"cannot be parsed as TOML ({type(error).__name__}); simplify the file")
        return None
    return data, TomlLines(text)
