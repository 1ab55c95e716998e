"""Walking through one quiz: which questions, which try, what gets saved, where to resume.

Kept apart from grading (``learning.quiz``) so grading stays a pure function and this
module holds the little state a quiz has: the current question, the tries used on it, and
what is written into the learner's progress: every try into the attempt log
(``learning.attempts``, with its answer, time and confidence) and each finished question's
last answer into ``answers`` -- so a closed laptop or a kiosk reset loses nothing. Tries
spent on a question are read back from the log, per question, so leaving, quitting or
answering another quiz in between never gives them back. A retake is a new "round".

Quiz ids: a station id (that station's questions), ``"final"`` (content/quizzes/final.toml),
``"pre"`` / ``"post"`` (every question with ``prepost = true``, the SAME items both times,
stored under ``progress.section("prepost")[quiz_id]`` so they never count twice).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from explainer.course.model import Course, Question
from explainer.learning import attempts
from explainer.learning.quiz import CONFIDENCE_LEVELS, DEFAULT_TRIES, Result, grade, tries_allowed
from explainer.learning.quiz_ids import PREPOST_IDS, UnknownQuiz, quiz_questions

__all__ = ["PREPOST_IDS", "QuizSession", "UnknownQuiz", "answer_store", "quiz_questions"]

def answer_store(progress: Any, quiz_id: str) -> dict[str, dict]:
    """The dict this quiz's answers live in (by question id)."""
    if quiz_id in PREPOST_IDS:
        section = progress.section("prepost")
        if not isinstance(section.get(quiz_id), dict):
            section[quiz_id] = {}  # missing, or damaged by hand: start this check afresh
        return section[quiz_id]
    return progress.answers


def _jsonable(given: object) -> object:
    if isinstance(given, (set, frozenset, tuple)):
        return sorted(str(x) for x in given) if isinstance(given, (set, frozenset)) else list(given)
    if isinstance(given, dict):
        return {str(k): str(v) for k, v in given.items()}
    if given is None or isinstance(given, (str, int, float, bool, list)):
        return given
    return str(given)


