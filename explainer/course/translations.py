"""Checks for translations under ``lang/<code>/`` (checker only).

A translation is the same course with some files replaced by translated copies at the same
relative paths. It is read exactly as the app reads it (``read_course(root, lang)``), so
every rule -- TOML, front matter, the claim rule, glossary marks -- applies to translated
files too. On top of that, ids must not change: progress, quiz answers and citations are
keyed by them, so a learner who switches language must land on the same course.
"""

from __future__ import annotations

from collections.abc import Iterable

from explainer.course.context import ReadContext
from explainer.course.load import content_languages, read_course
from explainer.course.model import Course


def check_translations(ctx: ReadContext, base: Course | None) -> None:
    for code in content_languages(ctx.root)[1:]:
        prefix = f"lang/{code}/"
        course, translated_ctx = read_course(ctx.root, code)
        for problem in translated_ctx.log.problems:
            if problem.path.startswith(prefix):
                ctx.log.add(problem.path, problem.line, problem.message)
        if base is not None and course is not None:
            broken = {problem.path for problem in translated_ctx.log.problems}
            _same_ids(ctx, prefix, base, course, broken)


def _compare(ctx: ReadContext, path: str, what: str, original: Iterable[str], translated: Iterable[str]) -> None:
    original, translated = list(original), list(translated)
    missing = [item for item in original if item not in translated]
    extra = [item for item in translated if item not in original]
    if missing:
        ctx.log.add(path, 1, f"this translation lacks {what} {', '.join(missing)}; keep every id of the original")
    if extra:
        ctx.log.add(path, 1, f"this translation adds {what} {', '.join(extra)}, which the original does not have; "
                    "translate the text but keep the ids")


def _same_ids(ctx: ReadContext, prefix: str, base: Course, course: Course, broken: set[str]) -> None:
    def _translated(_ctx: ReadContext, prefix: str, relpath: str) -> str | None:
        """The translated file, if there is one and it read without problems (else ids prove nothing)."""
        path = prefix + relpath
        return path if path not in broken and (ctx.root / path).is_file() else None

    if path := _translated(ctx, prefix, "course.toml"):
        _compare(ctx, path, "stations", [s.id for s in base.stations], [s.id for s in course.stations])
        if [s.id for s in base.stations] == [s.id for s in course.stations]:
            for original, translated in zip(base.stations, course.stations, strict=True):
                if original.folder != translated.folder:
                    ctx.log.add(path, translated.line, f'station "{translated.id}": folder must stay '
                                f'"{original.folder}" in a translation')
    if path := _translated(ctx, prefix, "sources.toml"):
        _compare(ctx, path, "sources", base.sources, course.sources)
    if path := _translated(ctx, prefix, "glossary.toml"):  # may translate some terms; the rest stay English
        extra = [term for term in course.glossary if term not in base.glossary]
        if extra:
            _compare(ctx, path, "terms", base.glossary, course.glossary)
    if path := _translated(ctx, prefix, "quizzes/final.toml"):
        _compare(ctx, path, "questions", [q.id for q in base.final_quiz], [q.id for q in course.final_quiz])
    translated_stations = {s.id: s for s in course.stations}
    for station in base.stations:
        other = translated_stations.get(station.id)
        path = _translated(ctx, prefix, f"{station.folder}/quiz.toml")
        if other is not None and path:
            _compare(ctx, path, "questions", [q.id for q in station.questions], [q.id for q in other.questions])
    if path := _translated(ctx, prefix, "clips/households.toml"):
        _compare(ctx, path, "households", [h.id for h in base.households], [h.id for h in course.households])
    for household in {clip.household for clip in base.clips}:
        if path := _translated(ctx, prefix, f"clips/{household}.toml"):
            _compare(ctx, path, "clips", [c.id for c in base.clips if c.household == household],
                     [c.id for c in course.clips if c.household == household])
