"""The debrief: what a few minutes of reviewing taught the learner about strangers' homes.

For each fictional household the learner worked on, the personal details they heard are
added up (the union of the ``details`` of the clips they answered), split into the ones
they flagged as critical data and the ones that slipped through. Next to it: the metadata
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
from explainer.learning.shift_score import mean, score_clip

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
class HouseholdDebrief:
    """What the learner now knows about one household, and what the tool showed beside it."""

    household: Household
    clip_ids: tuple[str, ...]
    flagged: tuple[str, ...]  # details from clips where the learner ticked a true kind
    missed: tuple[str, ...]  # details the learner heard but did not flag
    first_names: tuple[str, ...]
    times: tuple[str, ...]

    @property
    def details(self) -> tuple[str, ...]:
        return self.flagged + self.missed


@dataclass(frozen=True)
class ClipPace:
    """One answered clip on the accuracy-versus-speed table."""

    clip_id: str
    seconds: float
    wer: float
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
    flagged: list[str] = []
    missed: list[str] = []
    clip_ids: list[str] = []
    names: list[str] = []
    times: list[str] = []
    for clip_id, record in shift.records.items():
        if record.answer is None:
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
        caught = bool(score_clip(clip, record.answer).personal_flagged)
        for detail in clip.details:
            if caught and detail not in flagged:
                flagged.append(detail)
        for detail in clip.details:
            if not caught and detail not in flagged and detail not in missed:
                missed.append(detail)
    if not clip_ids:
        return None
    missed = [d for d in missed if d not in flagged]
    return HouseholdDebrief(
        household, tuple(clip_ids), tuple(flagged), tuple(missed), tuple(names), tuple(times)
    )


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
        mean_wer=mean(s.wer for s in scores),
        label_accuracy=mean(s.label_accuracy for s in scores),
        clips_answered=len(scores),
        clips_skipped=sum(1 for r in shift.records.values() if r.skipped),
        per_clip=tuple(
            ClipPace(s.clip_id, shift.records[s.clip_id].seconds, s.wer, s.label_accuracy)
            for s in scores
        ),
    )
