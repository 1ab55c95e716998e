"""What the app was started with: everything ``make_app`` needs, and nothing from argv."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from explainer.paths import DataPaths, data_paths, packaged_content_dir


@dataclass(frozen=True)
class AppConfig:
    """Start-up choices. Tests build one directly; the CLI builds one from its arguments."""

    data: DataPaths = field(default_factory=data_paths)
    content_dir: Path = field(default_factory=packaged_content_dir)
    seed: int | None = None
    lang: str = "en"
    kiosk: bool = False
    idle_minutes: float = 3.0
    host_code: str = "2468"  # kiosk: Ctrl+K then this code opens the host panel
    student: str | None = None
    tour: str | None = None  # "full" | "short" | None (ask)
    audio: bool = True  # False: never try to play sound (served sessions, tests)
    served: bool = False  # running in a browser through ``explainer serve``

    @property
    def memory_only(self) -> bool:
        """Kiosk and served sessions write nothing to disk: progress lives in memory."""
        return self.kiosk or self.served
