"""Turn parsed command-line arguments into an AppConfig and run the full-screen app."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from explainer.paths import data_paths


def config_from_args(args: argparse.Namespace):
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


def run_app(args: argparse.Namespace) -> int:
    from explainer.tui.factory import make_app

    app = make_app(config_from_args(args))
    app.run()
    return int(app.return_code or 0)
