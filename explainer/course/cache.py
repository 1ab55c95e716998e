"""A pickled copy of the loaded course, so the app starts without re-reading every content file.

Loading and validating the packaged course costs ~50 ms of CPU on every start (``explainer
bench``), for content that almost never changes between two starts. The copy is keyed by
everything that could change the result: the path, size and modification time of every file
in the content folder and of the loader's own modules (this folder), the language, and the
Python version. Any difference, or any trouble reading the copy, means a normal load.

Only a course that loaded without problems is stored, so broken content is always read again
and its problems always reported fresh. The copy lives in the learner's cache folder (which
``explainer where`` lists); a kiosk or served session passes no folder and writes nothing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from explainer.course.model import Course
from explainer.paths import COURSE_CACHE_FOLDER, read_cached_pickle, write_cache_file

CACHE_VERSION = 1
LOADER_DIR = Path(__file__).resolve().parent


def fingerprint(root: Path, lang: str | None) -> str:
    """A hash that changes whenever a content file or the loader itself changes."""
    digest = hashlib.sha256(f"{CACHE_VERSION}\0{sys.version}\0{lang}\0{root.resolve()}".encode())
    for folder in (root, LOADER_DIR):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _read(path: Path) -> Course | None:
    course = read_cached_pickle(path, Course)
    return course if isinstance(course, Course) else None


def _write(folder: Path, path: Path, course: Course) -> None:
    try:
        write_cache_file(path, pickle.dumps(course, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in folder.glob("*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # an unwritable cache only costs the next start ~50 ms


def _load(root: Path, lang: str | None) -> Course:
    # Imported here, only on a miss: the readers cost ~10 ms to import.
    from explainer.course.load import load_course

    return load_course(root, lang)


def load_course_cached(root: Path, lang: str | None = None, cache_dir: Path | None = None) -> Course:
    """Like ``load_course`` (raises the same ContentError), reusing a stored copy when still valid."""
    root = Path(root)
    if cache_dir is None or not root.is_dir():
        return _load(root, lang)
    folder = Path(cache_dir) / COURSE_CACHE_FOLDER  # DataPaths.course_cache_dir: where/forget list it
    path = folder / f"{fingerprint(root, lang)[:32]}.pickle"
    course = _read(path) if path.is_file() else None
    if course is not None:
        return course
    course = _load(root, lang)
    _write(folder, path, course)
    return course
