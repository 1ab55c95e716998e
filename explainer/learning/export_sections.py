"""Blocks other features add to ``explainer results export`` (the reviewer seat's, say).

Kept apart from the quiz results so a feature can add its block without touching them: it
names a function in ``EXTRA_SECTIONS`` that returns an ``ExportSection`` (or None when the
learner has nothing there yet). One feature's bad data never stops the export.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from explainer.course.model import Course

Value = str | int | float | bool | None


@dataclass(frozen=True)
class ExportSection:
    """A flat summary (``values``), readable names for its keys (``labels``), detail rows.

    ``values`` is shown as "label: value" lines in Markdown and as an object in JSON, and the
    class report averages its numbers across learners under ``labels`` (a key without a
    label is shown with its underscores as spaces).
    """

    name: str
    title: str
    values: dict[str, Value]
    rows: tuple[dict[str, Value], ...] = ()
    labels: dict[str, str] = field(default_factory=dict)


# name -> "module:function"; the function is called as fn(course, progress). Imported lazily,
# so a missing module (a feature not built) simply leaves its section out.
EXTRA_SECTIONS: dict[str, str] = {
    "reviewer": "explainer.learning.shift_export:export_section",
}


def label_for(key: str, labels: dict[str, str] | None = None) -> str:
    """The readable name of a value: its label, else the key in words."""
    if labels and isinstance(labels.get(key), str) and labels[key].strip():
        return labels[key]
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def extra_sections(course: Course, progress: Any) -> list[ExportSection]:
    """Every extra section that has something to say, in EXTRA_SECTIONS order."""
    found = []
    for name, target in EXTRA_SECTIONS.items():
        module_name, _colon, function_name = target.partition(":")
        try:
            function = getattr(importlib.import_module(module_name), function_name)
        except (ImportError, AttributeError):
            continue
        try:
            section = function(course, progress)
        except Exception:  # noqa: BLE001 - one feature's bad data must not stop the export
            section = ExportSection(name, name, {"error": "this section could not be read"})
        if section is not None:
            found.append(section)
    return found
