"""Interface languages: every string the main screens show has a Spanish entry, with the same
placeholders; ``--lang`` switches the interface (and the content, where it is translated).

The strings are collected from the source itself (every ``_("...")`` literal and every binding
description, which the help screen translates), so a new string without a translation fails here.
"""

from __future__ import annotations

import ast
import re
import string
import tomllib
from pathlib import Path

import pytest

import explainer
from explainer.i18n import _, available_languages, language, set_language
from tests.pilot import screen_text

PACKAGE = Path(explainer.__file__).resolve().parent
CATALOGUE = PACKAGE / "locale" / "es.toml"
# Screens and widgets a learner meets on the main path: every one of their strings must be translated.
STRICT = [
    "tui/app.py", "tui/commands.py", "tui/screens/map.py", "tui/screens/help.py", "tui/screens/lesson.py",
    "tui/screens/lesson_keys.py",
    "tui/screens/quiz.py", "tui/screens/results.py", "tui/screens/settings.py", "tui/screens/reviewer.py",
    "tui/screens/reviewer_debrief.py", "tui/screens/reviewer_rules.py", "tui/screens/reviewer_intent.py",
    "tui/screens/reviewer_own.py", "tui/widgets/reviewer_panes.py", "tui/widgets/reviewer_player.py",
    "learning/shift_rules.py", "learning/shift_prepare.py",
    "tui/screens/station_end.py",
    "tui/screens/quiz_end.py",
    "tui/screens/too_small.py", "tui/screens/kiosk_attract.py", "tui/screens/kiosk_host.py",
    "tui/widgets/questions", "tui/widgets/page_view.py", "tui/widgets/page_text.py",
    "tui/widgets/sources_panel.py",
    "tui/widgets/reviewer_task.py", "tui/widgets/reviewer_feedback.py", "tui/widgets/reviewer_bars.py",
]


