"""The learner's display and sound preferences, remembered between runs.

Kept apart from progress because a teacher may reset progress for the next class while the
high-contrast theme a student needs should stay. Same rules as progress: versioned JSON,
atomic writes, a bad file is set aside (never a crash), a read-only folder just means the
choice lasts until the app quits.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from explainer.learning import schema, storage

FORMAT = "whos-listening/settings"
VERSION = 1
DEFAULT_THEME = "textual-dark"
HIGH_CONTRAST_THEME = "high-contrast"


@dataclass(frozen=True)
class Settings:
    theme: str = DEFAULT_THEME
    narration: bool = False  # read lesson pages aloud with the offline speech engine
    reduced_motion: bool = False  # no animations, no moving playheads
    high_contrast: bool = False  # use the high-contrast theme whatever ``theme`` says

    def __post_init__(self) -> None:
        # High contrast is one switch, not also a theme name. Older files (and the old theme
        # list) could say theme = "high-contrast": that becomes the switch, over the default theme.
        if self.theme == HIGH_CONTRAST_THEME:
            object.__setattr__(self, "theme", DEFAULT_THEME)
            object.__setattr__(self, "high_contrast", True)

    @property
    def effective_theme(self) -> str:
        return HIGH_CONTRAST_THEME if self.high_contrast else self.theme

    def changed(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, **asdict(self)}


SHAPE = schema.Record({
    "format": schema.Text(100),
    "version": schema.Whole(1, 10_000),
    "theme": schema.Text(100),
    "narration": schema.Flag(),
    "reduced_motion": schema.Flag(),
    "high_contrast": schema.Flag(),
}, rest=None)  # the fields above are the whole file: nothing else is kept


def settings_from_json(data: Any, problems: list[str] | None = None) -> Settings:
    """Settings from parsed JSON; unknown keys ignored, a value of the wrong shape falls back to
    its default (its path added to ``problems``)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise storage.Unreadable("it is not a settings file")
    fitted, found = schema.conform(SHAPE, data)
    if problems is not None:
        problems.extend(found)
    values = fitted if isinstance(fitted, dict) else {}
    return Settings(**{item.name: values[item.name] for item in fields(Settings) if item.name in values})


@dataclass(frozen=True)
class SettingsLoad:
    settings: Settings
    notice: str | None = None


class SettingsStore:
    """Reads and writes settings.json. ``path=None`` keeps settings in memory (kiosk)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def load(self) -> SettingsLoad:
        if self.path is None:
            return SettingsLoad(Settings())
        try:
            data = storage.read_json(self.path)
            if data is None:
                return SettingsLoad(Settings())
            problems: list[str] = []
            settings = settings_from_json(data, problems)
            if problems:
                return SettingsLoad(settings, f"Some settings did not fit and are back to their defaults "
                                              f"({schema.describe(problems)}).")
            return SettingsLoad(settings)
        except storage.Unreadable as error:
            # a copy is kept; the file stays until the next save replaces it (never none)
            moved = storage.keep_copy(self.path, "corrupt")
            kept = moved.name if moved else "(no copy could be made)"
            return SettingsLoad(
                Settings(), f"Your settings file could not be used ({error.reason}); kept as {kept}."
            )

    def save(self, settings: Settings) -> str | None:
        """Write settings; returns None when saved, or one line saying why not."""
        if self.path is None:
            return None
        try:
            storage.write_json_atomic(self.path, settings.to_json())
        except OSError as error:
            return f"Settings cannot be saved: {storage.describe_os_error(error, self.path.parent)}."
        return None
