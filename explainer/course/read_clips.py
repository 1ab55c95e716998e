"""Readers for the reviewer seat's material: ``clips/households.toml`` and ``clips/<household>.toml``.

Clips are scripts for synthetic recordings of clearly fictional households. A clip file is
named after its household, so a file for an unknown household is a problem; pre-rendered
audio (``audio = "<id>.wav"``) must exist in ``clips/audio/``. What a listener learns from a
clip is a list of ``[[clips.facts]]`` (fact, words, kind); the personal-data flags a clip
expects are the kinds of its facts. Whether each fact's words really are in the script is
checked by ``explainer check`` (``explainer.learning.shift_check``), not at every start.
The rulebook, ``clips/rules.toml``, has its own reader (``read_rules``).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import inside, read_toml
from explainer.course.model import (
    PERSONAL_DATA_KINDS,
    Background,
    Clip,
    ClipFact,
    Household,
    ScriptLine,
)

CLIP_KINDS = ("command", "false-wake", "overheard", "child", "hard", "distress")
NOISES = ("none", "tv", "music", "kitchen")
HOUSEHOLDS_FILE = "clips/households.toml"
NOT_CLIP_FILES = ("households.toml", "rules.toml")
RETIRED_KEYS = {
    "machine_guess": "the machine's guess is now computed by the lab's recogniser and stored beside the "
                     "audio (run: explainer clips guess); remove machine_guess",
    "personal": "the flags a clip expects are now the kinds of its [[clips.facts]] (each with kind, words "
                "and fact); remove personal and give every fact its kind",
    "details": "each detail is now a [[clips.facts]] block with fact = \"...\", the words of the script that "
               "reveal it (words = \"...\") and its kind; a fact tied to no words cannot be credited",
}


def read_households(ctx: ReadContext) -> tuple[Household, ...]:
    path = ctx.localized(HOUSEHOLDS_FILE)
    parsed = read_toml(ctx.root, path, ctx.log, required=(ctx.root / "clips").exists())
    if parsed is None:
        return ()
    ctx.households_loaded = True
    top = Fields(parsed[0], path, parsed[1], (), "", ctx.log)
    tables = top.tables("households", required=True)
    top.finish()
    seen: dict[str, tuple[str, int]] = {}
    households: list[Household] = []
    for fields in tables:
        if not fields.ok:
            continue
        household = Household(
            id=ctx.take_id(fields, "household", seen, slug=True), name=fields.text("name"),
            members=fields.strings("members", required=True), description=fields.text("description"),
            city=fields.text("city"), account=fields.text("account"), device_serial=fields.text("device_serial"),
            path=path, line=fields.line(),
        )
        fields.finish()
        if household.id and household.id not in {h.id for h in households}:
            households.append(household)
    return tuple(households)


def clip_files(root: Path) -> list[str]:
    folder = root / "clips"
    try:
        return sorted(e.name for e in folder.iterdir() if e.suffix == ".toml" and e.name not in NOT_CLIP_FILES)
    except OSError:
        return []


def read_clips(ctx: ReadContext, households: tuple[Household, ...]) -> tuple[Clip, ...]:
    known = {household.id for household in households}
    seen: dict[str, tuple[str, int]] = {}
    clips: list[Clip] = []
    for name in clip_files(ctx.root):
        path = f"clips/{name}"
        household = name.removesuffix(".toml")
        if household not in known:
            if ctx.households_loaded:
                ctx.log.add(path, 1, f'no household "{household}" in {HOUSEHOLDS_FILE}; add it there or rename '
                            "this file to <household-id>.toml")
            continue
        path = ctx.localized(path)
        parsed = read_toml(ctx.root, path, ctx.log)
        if parsed is None:
            continue
        top = Fields(parsed[0], path, parsed[1], (), "", ctx.log)
        tables = top.tables("clips", required=True)
        top.finish()
        for fields in tables:
            clip = _clip(ctx, fields, household, seen)
            if clip is not None:
                clips.append(clip)
    return tuple(clips)


def _clip(ctx: ReadContext, fields: Fields, household: str, seen: dict[str, tuple[str, int]]) -> Clip | None:
    if not fields.ok:
        return None
    clip_id = ctx.take_id(fields, "clip", seen)
    for key, advice in RETIRED_KEYS.items():
        if fields.has(key):
            fields.raw(key)
            fields.say(key, f"{key} is no longer used: {advice}")
    facts = _facts(fields)
    personal = tuple(dict.fromkeys(fact.kind for fact in facts if fact.kind))
    intent = fields.optional_text("intent")
    if intent and ctx.intents and intent not in ctx.intents:
        fields.say("intent", f'intent "{intent}" is not defined in intents/*.yaml; fix the name or omit intent')
    recorded_at = fields.text("recorded_at")
    if recorded_at:
        try:
            datetime.datetime.fromisoformat(recorded_at)
        except ValueError:
            fields.say("recorded_at", f'recorded_at "{recorded_at}" is not an ISO 8601 time; '
                       'write it like "2019-03-14T19:42:00"')
    audio = fields.text("audio", required=False)
    if audio:
        _check_audio(ctx, fields, audio)
    background_fields = fields.table("background")
    background = Background()
    if background_fields is not None:
        background = Background(
            noise=background_fields.choice("noise", NOISES, required=False, default="none"),
            level=background_fields.number("level", default=0.0, minimum=0, maximum=1),
            distance=background_fields.number("distance", default=1.0, minimum=0),
        )
        background_fields.finish()
    lines = []
    line_tables = fields.tables("lines", required=True)
    for number, table in enumerate(line_tables, start=1):
        if not table.ok:
            continue
        table.label = f'{fields.label}, line #{number}'
        lines.append(ScriptLine(
            speaker=table.text("speaker"), text=table.text("text"),
            voice=table.text("voice", required=False, default="en-us"),
            rate=table.number("rate", default=160, minimum=40, maximum=500, whole=True),
            volume=table.number("volume", default=1.0, minimum=0, maximum=1),
            start=table.number("start", default=0.0, minimum=0),
        ))
        table.finish()
    if fields.has("lines") and isinstance(fields.raw("lines"), list) and not line_tables:
        fields.say("lines", "a clip needs at least one [[clips.lines]] block (who says what)")
    clip = Clip(
        id=clip_id, household=household, title=fields.text("title"), kind=fields.choice("kind", CLIP_KINDS),
        lines=tuple(lines), background=background, transcript=fields.text("transcript", empty_ok=True),
        unclear_transcript=fields.text("unclear_transcript", required=False), intent=intent,
        false_wake=fields.flag("false_wake"), personal=personal, sensitive=fields.flag("sensitive"),
        recorded_at=recorded_at, first_name=fields.text("first_name"), captions=fields.text("captions", required=False),
        facts=facts, content_note=fields.text("content_note", required=False), audio=audio,
        path=fields.path, line=fields.line(),
    )
    fields.finish()
    return clip


def _facts(fields: Fields) -> tuple[ClipFact, ...]:
    facts: list[ClipFact] = []
    for number, table in enumerate(fields.tables("facts"), start=1):
        if not table.ok:
            continue
        table.label = f"{fields.label}, fact #{number}"
        kind = table.choice("kind", PERSONAL_DATA_KINDS, required=False)
        fact = ClipFact(text=table.text("fact"), words=table.text("words"), kind=kind, path=fields.path,
                        line=table.line("words") if table.has("words") else table.line())
        table.finish()
        if fact.text and fact.words:
            facts.append(fact)
    return tuple(facts)


def _check_audio(ctx: ReadContext, fields: Fields, audio: str) -> None:
    if "/" in audio or "\\" in audio or audio.startswith(".") or not audio.endswith(".wav"):
        fields.say("audio", f'audio "{audio}" must be a plain .wav file name in clips/audio/, like "clip-id.wav"')
        return
    target = ctx.root / "clips" / "audio" / audio
    try:
        exists = target.is_file()
    except OSError:
        exists = False
    if not exists:
        fields.say("audio", f'audio file clips/audio/{audio} does not exist; render it or remove the audio key')
    elif not inside(ctx.root, target):
        fields.say("audio", f"clips/audio/{audio} is a link to a place outside the content folder; use a real file")
