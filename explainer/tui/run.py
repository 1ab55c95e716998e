"""Turn parsed command-line arguments into an AppConfig and run the full-screen app."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from explainer.paths import data_paths

if TYPE_CHECKING:
    from textual.app import App

    from explainer.tui.config import AppConfig


def config_from_args(args: argparse.Namespace) -> AppConfig:
    from explainer.classroom.serve import SERVED_ENV
    from explainer.tui.config import AppConfig

    served = os.environ.get(SERVED_ENV) == "1"

    kwargs = {}
    if getattr(args, "content", None):
        kwargs["content_dir"] = Path(args.content)
    return AppConfig(
        data=data_paths(getattr(args, "data_dir", None)),
        seed=getattr(args, "seed", None),
        lang=getattr(args, "lang", None) or "en",
        kiosk=bool(getattr(args, "kiosk", False)),
        idle_minutes=float(getattr(args, "idle_minutes", 3.0) or 3.0),
        student=getattr(args, "student", None),
        host_code=getattr(args, "host_code", None) or "2468",
        tour=getattr(args, "tour", None),
        served=served,
        audio=not served,
        **kwargs,
    )


def build_app(args: argparse.Namespace) -> App[None]:
    """The app the command line runs (the benchmark's start-up child builds it this way too)."""
    from explainer.tui import services
    from explainer.tui.app import ExplainerApp
    from explainer.tui.factory import make_app

    services.defer_gc()  # until the first frame: see services.defer_gc
    try:
        app = make_app(config_from_args(args))
    except BaseException:
        services.resume_gc()
        raise
    if not isinstance(app, ExplainerApp):  # the problems app: nothing to hurry for
        services.resume_gc()
    return app


def run_app(args: argparse.Namespace) -> int:
    app = build_app(args)
    app.run()
    return int(app.return_code or 0)
