"""Architecture rules the code must keep: domain layers never import Textual, and no network code.

``explainer.course``, ``explainer.learning`` and ``explainer.voice`` are used by the CLI,
the checker and the tests without a terminal, so they must not pull in the UI. And the app
sends nothing anywhere, so no module of ours imports a network library.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "explainer"
DOMAIN_LAYERS = ("course", "learning", "voice")
NETWORK_MODULES = ("socket", "requests", "urllib.request", "http.client", "aiohttp", "httpx", "urllib3")


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", DOMAIN_LAYERS)
def test_domain_layer_source_never_imports_textual(layer: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: imports {name}"
        for path in _modules(layer)
        for name, line in _imports(path)
        if name == "textual" or name.startswith("textual.") or name.startswith("explainer.tui")
    ]
    assert not offenders, "\n".join(offenders)


def test_importing_domain_layers_loads_no_textual() -> None:
    modules = [
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for layer in DOMAIN_LAYERS
        for path in _modules(layer)
    ]
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as error:\n"
        "        failed.append(f'{name}: {error!r}')\n"
        "print(json.dumps([failed, sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))]))\n"
    ).replace("import importlib, json, sys\n", "import importlib, json, sys\nfailed = []\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    failed, textual_modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert not failed, "modules that fail to import: " + "; ".join(failed)
    assert textual_modules == []


def test_no_network_imports_anywhere() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, line in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in NETWORK_MODULES)
    ]
    assert not offenders, "\n".join(offenders)
