"""``explainer check`` names a station model id the app does not have (issue 19.6)."""

from __future__ import annotations

from pathlib import Path

from explainer.course.check import check_content
from tests.course_factory import edit, write_course


def test_check_names_an_unknown_station_model(tmp_path: Path) -> None:
    course = write_course(tmp_path / "content")
    edit(course, "course.toml", 'model = "wake-word-explorer"', 'model = "wake-word-explorr"')
    found = [str(p) for p in check_content(course).problems]
    assert any(p.startswith('course.toml:10: model = "wake-word-explorr" is not a model this app has') for p in found), found


def test_the_model_ids_match_the_tui_registry():
    from explainer.course.station_models import MODEL_IDS
    from explainer.tui.widgets.models import MODEL_WIDGETS

    assert set(MODEL_IDS) == set(MODEL_WIDGETS)
