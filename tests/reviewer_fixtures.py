"""A small in-memory course for the reviewer tests (no content/ needed), and the seat in a small app."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

import explainer.tui
from explainer.course.model import Background, Clip, Course, Household, ScriptLine, Source
from explainer.learning.progress import Progress


def make_clip(
    clip_id, household="rivera", kind="command", transcript="turn on the kitchen light", **kw
):
    defaults = dict(
        title=f"Clip {clip_id}",
        lines=(ScriptLine("Ana", transcript, start=0.5),),
        background=Background(),
        machine_guess=kw.pop("machine_guess", "turn on a kitchen light"),
        intent="HassTurnOn",
        false_wake=False,
        personal=(),
        sensitive=False,
        recorded_at="2019-03-02T07:14:00",
        first_name="Ana",
        captions=transcript,
    )
    defaults.update(kw)
    return Clip(id=clip_id, household=household, kind=kind, transcript=transcript, **defaults)


def make_course(clips=None) -> Course:
    households = (
        Household(
            "rivera",
            "The Riveras (fictional)",
            ("Ana", "Leo"),
            "A family",
            "Springfield",
            "A-1001",
            "SN-1",
        ),
        Household(
            "okafor",
            "The Okafors (fictional)",
            ("Chidi",),
            "A couple",
            "Shelbyville",
            "A-2002",
            "SN-2",
        ),
    )
    if clips is None:
        clips = (
            make_clip("r-1"),
            make_clip(
                "r-2",
                kind="overheard",
                transcript="what time is it",
                lines=(
                    ScriptLine("Leo", "my doctor said the test came back fine"),
                    ScriptLine("Ana", "what time is it", start=2.0),
                ),
                personal=("health",),
                details=("Leo had a medical test",),
                intent="HassGetTime",
            ),
            make_clip(
                "r-3",
                kind="false-wake",
                transcript="",
                intent=None,
                false_wake=True,
                lines=(ScriptLine("TV", "election results tonight"),),
                machine_guess="election",
            ),
            make_clip(
                "o-1",
                household="okafor",
                kind="child",
                transcript="play the dinosaur song",
                intent="PlayMusic",
                personal=("children", "names"),
                first_name="Chidi",
                details=("A child named Ifeoma lives there",),
            ),
            make_clip(
                "o-2",
                household="okafor",
                kind="hard",
                transcript="add milk to the shopping list",
                intent="AddItem",
                personal=("routines",),
                first_name="Chidi",
                details=("They shop on Saturdays",),
            ),
            make_clip(
                "o-3",
                household="okafor",
                kind="command",
                transcript="set a timer for five minutes",
                intent="SetTimer",
            ),
            make_clip("r-4", kind="command", transcript="whats the weather", intent="GetWeather"),
            make_clip(
                "d-1",
                household="okafor",
                kind="distress",
                transcript="help I fell",
                intent=None,
                personal=("health",),
                sensitive=True,
                content_note="A person who has fallen calls for help.",
                details=("Someone fell at home",),
            ),
        )
    sources = {
        "fox8-2019": Source(
            "fox8-2019",
            "Fox8",
            "Report",
            "2019-04-11",
            "https://fox8.com/2019/04/11/report-thousands/",
            "secondary",
        ),
        "engadget-2019": Source(
            "engadget-2019",
            "Engadget",
            "Alexa",
            "2019-04-11",
            "https://www.engadget.com/2019/04/11/amazon-alexa/",
            "secondary",
        ),
    }
    return Course(
        1,
        "Test",
        "/tmp",
        (),
        sources,
        {},
        households=households,
        clips=tuple(clips),
        intents=("HassTurnOn", "HassGetTime", "PlayMusic", "AddItem", "SetTimer", "GetWeather"),
    )


class FakeClock:
    """Monotonic seconds that only move when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# --- the seat in a small app (used by tests/tui/test_reviewer_*.py) ---------------------------
class SeatHarness(App[None]):
    """The shell's contract in miniature: config, course, progress, save_progress, a mode."""

    CSS_PATH = Path(explainer.tui.__file__).parent / "app.tcss"

    def __init__(self, course, config, progress=None) -> None:
        super().__init__()
        self.course, self.config = course, config
        self.progress = progress or Progress()
        self.saves = 0
        self.notices: list[str] = []

    def notify(self, message, **kwargs) -> None:
        self.notices.append(str(message))
        super().notify(message, **kwargs)

    def get_default_screen(self):
        from explainer.tui.screens.reviewer import ReviewerScreen

        return ReviewerScreen()

    def save_progress(self) -> None:
        self.saves += 1


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for_work(pilot, app):
    for _ in range(100):
        await pilot.pause(0.02)
        if app.screen.query_one("#reviewer-panes").current in ("reviewer-work", "reviewer-gate"):
            return app.screen.query_one("#reviewer-panes").current
    raise AssertionError("the clip never loaded")
