"""QuizSession: tries, saving per question, resume mid-quiz, retake; results and pre/post."""

from __future__ import annotations

import pytest

from explainer.learning.progress import Progress
from explainer.learning.progress_store import ProgressStore
from explainer.learning.quiz import correct_answer
from explainer.learning.quiz_session import QuizSession, UnknownQuiz, quiz_questions
from explainer.learning.results import results
from tests.builders import make_course


def test_quiz_ids():
    c = make_course(quiz=True)
    assert [q.id for q in quiz_questions(c, "wake-word")] == ["s1", "m1", "t1", "o1", "x1"]
    assert [q.id for q in quiz_questions(c, "final")] == ["n1", "p1"]
    assert quiz_questions(c, "pre") == quiz_questions(c, "post")
    assert {q.id for q in quiz_questions(c, "pre")} == {"t1", "x1", "p1"}
    with pytest.raises(UnknownQuiz):
        quiz_questions(c, "nowhere")


def test_tries_then_saved_then_resume(tmp_path):
    c, progress = make_course(quiz=True), Progress()
    session = QuizSession(c, "wake-word", progress, seed=1)
    assert session.current.id == "s1"
    assert not session.check("cloud").finished
    assert "s1" not in progress.answers
    session.check("human")
    last = session.check("cloud", confidence="sure")
    assert last.finished and last.solution
    entry = progress.answers["s1"]
    assert entry["correct"] is False and entry["tries"] == 3 and entry["confidence"] == "sure"
    assert entry["quiz"] == "wake-word" and entry["given"] == "cloud" and entry["at"]
    session.advance()
    session.check(correct_answer(session.current))
    assert progress.answers["m1"]["given"] == ["a", "b"]
    # save, reload, resume at the third question
    store = ProgressStore(tmp_path / "progress.json")
    assert store.save(progress).ok
    again = QuizSession(c, "wake-word", store.load().progress, seed=1)
    assert again.current.id == "t1" and again.answered_count == 2 and again.correct_count == 1


def test_seed_is_kept_for_resume():
    progress = Progress()
    first = QuizSession(make_course(quiz=True), "wake-word", progress)
    assert QuizSession(make_course(quiz=True), "wake-word", progress).seed == first.seed


def test_finish_and_retake():
    c, progress = make_course(quiz=True), Progress()
    session = QuizSession(c, "final", progress, seed=0)
    while not session.done:
        session.check(correct_answer(session.current))
        session.advance()
    assert session.correct_count == 2
    session.restart()
    assert session.current.id == "n1" and session.answered_count == 0
    session.check(0)
    session.check(0)
    session.check(0)
    session.advance()
    assert progress.answers["n1"]["correct"] is False and session.current.id == "p1"


def test_prepost_same_items_stored_apart_and_compared():
    c, progress = make_course(quiz=True), Progress()
    pre = QuizSession(c, "pre", progress, seed=0)
    for _ in range(3):
        q = pre.current
        pre.check(correct_answer(q) if q.id == "t1" else None)
        if not pre.last.finished:
            pre.check(None)
            pre.check(None)
        pre.advance()
    assert pre.done and progress.answers == {}
    post = QuizSession(c, "post", progress, seed=0)
    assert post.current.id == pre.questions[0].id
    while not post.done:
        post.check(correct_answer(post.current))
        post.advance()
    pp = results(c, progress).prepost
    assert (pp.pre_correct, pp.post_correct, pp.total) == (1, 3, 3)
    assert pp.pre_done and pp.post_done
    assert pp.summary() == "You moved from 1/3 to 3/3."
    changed = {i.question.id: (i.pre, i.post) for i in pp.items}
    assert changed["t1"] == (True, True) and changed["x1"] == (False, True)


def test_results_breakdown_and_missed():
    c, progress = make_course(quiz=True), Progress()
    session = QuizSession(c, "wake-word", progress, seed=0, max_tries=1)
    session.check(correct_answer(session.current))
    session.advance()
    session.check([])
    res = results(c, progress)
    station = res.quizzes[0]
    assert (station.quiz_id, station.total, station.answered, station.correct) == (
        "wake-word",
        5,
        2,
        1,
    )
    assert [q.id for q in res.missed] == ["m1"]
    assert len(res.rows) == 2 and res.correct == 1 and res.total == 7 + 8  # and one at each other station


def test_results_survive_odd_progress():
    progress = Progress(answers={"s1": "nonsense", "m1": {"correct": True, "tries": "x"}})
    progress.section("prepost")["pre"] = ["not a dict"]
    res = results(make_course(quiz=True), progress)
    assert res.answered == 1 and res.rows[0].tries == 1


def test_damaged_prepost_section_starts_afresh():
    progress = Progress()
    progress.section("prepost")["pre"] = ["not", "a", "dict"]
    session = QuizSession(make_course(quiz=True), "pre", progress, seed=0)
    assert session.current is not None
    session.check(correct_answer(session.current), confidence="guess")
    session.set_confidence("unsure")
    assert progress.section("prepost")["pre"][session.current.id]["confidence"] == "unsure"


def test_tries_spent_survive_leaving():
    c, progress = make_course(quiz=True), Progress()
    session = QuizSession(c, "wake-word", progress, seed=1)
    session.check("cloud")
    session.check("human")
    again = QuizSession(c, "wake-word", progress, seed=1)
    assert again.current.id == "s1" and again.tries == 2
    last = again.check("cloud")
    assert last.finished and last.tries == 3
