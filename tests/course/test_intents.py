"""Intent names are read by a fast line scan at start-up; it must agree with a real YAML parse."""

from __future__ import annotations

import pytest
import yaml

from explainer.course.intents import scan_intent_names
from explainer.paths import packaged_content_dir

SAMPLES = [
    "language: en\nintents:\n  A:\n    data:\n      - sentences:\n          - 'a'\n  B:\n    data: []\nlists:\n  x:\n    values: [1]\n",
    "# comment\nlanguage: en\n\nintents:\n    'Quoted': {data: []}\n    \"Double\":\n      data: []\n    Plain_1.x: {}\n",
    "lists:\n  minutes:\n    range: {from: 1, to: 2}\n",
    "intents:\n  A:\n    data:\n      - sentences:\n          - \"B: not a key\"\n  # Hidden: comment\n  C: {}\nexpansion_rules:\n  D: x\n",
]


def _names_by_yaml(text: str) -> list[str]:
    data = yaml.safe_load(text) or {}
    return list((data.get("intents") or {}).keys())


@pytest.mark.parametrize("text", SAMPLES)
def test_scan_agrees_with_yaml(text: str) -> None:
    assert scan_intent_names(text) == _names_by_yaml(text)


def test_flow_style_falls_back_to_yaml() -> None:
    assert scan_intent_names("intents: {A: {data: []}}\n") is None


def test_scan_agrees_with_yaml_on_the_packaged_intents() -> None:
    files = sorted((packaged_content_dir() / "intents").glob("*.yaml"))
    if not files:
        pytest.skip("no intents written yet")
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert scan_intent_names(text) == _names_by_yaml(text), path.name
