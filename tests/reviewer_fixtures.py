"""A small in-memory course for the reviewer tests (no content/ needed)."""

from __future__ import annotations

from explainer.course.model import Background, Clip, Course, Household, ScriptLine, Source


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
