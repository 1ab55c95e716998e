"""The shape layer itself: what fits is kept as it is, what does not is dropped and named."""

from __future__ import annotations

from explainer.learning import schema as s


def test_scalars() -> None:
    assert s.conform(s.Text(5), "abc") == ("abc", [])
    assert s.conform(s.Text(2), "abc") == (s.DROP, [""])
    assert s.conform(s.Text(2, cut=True), "abc") == ("ab", [""])
    assert s.conform(s.Whole(0, 9), True) == (s.DROP, [""])  # a bool is not a number here
    assert s.conform(s.Number(), float("inf"))[0] is s.DROP  # what 1e400 parses as
    assert s.conform(s.Number(), 10**400)[0] is s.DROP
    assert s.conform(s.Choice(("a", 1)), ["a"]) == (s.DROP, [""])  # unhashable: no TypeError
    assert s.conform(s.Choice(("a", 1)), True)[0] is s.DROP  # True == 1, but not the same kind
    assert s.conform(s.maybe(s.Flag()), None) == (None, [])


def test_containers_drop_what_does_not_fit_and_keep_the_newest() -> None:
    shape = s.Record({"ticked": s.ListOf(s.Text(), max_items=2), "n": s.Whole()}, rest=None)
    fitted, problems = s.conform(shape, {"ticked": ["a", 5, "b", "c"], "n": "x", "other": 1})
    assert fitted == {"ticked": ["b", "c"]} and problems == ["ticked.1", "n"]
    table, problems = s.conform(s.MapOf(s.Whole(), max_items=2), {"a": 1, "b": 2, "c": 3})
    assert table == {"b": 2, "c": 3} and len(problems) == 1
    assert s.conform(s.Record({"q": s.Text()}, required=("q",)), {"q": 1})[0] is s.DROP


def test_json_is_bounded_and_finite() -> None:
    deep: object = 1
    for _ in range(40):
        deep = [deep]
    fitted, problems = s.conform(s.Json(max_depth=5), {"ok": [1, 2.5, "x", None], "bad": float("nan"),
                                                      "big": 10**400, "deep": deep})
    assert fitted == {"ok": [1, 2.5, "x", None], "deep": [[[[]]]]} and {"bad", "big"} <= set(problems)


def test_describe_is_one_inert_line() -> None:
    text = s.describe(["answers.\n\x1b[2J", "a", "b", "c", "d"])
    assert "\n" not in text and "\x1b" not in text and text.endswith("and 2 more")
