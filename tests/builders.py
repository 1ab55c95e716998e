"""The one way tests build a course in memory (checker tests write real folders: course_factory.py).

``make_course()`` is a small but complete course the real app can run on: the nine stations of
``content/course.toml`` (ids, titles, zones, models), two short pages each, one true/false
question each (``<station>-q1``), sources whose titles hold Rich markup (shown literally, never
as markup), a glossary term, two fictional households and eight reviewer clips. Its root is the
packaged content folder, so the station models find their ``model.toml``. Tests change one thing
with ``dataclasses.replace`` or the keyword arguments, never by building another course.

``QUIZ`` holds one hand-made question of every type; ``make_course(quiz=True)`` asks them as
station 1's quiz and the final quiz (the quiz-screen and grading tests).
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from typing import Any

from explainer.course.model import (
    Background,
    Clip,
    ClipFact,
    Course,
    GlossaryTerm,
    Household,
    MatchItem,
    Option,
    Page,
    Question,
    ScriptLine,
    Source,
    Station,
)
from explainer.paths import packaged_content_dir

# -- sources and words ----------------------------------------------------------------------
SOURCES = {
    source.id: source
    for source in (
        Source("amazon-faq", "Amazon", "Alexa FAQ [red]copy[/red]", "n.d.", "https://example.org/faq", "primary"),
        Source("avs-req", "Amazon Developer", "Wake Word Verification Requirements", "2023",
               "https://example.org/avs", "primary"),
        Source("fox8-2019", "Fox8", "Report", "2019-04-11", "https://fox8.com/2019/04/11/report-thousands/",
               "secondary"),
        Source("engadget-2019", "Engadget", "Alexa", "2019-04-11",
               "https://www.engadget.com/2019/04/11/amazon-alexa/", "secondary"),
        *(Source(sid, f"Publisher {sid}", f"Title [bold]{sid}[/bold]", "2019-04-11", f"https://example.org/{sid}",
                 "primary") for sid in ("src-a", "src-b", "src-c")),
    )
}
GLOSSARY = {
    "wake-word": GlossaryTerm("wake-word", "wake word", "The word that makes the device start sending audio.",
                              ("hotword",)),
}
PAGE_ONE = """The speaker listens for a {wake word} on the device [@amazon-faq].

- Nothing is uploaded before a match [@amazon-faq] [@avs-req].

> Try it: say [bold]Alexa[/bold] to a friend.
"""
PAGE_TWO = "Plain words here [@avs-req]."


def pages(station_id: str) -> tuple[Page, ...]:
    """Two pages: "first" (in the short tour, a term, two sources, markup to show literally), "second"."""
    return (
        Page(f"{station_id}/first", station_id, "first", f"First page of {station_id}", PAGE_ONE, short_tour=True,
             citations=("amazon-faq", "avs-req"), terms=("wake-word",)),
        Page(f"{station_id}/second", station_id, "second", "Second page", PAGE_TWO, citations=("avs-req",)),
    )


def truefalse(station_id: str) -> Question:
    return Question(
        id=f"{station_id}-q1", station_id=station_id, type="truefalse", prompt="True?", explanation="Because.",
        sources=("avs-req",), options=(Option("true", "True", True), Option("false", "False", False)),
    )


# -- one question of every type -------------------------------------------------------------
def opt(id_: str, text: str, correct: bool = False) -> Option:
    return Option(id_, text, correct, "" if correct else f"why {id_} is wrong")


SINGLE = Question("s1", "wake-word", "single", "Where is the wake word spotted?", "On the device.", ("src-a",),
                  hints=("Think local.", "Before any upload."),
                  options=(opt("device", "On the device", True), opt("cloud", "In the cloud"), opt("human", "By a person"),
                           opt("app", "In the phone app")))
MULTI = Question("m1", "wake-word", "multi", "Which are true?", "A and B.", ("src-a",), hints=("Two.",),
                 options=(opt("a", "A", True), opt("b", "B", True), opt("c", "C"), opt("d", "D")))
TRUEFALSE = Question("t1", "wake-word", "truefalse", "Everything is uploaded.", "No.", ("src-a",), hints=("Local.",),
                     options=(opt("true", "True"), opt("false", "False", True)), prepost=True, misconception=1)
ORDERING = Question("o1", "wake-word", "ordering", "Order the steps.", "Wake, stream, ASR, NLU.", ("src-b",),
                    hints=("Wake first.",), order=("wake", "stream", "asr", "nlu"))
MATCHING = Question("x1", "wake-word", "matching", "Sort.", "Device vs cloud.", ("src-b",), hints=("Buffer.",),
                    groups=("device", "cloud"),
                    items=(MatchItem("buffer", "device"), MatchItem("asr", "cloud"), MatchItem("nlu", "cloud")),
                    prepost=True)
NUMERIC = Question("n1", "final", "numeric", "Seconds per clip?", "32.4 s.", ("src-c",), hints=("9*3600/1000",),
                   answer=32.4, tolerance=1.0, unit="seconds")
SPOT = Question("p1", "final", "spot", "Which identify?", "Serial, account.", ("src-c",), hints=("Numbers.",),
                options=(opt("serial", "Device serial", True), opt("account", "Account number", True),
                         opt("clip", "Clip id"), opt("wave", "Waveform")),
                prepost=True)
QUIZ = (SINGLE, MULTI, TRUEFALSE, ORDERING, MATCHING, NUMERIC, SPOT)


# -- the reviewer seat's households and clips -----------------------------------------------
HOUSEHOLDS = (
    Household("rivera", "The Riveras (fictional)", ("Ana", "Leo"), "A family", "Springfield", "A-1001", "SN-1"),
    Household("okafor", "The Okafors (fictional)", ("Chidi",), "A couple", "Shelbyville", "A-2002", "SN-2"),
)
INTENTS = ("HassTurnOn", "HassGetTime", "PlayMusic", "AddItem", "SetTimer", "GetWeather")


def make_clip(clip_id: str, household: str = "rivera", kind: str = "command",
              transcript: str = "turn on the kitchen light", **fields: Any) -> Clip:
    """A clip; ``details`` (fact texts) with ``personal`` (their kinds, in the same order) become
    its facts, each tied to the clip's first line (or to ``evidence``, the words that reveal it)."""
    details = fields.pop("details", ())
    personal = tuple(fields.pop("personal", ()))
    evidence = fields.pop("evidence", None)
    lines = fields.get("lines") or (ScriptLine("Ana", transcript, start=0.5),)
    words = evidence or next((line.text for line in lines if line.text), transcript)
    facts = [ClipFact(text, words, personal[i] if i < len(personal) else "") for i, text in enumerate(details)]
    facts += [ClipFact(f"{kind} heard", words, kind) for kind in personal[len(details):]]
    values: dict[str, Any] = dict(
        title=f"Clip {clip_id}", lines=lines, background=Background(), intent="HassTurnOn", false_wake=False,
        personal=tuple(dict.fromkeys(f.kind for f in facts if f.kind)), facts=tuple(facts), sensitive=False,
        recorded_at="2019-03-02T07:14:00", first_name="Ana", captions=transcript,
    )
    values.update(fields)
    return Clip(id=clip_id, household=household, kind=kind, transcript=transcript, **values)


