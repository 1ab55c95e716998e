"""The N-best check (explainer.voice.rescore) and the typed condition's wake-word rule."""

from __future__ import annotations

from pathlib import Path

from explainer.voice.bench import score, typed_rows
from explainer.voice.bench_sets import BenchCommand, BenchSet, NotForDevice
from explainer.voice.cleanup import clean_up
from explainer.voice.nlu import parse
from explainer.voice.rescore import NEAR, rescore
from explainer.voice.wake import WAKE_WORDS


def meaning(text: str) -> tuple | None:
    found = parse(clean_up(text, WAKE_WORDS).text)
    return None if found is None else (found.intent, tuple(sorted((k, str(v)) for k, v in found.slots.items())))


def test_the_best_is_kept_when_it_is_a_command_and_agreement_counts_the_near_ones():
    nbest = [("alexa add milk to my shopping list", 0.0), ("alexa add milk to my shopping list please", -120.0),
             ("alexa add silk to my shopping list", -250.0), ("alexa add milk to my shopping list", -5000.0)]
    checked = rescore(nbest[0][0], nbest, meaning)
    assert (checked.text, checked.rank, checked.near) == (nbest[0][0], 0, 3)  # the far one is not counted
    assert checked.agreement == round(2 / 3, 3)
    assert "2 of 3" in checked.describe()


def test_a_near_alternative_that_is_a_command_is_chosen_in_the_decoders_order():
    nbest = [("alexa the rock band", 0.0), ("alexa what time is it", -NEAR / 2),
             ("alexa add milk to my shopping list", -NEAR + 1)]
    checked = rescore(nbest[0][0], nbest, meaning)
    assert (checked.text, checked.rank) == ("alexa what time is it", 1)  # first in order, not the likeliest-looking
    assert checked.agreement == round(1 / 3, 3)  # they disagree: the confidence rule will not be sure


def test_an_alternative_beyond_near_is_never_chosen_and_none_understood_keeps_the_best():
    nbest = [("alexa the rock band", 0.0), ("alexa add eggs", -(NEAR + 1))]
    checked = rescore(nbest[0][0], nbest, meaning)
    assert (checked.text, checked.rank, checked.agreement) == ("alexa the rock band", -1, 0.0)
    assert "best is kept" in checked.describe()
    assert rescore("", [], meaning).rank == -1


def test_clean_up_says_which_wake_word_it_took_off():
    assert clean_up("hey alexa what time is it", WAKE_WORDS).wake_word == "alexa"
    assert clean_up("what time is it alexa", WAKE_WORDS).wake_word == "alexa"
    assert clean_up("we need to buy milk later", WAKE_WORDS).wake_word == ""


def test_typed_text_with_no_wake_word_is_never_acted_on():
    bench = BenchSet(Path("set.toml"), (BenchCommand("alexa add milk to my shopping list", "AddToList",
                                                     {"item": "milk"}),),
                     (NotForDevice("we need to buy milk later", "no wake word"),
                      NotForDevice("call me when you get there", "no wake word")))
    rows = typed_rows(bench)
    assert [r["acted"] for r in rows] == [True, False, False]
    assert score(rows)["wrong_actions"] == 0


class _Engine:
    """A stand-in decoder: a fixed command-model result and a general-model one."""

    def __init__(self, best: str, alternatives: list[tuple[str, float]]) -> None:
        from explainer.voice.decoder import Decoded

        self.results = {"commands": Decoded(best, log_score=-1000.0, nbest=tuple([(best, -1000.0), *alternatives])),
                        "general": Decoded("something else entirely", log_score=-2000.0)}
        self.searches: list[str] = []

    def decode(self, pcm, search="commands", nbest=0, warp=1.0):
        self.searches.append(search)
        return self.results[search]


def test_only_the_best_is_offered_to_the_slow_guess_alternatives_need_an_exact_template():
    import numpy as np

    from explainer.voice.asr import Recogniser

    asked: list[str] = []

    def understood(text: str) -> bool:  # the slow check (a template or a nearest-command guess)
        asked.append(text)
        return False

    near = [("alexa add milk to my shopping list", -1000.0 - NEAR / 2)]
    engine = _Engine("alexa add milk to my shopping lest", near)
    result = Recogniser(engine, WAKE_WORDS).recognise(np.zeros(160, dtype=np.int16), understood=understood,
                                                      parses=lambda text: meaning(text) is not None)
    assert asked == ["alexa add milk to my shopping lest"]  # the alternative never went to the guess
    assert engine.searches == ["commands"] and result.model == "commands"  # an exact near command: no 2nd pass

    engine = _Engine("alexa add milk to my shopping lest", [("alexa had milk to my shopping lest", -1100.0)])
    Recogniser(engine, WAKE_WORDS).recognise(np.zeros(160, dtype=np.int16), understood=understood,
                                             parses=lambda text: meaning(text) is not None)
    assert engine.searches == ["commands", "general"]  # nothing a template matches: the general model is tried
