"""Which item a wrong arrangement got wrong: what a teacher and a learner can use.

A wrong first answer to a sorting (matching) or ordering question is a whole arrangement
("A → on the device; B → on a server; ..."). Thirty learners rarely give the same arrangement,
so the class report's "most common wrong answer" is noise there, and a learner told "you
answered: “A → on the device; B → …”" cut at 50 characters learns nothing; the item misplaced
is the point. This module reads an arrangement back from its words (as
``learning.qtypes.*.answer_text`` wrote it) against the course's question:

* sorting: every item put in a group other than its own, with the group it was put in;
* ordering: the fewest items one would have to move to put the list right (the items outside
  the longest run already in the right relative order), so one step moved to the end counts
  as that step, not as every step after it.

An answer that cannot be read back (the course changed, an old export) gives no items.
"""

from __future__ import annotations

from explainer.course.model import Question

ARRANGED = ("matching", "ordering")


def misplaced(question: Question, answer: str) -> list[tuple[str, str | None]]:
    """(item, the group it was wrongly put in, or None for ordering) for each misplaced item."""
    if question.type == "matching":
        return _misplaced_groups(question, answer)
    if question.type == "ordering":
        return [(item, None) for item in _misplaced_steps(question, answer)]
    return []


def _misplaced_groups(question: Question, answer: str) -> list[tuple[str, str | None]]:
    placed = _placements(question, answer)
    if placed is None:
        return []
    return [(item.text, placed[item.text]) for item in question.items
            if item.text in placed and placed[item.text] != item.group]


def _placements(question: Question, answer: str) -> dict[str, str] | None:
    """``item → group`` pairs read with the question's own texts (a text may hold "; " or "→")."""
    placed: dict[str, str] = {}
    rest = answer
    texts = sorted((item.text for item in question.items), key=len, reverse=True)
    groups = sorted(question.groups, key=len, reverse=True)
    while rest:
        item = next((t for t in texts if rest.startswith(t + " → ")), None)
        if item is None:
            return None
        rest = rest[len(item) + 3:]
        group = next((g for g in groups if rest == g or rest.startswith(g + "; ")), None)
        if group is None:
            return None
        placed[item] = group
        rest = rest[len(group) + 2:]
    return placed


def _misplaced_steps(question: Question, answer: str) -> list[str]:
    right = list(question.order)
    given = _steps(right, answer)
    if given is None:
        return []
    positions = [right.index(step) for step in given]
    kept = set(_longest_rising(positions))
    return [step for i, step in enumerate(given) if i not in kept]


def _steps(right: list[str], answer: str) -> list[str] | None:
    """The steps in the learner's order, or None if they are not exactly the question's steps."""
    steps: list[str] = []
    rest = answer
    texts = sorted(right, key=len, reverse=True)
    while rest:
        step = next((t for t in texts if rest == t or rest.startswith(t + " → ")), None)
        if step is None:
            return None
        steps.append(step)
        rest = rest[len(step) + 3:]
    return steps if sorted(steps) == sorted(right) else None


def _longest_rising(values: list[int]) -> list[int]:
    """Indexes of one longest strictly rising run of ``values`` (the earliest such run)."""
    best: list[list[int]] = []  # best[i]: a longest rising run ending at i
    for i, value in enumerate(values):
        run = max((best[j] for j in range(i) if values[j] < value), key=len, default=[])
        best.append([*run, i])
    return max(best, key=len, default=[])
