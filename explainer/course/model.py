"""The course as typed, frozen data.

Everything a teacher can edit in ``content/`` is parsed into these dataclasses by
``explainer.course.load``. They are frozen so that no screen can change the course
behind another screen's back, and they carry the ``path`` and ``line`` they came
from so that every later check (a dangling source id, a missing clip) can still
point at the exact place in the file. ``path``/``line`` never take part in equality.

The file formats are described for authors in ``content/README.md``; in short:

* ``course.toml``      format_version, title, ``[[stations]]`` (id, title, folder, zone, summary, model)
* ``stations/NN-id/``  ``NN-slug.md`` lesson pages (TOML front matter between ``+++`` lines)
                       and ``quiz.toml`` (``[[questions]]``) and ``recap.md`` (what the learner now knows)
* ``quizzes/``         ``final.toml`` (the final quiz) -- same question format
* ``sources.toml``     ``[[sources]]`` id, publisher, title, date, url, kind = primary|secondary
* ``glossary.toml``    ``[[terms]]`` id, term, definition, aliases, sources
* ``facts.toml``       ``[[facts]]`` id, label, values, unit, sources: numbers the course states in
                       several places (a quiz, a model), defined once so they cannot drift apart
* ``clips/``           ``households.toml``, one ``<household>.toml`` of ``[[clips]]`` each (with the
                       ``[[clips.facts]]`` a listener learns), and ``rules.toml``: the reviewer seat's
                       rulebook (``[[rules]]`` with worked ``[[rules.examples]]``)
* ``intents/``         hassil sentence templates (YAML) for the lab
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explainer.course.problems import line_field, where_field

# The reviewer seat's types live in seat_model; they are exported from here as before.
from explainer.course.seat_model import Background as Background
from explainer.course.seat_model import Clip as Clip
from explainer.course.seat_model import ClipFact as ClipFact
from explainer.course.seat_model import Household as Household
from explainer.course.seat_model import Rule as Rule
from explainer.course.seat_model import RuleExample as RuleExample
from explainer.course.seat_model import ScriptLine as ScriptLine

FORMAT_VERSION = 1

ZONES = ("device", "cloud", "storage", "human")
SOURCE_KINDS = ("primary", "secondary")
PAGE_KINDS = ("lesson", "notes")
QUESTION_TYPES = ("single", "multi", "truefalse", "ordering", "matching", "numeric", "spot")
PERSONAL_DATA_KINDS = ("names", "address", "health", "finances", "children", "routines")


@dataclass(frozen=True)
class Source:
    """One publication a claim can cite with ``[@id]``."""

    id: str
    publisher: str
    title: str
    date: str
    url: str
    kind: str  # "primary" | "secondary"
    note: str = ""
    copy: str = ""  # non-empty: ``url`` is a copy of the original (say whose), not the publisher's page
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class Fact:
    """A number the course states in several places, defined once in ``facts.toml``.

    Quizzes (``fact = "id"``), model.toml settings and the models' code read it from here, and
    the checker rejects any of them that says otherwise.
    """

    id: str
    label: str
    values: tuple[float, ...]
    unit: str = ""
    sources: tuple[str, ...] = ()
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class GlossaryTerm:
    """A word a lesson marks with ``{term}``; the learner presses a key to read its definition."""

    id: str
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class Page:
    """One short lesson page. ``body`` is Markdown with ``[@source-id]`` citations and ``{term}`` marks."""

    id: str  # "<station-id>/<slug>", stable: progress is keyed by it
    station_id: str
    slug: str
    title: str
    body: str
    kind: str = "lesson"  # "lesson" | "notes" (notes & caveats)
    short_tour: bool = False  # shown in the ~10 minute workshop tour
    citations: tuple[str, ...] = ()  # source ids in order of first use
    terms: tuple[str, ...] = ()  # glossary term ids in order of first use
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class Option:
    """A choice in a single/multi/truefalse/spot question, with its own feedback."""

    id: str
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class MatchItem:
    """An item to sort into one of a matching question's groups."""

    text: str
    group: str


@dataclass(frozen=True)
class Question:
    """A quiz question. Which fields matter depends on ``type`` (see QUESTION_TYPES).

    * single / multi / truefalse / spot: ``options`` (spot: the fields of a reviewer's screen,
      correct = identifying)
    * ordering: ``order`` lists the items in the right order (shown shuffled)
    * matching: ``groups`` and ``items`` (each item names its group)
    * numeric: ``answer`` with ``tolerance`` (absolute) and ``unit``
    * a type registered later keeps its own keys in ``extra`` (read with ``get``)
    """

    id: str
    station_id: str  # "final" for the final quiz
    type: str
    prompt: str
    explanation: str
    sources: tuple[str, ...]
    hints: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    order: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    items: tuple[MatchItem, ...] = ()
    answer: float | None = None
    tolerance: float = 0.0
    unit: str = ""
    prepost: bool = False  # also asked in the pre/post check
    misconception: int | None = None  # number in the facts sheet's list of ten, if it targets one
    fact: str = ""  # id of a Fact in facts.toml that the right answer must state
    extra: tuple[tuple[str, object], ...] = ()  # a registered type's own keys (course.question_types)
    path: str = where_field()
    line: int = line_field()

    def get(self, key: str, default: object = None) -> object:
        """A value from ``extra``: the content of a question type that has keys of its own."""
        return next((value for name, value in self.extra if name == key), default)


@dataclass(frozen=True)
class Misconception:
    """One of the ten common misconceptions the quizzes target (content/misconceptions.toml)."""

    number: int  # 1..10, what a question's ``misconception = N`` refers to
    belief: str  # what a learner may think
    fact: str  # what the sources show
    sources: tuple[str, ...]
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class Station:
    """One stop on the journey from the device to the human reviewer."""

    id: str
    title: str
    folder: str
    zone: str  # one of ZONES: where on the map the station sits
    summary: str
    model: str  # id of the interactive model shown at this station
    pages: tuple[Page, ...] = ()
    questions: tuple[Question, ...] = ()
    recap: Page | None = None  # recap.md, "What you now know" (a page of kind "recap")
    path: str = where_field()
    line: int = line_field()


@dataclass(frozen=True)
class Course:
    """The whole course, as loaded from one content folder."""

    format_version: int
    title: str
    root: str
    stations: tuple[Station, ...]
    sources: dict[str, Source]
    glossary: dict[str, GlossaryTerm]
    final_quiz: tuple[Question, ...] = ()
    households: tuple[Household, ...] = ()
    clips: tuple[Clip, ...] = ()
    intents: tuple[str, ...] = ()  # intent names defined in content/intents
    rules: tuple[Rule, ...] = ()  # the reviewer seat's rulebook (clips/rules.toml)
    rules_intro: str = ""  # the rulebook's opening paragraph, with [@source] citations
    facts: dict[str, Fact] = field(default_factory=dict)  # facts.toml, by id
    misconceptions: tuple[Misconception, ...] = ()  # content/misconceptions.toml, by number

    def misconception(self, number: int | None) -> Misconception | None:
        return next((m for m in self.misconceptions if m.number == number), None)

    def station(self, station_id: str) -> Station:
        for station in self.stations:
            if station.id == station_id:
                return station
        raise KeyError(station_id)

    def page(self, page_id: str) -> Page:
        station_id, _, _ = page_id.partition("/")
        for page in self.station(station_id).pages:
            if page.id == page_id:
                return page
        raise KeyError(page_id)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def clip(self, clip_id: str) -> Clip:
        for clip in self.clips:
            if clip.id == clip_id:
                return clip
        raise KeyError(clip_id)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.stations for q in s.questions) + self.final_quiz
