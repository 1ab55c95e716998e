"""A small app hosting the QuizScreen over the hand-made sample course (not a test module)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.app import App

from explainer.course.model import Source
from explainer.learning.progress import Progress
from explainer.tui.screens.quiz import QuizScreen
from tests.quiz_samples import course


@dataclass
class _Config:
    seed: int = 3


def sample_course():
    sources = {
        sid: Source(
            sid,
            f"Publisher {sid}",
            f"Title [bold]{sid}[/bold]",
            "2019-04-11",
            f"https://example.org/{sid}",
            "primary",
        )
        for sid in ("src-a", "src-b", "src-c")
    }
    return replace(course(), sources=sources)


class QuizHarness(App):
    CSS_PATH = "../explainer/tui/app.tcss"

    def __init__(self, quiz_id: str = "wake-word") -> None:
        super().__init__()
        self.course = sample_course()
        self.progress = Progress()
        self.config = _Config()
        self.saves = 0
        self.quiz_id = quiz_id

    def save_progress(self) -> None:
        self.saves += 1

    def open_map(self) -> None:
        pass

    async def on_mount(self) -> None:
        screen = QuizScreen()
        await self.push_screen(screen)
        await screen.show_quiz(self.quiz_id)
