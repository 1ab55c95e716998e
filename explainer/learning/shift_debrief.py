"""The debrief: what a few minutes of reviewing taught the learner about strangers' homes.

For each fictional household the learner worked on, the facts they heard are added up: each
fact is tied, in ``content/clips/``, to the clip that reveals it and to the words that do, and
it is credited only when that clip was answered in this shift (a skipped clip was not heard).
A fact that is personal data counts as flagged when the learner ticked its kind on a clip that
revealed it; otherwise it slipped through. Facts that are not personal data are listed plainly. Next to it: the metadata
the review tool reportedly showed (first name, account, device serial, location, times;
facts.md §3.1) and Amazon's April 2019 statement that employees had no direct access to
identifying information -- so the learner can judge the two side by side. The quotes are
short, attributed, and cite a source from content/sources.toml found by its address.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.course.model import Course, Household, Source
from explainer.i18n import _
from explainer.learning.shift import DISTRESS_KIND, Pace, Shift
from explainer.learning.shift_score import mean

AMAZON_STATEMENT = (
    "do not have direct access to information that can identify the person or account "
    "as part of this workflow"
)
NOT_OUR_JOB = "not Amazon's job to interfere"


@dataclass(frozen=True)
class Quote:
    """A short quotation with who said it and where it was reported."""

    text: str
    attribution: str
    source: Source | None


@dataclass(frozen=True)
class KnownFact:
    """A fact the learner heard: from which clip, in which words, and whether they flagged it."""

    text: str
    kind: str  # personal-data kind, or "" for a fact that is not personal data
    clip_id: str
    words: str
    flagged: bool


@dataclass(frozen=True)
class HouseholdDebrief:
    """What the learner now knows about one household, and what the tool showed beside it."""

    household: Household
    clip_ids: tuple[str, ...]
    facts: tuple[KnownFact, ...]
    first_names: tuple[str, ...]
    times: tuple[str, ...]

    @property
    def flagged(self) -> tuple[str, ...]:
        """Personal facts the learner flagged (ticked the fact's kind on a clip that revealed it)."""
        return tuple(f.text for f in self.facts if f.kind and f.flagged)

    @property
    def missed(self) -> tuple[str, ...]:
        """Personal facts the learner heard but did not flag."""
        return tuple(f.text for f in self.facts if f.kind and not f.flagged)

    @property
    def other(self) -> tuple[str, ...]:
        """Facts that are not personal data (heard, nothing to flag)."""
        return tuple(f.text for f in self.facts if not f.kind)

    @property
    def details(self) -> tuple[str, ...]:
        return tuple(f.text for f in self.facts)


@dataclass(frozen=True)
class ClipPace:
    """One answered clip on the accuracy-versus-speed table."""

    clip_id: str
    seconds: float
    wer: float | None  # None: nothing to transcribe (a false wake)
    label_accuracy: float


@dataclass(frozen=True)
class Debrief:
    households: tuple[HouseholdDebrief, ...]
    statement: Quote
    distress: Quote | None  # only when the shift held the distress clip
    reflection: tuple[str, ...]
    pace: Pace
    mean_wer: float | None
    label_accuracy: float | None
    clips_answered: int
    clips_skipped: int
    per_clip: tuple[ClipPace, ...] = ()


def find_source(course: Course, *url_parts: str) -> Source | None:
    """The first source whose address contains one of ``url_parts`` (in that order of preference)."""
    for part in url_parts:
        for source in course.sources.values():
            if part in source.url:
                return source
    return None


def _household_debrief(
    course: Course, household: Household, shift: Shift
) -> HouseholdDebrief | None:
    facts: dict[str, KnownFact] = {}  # by text: a fact two clips reveal is one fact
    clip_ids: list[str] = []
    names: list[str] = []
    times: list[str] = []
    for clip_id, record in shift.records.items():
        if record.answer is None:  # skipped: never heard
            continue
        try:
            clip = course.clip(clip_id)
        except KeyError:
            continue
        if clip.household != household.id:
            continue
        clip_ids.append(clip.id)
        if clip.first_name and clip.first_name not in names:
            names.append(clip.first_name)
        if clip.recorded_at:
            times.append(clip.recorded_at)
        for fact in clip.facts:
            flagged = bool(fact.kind) and fact.kind in record.answer.personal
            known = facts.get(fact.text)
            if known is None or (flagged and not known.flagged):
                facts[fact.text] = KnownFact(fact.text, fact.kind, clip.id, fact.words, flagged)
    if not clip_ids:
        return None
    return HouseholdDebrief(household, tuple(clip_ids), tuple(facts.values()), tuple(names), tuple(times))


def reflection_questions(with_distress: bool) -> tuple[str, ...]:
    questions = [
        _("Could you pick out one of these households in their street? What else would you need?"),
        _(
            "The tool showed a first name, an account number and a device serial. Do they identify a person?"
        ),
        _(
            "What did you let slip to keep up the pace? What would 32 seconds a clip do to your work?"
        ),
        _("Which of your own household's moments would you not want a stranger to hear?"),
    ]
    if with_distress:
        questions.append(
            _("What should a reviewer be allowed to do when a clip sounds like someone needs help?")
        )
    return tuple(questions)


def build_debrief(shift: Shift, course: Course) -> Debrief:
    households = tuple(
        hd for h in course.households if (hd := _household_debrief(course, h, shift)) is not None
    )
    scores = shift.scores(course)
    statement = Quote(
        AMAZON_STATEMENT,
        _("Amazon's statement on its review programme, as reported in April 2019"),
        find_source(course, "fox8.com", "psnews.com.au"),
    )
    had_distress = any(
        cid in shift.records and course.clip(cid).kind == DISTRESS_KIND
        for cid in shift.clip_ids
        if cid in {c.id for c in course.clips}
    )
    distress = (
        Quote(
            NOT_OUR_JOB,
            _("two Bucharest reviewers, on asking for guidance (Bloomberg's report, April 2019)"),
            find_source(course, "engadget.com/2019/04/11", "rev.vu", "psnews.com.au"),
        )
        if had_distress
        else None
    )
    return Debrief(
        households=households,
        statement=statement,
        distress=distress,
        reflection=reflection_questions(had_distress),
        pace=shift.pace(),
        mean_wer=mean(s.wer for s in scores if s.transcribed),
        label_accuracy=mean(s.label_accuracy for s in scores),
        clips_answered=len(scores),
        clips_skipped=sum(1 for r in shift.records.values() if r.skipped),
        per_clip=tuple(
            ClipPace(s.clip_id, shift.records[s.clip_id].seconds, s.wer if s.transcribed else None, s.label_accuracy)
            for s in scores
        ),
    )
