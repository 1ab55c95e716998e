"""``check_content``: everything wrong with a content folder, for the author to fix.

It reads the course exactly as the app does (``load.read_course``) and adds the checks
that only an author needs and the app should not pay for at start-up: stray files, links
out of the folder, the lab's hassil templates, station ``model.toml`` source references,
sources a teacher can open (``check_sources``: real titles, no listed hosts, "primary" only
at the publisher's own address), models and quizzes that agree with ``facts.toml``
(``check_facts``) and every translation under ``lang/`` (read as the app would read it,
ids unchanged). Asked to (``--json`` does), it also measures every page's reading grade
(``readability``). It never raises: an unexpected failure inside one check becomes a problem
asking for a bug report, and the other checks still run.

Checks that need more than the course layer (the reviewer seat scores its worked examples with
its scorer, ``learning.shift_check``) come in through ``extra``; ``explainer check`` passes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explainer.course.check_facts import check_facts
from explainer.course.check_hints import check_hints
from explainer.course.check_sources import check_sources
from explainer.course.context import ReadContext
from explainer.course.files import read_toml
from explainer.course.load import read_course
from explainer.course.model import Course
from explainer.course.problems import Problem
from explainer.course.read_recap import check_recaps
from explainer.course.readability import page_grades
from explainer.course.station_models import check_model_ids
from explainer.course.stray import check_files
from explainer.course.translations import check_translations

COUNT_KEYS = ("stations", "pages", "questions", "question_types", "clips", "households", "sources", "intents")


@dataclass(frozen=True)
class CheckReport:
    """Every problem (sorted by path and line) and what the folder holds."""

    problems: list[Problem]
    counts: dict[str, Any] = field(default_factory=dict)
    reading: list[dict[str, Any]] = field(default_factory=list)  # one grade per page, when asked (page_grades)

    @property
    def ok(self) -> bool:
        return not self.problems


ExtraCheck = tuple[str, Callable[[ReadContext, Course | None], None]]


def check_content(root: Path | str, extra: Sequence[ExtraCheck] = (), grades: bool = False) -> CheckReport:
    """Every problem of the folder. ``extra`` are (what, check) steps of layers above the course
    (the reviewer seat's scorer checks its rulebook: ``explainer check`` passes it in). With
    ``grades``, also every page's reading grade (``--json`` reports them; the pronouncing
    dictionary behind them takes ~0.6 s to load, more than the rest of the check)."""
    root = Path(root)
    ctx = ReadContext(root=root)
    course: Course | None = None
    try:
        course, ctx = read_course(root)
    except Exception as error:  # noqa: BLE001 - a checker bug must not hide the author's problems
        _bug(ctx, "reading the course", error)
    if root.is_dir():
        steps = (("looking for stray files", check_files), ("checking model.toml files", _check_models),
                 ("checking sources", check_sources),
                 ("checking facts", lambda ctx: check_facts(ctx, course, _data_files(ctx))),
                 ("checking intent templates", _check_templates),
                 ("checking translations", lambda ctx: check_translations(ctx, course)),
                 ("checking station recaps", lambda ctx: check_recaps(ctx, course)),
                 ("checking station model ids", check_model_ids),
                 ("checking quiz hints", lambda ctx: check_hints(ctx, course)),
                 *((name, lambda ctx, check=check: check(ctx, course)) for name, check in extra))
        for name, step in steps:
            try:
                step(ctx)
            except Exception as error:  # noqa: BLE001
                _bug(ctx, name, error)
    reading: list[dict[str, Any]] = []
    try:
        reading = page_grades(course) if grades else []
    except Exception as error:  # noqa: BLE001
        _bug(ctx, "measuring reading grades", error)
    return CheckReport(problems=ctx.log.sorted(), counts=counts(course), reading=reading)


def _bug(ctx: ReadContext, doing: str, error: BaseException) -> None:
    ctx.log.add(".", 1, f"the checker failed while {doing} ({type(error).__name__}: {error}); "
                "this is a bug in the checker -- please report it with the folder that caused it")


def counts(course: Course | None) -> dict[str, Any]:
    if course is None:
        return {key: ([] if key == "question_types" else 0) for key in COUNT_KEYS}
    questions = course.questions
    return {
        "stations": len(course.stations),
        "pages": sum(len(station.pages) for station in course.stations),
        "questions": len(questions),
        "question_types": sorted({question.type for question in questions if question.type}),
        "clips": len(course.clips),
        "households": len(course.households),
        "sources": len(course.sources),
        "intents": len(course.intents),
    }


def _check_templates(ctx: ReadContext) -> None:
    from explainer.course.templates import check_templates

    check_templates(ctx)


def _data_files(ctx: ReadContext) -> list[str]:
    """Free-form data files: each station's model.toml and the voice lab's lab/*.toml."""
    found = [f"{folder}/model.toml" for folder in ctx.station_folders]
    try:
        found += sorted(f"lab/{entry.name}" for entry in (ctx.root / "lab").iterdir() if entry.suffix == ".toml")
    except OSError:
        pass
    return found


def _check_models(ctx: ReadContext) -> None:
    """Data files (model.toml, lab/*.toml) are valid TOML, and every ``sources = [...]`` /
    ``source = "..."`` in them (also ``*_sources``, ``*_source``) names a known source."""
    for path in _data_files(ctx):
        if not ((ctx.root / path).exists() or (ctx.root / path).is_symlink()):
            continue
        parsed = read_toml(ctx.root, path, ctx.log)
        if parsed is None:
            continue
        data, lines = parsed

        def visit(value: Any, at: tuple[str | int, ...]) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    if (key == "sources" or key.endswith("_sources")) and isinstance(item, list):
                        for source in item:
                            report_source(source, (*at, key))
                    elif (key == "source" or key.endswith("_source")) and isinstance(item, str):
                        report_source(item, (*at, key))
                    else:
                        visit(item, (*at, key))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    visit(item, (*at, index))

        def report_source(source: Any, at: tuple[str | int, ...], path: str = path, lines: Any = lines) -> None:
            if not ctx.sources_loaded:
                return
            if not isinstance(source, str):
                ctx.log.add(path, lines.line(*at), f"{at[-1]} must name sources as strings, like \"source-id\"")
            elif source not in ctx.sources:
                ctx.log.add(path, lines.line(*at), f'unknown source "{source}" in {at[-1]}; '
                            "add it to sources.toml or fix the id")

        visit(data, ())
