"""The layer rules hold, and the checks that enforce them really catch what they are for.

The rules are import-linter contracts in pyproject.toml (``uv run lint-imports``, also run by
.ci/run): front ends over the domain, the domain (course, learning, voice) without Textual, no
network library anywhere, and inside the TUI factory -> apps -> screens -> widgets -> host.
import-linter reads ``import`` statements, wherever they are (inside functions too) and however
they are written (relative ones too); what it cannot see is a module named in a string and
imported at run time (``importlib.import_module("textual")``), so ``string_imports`` below
holds those to the same layers.

Each rule is also tried against a deliberate violation planted in a copy of the package, so a
check that silently passes everything fails here instead.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "explainer"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
DOMAIN_LAYERS = ("course", "learning", "voice")
MODULE_NAME = re.compile(r"^(explainer(?:\.\w+)+|textual(?:\.\w+)*)(?::\w+)?$")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` over the ``explainer`` package found in ``root`` (the real one, or a copy)."""
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
         "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )


def _module_of(path: Path, package: Path) -> str:
    return ".".join(path.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__")


def _named_modules(tree: ast.AST) -> list[tuple[str, int]]:
    """Module names written as strings: "explainer.x.y", "explainer.x:Class", f"explainer.x.{name}"."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            text = str(node.values[0].value).rstrip(".")
        else:
            continue
        if match := MODULE_NAME.match(text):
            found.append((match.group(1), node.lineno))
    return found


def _layer(module: str) -> tuple[int, str] | None:
    """(position in the layers contract, name of the sibling) for an ``explainer.*`` module."""
    for index, layer in enumerate(CONFIG["contracts"][0]["layers"]):
        for sibling in (part.strip() for part in layer.split("|")):
            if module == sibling or module.startswith(sibling + "."):
                return index, sibling
    return None


def string_imports(package: Path) -> list[str]:
    """Every module named in a string that the layer rules would forbid as an import."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        importer = _module_of(path, package)
        importer_layer = _layer(importer)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for target, line in _named_modules(tree):
            where = f"{path.relative_to(package.parent)}:{line}: names {target}"
            if target.split(".")[0] == "textual":
                if importer.split(".")[1] in DOMAIN_LAYERS:
                    problems.append(where + " (the domain never imports Textual)")
                continue
            target_layer = _layer(target)
            if importer_layer is None or target_layer is None or importer_layer[1] == target_layer[1]:
                continue
            if target_layer[0] <= importer_layer[0]:  # the same row (siblings) or a row above
                problems.append(where + " (a higher or sibling layer)")
    return problems


def test_the_import_contracts_are_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.split("Contracts:")[-1].split(",")[0]


def test_no_module_named_in_a_string_breaks_the_layers() -> None:
    assert string_imports(PACKAGE) == []


def test_importing_domain_layers_loads_no_textual() -> None:
    """At run time too: importing every domain module leaves Textual unloaded."""
    modules = [_module_of(path, PACKAGE) for layer in DOMAIN_LAYERS for path in sorted((PACKAGE / layer).rglob("*.py"))]
    script = (
        "import importlib, json, sys\nfailed = []\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as error:\n"
        "        failed.append(f'{name}: {error!r}')\n"
        "print(json.dumps([failed, sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    failed, textual_modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert not failed, "modules that fail to import: " + "; ".join(failed)
    assert textual_modules == []


# -- the checks catch deliberate violations -----------------------------------------------------
VIOLATIONS = {
    "an import inside a function": ("course/model.py", "\n\ndef _peek():\n    import textual.app\n\n    return textual.app\n"),
    "a relative import": ("voice/trace.py", "\nfrom ..tui import host as _host  # noqa\n"),
    "voice importing cli": ("voice/trace.py", "\nfrom explainer.cli import common as _common  # noqa\n"),
    "a network library": ("learning/storage.py", "\n\ndef _send():\n    import urllib.request\n\n    return urllib.request\n"),
    "an upward import in the TUI": ("tui/widgets/footer.py", "\nfrom explainer.tui import app as _app  # noqa\n"),
}


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("layers")
    shutil.copytree(PACKAGE, root / "explainer", ignore=shutil.ignore_patterns("__pycache__", "_content"))
    return root


@pytest.mark.parametrize("what", VIOLATIONS)
def test_the_contracts_catch(what: str, package_copy: Path) -> None:
    relative, code = VIOLATIONS[what]
    target = package_copy / "explainer" / relative
    original = target.read_text(encoding="utf-8")
    target.write_text(original + code, encoding="utf-8")
    try:
        result = lint_imports(package_copy)
    finally:
        target.write_text(original, encoding="utf-8")
    assert result.returncode != 0, f"{what} was not caught:\n{result.stdout}"
    assert "BROKEN" in result.stdout


def test_a_module_imported_from_a_string_is_caught(tmp_path: Path) -> None:
    package = tmp_path / "explainer"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "_content"))
    target = package / "learning" / "storage.py"
    target.write_text(target.read_text(encoding="utf-8")
                      + '\n\ndef _widgets():\n    import importlib\n\n    return importlib.import_module("textual.widgets")\n',
                      encoding="utf-8")
    (package / "voice" / "later.py").write_text('TARGET = "explainer.cli.common:register"\n', encoding="utf-8")
    problems = string_imports(package)
    assert any("learning/storage.py" in p and "textual.widgets" in p for p in problems), problems
    assert any("voice/later.py" in p and "explainer.cli.common" in p for p in problems), problems
