"""``explainer clips list`` and ``explainer clips render``: see and rebuild the reviewer seat's audio.

The seat ships pre-rendered WAVs so it works with no speech engine; a teacher who edits a clip
script rebuilds its audio here (``--out content/clips/audio`` to refresh the shipped set, or
into the learner's cache by default). Only the clip files are read, so a half-written lesson
elsewhere in the content folder never blocks rendering.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from explainer.paths import data_paths, packaged_content_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    clips = subparsers.add_parser("clips", help="list the reviewer seat's synthetic clips or render their audio")
    verbs = clips.add_subparsers(dest="clips_command", metavar="ACTION")
    listing = verbs.add_parser("list", help="ids, household, kind and duration of every clip")
    listing.set_defaults(handler=run_list)
    render = verbs.add_parser("render", help="render clip audio with the speech engine")
    render.add_argument("--out", metavar="DIR", help="write <clip-id>.wav files here (default: the learner's cache)")
    render.add_argument("--only", metavar="ID", action="append", help="render only this clip (repeatable)")
    render.set_defaults(handler=run_render)
    clips.set_defaults(handler=lambda args: _usage(clips))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _load(args: argparse.Namespace, console: Console):
    """(clips, content_dir) read from the clip files only; None after printing problems."""
    from explainer.course.context import ReadContext
    from explainer.course.read_clips import read_clips, read_households

    root = Path(args.content) if getattr(args, "content", None) else packaged_content_dir()
    ctx = ReadContext(root=root)
    households = read_households(ctx)
    clips = read_clips(ctx, households)
    # Missing shipped audio is exactly what ``render`` repairs, so it does not block it.
    blocking = [p for p in ctx.log.sorted() if "clips/audio/" not in p.message]
    for problem in blocking:
        console.print(escape(str(problem)), markup=True, style="red")
    if blocking:
        return None
    if not clips:
        console.print(f"No clips found in {escape(str(root / 'clips'))}.")
        return None
    return clips, root


def run_list(args: argparse.Namespace) -> int:
    from explainer.voice.render import cache_path, clip_duration, is_current, shipped_path

    console = Console()
    loaded = _load(args, console)
    if loaded is None:
        return 1
    clips, root = loaded
    cache = data_paths(args.data_dir).clip_cache_dir
    from rich.table import Table  # imported here: every start of the app builds this parser

    table = Table(title=f"{len(clips)} synthetic clips (fictional households)")
    for column in ("id", "household", "kind", "seconds", "audio"):
        table.add_column(column, justify="right" if column == "seconds" else "left")
    for clip in clips:
        cached = cache_path(clip, cache)
        path = cached if cached.is_file() else shipped_path(clip, root)
        where = "cached" if path == cached else ("missing" if not path else
                                                   "shipped" if is_current(clip, path) else "shipped, older script")
        try:
            seconds = f"{clip_duration(path):.1f}" if path else "-"
        except (OSError, EOFError, ValueError) as exc:
            seconds, where = "-", f"unreadable ({exc})"
        table.add_row(escape(clip.id), escape(clip.household), clip.kind, seconds, where)
    console.print(table)
    return 0


def run_render(args: argparse.Namespace) -> int:
    from explainer.voice import speech
    from explainer.voice.render import cache_path, clip_duration, render_cached, render_clip

    console = Console()
    loaded = _load(args, console)
    if loaded is None:
        return 1
    clips, _root = loaded
    if args.only:
        known = {clip.id for clip in clips}
        unknown = [name for name in args.only if name not in known]
        if unknown:
            console.print(f"Unknown clip id: {escape(', '.join(unknown))}. See `explainer clips list`.", style="red")
            return 2
        clips = tuple(clip for clip in clips if clip.id in args.only)
    out = Path(args.out) if args.out else None
    cache = data_paths(args.data_dir).clip_cache_dir
    target = out if out is not None else cache
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        console.print(f"Cannot write to {escape(str(target))}: {escape(exc.strerror or str(exc))}.", style="red")
        return 1
    ok, reason = speech.speech_available()
    if not ok:
        console.print(f"Cannot render: {escape(reason)}", style="red")
        console.print("The shipped clips still work in the reviewer seat.")
        return 1
    started, failures, reused = time.perf_counter(), [], 0
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("rendering", total=len(clips))
        for clip in clips:
            bar.update(task, description=f"rendering {escape(clip.id)}")
            try:
                if out is not None:
                    render_clip(clip, out / f"{clip.id}.wav")
                else:
                    _, cached = render_cached(clip, cache)
                    reused += int(cached)
            except speech.SpeechError as exc:
                failures.append((clip.id, str(exc)))
            except OSError as exc:
                failures.append((clip.id, f"could not write the audio ({exc.strerror or exc})"))
            bar.advance(task)
    for clip_id, message in failures:
        console.print(f"{escape(clip_id)}: {escape(message)}", style="red")
    where = out if out is not None else cache
    total = sum(clip_duration(out / f"{c.id}.wav" if out else cache_path(c, cache)) for c in clips
                if c.id not in {f[0] for f in failures})
    done = len(clips) - len(failures)
    console.print(
        f"Rendered {done} of {len(clips)} clips ({total:.1f} s of audio"
        f"{f', {reused} from the cache' if reused else ''}) into {escape(str(where))} "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 1 if failures else 0
