"""Serve the app in a web browser with textual-serve, one app process per visitor.

Each visitor's app is forked from one warm fork server (``forkserver``, ``serve_forks``, and
``explainer.tui.served`` for the app's side) where the system can fork, so a join costs a fork, not an interpreter start;
the room's rules (a ceiling, idle sessions, the console lines) are in ``serve_room`` and the web
side in ``serve_web``. Served sessions differ from terminal ones in two ways, both signalled to the child
process through the environment: sound would play on the server, not in the visitor's
browser, so audio is off and captions are shown instead; and visitors share one
machine, so each session keeps progress in memory only (nothing written to disk).
The page template is textual-serve's own minus its Google Fonts link, so a visitor's
browser contacts nobody but this server.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

SERVED_ENV = "EXPLAINER_SERVED"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(extra_args: list[str]) -> str:
    """The shell command textual-serve runs for each visitor."""
    parts = [sys.executable, "-m", "explainer", *extra_args]
    return " ".join(shlex.quote(part) for part in parts)


def exposure_warning(host: str) -> str | None:
    """The warning printed when the server is reachable from other machines."""
    if is_loopback(host):
        return None
    return (
        f"Warning: serving on {host} makes the app reachable from other computers on the network. "
        "Anyone who can reach this address can open a session. Use --host 127.0.0.1 to keep it local."
    )


def can_fork() -> bool:
    """Whether sessions can come from the fork server (Linux and macOS; Windows starts processes)."""
    import os

    return hasattr(os, "fork") and sys.platform != "win32"


def serve(host: str, port: int, extra_args: list[str], max_visitors: int | None = None,
          idle_minutes: float | None = None, fork_command: list[str] | None = None) -> None:
    """Run the web server until interrupted (blocking).

    ``fork_command`` starts the fork server (the front end knows which module runs the app);
    None, or a system that cannot fork, starts a new process per visitor instead.
    """
    import os

    from explainer.classroom import serve_room
    from explainer.classroom.serve_web import RoomServer

    os.environ[SERVED_ENV] = "1"
    if max_visitors is None:
        max_visitors = serve_room.default_max_visitors(serve_room.available_memory_mb())
    if idle_minutes is None:
        idle_minutes = serve_room.DEFAULT_IDLE_MINUTES
    room = serve_room.Room(max_visitors=max_visitors, idle_s=max(0.0, idle_minutes) * 60)
    server = RoomServer(
        app_command(extra_args),
        extra_args,
        room,
        fork_command=fork_command if can_fork() else None,
        host=host,
        port=port,
        title="Who's Listening?",
        templates_path=TEMPLATES,
    )
    server.serve()
