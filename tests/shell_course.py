"""An in-memory course for the shell's map tests: the real nine stations from course.toml,
each with two small pages and one question, so map states can be driven exactly and the
tests do not depend on how far the lesson content has been written.
"""

from __future__ import annotations

import tomllib

from explainer.course.model import Course, Option, Page, Question, Source, Station
from explainer.paths import packaged_content_dir


def make_course() -> Course:
    manifest = tomllib.loads((packaged_content_dir() / "course.toml").read_text(encoding="utf-8"))
    source = Source("test-source", "Publisher", "A [bold]title[/bold]", "2019", "https://example.org", "primary")
    stations = []
    for entry in manifest["stations"]:
        sid = entry["id"]
        pages = tuple(
            Page(f"{sid}/{slug}", sid, slug, f"{slug.title()} page", "A claim [@test-source].", citations=("test-source",))
            for slug in ("first", "second")
        )
        question = Question(
            id=f"{sid}-q1",
            station_id=sid,
            type="truefalse",
            prompt="True?",
            explanation="Because.",
            sources=("test-source",),
            options=(Option("true", "True", True), Option("false", "False", False)),
        )
        stations.append(
            Station(sid, entry["title"], entry["folder"], entry["zone"], entry["summary"], entry["model"], pages, (question,))
        )
    return Course(1, manifest["title"], str(packaged_content_dir()), tuple(stations), {"test-source": source}, {})