def clips() -> tuple[Clip, ...]:
    """Eight clips: every kind the seat knows, one of them behind a content note."""
    return (
        make_clip("r-1"),
        make_clip("r-2", kind="overheard", transcript="what time is it", intent="HassGetTime",
                  lines=(ScriptLine("Leo", "my doctor said the test came back fine"),
                         ScriptLine("Ana", "what time is it", start=2.0)),
                  personal=("health",), details=("Leo had a medical test",)),
        make_clip("r-3", kind="false-wake", transcript="", intent=None, false_wake=True,
                  lines=(ScriptLine("TV", "election results tonight"),)),
        make_clip("o-1", household="okafor", kind="child", transcript="play the dinosaur song", intent="PlayMusic",
                  personal=("children", "names"), first_name="Chidi",
                  details=("A child named Ifeoma lives there", "The child's name, Ifeoma, is said")),
        make_clip("o-2", household="okafor", kind="hard", transcript="add milk to the shopping list",
                  intent="AddItem", personal=("routines",), first_name="Chidi",
                  details=("They shop on Saturdays",)),
        make_clip("o-3", household="okafor", transcript="set a timer for five minutes", intent="SetTimer"),
        make_clip("r-4", transcript="whats the weather", intent="GetWeather"),
        make_clip("d-1", household="okafor", kind="distress", transcript="help I fell", intent=None,
                  personal=("health",), sensitive=True, content_note="A person who has fallen calls for help.",
                  details=("Someone fell at home",)),
    )


# -- the course -----------------------------------------------------------------------------
def make_course(*, quiz: bool = False, **changes: Any) -> Course:
    """The test course (see the module docstring); ``changes`` replace Course fields."""
    root = packaged_content_dir()
    manifest = tomllib.loads((root / "course.toml").read_text(encoding="utf-8"))
    stations = []
    for entry in manifest["stations"]:
        sid = entry["id"]
        stations.append(Station(sid, entry["title"], entry["folder"], entry["zone"], entry["summary"], entry["model"],
                                pages(sid), (truefalse(sid),)))
    course = Course(1, manifest["title"], str(root), tuple(stations), dict(SOURCES), dict(GLOSSARY),
                    households=HOUSEHOLDS, clips=clips(), intents=INTENTS)
    if quiz:
        first = replace(stations[0], questions=(SINGLE, MULTI, TRUEFALSE, ORDERING, MATCHING))
        course = replace(course, stations=(first, *stations[1:]), final_quiz=(NUMERIC, SPOT))
    return replace(course, **changes) if changes else course
