"""The background warm-up after the map is painted: what a learner's first visits would otherwise wait for."""

from __future__ import annotations

from pathlib import Path

from explainer.learning import shift_guess
from explainer.paths import packaged_content_dir
from explainer.tui import services


def test_prewarm_works_out_the_seats_recogniser_fingerprint_before_the_first_shift():
    content = packaged_content_dir()
    shift_guess.recogniser_fingerprint.cache_clear()
    services.prewarm_screens(modules=(), content_dir=content)
    assert shift_guess.recogniser_fingerprint.cache_info().currsize == 1
    before = shift_guess.recogniser_fingerprint.cache_info().hits
    # the path the seat's clip preparer asks with (Path(course.root) / "intents") is the cached one
    shift_guess.recogniser_fingerprint(Path(content) / "intents")
    assert shift_guess.recogniser_fingerprint.cache_info().hits == before + 1


def test_prewarm_without_a_course_folder_only_imports(tmp_path):
    shift_guess.recogniser_fingerprint.cache_clear()
    services.prewarm_screens(modules=("explainer.tui.screens.quiz",))
    assert shift_guess.recogniser_fingerprint.cache_info().currsize == 0


def test_a_failing_fingerprint_never_breaks_the_warm_up(monkeypatch):
    def broken(_intents: Path) -> str:
        raise OSError("disk gone")

    monkeypatch.setattr(shift_guess, "recogniser_fingerprint", broken)
    services.prewarm_seat(Path("/nonexistent"))  # no exception: the seat reports it when it needs it
