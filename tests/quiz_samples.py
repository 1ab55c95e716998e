"""One hand-made question of every type, shared by the quiz tests (not a test module)."""

from __future__ import annotations

from explainer.course.model import Course, MatchItem, Option, Question, Station


def opt(id_: str, text: str, correct: bool = False) -> Option:
    return Option(id_, text, correct, "" if correct else f"why {id_} is wrong")


SINGLE = Question(
    "s1",
    "wake-word",
    "single",
    "Where is the wake word spotted?",
    "On the device.",
    ("src-a",),
    hints=("Think local.", "Before any upload."),
    options=(
        opt("device", "On the device", True),
        opt("cloud", "In the cloud"),
        opt("human", "By a person"),
        opt("app", "In the phone app"),
    ),
)
MULTI = Question(
    "m1",
    "wake-word",
    "multi",
    "Which are true?",
    "A and B.",
    ("src-a",),
    hints=("Two.",),
    options=(opt("a", "A", True), opt("b", "B", True), opt("c", "C"), opt("d", "D")),
)
TRUEFALSE = Question(
    "t1",
    "wake-word",
    "truefalse",
    "Everything is uploaded.",
    "No.",
    ("src-a",),
    hints=("Local.",),
    options=(opt("true", "True"), opt("false", "False", True)),
    prepost=True,
    misconception=1,
)
ORDERING = Question(
    "o1",
    "wake-word",
    "ordering",
    "Order the steps.",
    "Wake, stream, ASR, NLU.",
    ("src-b",),
    hints=("Wake first.",),
    order=("wake", "stream", "asr", "nlu"),
)
MATCHING = Question(
    "x1",
    "wake-word",
    "matching",
    "Sort.",
    "Device vs cloud.",
    ("src-b",),
    hints=("Buffer.",),
    groups=("device", "cloud"),
    items=(MatchItem("buffer", "device"), MatchItem("asr", "cloud"), MatchItem("nlu", "cloud")),
    prepost=True,
)
NUMERIC = Question(
    "n1",
    "final",
    "numeric",
    "Seconds per clip?",
    "32.4 s.",
    ("src-c",),
    hints=("9*3600/1000",),
    answer=32.4,
    tolerance=1.0,
    unit="seconds",
)
SPOT = Question(
    "p1",
    "final",
    "spot",
    "Which identify?",
    "Serial, account.",
    ("src-c",),
    hints=("Numbers.",),
    options=(
        opt("serial", "Device serial", True),
        opt("account", "Account number", True),
        opt("clip", "Clip id"),
        opt("wave", "Waveform"),
    ),
    prepost=True,
)
ALL = (SINGLE, MULTI, TRUEFALSE, ORDERING, MATCHING, NUMERIC, SPOT)


def course() -> Course:
    station = Station(
        "wake-word",
        "Wake word",
        "stations/01-wake-word",
        "device",
        "",
        "m",
        questions=(SINGLE, MULTI, TRUEFALSE, ORDERING, MATCHING),
    )
    return Course(1, "T", "", (station,), {}, {}, final_quiz=(NUMERIC, SPOT))
