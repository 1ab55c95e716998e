"""Load a content folder into the frozen course model -- or say exactly what is wrong with it.

``load_course(root)`` is what the app calls at start-up; it must be fast (the whole course
in well under 150 ms), so it reads each file once, imports nothing heavy (no hassil, the C
YAML loader when present) and leaves slow, author-only checks (stray files, hassil template
syntax, translations) to ``explainer.course.check``. Any problem it meets -- a broken file,
a dangling reference, a claim without a source -- is collected, and ContentError carries
them all.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath

from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import inside, read_toml
from explainer.course.intents import read_intents
from explainer.course.model import FORMAT_VERSION, ZONES, Course, Question, Station
from explainer.course.problems import ContentError, Problem, ProblemLog
from explainer.course.read_clips import read_clips, read_households
from explainer.course.read_misconceptions import check_question_numbers, read_misconceptions
from explainer.course.read_pages import page_files, read_pages
from explainer.course.read_questions import read_quiz
from explainer.course.read_recap import read_recap
from explainer.course.read_reference import read_facts, read_glossary, read_sources
from explainer.course.read_rules import Rulebook, read_rules

__all__ = ["ContentError", "Problem", "ProblemLog", "content_languages", "load_course", "read_course"]

COURSE_FILE = "course.toml"
FINAL_QUIZ = "quizzes/final.toml"


def content_languages(root: Path) -> list[str]:
    """Languages the course can be shown in: "en" plus every ``lang/<code>/`` folder."""
    try:
        found = sorted(entry.name for entry in (Path(root) / "lang").iterdir() if entry.is_dir())
    except OSError:
        found = []
    return ["en", *(code for code in found if code != "en")]


def translation_folder(root: Path, lang: str | None) -> str:
    """``lang/<code>`` for a language that has a translation here ("es_ES.UTF-8" finds "es"), else ""."""
    if not lang:
        return ""
    code = lang.split(".")[0].replace("_", "-")
    for candidate in dict.fromkeys((code, code.split("-")[0].lower())):
        if candidate and candidate != "en" and (Path(root) / "lang" / candidate).is_dir():
            return f"lang/{candidate}"
    return ""


def load_course(root: Path, lang: str | None = None) -> Course:
    """The course in ``root``; raises ContentError listing every problem found.

    With ``lang`` (e.g. "es"), files under ``lang/<code>/`` replace their originals; ids stay
    the same, so progress carries over between languages. Unknown languages give English.
    """
    course, ctx = read_course(Path(root), lang)
    if ctx.log:
        raise ContentError(ctx.log.sorted())
    assert course is not None
    return course


def read_course(root: Path, lang: str | None = None) -> tuple[Course | None, ReadContext]:
    """Read everything, collecting problems; the Course is None only when course.toml is unusable."""
    root = Path(root)
    ctx = ReadContext(root=root)
    if not root.is_dir():
        ctx.log.add(".", 1, f"{root} is not a folder; point at the folder that holds course.toml")
        return None, ctx
    ctx.overlay = translation_folder(root, lang)
    read_sources(ctx)
    read_glossary(ctx)
    read_facts(ctx)
    intents = read_intents(ctx)
    course_file = ctx.localized(COURSE_FILE)
    manifest = read_toml(root, course_file, ctx.log)
    stations: list[Station] = []
    version, title = FORMAT_VERSION, ""
    if manifest is not None:
        top = Fields(manifest[0], course_file, manifest[1], (), "", ctx.log)
        version = top.number("format_version", required=True, default=None, whole=True, minimum=1)
        if version is not None and version > FORMAT_VERSION:
            top.say("format_version", f"format_version = {version} is newer than this app understands "
                    f"({FORMAT_VERSION}); update the app, or write format_version = {FORMAT_VERSION}")
        title = top.text("title")
        tables = top.tables("stations", required=True)
        top.finish()
        seen: dict[str, tuple[str, int]] = {}
        pages_seen: dict[str, tuple[str, int]] = {}
        for fields in tables:
            station = _station(ctx, fields, seen, pages_seen)
            if station is not None:
                stations.append(station)
        if manifest[0].get("stations") == []:
            top.say("stations", "the course has no stations; add [[stations]] blocks")
    final: tuple[Question, ...] = ()
    if (root / FINAL_QUIZ).exists() or (root / "quizzes").exists():
        final = read_quiz(ctx, FINAL_QUIZ, "final")
    misconceptions = read_misconceptions(ctx)
    households = read_households(ctx)
    clips = read_clips(ctx, households)
    rulebook = read_rules(ctx) if (root / "clips").is_dir() else Rulebook()
    if manifest is None:
        return None, ctx
    course = Course(
        format_version=version or FORMAT_VERSION, title=title, root=str(root), stations=tuple(stations),
        sources=dict(ctx.sources), glossary=dict(ctx.glossary), final_quiz=final,
        households=households, clips=clips, intents=intents, rules=rulebook.rules, rules_intro=rulebook.intro,
        facts=dict(ctx.facts), misconceptions=misconceptions,
    )
    check_question_numbers(ctx, course.questions, misconceptions)
    return course, ctx


def _station(ctx: ReadContext, fields: Fields, seen: dict[str, tuple[str, int]],
             pages_seen: dict[str, tuple[str, int]]) -> Station | None:
    if not fields.ok:
        return None
    station_id = ctx.take_id(fields, "station", seen, slug=True)
    folder = fields.text("folder")
    if folder and "\\" not in folder:
        folder = PurePosixPath(folder).as_posix()  # "stations/01-x/" and "stations//01-x" name one folder
    station = Station(
        id=station_id, title=fields.text("title"), folder=folder, zone=fields.choice("zone", ZONES),
        summary=fields.text("summary"), model=fields.text("model", required=False),
        path=fields.path, line=fields.line(),
    )
    fields.finish()
    if not folder or not _folder_ok(ctx, fields, folder, station_id):
        return station
    ctx.station_folders[folder] = station_id
    pages = read_pages(ctx, station_id, folder, pages_seen)
    if not page_files(ctx.root / folder):
        fields.say("folder", f"the station has no lesson pages; add a file like {folder}/01-intro.md")
    questions: tuple[Question, ...] = ()
    if (ctx.root / folder / "quiz.toml").exists() or (ctx.root / folder / "quiz.toml").is_symlink():
        questions = read_quiz(ctx, f"{folder}/quiz.toml", station_id)
    return replace(station, pages=pages, questions=questions, recap=read_recap(ctx, station_id, folder))


def _folder_ok(ctx: ReadContext, fields: Fields, folder: str, station_id: str) -> bool:
    parts = PurePosixPath(folder).parts
    example = f'"stations/NN-{station_id or "id"}"'
    if folder.startswith(("/", "\\")) or ".." in parts or "\\" in folder or (len(folder) > 1 and folder[1] == ":"):
        fields.say("folder", f'folder "{folder}" points outside the content folder; use a path like {example}')
        return False
    if len(parts) != 2 or parts[0] != "stations":
        fields.say("folder", f'folder "{folder}" must be a folder inside stations/, like {example}')
        return False
    path = ctx.root / folder
    if folder in ctx.station_folders:
        fields.say("folder", f'folder "{folder}" is already used by station "{ctx.station_folders[folder]}"; '
                   "give each station its own folder")
        return False
    try:
        if not inside(ctx.root, path):
            fields.say("folder", f'folder "{folder}" is a link to a place outside the content folder; '
                       "make it a real folder")
            return False
        if not path.exists():
            fields.say("folder", f'folder "{folder}" does not exist; create it or fix the path')
            return False
        if not path.is_dir():
            fields.say("folder", f'"{folder}" is a file, not a folder; make it a folder of lesson pages')
            return False
    except OSError as error:
        fields.say("folder", f'folder "{folder}" cannot be read ({error.strerror or error}); check permissions')
        return False
    return True
