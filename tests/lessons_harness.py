"""A tiny app and an in-memory course for the lesson tests (independent of the real content)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import Static

from explainer.course.model import Course, GlossaryTerm, Page, Source, Station
from explainer.learning.progress import Progress
from explainer.learning.settings import Settings
from explainer.paths import packaged_content_dir
from explainer.tui.screens.lesson import LessonScreen

MODELS = [
    ("wake-word", "01-wake-word", "wake-word-explorer"),
    ("listening-window", "02-listening-window", "listening-timeline"),
    ("sampled-for-review", "06-sampled-for-review", "sampling-calculator"),
    ("reviewer-seat", "07-reviewer-seat", "reviewer-brief"),
    ("the-2019-disclosures", "08-the-2019-disclosures", "disclosures-timeline"),
    ("your-controls", "09-your-controls", "controls-checklist"),
]

BODY_ONE = """The speaker listens for a {wake word} on the device [@amazon-faq].

- Nothing is uploaded before a match [@amazon-faq] [@avs-req].

> Try it: say [bold]Alexa[/bold] to a friend.
"""


def make_course() -> Course:
    sources = {
        "amazon-faq": Source("amazon-faq", "Amazon", "Alexa FAQ [red]copy[/red]", "n.d.", "https://example.org/faq", "primary"),
        "avs-req": Source("avs-req", "Amazon Developer", "Wake Word Verification Requirements", "2023", "https://example.org/avs", "primary"),
    }
    glossary = {
        "wake-word": GlossaryTerm("wake-word", "wake word", "The word that makes the device start sending audio.", ("hotword",)),
    }
    stations = []
    for sid, folder, model in MODELS:
        pages = (
            Page(f"{sid}/first", sid, "first", f"First page of {sid}", BODY_ONE, short_tour=True,
                 citations=("amazon-faq", "avs-req"), terms=("wake-word",)),
            Page(f"{sid}/second", sid, "second", "Second page", "Plain words here [@avs-req].", citations=("avs-req",)),
        )
        stations.append(Station(sid, f"Station {sid}", f"stations/{folder}", "device", "summary", model, pages))
    return Course(1, "Test course", str(packaged_content_dir()), tuple(stations), sources, glossary)


class MapStub(Screen):
    def compose(self):
        yield Static("map")


class HarnessApp(App):
    """Stands in for ExplainerApp: the attributes and methods LessonScreen uses."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "explainer" / "tui" / "app.tcss"
    MODES = {"map": MapStub, "lesson": LessonScreen}

    def __init__(self, course: Course | None = None) -> None:
        super().__init__()
        self.course = course or make_course()
        self.progress = Progress()
        self.settings = Settings()
        self.saves = 0
        self.opened: list[tuple[str, str]] = []

    def save_progress(self) -> None:
        self.saves += 1

    def open_quiz(self, quiz_id: str) -> None:
        self.opened.append(("quiz", quiz_id))

    def open_reviewer(self) -> None:
        self.opened.append(("reviewer", ""))

    def open_map(self) -> None:
        self.opened.append(("map", ""))
        self.switch_mode("map")

    async def open_lesson(self, station_id: str, slug: str | None = None, short_tour: bool = False):
        await self.switch_mode("lesson")
        self.screen.show_station(station_id, slug, short_tour=short_tour)
        return self.screen
