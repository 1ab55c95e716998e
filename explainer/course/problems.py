"""Problems found in a content folder, and the error that carries them.

A teacher fixes content from the checker's list, so every problem names the file (relative
to the content folder, with forward slashes), the line, and a message that says what is
wrong AND how to fix it. The loader and the checker share one collector so that the same
mistake is worded the same way wherever it is found.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def where_field() -> str:
    """A content dataclass's ``path``: the file it was read from, so a later problem can point at it.
    Like ``line_field`` it never takes part in equality (the same content read twice is equal)."""
    return field(default="", compare=False, repr=False)


def line_field() -> int:
    """A content dataclass's ``line``: where in its file it was read."""
    return field(default=0, compare=False, repr=False)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content: ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """The content folder cannot be loaded as it is; ``problems`` lists everything found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        first = str(self.problems[0]) if self.problems else "unknown problem"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{first}{more}")


@dataclass
class ProblemLog:
    """Collects problems while content is read; duplicates (same path, line, message) are kept once."""

    problems: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, repr=False)

    def add(self, path: str, line: int, message: str) -> None:
        problem = Problem(path, max(int(line or 1), 1), message)
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems)
