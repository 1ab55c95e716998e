"""Version-1 progress (written by the app before the attempt log) migrates without loss.

``data/progress-v1.json`` is a copy of a real file written by the previous version of the
app: a pre-check, a station quiz with first-try and second-try answers, and a question left
after one wrong try.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from explainer.learning import attempts
from explainer.learning.progress import VERSION
from explainer.learning.progress_migrate import migrate
from explainer.learning.progress_store import ProgressStore
from explainer.learning.quiz_session import QuizSession

V1 = Path(__file__).parent / "data" / "progress-v1.json"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "progress.json"
    shutil.copy(V1, target)
    return target


def test_a_version_1_file_loads_with_nothing_lost(tmp_path):
    old = json.loads(V1.read_text(encoding="utf-8"))
    assert old["version"] == 1 and "attempts" not in old
    loaded = ProgressStore(_copy(tmp_path)).load()
    assert loaded.notice is None
    progress = loaded.progress
    assert progress.answers == old["answers"]
    assert progress.sections == old["sections"]
    assert progress.pages_read == set(old["pages_read"])
    assert progress.models_tried == set(old["models_tried"])


def test_each_old_answer_becomes_the_tries_it_stands_for(tmp_path):
    old = json.loads(V1.read_text(encoding="utf-8"))
    progress = ProgressStore(_copy(tmp_path)).load().progress
    for qid, entry in old["answers"].items():
        tries = attempts.attempts_of(progress.attempts, qid)
        own = [a for a in tries if not a.is_check]
        assert len(own) == entry["tries"]
        last = own[-1]
        assert last.final and last.given == entry["given"] and last.correct == entry["correct"]
        assert last.confidence == entry["confidence"] and last.at == entry["at"]
        first = attempts.first_try(tries)
        assert first.correct == (entry["correct"] and entry["tries"] == 1)
        assert all(not a.recorded and a.given is None for a in own[:-1])
    for qid, entry in old["sections"]["prepost"]["pre"].items():
        pre = attempts.in_quiz(attempts.attempts_of(progress.attempts, qid), "pre")
        assert [(a.given, a.correct, a.confidence) for a in pre] == [
            (entry["given"], entry["correct"], entry["confidence"])
        ]


def test_a_question_left_half_way_keeps_its_spent_try(tmp_path):
    from explainer.course.load import load_course
    from explainer.paths import packaged_content_dir

    progress = ProgressStore(_copy(tmp_path)).load().progress
    pending = json.loads(V1.read_text(encoding="utf-8"))["sections"]["quiz"]["open"]
    session = QuizSession(load_course(packaged_content_dir()), pending["quiz"], progress, seed=7)
    assert session.current.id == pending["question"] and session.tries == pending["tries"]


def test_saving_writes_the_new_version_and_reloads_the_same(tmp_path):
    path = _copy(tmp_path)
    store = ProgressStore(path)
    progress = store.load().progress
    assert store.save(progress).ok
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == VERSION == 2 and data["attempts"] == progress.attempts
    again = store.load().progress
    assert again.attempts == progress.attempts and again.answers == progress.answers


def test_migration_is_a_pure_step_and_leaves_the_input_alone():
    old = json.loads(V1.read_text(encoding="utf-8"))
    before = json.dumps(old, sort_keys=True)
    new = migrate(old, 2)
    assert json.dumps(old, sort_keys=True) == before
    assert new["version"] == 2 and migrate(new, 2) is new
