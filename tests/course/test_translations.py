"""Translations under ``lang/<code>/``: read as the app reads them, checked like originals, ids unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.course.check import check_content
from explainer.course.load import content_languages, load_course
from tests.course_factory import FILES, STATION, write, write_course

ES_PAGE = f"lang/es/{STATION}/01-first.md"
ES_QUIZ = f"lang/es/{STATION}/quiz.toml"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = write_course(tmp_path / "content")
    write(root, ES_PAGE, '+++\ntitle = "Primera página"\n+++\nUna {wake word} empieza la grabación [@src-a].\n')
    write(root, ES_QUIZ, FILES[f"{STATION}/quiz.toml"].replace("Where is the wake word spotted?", "¿Dónde?"))
    write(root, "lang/es/course.toml", FILES["course.toml"].replace('title = "Alpha"', 'title = "Alfa"'))
    return root


def test_translation_is_clean_and_loads(course: Path) -> None:
    assert check_content(course).problems == []
    assert content_languages(course) == ["en", "es"]
    spanish = load_course(course, "es_ES.UTF-8")
    station = spanish.station("alpha")
    assert station.title == "Alfa"
    assert station.pages[0].title == "Primera página" and station.pages[0].id == "alpha/first"
    assert station.pages[0].path == ES_PAGE
    assert station.pages[1].path == f"{STATION}/02-notes.md"  # untranslated pages stay English
    assert station.questions[0].prompt == "¿Dónde?"
    assert load_course(course, "fr").station("alpha").title == "Alpha"  # no French: English


def test_translated_page_follows_the_claim_rule(course: Path) -> None:
    write(course, ES_PAGE, '+++\ntitle = "Primera"\n+++\nSin fuente.\n')
    problems = [str(p) for p in check_content(course).problems]
    assert problems == [f"{ES_PAGE}:4: paragraph has no source (claim rule); add a citation like [@source-id] "
                        'right after the claim, or make it an aside starting with "> " if it is not a claim']


def test_translation_must_keep_ids(course: Path) -> None:
    text = (course / ES_QUIZ).read_text(encoding="utf-8")
    write(course, ES_QUIZ, text.replace('id = "q-num"', 'id = "q-numero"'))
    problems = [str(p) for p in check_content(course).problems]
    assert f"{ES_QUIZ}:1: this translation lacks questions q-num; keep every id of the original" in problems
    assert any(p.startswith(f"{ES_QUIZ}:1: this translation adds questions q-numero") for p in problems)


def test_translation_must_keep_station_folders(course: Path) -> None:
    write(course, "lang/es/course.toml", FILES["course.toml"].replace('"stations/01-alpha"', '"stations/01-alfa"'))
    problems = [str(p) for p in check_content(course).problems]
    assert any(p.startswith("lang/es/course.toml:7:") and "does not exist" in p for p in problems), problems


def test_broken_translated_toml_is_reported_at_its_line(course: Path) -> None:
    write(course, "lang/es/sources.toml", FILES["sources.toml"].replace('kind = "primary"', "kind = primary"))
    problems = [str(p) for p in check_content(course).problems]
    assert any(p.startswith("lang/es/sources.toml:7: invalid TOML") for p in problems), problems
    assert not any("lacks" in p for p in problems), problems
