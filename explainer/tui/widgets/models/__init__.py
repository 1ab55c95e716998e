"""The registry of station models, and the one message every model sends.

Each station ends with something to *do* (explorable explanations: do, show, then tell).
A model is a ``StationModel`` widget built as ``Model(station, course)``; the lesson screen looks its class
up here by the model id from course.toml and imports it only when the learner opens it,
so starting the app never pays for nine models (or the 3 MB pronouncing dictionary).

Owners add one line each to MODEL_WIDGETS. A model posts ``ModelInteracted`` the first time
the learner changes something; the lesson screen records it in progress.
"""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:
    from explainer.course.model import Course, Station

MODEL_WIDGETS: dict[str, str] = {
    "wake-word-explorer": "explainer.tui.widgets.models.wake_word:WakeWordExplorer",
    "listening-timeline": "explainer.tui.widgets.models.listening_timeline:ListeningTimeline",
    "sampling-calculator": "explainer.tui.widgets.models.sampling:SamplingCalculator",
    "reviewer-brief": "explainer.tui.widgets.models.reviewer_brief:ReviewerBrief",
    "disclosures-timeline": "explainer.tui.widgets.models.disclosures:DisclosuresTimeline",
    "controls-checklist": "explainer.tui.widgets.models.controls_checklist:ControlsChecklist",
    "nbest": "explainer.tui.widgets.models.nbest:NBestExplorer",
    "intent-parser": "explainer.tui.widgets.models.intent_parser:IntentParser",
    "history-browser": "explainer.tui.widgets.models.history_browser:HistoryBrowserModel",
}


class ModelInteracted(Message):
    """The learner changed something in a station's model for the first time."""

    def __init__(self, model_id: str, station_id: str) -> None:
        super().__init__()
        self.model_id = model_id
        self.station_id = station_id


class ModelUnavailable(Exception):
    """No widget is registered for a model id, or its module failed to import."""


def model_widget_class(model_id: str) -> type[StationModel]:
    """Import and return the widget class for ``model_id`` (raises ModelUnavailable)."""
    target = MODEL_WIDGETS.get(model_id)
    if target is None:
        raise ModelUnavailable(
            f"The interactive model for this station ({model_id}) is not part of this build yet. "
            "Press n to go on, or q for the map."
        )
    module_name, _, class_name = target.partition(":")
    try:
        found = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as error:
        raise ModelUnavailable(f"The model {model_id!r} could not be loaded: {error}") from error
    if not (isinstance(found, type) and issubclass(found, StationModel)):
        raise ModelUnavailable(f"The model {model_id!r} is not a station model ({target}).")
    return found


def read_model_data(course: Any, station: Any) -> tuple[dict[str, Any], str | None]:
    """The station's ``model.toml`` as a dict, and a notice if it is missing or broken.

    In another language, ``lang/<code>/<station folder>/model.toml`` is used when it exists.
    """
    path = Path(course.root) / station.folder / "model.toml"
    from explainer.course.load import translation_folder
    from explainer.i18n import language

    if (folder := translation_folder(Path(course.root), language())) and (
            translated := Path(course.root) / folder / station.folder / "model.toml").is_file():
        path = translated
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return {}, f"{path.name} is missing from {station.folder}."
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"{station.folder}/model.toml could not be read: {error}"


class StationModel(Widget):
    """A station's model: made as ``Model(station, course)``; ``interacted()`` reports the first change."""

    _reported = False

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.station, self.course = station, course

    def interacted(self) -> None:
        """The learner changed something: say so once (the lesson screen records it in progress)."""
        if not self._reported:
            self._reported = True
            self.post_message(ModelInteracted(self.station.model, self.station.id))
