"""``misconceptions.toml``: the ten misconceptions in words, each checked like any content."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.course.check import check_content
from explainer.course.load import load_course
from explainer.paths import packaged_content_dir
from tests.course_factory import write, write_course

GOOD = """\
[[misconceptions]]
number = 1
belief = "Speakers record everything."
fact = "They wait for a wake word."
sources = ["src-a"]
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return write_course(tmp_path / "content")


def problems(root: Path) -> list[str]:
    return [str(problem) for problem in check_content(root).problems]


def test_the_shipped_course_names_all_ten_with_sources():
    course = load_course(packaged_content_dir())
    assert [m.number for m in course.misconceptions] == list(range(1, 11))
    assert all(m.belief and m.fact and m.sources for m in course.misconceptions)
    assert all(set(m.sources) <= set(course.sources) for m in course.misconceptions)
    targeted = {q.misconception for q in course.questions if q.misconception}
    assert targeted <= {m.number for m in course.misconceptions}


def test_a_course_without_the_file_still_loads(course: Path) -> None:
    assert load_course(course).misconceptions == ()


def test_the_file_is_read_and_checked(course: Path) -> None:
    write(course, "misconceptions.toml", GOOD)
    loaded = load_course(course)
    assert loaded.misconception(1).belief == "Speakers record everything."
    assert problems(course) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("number = 1", "number = 11"), "misconceptions.toml:2: misconceptions #1: number = 11 is not one of the ten"),
        (GOOD.replace('["src-a"]', '["nowhere"]'), 'misconceptions.toml:5: misconception 1: unknown source "nowhere"'),
        (GOOD + GOOD, "misconceptions.toml:7: misconception 1: number 1 is used twice"),
        (GOOD.replace('belief = "Speakers record everything."\n', ""), 'misconceptions.toml:1: misconception 1: missing required key "belief"'),
    ],
)
def test_problems_name_their_line(course: Path, text: str, expected: str) -> None:
    write(course, "misconceptions.toml", text)
    found = problems(course)
    assert any(p.startswith(expected) for p in found), found


def test_a_question_naming_an_undefined_misconception(course: Path) -> None:
    write(course, "misconceptions.toml", GOOD.replace("number = 1", "number = 2"))
    assert any("misconception = 1 is not in misconceptions.toml" in p for p in problems(course))

