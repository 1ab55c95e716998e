"""``explainer clips list``, ``render`` and ``guess``: see and rebuild the reviewer seat's audio and
the machine's guess of each clip (computed by the lab's recogniser, stored beside the audio).

The seat ships pre-rendered WAVs so it works with no speech engine; a teacher who edits a clip
script rebuilds its audio here (``--out content/clips/audio`` to refresh the shipped set, or
into the learner's cache by default). Only the clip files are read, so a half-written lesson
elsewhere in the content folder never blocks rendering.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from explainer.paths import data_paths, packaged_content_dir

if TYPE_CHECKING:
    from explainer.course.model import Clip


def register(subparsers: argparse._SubParsersAction) -> None:
    clips = subparsers.add_parser("clips", help="list the reviewer seat's synthetic clips or render their audio")
    verbs = clips.add_subparsers(dest="clips_command", metavar="ACTION")
    listing = verbs.add_parser("list", help="ids, household, kind and duration of every clip")
    listing.set_defaults(handler=run_list)
    render = verbs.add_parser("render", help="render clip audio with the speech engine")
    render.add_argument("--out", metavar="DIR", help="write <clip-id>.wav files here (default: the learner's cache)")
    render.add_argument("--only", metavar="ID", action="append", help="render only this clip (repeatable)")
    render.set_defaults(handler=run_render)
    guess = verbs.add_parser("guess", help="compute the machine's guess of each clip (the lab's recogniser) "
                             "and store it beside the clip's audio")
    guess.add_argument("--only", metavar="ID", action="append", help="only this clip (repeatable)")
    guess.add_argument("--force", action="store_true", help="compute again even when the stored guess is current")
    guess.set_defaults(handler=run_guess)
    clips.set_defaults(handler=lambda args: _usage(clips))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _load(args: argparse.Namespace, console: Console) -> tuple[tuple[Clip, ...], Path] | None:
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
    for column in ("id", "household", "kind", "seconds", "audio", "guess"):
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
        table.add_row(escape(clip.id), escape(clip.household), clip.kind, seconds, where, _guess_state(path, root, cache))
    console.print(table)
    return 0


def _guess_state(audio: Path | None, root: Path, cache: Path) -> str:
    from explainer.learning.shift_guess import stored_guess

    if audio is None:
        return "-"
    try:
        return "stored" if stored_guess(audio, root, cache) is not None else "to compute"
    except OSError:
        return "-"


def _only(clips: tuple[Clip, ...], only: list[str] | None, console: Console) -> tuple[Clip, ...] | None:
    if not only:
        return clips
    known = {clip.id for clip in clips}
    unknown = [name for name in only if name not in known]
    if unknown:
        console.print(f"Unknown clip id: {escape(', '.join(unknown))}. See `explainer clips list`.", style="red")
        return None
    return tuple(clip for clip in clips if clip.id in only)


def run_guess(args: argparse.Namespace) -> int:
    """Compute each clip's machine guess from the audio the seat plays, and store it beside that audio."""
    from explainer.learning.shift_guess import (
        GuessUnavailable,
        compute_guess_fresh,
        guess_path,
        stored_guess,
        write_guess,
    )
    from explainer.voice.render import ClipAudioMissing, clip_audio

    console = Console()
    loaded = _load(args, console)
    if loaded is None:
        return 1
    clips, root = _only(loaded[0], args.only, console), loaded[1]
    if clips is None:
        return 2
    cache = data_paths(args.data_dir).clip_cache_dir
    started, failures = time.perf_counter(), 0
    for clip in clips:
        try:
            audio = clip_audio(clip, root, cache).path
            found = None if args.force else stored_guess(audio, root, None)
            guess = found or compute_guess_fresh(audio, root)  # a fresh recogniser per clip: reproducible
            if found is None and not write_guess(guess_path(audio), guess):
                raise OSError(f"cannot write {guess_path(audio)}")
        except (ClipAudioMissing, GuessUnavailable, OSError) as error:
            failures += 1
            console.print(f"{escape(clip.id)}: {escape(str(error))}", style="red")
            continue
        took = "stored" if found is not None else f"{guess.seconds:.1f} s"
        console.print(f"{escape(clip.id)} ({took}): {escape(guess.text or '(nothing recognised)')}  "
                      f"[dim]likely: {escape(', '.join(guess.intents) or 'none')}[/dim]")
    console.print(f"{len(clips) - failures} of {len(clips)} guesses current, beside their audio "
                  f"({time.perf_counter() - started:.1f} s).")
    return 1 if failures else 0


def run_render(args: argparse.Namespace) -> int:
    from explainer.voice import speech
    from explainer.voice.render import cache_path, clip_duration, render_cached, render_clip

    console = Console()
    loaded = _load(args, console)
    if loaded is None:
        return 1
    clips = _only(loaded[0], args.only, console)
    if clips is None:
        return 2
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
