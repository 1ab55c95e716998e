"""The interactive models a station may name in course.toml (``model = "..."``), by id.

The models themselves are Textual widgets (``explainer.tui.widgets.models.MODEL_WIDGETS``
maps each id to its class); the ids live here, without Textual, so ``explainer check`` can
tell an author that ``model = "wake-word-explorr"`` names no model -- before a learner
meets "this model is not part of this build". A test keeps the two lists equal.
"""

from __future__ import annotations

from explainer.course.context import ReadContext
from explainer.course.files import parse_toml, read_text
from explainer.course.problems import ProblemLog

MODEL_IDS: dict[str, str] = {
    "wake-word-explorer": "station 1: a threshold and the words that wake the speaker",
    "listening-timeline": "station 2: what is sent, from just before the wake word",
    "nbest": "station 3: the recogniser's best guesses",
    "intent-parser": "station 4: words to an intent and its slots",
    "history-browser": "station 5: a voice history to browse and delete",
    "sampling-calculator": "station 6: how many clips a reviewer may hear",
    "reviewer-brief": "station 7: what a reviewer's screen showed",
    "disclosures-timeline": "station 8: the 2019 disclosures and what changed",
    "controls-checklist": "station 9: the controls a user has",
}
COURSE_FILE = "course.toml"


def check_model_ids(ctx: ReadContext) -> None:
    """Every station's ``model`` names a model of this app (or is left out)."""
    text = read_text(ctx.root, COURSE_FILE, ProblemLog(), required=False)
    parsed = parse_toml(COURSE_FILE, text, ProblemLog()) if text is not None else None
    if parsed is None:
        return  # course.toml's own problems are reported by the loader
    data, lines = parsed
    stations = data.get("stations")
    for index, entry in enumerate(stations if isinstance(stations, list) else []):
        model = entry.get("model") if isinstance(entry, dict) else None
        if isinstance(model, str) and model and model not in MODEL_IDS:
            known = ", ".join(sorted(MODEL_IDS))
            ctx.log.add(COURSE_FILE, lines.line("stations", index, "model"),
                        f'model = "{model}" is not a model this app has; use one of: {known} '
                        "(or remove the key for a station without a model)")
