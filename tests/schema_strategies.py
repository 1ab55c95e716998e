"""Hypothesis strategies built from the app's own shapes (``explainer.learning.schema``).

Each value is usually one that fits its shape -- drawn from the real course's ids where the
shape is an id, so the screens behind it really open -- and sometimes a hostile one: well-formed
JSON of the wrong kind (a list where a quiz id belongs, a dict for a number, 1e400 read as
infinity, a huge integer, deep nesting). Because the strategies follow the shapes, the fuzz tests
follow the file formats as they change.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from explainer.learning import schema

HOSTILE_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.just(float("inf")), st.just(-float("inf")),
    st.floats(allow_nan=False), st.text(max_size=12), st.just("1e400"), st.just("\x1b]0;pwned\x07"),
)
HOSTILE = st.recursive(
    HOSTILE_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _json(depth: int = 3) -> st.SearchStrategy[object]:
    scalars = st.none() | st.booleans() | st.integers(-1000, 1000) | st.floats(-1e6, 1e6) | st.text(max_size=10)
    return st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
        max_leaves=6,
    )


def fitting(shape: schema.Shape, ids: Sequence[str] = ()) -> st.SearchStrategy[object]:
    """A value that fits ``shape``, its inner values sometimes hostile."""
    def text(limit: int) -> st.SearchStrategy[object]:
        real = [i for i in ids if len(i) <= limit]
        plain = st.text(max_size=min(limit, 16))
        return st.sampled_from(real) | plain if real else plain

    if isinstance(shape, schema.Text):
        return text(shape.max_len)
    if isinstance(shape, schema.Whole):
        return st.integers(shape.low, min(shape.high, shape.low + 10**6)) | st.sampled_from([shape.low, shape.high])
    if isinstance(shape, schema.Number):
        return st.floats(shape.low, shape.high, allow_nan=False, allow_infinity=False)
    if isinstance(shape, schema.Flag):
        return st.booleans()
    if isinstance(shape, schema.Nothing):
        return st.none()
    if isinstance(shape, schema.Choice):
        return st.sampled_from(list(shape.options))
    if isinstance(shape, schema.Either):
        return st.one_of([fitting(option, ids) for option in shape.options])
    if isinstance(shape, schema.Json):
        return _json()
    if isinstance(shape, schema.ListOf):
        return st.lists(maybe_hostile(shape.item, ids), max_size=4)
    if isinstance(shape, schema.MapOf):
        return st.dictionaries(text(shape.max_key), maybe_hostile(shape.value, ids), max_size=4)
    if isinstance(shape, schema.Record):
        optional = {name: maybe_hostile(inner, ids) for name, inner in shape.fields.items()}
        return st.fixed_dictionaries({}, optional=optional)
    raise TypeError(f"no strategy for {shape!r}")


def maybe_hostile(shape: schema.Shape, ids: Sequence[str] = ()) -> st.SearchStrategy[object]:
    """Mostly fitting values, sometimes a hostile one in their place."""
    good = fitting(shape, ids)
    return st.one_of(good, good, good, HOSTILE)


def course_ids(course: object) -> list[str]:
    """Every id a progress file may name: stations, pages (and their slugs), questions, quizzes, clips."""
    found: set[str] = {"pre", "post", "final", "lesson", "quiz", "reviewer", "lab", "map", "model"}
    for station in getattr(course, "stations", ()):
        found.add(station.id)
        for page in station.pages:
            found.update({page.id, page.slug, f"{station.id}/{page.slug}", f"{station.id}/model"})
        for question in station.questions:
            found.add(question.id)
    for question in getattr(course, "final_quiz", ()):
        found.add(question.id)
    for clip in getattr(course, "clips", ()):
        found.add(clip.id)
    return sorted(found)