def interface_strings(paths: list[Path]) -> dict[str, str]:
    """English string -> "file:line" of its first use: ``_("...")`` literals and Binding descriptions."""
    found: dict[str, str] = {}
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            candidates = []
            if name == "_" and node.args:
                candidates.append(node.args[0])
            elif name == "Binding":
                candidates += node.args[2:3] + [kw.value for kw in node.keywords if kw.arg == "description"]
            for arg in candidates:
                text = arg.value if isinstance(arg, ast.Constant) else None
                if isinstance(arg, ast.JoinedStr):  # f"Option {n}": the entry is "Option {n}"
                    text = "".join(v.value if isinstance(v, ast.Constant) else "{n}" for v in arg.values)
                if isinstance(text, str) and text:
                    if name == "Binding":  # shown through i18n.label: "Open source 1-9" -> "Open source {n}"
                        text = re.sub(r" \d+(?:-\d+)?$", " {n}", text)
                    found.setdefault(text, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def python_files(*relative: str) -> list[Path]:
    files: list[Path] = []
    for rel in relative:
        target = PACKAGE / rel
        files += sorted(target.rglob("*.py")) if target.is_dir() else [target] if target.exists() else []
    return files


@pytest.fixture(scope="module")
def catalogue() -> dict[str, str]:
    return tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language("en")


def test_every_main_screen_string_has_a_spanish_entry(catalogue) -> None:
    strings = interface_strings(python_files(*STRICT))
    assert len(strings) > 150
    missing = [f"{where}: {text!r}" for text, where in strings.items() if not catalogue.get(text, "").strip()]
    assert missing == [], "add these to explainer/locale/es.toml:\n" + "\n".join(missing)


def test_nearly_every_interface_string_is_translated(catalogue) -> None:
    strings = interface_strings(python_files("."))
    missing = [text for text in strings if text not in catalogue]
    assert len(missing) <= max(5, len(strings) // 20), missing  # others may add strings; 95% at least


def _fields(text: str) -> set[str]:
    """``{name}`` placeholders (literal braces such as ``{+word+}`` are text, not fields)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return {"<unbalanced braces>"}
    return {field for _lit, field, _spec, _conv in parsed if field and field.isidentifier()}


def test_translations_keep_placeholders(catalogue) -> None:
    broken = {k: v for k, v in catalogue.items() if _fields(k) != _fields(v)}
    assert broken == {}


def test_set_language_switches_and_falls_back() -> None:
    assert "es" in available_languages()
    assert set_language("es_ES.UTF-8") == "es" and language() == "es"
    assert _("Map") == "Mapa" and _("an untranslated string") == "an untranslated string"
    assert set_language("xx") == "en" and _("Map") == "Map"


def test_cli_warns_once_about_an_unknown_language(capsys) -> None:
    from explainer.cli import run

    assert run(["--lang", "xx", "check"]) in (0, 1)
    err = capsys.readouterr().err
    assert err.count("no 'xx' translation; using English") == 1


def _import_the_interface_in_english() -> None:
    """Import every screen in English first: strings are looked up when shown, so a module
    imported before the language was set must still speak Spanish (the footer and help below)."""
    import importlib
    import pkgutil

    import explainer.tui

    set_language("en")
    for module in pkgutil.walk_packages(explainer.tui.__path__, "explainer.tui."):
        try:
            importlib.import_module(module.name)
        except Exception:  # noqa: BLE001, S112 - a half-finished module of another part is not ours to test
            continue


async def test_the_app_speaks_spanish(app) -> None:
    _import_the_interface_in_english()
    made = app(lang="es")
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(made)
        assert "Recorrido corto" in text or "Empezar el recorrido" in text, text
        assert made.course.title == "¿Quién escucha?"
        assert made.course.station("wake-word").pages[0].path.startswith("lang/es/")
        assert "¿Quién escucha?" in text and "sin empezar" in text and "EN EL APARATO" in text
        assert "Continuar" in text.splitlines()[-1] and "Salir" in text.splitlines()[-1]  # the footer
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        help_text = screen_text(made)
        assert "Teclas: Mapa del recorrido" in help_text and "Recorrido corto" in help_text


def test_spanish_narration_uses_a_spanish_voice() -> None:
    from explainer.tui.narration import narration_voice

    assert narration_voice() == "en-us"
    set_language("es")
    assert narration_voice() == "es"  # espeak-ng's roa/es


def test_plain_reader_prints_the_spanish_station(capsys) -> None:
    from explainer.cli import run

    assert run(["read", "wake-word", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "Estación 1 de 9: La palabra de activación" in out and "Escuchar una sola palabra" in out
    assert "[@" not in out and "{" not in out


def test_the_shipped_spanish_translation_passes_the_checker() -> None:
    from explainer.course.check import check_content
    from explainer.course.load import content_languages, load_course
    from explainer.paths import packaged_content_dir

    root = packaged_content_dir()
    assert "es" in content_languages(root)
    problems = [str(p) for p in check_content(root).problems if p.path.startswith("lang/")]
    assert problems == []
    english, spanish = load_course(root), load_course(root, "es")
    assert [s.id for s in spanish.stations] == [s.id for s in english.stations]
    station = spanish.station("wake-word")
    assert [p.id for p in station.pages] == [p.id for p in english.station("wake-word").pages]
    assert all(p.path.startswith("lang/es/") for p in station.pages)
    assert [q.id for q in station.questions] == [q.id for q in english.station("wake-word").questions]
    assert all(s.title != e.title for s, e in zip(spanish.stations, english.stations, strict=True))


def test_a_translated_glossary_replaces_terms_by_id_and_keeps_the_rest() -> None:
    from explainer.course.load import load_course
    from explainer.paths import packaged_content_dir

    english, spanish = load_course(packaged_content_dir()), load_course(packaged_content_dir(), "es")
    assert list(spanish.glossary) == list(english.glossary)  # same ids, same order
    assert spanish.glossary["wake-word"].term == "palabra de activación"
    assert spanish.glossary["pre-roll"] == english.glossary["pre-roll"]  # not translated: English


def test_station_models_read_their_translated_data(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from explainer.tui.widgets.models import read_model_data

    folder = "stations/01-alpha"
    (tmp_path / folder).mkdir(parents=True)
    (tmp_path / folder / "model.toml").write_text('label = "Reset"\n', encoding="utf-8")
    (tmp_path / "lang/es" / folder).mkdir(parents=True)
    (tmp_path / "lang/es" / folder / "model.toml").write_text('label = "Restablecer"\n', encoding="utf-8")
    course, station = SimpleNamespace(root=tmp_path), SimpleNamespace(folder=folder)
    assert read_model_data(course, station) == ({"label": "Reset"}, None)
    set_language("es")
    assert read_model_data(course, station) == ({"label": "Restablecer"}, None)


def test_the_map_hints_have_spanish_entries() -> None:
    """The map's hint line is looked up from a table (not a literal _() call the scan sees)."""
    from explainer.tui.screens.map import HINTS

    catalogue = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert [hint for hint in HINTS.values() if hint not in catalogue] == []


def test_the_lab_stage_names_have_spanish_entries() -> None:
    """The lab's stage rows are named from the pipeline's list (``_(name)``, not a literal the scan sees);
    "N-best check" and "clean-up" stayed English in a Spanish lab."""
    from explainer.voice.trace import STAGES

    catalogue = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert [stage for stage in STAGES if stage not in catalogue] == []


def test_no_string_is_translated_at_import_time() -> None:
    """``_()`` only inside functions: at import time the language may not be set yet."""
    early = []

    def visit(node: ast.AST, path: Path, in_function: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            evaluated_now = [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
            if not isinstance(node, ast.Lambda):
                evaluated_now += node.decorator_list
            for child in evaluated_now:
                visit(child, path, in_function)
            for child in node.body if isinstance(node.body, list) else [node.body]:
                visit(child, path, True)
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and not in_function:
            early.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
        for child in ast.iter_child_nodes(node):
            visit(child, path, in_function)

    for path in sorted(PACKAGE.rglob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8")), path, False)
    assert early == [], "translate when shown (key descriptions go through i18n.label): " + ", ".join(early)


def test_numbered_key_descriptions_use_one_entry() -> None:
    from explainer.i18n import label

    set_language("es")
    assert label("Open source 1-9") == "Abrir la fuente 1-9" and label("Option 3") == "Opción 3"
    assert label("Continue") == _("Continue") and label("no such 12") == "no such 12"
    set_language("en")
    assert label("Open source 1-9") == "Open source 1-9"
