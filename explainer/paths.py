"""Where the course is read from and where the learner's data is written.

One module owns every path so that ``explainer where`` can list them all and
``explainer forget`` can erase exactly what the app wrote -- nothing more. Nothing
here creates a directory at import time; callers create what they write.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "whos-listening"
DATA_DIR_ENV = "EXPLAINER_DATA_DIR"
CACHE_DIR_ENV = "EXPLAINER_CACHE_DIR"
COURSE_CACHE_FOLDER = "course"  # explainer.course.cache keeps the validated course here
CSS_CACHE_FOLDER = "styles"  # explainer.tui.css_cache keeps Textual's parsed stylesheets here


def packaged_content_dir() -> Path:
    """The content shipped with the app: inside the wheel, or the repository's ``content/``."""
    here = Path(__file__).resolve().parent
    in_wheel = here / "_content"
    if in_wheel.is_dir():
        return in_wheel
    return here.parent / "content"


@dataclass(frozen=True)
class DataPaths:
    """Every file and folder the app may write for one learner."""

    data_dir: Path
    cache_dir: Path

    @property
    def progress_file(self) -> Path:
        return self.data_dir / "progress.json"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def history_db(self) -> Path:
        return self.data_dir / "voice-history.sqlite3"

    @property
    def certificate_md(self) -> Path:
        return self.data_dir / "certificate.md"

    @property
    def certificate_html(self) -> Path:
        return self.data_dir / "certificate.html"

    @property
    def checklist_md(self) -> Path:
        return self.data_dir / "my-voice-assistant-checklist.md"  # station 9's checklist, saved with w

    @property
    def clip_cache_dir(self) -> Path:
        return self.cache_dir / "clips"

    @property
    def lab_cache_dir(self) -> Path:
        return self.cache_dir / "lab"

    @property
    def error_log(self) -> Path:
        return self.cache_dir / "errors.log"

    @property
    def narration_cache_dir(self) -> Path:
        return self.cache_dir / "narration"

    @property
    def course_cache_dir(self) -> Path:
        return self.cache_dir / COURSE_CACHE_FOLDER

    @property
    def css_cache_dir(self) -> Path:
        return self.cache_dir / CSS_CACHE_FOLDER

    def all_paths(self) -> list[tuple[str, Path]]:
        """(what it is, where it is) for everything the app reads or writes for the learner."""
        return [
            ("learner data folder", self.data_dir),
            ("progress (pages, models, quiz answers, shifts)", self.progress_file),
            ("settings (theme, narration, motion)", self.settings_file),
            ("lab voice history (SQLite)", self.history_db),
            ("course certificate (Markdown, saved at the course ending)", self.certificate_md),
            ("course certificate (HTML, to print)", self.certificate_html),
            ("your voice assistant checklist (station 9, saved with w)", self.checklist_md),
            ("cache folder", self.cache_dir),
            ("rendered clip audio cache", self.clip_cache_dir),
            ("validated course copy (faster start)", self.course_cache_dir),
            ("parsed stylesheet copies (faster start)", self.css_cache_dir),
            ("lesson pages read aloud (narration audio cache)", self.narration_cache_dir),
            ("voice lab: the recogniser's models, built from the intent templates", self.lab_cache_dir),
            ("what went wrong in the background (error log, for a teacher)", self.error_log),
        ]


def data_paths(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """Resolve the learner's folders: ``--data-dir`` beats ``EXPLAINER_DATA_DIR`` beats platformdirs.

    When a data dir is given explicitly, the cache lives inside it so one folder holds everything
    (tests and kiosks rely on that).
    """
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser()
        cache = Path(os.environ.get(CACHE_DIR_ENV) or root / "cache")
        return DataPaths(data_dir=root, cache_dir=cache)
    cache_env = os.environ.get(CACHE_DIR_ENV)
    return DataPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache_dir=Path(cache_env or platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


def cache_is_ours(paths: DataPaths) -> bool:
    """True when the cache folder belongs to this app alone (its default places), so all of it
    can go; a folder chosen with EXPLAINER_CACHE_DIR might be shared, so only our paths go there."""
    cache = paths.cache_dir
    return cache == paths.data_dir / "cache" or APP_NAME in cache.parts


def owned_paths(paths: DataPaths) -> list[Path]:
    """Every existing file or folder the app made for this learner, most specific first
    (``explainer where`` lists them, ``forget`` erases them, ``privacy`` keeps them private)."""
    found: list[Path] = []
    folders = {paths.data_dir, paths.cache_dir}
    if cache_is_ours(paths) and paths.cache_dir.is_dir():
        found += sorted(paths.cache_dir.iterdir())  # clip audio, the validated-course copy, ...
    for _label, path in paths.all_paths():
        if path in folders:
            continue
        if (path.exists() or path.is_symlink()) and path not in found:
            found.append(path)
        parent = path.parent
        if parent.is_dir():
            for companion in sorted(parent.glob(f"{path.name}.*")):
                if companion not in found:
                    found.append(companion)
            for sidecar in ("-wal", "-shm", "-journal"):
                extra = path.with_name(path.name + sidecar)
                if extra.exists() and extra not in found:
                    found.append(extra)
    return found


def owned_by_this_user(path: Path) -> bool:
    """Whether ``path`` and its folder were written by this user and nobody else can write them.

    Caches are pickles, and unpickling runs code: a cache folder may be shared
    (``EXPLAINER_CACHE_DIR``), so only what this user wrote is read back. POSIX only; elsewhere
    the per-user cache folder is the protection. A missing file is not owned.
    """
    if not hasattr(os, "getuid"):
        return path.is_file()
    try:
        for item in (path, path.parent):
            stat = item.stat()
            if stat.st_uid != os.getuid() or stat.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def read_cached_pickle(path: Path, expected: type | tuple[type, ...] = object) -> object | None:
    """What a cache file holds, or None if it is missing, damaged, not this user's own or not of
    the ``expected`` type (a cache's shape is its type: the copy is used whole or not at all)."""
    import pickle

    try:
        if not owned_by_this_user(path):
            return None
        with path.open("rb") as stream:
            value = pickle.load(stream)
        return value if isinstance(value, expected) else None
    except Exception:  # noqa: BLE001 - a damaged or foreign copy is simply not used
        return None


def make_folders_private(path: Path) -> None:
    """Create ``path`` and every missing parent with mode 0700; raises OSError.

    ``Path.mkdir(mode=..., parents=True)`` gives only the last folder that mode; the parents it
    makes get the umask's (0755), so a first start made the data folder open to others and then
    told the learner it had "repaired" files it had just created.
    """
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)


def write_cache_file(path: Path, data: bytes) -> None:
    """Write a cache file atomically, in a folder only this user can read; raises OSError.

    On a full disk the error may only come when the file is closed (buffered writes): the temp
    file is removed then too, so no empty ``.cache-*.tmp`` files pile up.
    """
    import tempfile

    make_folders_private(path.parent)
    out = tempfile.NamedTemporaryFile(dir=path.parent, prefix=".cache-", suffix=".tmp", delete=False)  # noqa: SIM115
    try:
        with out:
            out.write(data)
        os.replace(out.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(out.name)
        raise
