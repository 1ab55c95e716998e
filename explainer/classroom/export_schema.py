"""The shape of a results export as the class report reads it (``explainer.learning.schema``).

``classroom.export_read`` turns an export into typed records; before it does, the parsed JSON
goes through this shape, the same layer every other file the app reads back goes through:
numbers must be finite and in range, flags must be booleans, text is shortened to a sensible
length, lists and tables are bounded. A value that does not fit is dropped (the reader's
default applies), so one odd value never costs a learner's record, and nothing deep inside a
hand-edited export can reach the report's arithmetic.
"""

from __future__ import annotations

from explainer.learning.schema import (
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

TEXT = Text(2_000, cut=True)
ID = Text(200, cut=True)
STAMP = Text(64, cut=True)
COUNT = Whole(0, 1_000_000)
CONFIDENCE = maybe(Text(20))

ATTEMPT = Record({
    "round": Whole(1, 100_000), "try": Whole(1, 100_000), "given": Json(max_depth=4, max_items=200, max_len=2_000),
    "answer": TEXT, "correct": Flag(), "score": Number(0.0, 1.0), "confidence": CONFIDENCE,
    "at": maybe(STAMP), "final": Flag(), "recorded": Flag(),
})
QUESTION = Record({
    "quiz": Text(100, cut=True), "question_id": ID, "type": Text(50, cut=True),
    "misconception": maybe(Whole(1, 1_000)), "finished": Flag(), "correct": Flag(),
    "score": maybe(Number(0.0, 1.0)), "tries": Whole(0, 100_000), "confidence": CONFIDENCE,
    "answered_at": maybe(STAMP), "prompt": TEXT, "answer": TEXT,
    "first_try": Record({"correct": maybe(Flag()), "answer": TEXT, "confidence": CONFIDENCE}),
    "attempts": ListOf(ATTEMPT, max_items=200),
}, required=("question_id",))
CHECK_ITEM = Record({
    "question_id": ID, "prompt": TEXT, "misconception": maybe(Whole(1, 1_000)),
    "pre": maybe(Flag()), "post": maybe(Flag()),
}, required=("question_id",))
SECTION = Record({
    "title": Text(200, cut=True),
    "values": MapOf(maybe(Either((Number(), Text(200, cut=True)))), max_items=100),
    "rows": ListOf(Json(max_depth=4, max_items=100), max_items=500),
    "labels": MapOf(Text(200, cut=True), max_items=100),
})

EXPORT: Shape = Record({
    "format": Text(100),
    "version": Whole(0, 1_000),
    "exported_at": maybe(STAMP),
    "student": TEXT,
    "course": TEXT,
    "summary": MapOf(COUNT, max_items=20),
    "stations": ListOf(Record({"quiz": ID, "title": TEXT, "questions": COUNT, "answered": COUNT,
                               "correct": COUNT, "tried": COUNT, "first_try_correct": COUNT}), max_items=100),
    "questions": ListOf(QUESTION, max_items=2_000),
    "revisit": ListOf(Json(max_depth=4, max_items=50), max_items=200),
    "prepost": Record({"items": COUNT, "pre_correct": COUNT, "post_correct": COUNT, "pre_done": Flag(),
                       "post_done": Flag(), "summary": maybe(TEXT), "per_item": ListOf(CHECK_ITEM, max_items=200)}),
    "sections": MapOf(SECTION, max_items=20),
}, rest=Json(max_depth=6, max_items=200))
