"""The shape of the progress file, value by value (checked with ``explainer.learning.schema``).

``progress.py`` owns the file (format, version, migrations, merging); this module says what
each value inside must look like, so a file that is valid JSON but holds, say, a list where a
quiz id belongs is repaired at load instead of stopping a screen later. It covers the parts the
app reads back: the id lists, answers, ``last``, the attempt log and the sections features keep
(the reviewer seat's shifts, the lab, station 9's checklist, the pre/post check, the quiz seed).
A section or key this version does not know is kept, as bounded JSON.

Every table that grows with use has a cap, so what the app writes can always be read back
(``storage.MAX_BYTES``): the reviewer keeps its newest 40 shifts and 200 shift summaries,
each question its last ``attempts.MAX_PER_QUESTION`` tries, answers and ids a few thousand.
"""

from __future__ import annotations

from explainer.learning.attempts import CONFIDENCE, MAX_PER_QUESTION
from explainer.learning.schema import (
    Choice,
    Either,
    Flag,
    Json,
    ListOf,
    MapOf,
    Number,
    Record,
    Shape,
    Text,
    Whole,
    maybe,
)

ID = Text(300)
IDS = ListOf(ID, max_items=5_000)
STAMP = Text(64)
SHARE = Number(0.0, 1.0)
SECONDS = Number(0.0, 1e9)
GIVEN = Json(max_depth=4, max_items=200, max_len=2_000)  # what grading saw: option ids, order, typed text

ANSWER = Record({
    "correct": Flag(),
    "score": SHARE,
    "tries": Whole(0, 10_000),
    "given": GIVEN,
    "confidence": maybe(Choice(CONFIDENCE)),
    "at": Either((STAMP, Number())),  # ISO text (or epoch seconds, older files)
    "quiz": ID,
    "first_try": Flag(),
})
ANSWERS = MapOf(ANSWER, max_items=5_000)

ATTEMPT = Record({
    "quiz": ID,
    "round": Whole(1, 100_000),
    "try": Whole(1, 100_000),
    "given": GIVEN,
    "correct": Flag(),
    "score": SHARE,
    "confidence": maybe(Choice(CONFIDENCE)),
    "at": STAMP,
    "final": Flag(),
    "recorded": Flag(),
}, required=("quiz", "round", "try"))

LAST = Record({"mode": Text(40), "station": ID, "page": maybe(ID), "quiz": ID})

SHIFT_SUMMARY = Record({
    "started_at": STAMP,
    "clips_done": Whole(0, 1_000_000),
    "clips_skipped": Whole(0, 1_000_000),
    "mean_wer": maybe(Number(0.0, 1e6)),
    "label_accuracy": maybe(SHARE),
    "active_seconds": SECONDS,
    "seconds_per_clip": maybe(SECONDS),
    "clips_per_hour": maybe(Number(0.0, 1e9)),
})
CLIP_ANSWER = Record({
    "transcript": Text(4_000),
    "intent": Text(200),
    "false_wake": Flag(),
    "personal": ListOf(Text(100), max_items=50),
    "escalated": Flag(),
}, required=("transcript",))
SHIFT = Record({
    "version": Whole(0, 1_000),
    "clip_ids": ListOf(ID, max_items=500),
    "seed": Whole(-(2**63), 2**63),
    "include_distress": Flag(),
    "started_at": STAMP,
    "active_seconds": SECONDS,
    "clip_started": Number(-1e12, 1e12),
    "records": MapOf(Record({"answer": maybe(CLIP_ANSWER), "seconds": SECONDS}), max_items=500),
})
REVIEWER = Record({
    "current": maybe(ID),
    "shifts": MapOf(SHIFT, max_items=40),
    "summary": SHIFT_SUMMARY,
    "history": MapOf(SHIFT_SUMMARY, max_items=200),
    "damaged": Json(max_depth=8, max_items=500),
    "own_offered": ListOf(Whole(0, 2**63), max_items=1_000),  # lab uploads offered for review (ids)
})

SECTIONS = Record({
    "reviewer": REVIEWER,
    "lab": Record({"traces": Whole(0, 10**9), "auto_delete_months": Whole(0, 1_200)}),
    "checklist": Record({"ticked": ListOf(ID, max_items=500)}),
    "prepost": Record({"pre": ANSWERS, "post": ANSWERS}),
    "quiz": Record({"seed": Either((Whole(-(2**63), 2**63), Text(100)))}),  # options shuffled by it
    "learner": Record({"name": Text(200)}),  # the --student label, kept for exports and the certificate
}, rest=Record({}))  # a section this version does not know: kept, as long as it is a table

PROGRESS: Shape = Record({
    "format": Text(100),
    "version": Whole(1, 10_000),
    "saved_at": STAMP,
    "pages_read": IDS,
    "models_tried": IDS,
    "models_seen": IDS,
    "tour_seen": IDS,
    "answers": ANSWERS,
    "last": LAST,
    "sections": SECTIONS,
    "attempts": MapOf(ListOf(ATTEMPT, max_items=MAX_PER_QUESTION), max_items=5_000),
})
