"""How long a teacher waits for ``explainer class report`` over a class of 30 exports.

Thirty learners answer every station quiz and the final quiz (seeded: about one first try
in three wrong, some marked "sure", a second try right), take the pre-check and the
post-check, and export; the figure is the wall time of the whole command in a fresh Python
process -- reading the 30 files, merging, printing and writing the .md and .html -- as the
teacher sees it (median of a few runs).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from explainer.bench.stats import median

LEARNERS = 30


def _write_class(folder: Path) -> list[Path]:
    from explainer.classroom.export import build_payload, to_json
    from explainer.course.load import load_course
    from explainer.learning.progress import Progress
    from explainer.learning.quiz import correct_answer
    from explainer.learning.quiz_session import QuizSession, quiz_questions
    from explainer.paths import packaged_content_dir

    course = load_course(packaged_content_dir())
    rng = random.Random(30)
    quizzes = ["pre", *(s.id for s in course.stations if s.questions), "final", "post"]
    paths = []
    for n in range(1, LEARNERS + 1):
        progress = Progress()
        for quiz_id in quizzes:
            if not quiz_questions(course, quiz_id):
                continue
            session = QuizSession(course, quiz_id, progress, seed=n, max_tries=1 if quiz_id in ("pre", "post") else 3)
            while not session.done:
                question = session.current
                assert question is not None
                wrong = [o.id for o in question.options if not o.correct]
                sure = rng.choice(["sure", "unsure", "guess", None])
                if wrong and rng.random() < 0.35:
                    session.check(rng.choice(wrong) if question.type in ("single", "truefalse") else wrong[:1], sure)
                if not session.done and not (session.last and session.last.finished):
                    session.check(correct_answer(question), sure)
                session.advance()
        path = folder / f"learner-{n:02d}.json"
        path.write_text(to_json(build_payload(course, progress, f"Learner {n:02d}")), encoding="utf-8")
        paths.append(path)
    return paths


def measure_class_report(runs: int = 3) -> dict[str, object]:
    """Median wall time (s) of ``explainer class report`` over 30 exports, and what it read."""
    with tempfile.TemporaryDirectory(prefix="explainer-bench-class-") as tmp:
        folder = Path(tmp)
        files = _write_class(folder)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "explainer", "class", "report", *map(str, files), "--out-dir", str(folder / "out")],
                capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
            )
            times.append(time.perf_counter() - started)
            if done.returncode != 0:
                return {"seconds": None, "error": done.stderr.strip()[-300:]}
        size = sum(p.stat().st_size for p in files)
        return {"seconds": median(times), "runs": [round(t, 3) for t in times], "exports": len(files),
                "export_bytes": size, "html_bytes": (folder / "out" / "class-report.html").stat().st_size,
                "error": None}


if __name__ == "__main__":
    print(json.dumps(measure_class_report()))
