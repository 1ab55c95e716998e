"""Property-based fuzzing of the content loader: whatever a file contains, the checker only
ever returns problems (never raises), and the loader raises nothing but ContentError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.course.check import CheckReport, check_content
from explainer.course.load import ContentError, load_course
from explainer.course.model import Course
from tests.course_factory import FILES, STATION, write, write_course

TARGETS = [
    "course.toml", "sources.toml", "glossary.toml", f"{STATION}/quiz.toml", "quizzes/final.toml",
    "clips/households.toml", "clips/house-a.toml", f"{STATION}/01-first.md", "intents/timers.yaml",
    f"{STATION}/model.toml", "lang/es/sources.toml", f"{STATION}/01-first.md/nested",
]

TOML_PIECES = [
    "[[questions]]", "[[questions.options]]", "[[questions.items]]", "[questions]", "[[stations]]", "[[sources]]",
    "[[terms]]", "[[clips]]", "[clips.background]", "[[clips.lines]]", "[[households]]", 'id = "q-single"',
    'id = "x"', 'id = ""', 'id = "a/b c"', 'type = "single"', 'type = "numeric"', 'type = "matching"',
    'type = "essay"', 'correct = "yes"', "correct = true", "correct = 1", 'sources = ["src-a"]', "sources = []",
    'sources = "src-a"', "sources = [1, 2]", "options = 3", "options = [{id = 'a'}, 3]", "order = []",
    "answer = nan", "tolerance = -inf", "misconception = 99999999999999999", "misconception = 0",
    "x = 1979-05-27T07:32:00Z", 'folder = "../../etc"', 'folder = "/etc"', 'folder = "stations/01-alpha"',
    'folder = "stations/01-alpha/../.."', "format_version = 99", "format_version = true", 'zone = "device"',
    'audio = "../x.wav"', 'audio = "clip-1.wav"', "level = 2", "rate = 1.5", 'personal = ["dna", 3]',
    'recorded_at = "yesterday"', "stations = []", 'groups = ["a", "a"]', 'group = "zzz"', '"""', "'''",
    "a.b.c = 1", "[a.b]", "a = " + "[" * 2000 + "]" * 2000, "b = " + "{c = " * 1500, "=", "[", "]]", '"\\u0000"', "key = { inline = [ { x = 1 } ] }",
]
PAGE_PIECES = [
    "+++", 'title = "x"', 'kind = "notes"', "kind = 3", "short_tour = 1", "# heading", "- item", "1. item",
    "> aside", "```", "~~~", "---", "[@src-a]", "[@nope]", "[@", "{wake word}", "{", "}", "{}", "{ }", "`{x}`",
    "\t- nested", "    indented", "\r", "\ufeff", "",
]
YAML_PIECES = [
    "language: en", "intents:", "  SetTimer:", "    data:", "      - sentences:", '          - "(a|b"',
    '          - "[x] {y} <z>"', "          - ((()))", "lists:", "expansion_rules:", "  wake: \"(a|\"",
    "intents: {A: 1}", "intents: [1, 2]", "- just a list", "&anchor", "*alias", "!!python/object:os.system",
    "key: [unclosed", "deep: " + "[" * 3000, "\t", ": :", "",
]


def pieces(choices: list[str]) -> st.SearchStrategy[str]:
    line = st.one_of(st.sampled_from(choices), st.text(max_size=30))
    return st.lists(line, max_size=30).map("\n".join)


CONTENTS = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300),
    pieces(TOML_PIECES),
    pieces(PAGE_PIECES),
    pieces(YAML_PIECES),
)


def _assert_never_raises(target: str, content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_course(Path(tmp) / "content")
        if (root / target).parent.is_file():  # a folder where a file should be
            (root / target).parent.unlink()
        write(root, target, content)
        report = check_content(root)
        assert isinstance(report, CheckReport)
        for problem in report.problems:
            assert problem.path and problem.line >= 1 and problem.message
            assert "the checker failed" not in problem.message, problem
        try:
            assert isinstance(load_course(root), Course)
        except ContentError as error:
            assert error.problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(TARGETS), content=CONTENTS)
def test_any_file_content_gives_problems_not_exceptions(target: str, content: str | bytes) -> None:
    _assert_never_raises(target, content)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(k for k in FILES if k.endswith(".toml"))), lines=st.data())
def test_mutating_lines_of_valid_toml_gives_problems_not_exceptions(name: str, lines: st.DataObject) -> None:
    original = FILES[name].splitlines()
    index = lines.draw(st.integers(0, len(original) - 1))
    replacement = lines.draw(st.one_of(st.sampled_from(TOML_PIECES), st.text(max_size=20)))
    original[index] = replacement
    _assert_never_raises(name, "\n".join(original) + "\n")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=pieces(PAGE_PIECES))
def test_any_page_body_gives_problems_not_exceptions(body: str) -> None:
    _assert_never_raises(f"{STATION}/03-fuzz.md", '+++\ntitle = "Fuzz"\n+++\n' + body)


PLACES = sorted({*FILES, "clips/audio/clip-1.wav", "stations", STATION, "clips", "clips/audio", "intents", "quizzes",
                 "lang", "lang/es", f"lang/es/{STATION}/01-first.md"})
DAMAGE = ["delete", "folder", "empty", "link-outside", "link-loop", "link-inside", "link-dangling"]


def _damage(root: Path, place: str, how: str) -> None:
    import os
    import shutil

    path = root / place
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    if how == "folder":
        (path / "inner").mkdir(parents=True)
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "link-outside":
        os.symlink("/etc", path)
    elif how == "link-loop":
        os.symlink(path.name, path)
    elif how == "link-inside":
        os.symlink(root / "course.toml", path)
    elif how == "link-dangling":
        os.symlink(root / "no-such-file", path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage=st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(DAMAGE)), min_size=1, max_size=3))
def test_damaged_folder_layout_gives_problems_not_exceptions(damage: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_course(Path(tmp) / "content")
        for place, how in damage:
            try:
                _damage(root, place, how)
            except OSError:  # an earlier step made this place impossible (its folder is now a file)
                continue
        report = check_content(root)
        for problem in report.problems:
            assert "the checker failed" not in problem.message, problem
        try:
            load_course(root)
        except ContentError as error:
            assert error.problems
