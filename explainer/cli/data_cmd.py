"""``explainer where`` and ``explainer forget``: the learner can see, and erase, everything we keep.

A course about who keeps your voice data should practise what it teaches: one command lists
every file the app reads or writes for the learner, with its size, and another erases them
after asking. ``forget`` removes only what the app itself made (the paths in
``DataPaths.all_paths()`` and their lock, temp and set-aside companions); anything else a
user put in the same folder is left alone and named.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from explainer.paths import cache_is_ours, data_paths, owned_paths, packaged_content_dir

__all__ = ["cache_is_ours", "owned_paths", "register", "run_forget", "run_where"]


def register(subparsers: argparse._SubParsersAction) -> None:
    where = subparsers.add_parser("where", help="print every path the app reads or writes")
    where.set_defaults(handler=run_where)
    forget = subparsers.add_parser("forget", help="erase the learner's data (asks first)")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    forget.set_defaults(handler=run_forget)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    total = 0
    for child in path.rglob("*"):
        try:
            if child.is_file() and not child.is_symlink():
                total += child.stat().st_size
        except OSError:
            continue
    return total


def _human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _describe(path: Path) -> str:
    try:
        if not path.exists():
            return "not created yet"
        kind = "folder" if path.is_dir() else "file"
        return f"{kind}, {_human(_size(path))}"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"


def run_where(args: argparse.Namespace) -> int:
    console = Console(highlight=False, soft_wrap=True)
    paths = data_paths(getattr(args, "data_dir", None))
    content = Path(args.content) if getattr(args, "content", None) else packaged_content_dir()
    console.print("[bold]Learner data written by the app[/bold]")
    for label, path in paths.all_paths():
        console.print(f"  {escape(str(path))}  [dim]({escape(label)}; {_describe(path)})[/dim]")
    listed = {path for _label, path in paths.all_paths()}
    extras = [path for path in owned_paths(paths) if path not in listed]
    for path in extras:  # locks, files set aside after damage, a save cut short
        console.print(f"  {escape(str(path))}  [dim](kept by the app; {_describe(path)})[/dim]")
    console.print("[bold]Read only[/bold]")
    console.print(f"  {escape(str(content))}  [dim](course content; {_describe(content)})[/dim]")
    return 0


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _confirmed(console: Console) -> bool:
    console.print(escape("Erase all of it? [y/N] "), end="")
    try:
        answer = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):
        answer = ""
    if not answer.endswith("\n"):
        console.print()
    return answer.strip().lower() in ("y", "yes")


def run_forget(args: argparse.Namespace) -> int:
    console = Console(highlight=False, soft_wrap=True)
    paths = data_paths(getattr(args, "data_dir", None))
    targets = owned_paths(paths)
    if not targets:
        console.print("Nothing to erase: the app has not stored anything for this learner.")
        return 0
    console.print("[bold]This will erase:[/bold]")
    for path in targets:
        console.print(f"  {escape(str(path))}  [dim]({_describe(path)})[/dim]")
    if not args.yes and not _confirmed(console):
        console.print("Nothing was erased.")
        return 0
    failed = []
    for path in targets:
        try:
            _remove(path)
        except OSError as error:
            failed.append(f"{path}: {error.strerror or error}")
    for folder in (paths.cache_dir, paths.data_dir):
        try:
            folder.rmdir()  # only succeeds when empty: never removes what the user put there
        except OSError:
            if folder.is_dir():
                left = sorted(p.name for p in folder.iterdir())
                if left:
                    console.print(f"Left alone in {escape(str(folder))}: {escape(', '.join(left))}")
    for line in failed:
        console.print(f"[bold]Could not erase[/bold] {escape(line)}")
    console.print("Erased." if not failed else "Some files could not be erased.")
    return 0 if not failed else 1