class QuizSession:
    """One learner going through one quiz; ``check()`` grades, ``advance()`` moves on."""

    def __init__(
        self,
        course: Course,
        quiz_id: str,
        progress: Any,
        *,
        seed: int | str | None = None,
        max_tries: int = DEFAULT_TRIES,
    ) -> None:
        self.course = course
        self.quiz_id = quiz_id
        self.progress = progress
        self.questions = quiz_questions(course, quiz_id)
        self.max_tries = max_tries
        self.seed = self._pick_seed(seed)
        self.tries = 0
        self.last: Result | None = None
        self.retaking: set[str] | None = None  # ids answered since restart(), during a retake
        self.round = max(1, attempts.rounds(self.progress.attempts, self._ids(), quiz_id))
        self.index = self.first_unanswered()
        self._restore_tries()

    def _restore_tries(self) -> None:
        """Tries already spent on the current question survive leaving, quitting and answering
        other quizzes in between: they are the attempts of this round in the attempt log."""
        question = self.current
        self.tries = 0
        if question is not None:
            spent = attempts.tries_spent(self.progress.attempts, question.id, self.quiz_id, self.round)
            self.tries = max(0, min(spent, self.allowed - 1))

    def _pick_seed(self, seed: int | str | None) -> int | str:
        """--seed wins; otherwise one seed per learner, kept so a resumed quiz looks the same."""
        if seed is not None:
            return seed
        section = self.progress.section("quiz")
        if "seed" not in section:
            section["seed"] = int(datetime.now(UTC).timestamp()) % 100_000
        return section["seed"]

    def _ids(self) -> list[str]:
        return [q.id for q in self.questions]

    # -- where we are
    @property
    def allowed(self) -> int:
        """Tries allowed on the current question (fewer where a wrong try would give the answer away)."""
        question = self.current
        return self.max_tries if question is None else tries_allowed(question, self.max_tries)

    @property
    def store(self) -> dict[str, dict]:
        return answer_store(self.progress, self.quiz_id)

    def is_answered(self, question: Question) -> bool:
        if self.retaking is not None:
            return question.id in self.retaking
        entry = self.store.get(question.id)
        return isinstance(entry, dict) and "correct" in entry

    def first_unanswered(self) -> int:
        for i, question in enumerate(self.questions):
            if not self.is_answered(question):
                return i
        return len(self.questions)

    @property
    def done(self) -> bool:
        return self.index >= len(self.questions)

    @property
    def current(self) -> Question | None:
        return None if self.done else self.questions[self.index]

    @property
    def answered_count(self) -> int:
        return sum(1 for q in self.questions if self.is_answered(q))

    @property
    def correct_count(self) -> int:
        return sum(
            1
            for q in self.questions
            if self.is_answered(q) and self.store[q.id].get("correct") is True
        )

    def first_tries(self) -> list[tuple[Question, attempts.Attempt]]:
        """Each question's first try in this sitting (round) of the quiz, in quiz order."""
        found = []
        for q in self.questions:
            mine = attempts.in_quiz(attempts.attempts_of(self.progress.attempts, q.id), self.quiz_id, self.round)
            if mine:
                found.append((q, mine[0]))
        return found

    @property
    def first_try_count(self) -> int:
        """Questions right at the first try in this sitting: the quiz end's headline."""
        return sum(1 for _q, first in self.first_tries() if first.correct)

    def has_pre_check(self) -> bool:
        """Was any pre-check question answered? (Without it a post-check compares with nothing.)"""
        pre = self.progress.section("prepost").get("pre")
        return isinstance(pre, dict) and any(isinstance(e, dict) and "correct" in e for e in pre.values())

    def confidently_wrong(self) -> list[Question]:
        """Questions whose first try was wrong although marked "sure": misconceptions to revisit."""
        return [q for q, first in self.first_tries() if not first.correct and first.confidence == "sure"]

    # -- acting
    def check(self, given: object, confidence: str | None = None) -> Result:
        """Grade a try at the current question; a finished question is saved into progress."""
        question = self.current
        if question is None:
            raise IndexError("the quiz is over")
        if self.last is not None and self.last.finished:
            return self.last
        self.tries += 1
        result = grade(question, given, self.tries, self.allowed)
        self.last = result
        attempts.append(
            self.progress.attempts,
            question.id,
            attempts.Attempt(
                quiz=self.quiz_id,
                round=self.round,
                try_number=self.tries,
                given=_jsonable(given),
                correct=result.correct,
                score=round(result.score, 3),
                confidence=confidence if confidence in CONFIDENCE_LEVELS else None,
                at=datetime.now(UTC).isoformat(timespec="seconds"),
                final=result.finished,
            ),
        )
        if result.finished:
            self.store[question.id] = {
                "correct": result.correct,
                "score": round(result.score, 3),
                "tries": result.tries,
                "given": _jsonable(given),
                "confidence": confidence if confidence in CONFIDENCE_LEVELS else None,
                "at": datetime.now(UTC).isoformat(timespec="seconds"),
                "quiz": self.quiz_id,
                "first_try": self._first_try_right(question),
            }
            if self.retaking is not None:
                self.retaking.add(question.id)
        return result

    def _first_try_right(self, question: Question) -> bool:
        """Was the very first try at this question right (in its own quiz, or in this check)?"""
        tried = attempts.attempts_of(self.progress.attempts, question.id)
        if self.quiz_id in PREPOST_IDS:
            first = next(iter(attempts.in_quiz(tried, self.quiz_id)), None)
        else:
            first = attempts.first_try(tried)
        return first is not None and first.correct

    def set_confidence(self, confidence: str | None) -> None:
        """Confidence may be marked after checking, too; it is stored with the answer."""
        question = self.current
        if question is not None and self.is_answered(question):
            self.store[question.id]["confidence"] = (
                confidence if confidence in CONFIDENCE_LEVELS else None
            )
            attempts.mark_confidence(
                self.progress.attempts, question.id, self.quiz_id, self.round, confidence
            )

    def advance(self) -> None:
        """Go to the next unanswered question (or the end), with the tries already spent on it."""
        self.last = None
        start = self.index + 1
        self.index = next(
            (i for i in range(start, len(self.questions)) if not self.is_answered(self.questions[i])),
            self.first_unanswered() if self.first_unanswered() < start else len(self.questions),
        )
        self._restore_tries()

    def restart(self) -> None:
        """Take the quiz again from the first question; each new answer replaces the old one.

        Old answers are not deleted (progress saves merge with the file, newest answer wins),
        so a retake abandoned half-way keeps the earlier answers for the rest.
        """
        self.retaking = set()
        self.round = attempts.rounds(self.progress.attempts, self._ids(), self.quiz_id) + 1
        self.tries = 0
        self.last = None
        self.index = 0
