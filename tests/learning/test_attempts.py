"""The attempt log: every try kept with its answer, time and confidence; tries stick to their question."""

from __future__ import annotations

from explainer.learning import attempts
from explainer.learning.progress import Progress
from explainer.learning.progress_store import ProgressStore
from explainer.learning.quiz import correct_answer
from explainer.learning.quiz_session import QuizSession
from tests.builders import make_course


def _log(progress: Progress, qid: str) -> list[attempts.Attempt]:
    return attempts.attempts_of(progress.attempts, qid)


def test_every_try_is_kept_with_answer_time_and_confidence():
    progress = Progress()
    session = QuizSession(make_course(quiz=True), "wake-word", progress, seed=1)
    session.check("cloud", confidence="sure")
    session.check("human", confidence="unsure")
    session.check("device")
    tries = _log(progress, "s1")
    assert [(a.try_number, a.given, a.correct, a.confidence, a.final) for a in tries] == [
        (1, "cloud", False, "sure", False),
        (2, "human", False, "unsure", False),
        (3, "device", True, None, True),
    ]
    assert all(a.at and a.quiz == "wake-word" and a.round == 1 for a in tries)
    assert attempts.first_try(tries).given == "cloud"


def test_confidence_marked_after_checking_fills_the_unmarked_tries_of_that_round():
    progress = Progress()
    session = QuizSession(make_course(quiz=True), "wake-word", progress, seed=1)
    session.check("cloud", confidence="sure")
    session.check("device")
    session.set_confidence("guess")
    assert [a.confidence for a in _log(progress, "s1")] == ["sure", "guess"]


def test_tries_are_kept_per_question_across_quizzes():
    """Issue 15: answering a question in another quiz must not reset the current one's tries."""
    c, progress = make_course(quiz=True), Progress()
    station = QuizSession(c, "wake-word", progress, seed=1)
    station.check("cloud")
    station.check("human")  # two of three tries spent on s1
    final = QuizSession(c, "final", progress, seed=1)
    final.check(correct_answer(final.current))  # another quiz, another question
    again = QuizSession(c, "wake-word", progress, seed=1)
    assert again.current.id == "s1" and again.tries == 2
    assert again.check("cloud").finished  # the third and last try


def test_retake_is_a_new_round_and_the_first_try_stays_first():
    c, progress = make_course(quiz=True), Progress()
    session = QuizSession(c, "final", progress, seed=0)
    session.check("1")
    session.check("2")
    session.check("3")  # n1 wrong three times
    session.advance()
    session.check(correct_answer(session.current))
    session.restart()
    session.check(correct_answer(session.current))
    n1 = _log(progress, "n1")
    assert [(a.round, a.try_number) for a in n1] == [(1, 1), (1, 2), (1, 3), (2, 1)]
    assert attempts.first_try(n1).given == "1" and not attempts.first_try(n1).correct
    assert progress.answers["n1"]["correct"] is True  # the latest answer still counts as before
    assert progress.answers["n1"]["first_try"] is False  # ...but it was not right first time


def test_prepost_tries_are_apart_from_the_station_quiz():
    c, progress = make_course(quiz=True), Progress()
    pre = QuizSession(c, "pre", progress, seed=0, max_tries=1)
    pre.check("true", confidence="sure")  # t1 wrong in the pre-check
    station = QuizSession(c, "wake-word", progress, seed=0)
    station.index = 2  # t1
    station._restore_tries()
    assert station.tries == 0
    station.check("false")
    t1 = _log(progress, "t1")
    assert [a.quiz for a in t1] == ["wake-word", "pre"]
    assert attempts.first_try(t1).correct  # right first time in its own quiz


def test_attempts_survive_saving_and_merge_from_two_copies(tmp_path):
    c = make_course(quiz=True)
    store = ProgressStore(tmp_path / "progress.json")
    mine, theirs = store.load().progress, store.load().progress
    QuizSession(c, "wake-word", mine, seed=1).check("cloud")
    QuizSession(c, "final", theirs, seed=1).check("40")
    assert store.save(theirs).ok and store.save(mine).ok
    loaded = store.load().progress
    assert [a.given for a in _log(loaded, "s1")] == ["cloud"]
    assert [a.given for a in _log(loaded, "n1")] == ["40"]
    assert store.save(loaded).ok  # saving again adds no duplicates
    assert len(store.load().progress.attempts["s1"]) == 1


def test_a_damaged_attempt_table_drops_only_what_is_unreadable():
    log = attempts.cleaned(
        {"s1": [{"quiz": "wake-word", "round": 1, "try": 1, "given": "x"}, "junk", {"round": "one"}],
         "m1": "not a list", 5: []}
    )
    assert list(log) == ["s1"] and len(log["s1"]) == 1


def test_the_log_stays_bounded_and_keeps_the_first_round():
    log: attempts.AttemptLog = {}
    for round_ in range(1, 80):
        attempts.append(log, "q", attempts.Attempt("final", round_, 1, "x", False, 0.0, None, "", True))
    assert len(log["q"]) == attempts.MAX_PER_QUESTION
    assert log["q"][0]["round"] == 1 and log["q"][-1]["round"] == 79
