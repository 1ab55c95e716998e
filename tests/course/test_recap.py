"""A station's recap (``recap.md``, "What you now know"): loaded as a page, checked like one,
and ``explainer check`` reports a station that has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.course.check import check_content
from explainer.course.load import load_course
from tests.course_factory import STATION, write, write_course

RECAP = f"{STATION}/recap.md"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return write_course(tmp_path / "content")


def problems(root: Path) -> list[str]:
    return [str(problem) for problem in check_content(root).problems]


def test_the_recap_is_loaded_as_a_cited_page(course: Path) -> None:
    recap = load_course(course).station("alpha").recap
    assert recap is not None
    assert recap.id == "alpha/recap" and recap.kind == "recap" and recap.title == "What you now know"
    assert recap.citations == ("src-a", "src-b") and recap.terms == ("wake-word",)
    assert problems(course) == []


def test_front_matter_may_give_a_title(course: Path) -> None:
    write(course, RECAP, '+++\ntitle = "Now you know"\n+++\n- One [@src-a].\n- Two [@src-b].\n')
    assert load_course(course).station("alpha").recap.title == "Now you know"  # type: ignore[union-attr]


def test_a_point_without_a_source_breaks_the_claim_rule(course: Path) -> None:
    write(course, RECAP, "- One [@src-a].\n- Two with no source.\n")
    assert problems(course) == [f"{RECAP}:2: list item has no source (claim rule); add a citation like "
                                '[@source-id] right after the claim, or make it an aside starting with "> " '
                                "if it is not a claim"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Only one [@src-a].\n", f'{RECAP}:1: the recap has 1 point; write 2 to 5, each a line starting with "- "'),
        ("- One [@src-a].\n- Two [@src-a].\n\nA paragraph [@src-a].\n",
         f'{RECAP}:4: a recap is a list: start each point with "- " (no paragraphs or headings)'),
        ("- One [@src-a] " + "word " * 130 + "\n- Two [@src-a].\n",
         f"{RECAP}:1: the recap has 134 words, too many to show with the station's last choices at 80x24 "
         "(at most 120); shorten its points"),
        ("+++\nkind = \"lesson\"\n+++\n- One [@src-a].\n- Two [@src-a].\n",
         f'{RECAP}:2: unknown key "kind"'),
    ],
)
def test_recap_shape_problems(course: Path, text: str, expected: str) -> None:
    write(course, RECAP, text)
    found = problems(course)
    assert any(problem.startswith(expected) for problem in found), found


def test_a_station_without_a_recap_is_reported_by_check_only(course: Path) -> None:
    (course / RECAP).unlink()
    assert load_course(course).station("alpha").recap is None  # the app still runs
    assert problems(course) == [
        'course.toml:4: station "alpha" has no stations/01-alpha/recap.md; add 2 to 5 cited points on what '
        "the learner now knows (see content/README.md)"
    ]


def test_a_translated_recap_replaces_the_original(course: Path) -> None:
    write(course, f"lang/es/{RECAP}", "- Uno [@src-a].\n- Dos [@src-b].\n")
    recap = load_course(course, "es").station("alpha").recap
    assert recap is not None and recap.body.startswith("- Uno") and recap.path == f"lang/es/{RECAP}"
    assert problems(course) == []


def test_every_shipped_station_has_a_recap() -> None:
    from explainer.paths import packaged_content_dir

    course = load_course(packaged_content_dir())
    assert all(station.recap is not None for station in course.stations)
