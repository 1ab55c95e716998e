"""The lab's trace in plain words (``tui/widgets/lab_words`` and ``lab_stage_words``), read from stage
records shaped as the real pipeline makes them (``explainer.voice.pipeline``): no ``1e-40``, no
``SetTimer {'minutes': 10}``, no 16-decimal scores, real plurals, and the technical term only next to its explanation."""

from __future__ import annotations

from explainer.tui.widgets.lab_stage_words import stage_words
from explainer.tui.widgets.lab_words import (
    Words,
    strictness_explained,
    strictness_words,
    summary,
)
from explainer.voice.lab_service import LocalLab
from explainer.voice.trace import StageRecord, Trace

INTENTS = {"intents": {"SetTimer": "Set a timer", "GetWeather": "Get the weather"},
           "slots": {"minutes": ["{value} minute", "{value} minutes"], "city": "in {value}", "day": "{value}"}}
STEPS, USUAL = LocalLab().thresholds("alexa")
WORDS = Words(INTENTS, STEPS, USUAL)


def words(record: StageRecord) -> tuple[str, str]:
    return stage_words(record, WORDS)


def test_the_threshold_is_a_strictness_step_never_a_raw_number():
    assert strictness_words(STEPS, USUAL, USUAL) == "wake-word strictness 4 of 10 (the usual)"  # alexa: 1e-38
    assert strictness_words(STEPS, 1e-35, USUAL) == "wake-word strictness 5 of 10"
    explained = strictness_explained(STEPS, 1e-35, USUAL)
    assert explained.startswith("Wake-word strictness 5 of 10: how sure the device must be")
    assert "fewer false wakes, more missed commands" in explained and "1e-" not in explained


def test_each_stage_reads_in_plain_words():
    wake = words(StageRecord("wake word", output="'alexa' heard at 0.98-1.40 s, detected at 1.60 s",
                             data={"woke": True, "threshold": USUAL, "detected_at": 1.6, "start": 0.98, "end": 1.4}))
    assert wake[0] == "heard “alexa” at 1.0–1.4 s: woke"
    assert "Setting: wake-word strictness 4 of 10 (the usual)." in wake[1] and "1e-40" not in wake[1]

    heard = words(StageRecord("speech recognition", output="'alexa what's the time' · commands model, confidence 0.68",
                              data={"model": "commands", "confidence": 0.676, "masked_words": 2}))
    assert heard[0] == "68% sure: “alexa what's the time”"  # an inner apostrophe is not the end
    assert "its command model (only the words of the commands it knows)" in heard[1]
    assert "2 words were hidden by the classroom word filter." in heard[1]
    assert "tuned to the lab's own voice" not in heard[1]  # the model as trained
    adapted = words(StageRecord(
        "speech recognition", output="'alexa stop' · commands model, confidence 0.9; acoustic model adapted to the "
        "lab's voice en-us", data={"model": "commands", "confidence": 0.9,
                                   "acoustic_model": "adapted to the lab's voice en-us"}))
    assert adapted[0] == "90% sure: “alexa stop”"
    assert "Its sound model is tuned to the lab's own voice" in adapted[1]
    loud = {"acoustic_model": "adapted to a loud room (the voice is 12 dB above the background, under 17)"}
    in_noise = words(StageRecord("speech recognition", output="'alexa stop' · commands model, confidence 0.9",
                                 data={"model": "commands", "confidence": 0.9, **loud}))
    assert "Its sound model is tuned to noisy rooms" in in_noise[1] and "own voice" not in in_noise[1]
    woke = words(StageRecord("wake word", output="heard 'alexa' at 1.0-1.4 s: woke", data={
        "woke": True, "threshold": 1e-36, "detected_at": 1.6, "start": 1.0, "end": 1.4, "rival": None, **loud}))
    assert "Its sound model is tuned to noisy rooms" in woke[1]  # the wake word too, in a loud room

    understood = words(StageRecord(
        "understanding", output="SetTimer {'minutes': 10} → act: confidence 0.68 x completeness 1.00 = 0.68 >= 0.50",
        data={"intent": "SetTimer", "slots": {"minutes": 10}, "guess": None, "score": 0.4312971631444955,
              "confidence": 0.68, "completeness": 1.0, "act": True}))
    assert understood[0] == "Set a timer — 10 minutes"
    assert "68% sure of the words × 100% of them fit a command = 43% (it needs 50%)" in understood[1]
    assert "Technical names: intent SetTimer, slot minutes = 10." in understood[1]
    assert "{'" not in understood[1] and "0.4312" not in understood[1]

    unsure = words(StageRecord("understanding", output="GetWeather {'city': 'paris'} → ask again: not sure: … < 0.50",
                               data={"intent": "GetWeather", "slots": {"city": "paris"}, "score": 0.3,
                                     "confidence": 0.3, "completeness": 1.0, "act": False}))
    assert unsure[0] == "maybe Get the weather — in paris? not sure enough: asks again"

    ends = words(StageRecord("endpointing", output="upload …", data={"upload_start": 0.48, "upload_end": 4.05,
                                                                    "reason": "silence"}))
    assert ends[0] == "sends 3.6 s (0.5–4.0 s); ends at a pause"
    assert "stopped at the pause after the command" in ends[1]
    assert "pre-roll" in ends[1] and "a moment before the wake word" in ends[1]  # the term with its meaning

    sampling = words(StageRecord("sampling", output="not selected", data={"rate": 0.25, "seed": 2019, "draw": 0.5195}))
    assert sampling[0] == "not picked for a person to listen to"
    assert "picks 25%" in sampling[1] and "seed" not in sampling[1] and "0.5195" not in sampling[1]

    skipped = words(StageRecord("reply", output="not uploaded", skipped=True))
    assert skipped[0] == "not sent — nothing left the device"


def test_a_wake_withdrawn_by_the_second_listen_says_what_it_heard():
    wake = words(StageRecord("wake word", output="'alexa' spotted at 0.98-1.40 s, but a second listen heard 'lexus' "
                             "there: nothing leaves the device",
                             data={"woke": False, "threshold": USUAL, "detected_at": 1.6, "start": 0.98, "end": 1.4,
                                   "rival": "lexus"}))
    assert wake[0] == "“alexa”? a second listen heard “lexus”: stayed asleep"
    assert "a second, closer listen there heard “lexus”" in wake[1] and "nothing left the device" in wake[1]


def test_a_slot_in_doubt_says_which_words_and_why_not_the_score():
    data = {"intent": "GetWeather", "slots": {"city": "there"}, "score": 0.6, "confidence": 0.6,
            "completeness": 1.0, "act": False, "doubt": {"kind": "names nothing", "slot": "city", "value": "there",
                                                         "as_if": ""}}
    empty = words(StageRecord("understanding", output="GetWeather … → ask again: not sure: the city …", data=data))
    assert empty[0] == "Get the weather — in there? “there” names nothing: asks again"
    assert "“there” does not say what or who" in empty[1] and "(it needs" not in empty[1]  # 60% ≥ 50%: not why

    data |= {"slots": {"city": "paris to lisa"},
             "doubt": {"kind": "misheard ending", "slot": "city", "value": "paris to lisa", "as_if": "weather paris"}}
    ending = words(StageRecord("understanding", output="GetWeather … → ask again: not sure: …", data=data))
    assert ending[0].endswith("? its end sounds misheard: asks again")
    assert "one letter off (as if you said “weather paris”)" in ending[1]


def test_a_stage_this_module_does_not_know_keeps_the_pipelines_line():
    assert words(StageRecord("beamforming", output="two 'mics' combined")) == ("two “mics” combined",) * 2
    assert words(StageRecord("wake word", output="odd", data={"woke": "yes"}))[0]  # never an error


def test_the_summary_is_the_caption_heard_did_and_replied():
    trace = Trace(woke=True, transcript="alexa set up timer for ten minutes", intent="SetTimer",
                  slots={"minutes": 10}, acted=True, reply="Timer set for ten minutes.", source="typed")
    assert summary(trace, WORDS) == ("Heard “alexa set up timer for ten minutes” → Set a timer — 10 minutes. "
                                     "Reply: “Timer set for ten minutes.”")
    unsure = Trace(woke=True, transcript="alexa tell", reply="Sorry, I didn't catch that.", selected_for_review=True)
    assert summary(unsure, WORDS) == ("Heard “alexa tell” → not sure, so it asks again: “Sorry, I didn't catch "
                                      "that.” A person may listen to it.")
    assert summary(Trace(woke=False, wake_word="computer"), WORDS) == (
        "Did not wake: no “computer” heard, so nothing left the device.")
    withdrawn = Trace(woke=False, wake_word="alexa")
    withdrawn.stages.append(StageRecord("wake word", output="…", data={"woke": False, "rival": "lexus"}))
    assert summary(withdrawn, WORDS) == (
        "Did not wake: a second listen heard “lexus”, not “alexa”, so nothing left the device.")


def test_the_nbest_check_says_which_guess_went_on_without_hypotheses_or_raw_agreement():
    """Typing commands as a new user (issue 16), this row read "alternative #4 is a command; 2 of 5 near
    hypotheses mean the same (agreement 0.40)"."""
    picked = words(StageRecord(
        "N-best check", input="\"alexa what's the weather like the day\"",
        output="\"alexa what's the weather like today\" · alternative #4 is a command; 2 of 5 near hypotheses mean "
               "the same (agreement 0.40)",
        data={"text": "alexa what's the weather like today", "rank": 3, "agreement": 0.4, "near": 5,
              "confidence": 0.4}))
    assert picked[0] == "“alexa what's the weather like today” · guess #4 on its list is a command: that goes on"
    assert "guess #4, “alexa what's the weather like today”, is, so that goes on." in picked[1]
    assert "Its 5 close guesses agree 40% on it." in picked[1]
    kept = words(StageRecord("N-best check", output="'alexa play some jazz' · the recogniser's best is a command",
                             data={"text": "alexa play some jazz", "rank": 0, "agreement": 1.0, "near": 1,
                                   "confidence": 1.0}))
    assert kept[0] == "“alexa play some jazz” · its best guess is a command"
    none = words(StageRecord("N-best check", output="'if i' · none of the 3 near hypotheses is a command",
                             data={"text": "if i", "rank": -1, "agreement": 0.0, "near": 3, "confidence": 0.11}))
    assert none[0] == "“if i” · no close guess is a command: its best goes on"
    silent = words(StageRecord("N-best check", output="(nothing) · none", data={"text": "", "rank": -1,
                                                                               "agreement": 0.0, "near": 0}))
    assert silent[0].startswith("no words made out")
    one = words(StageRecord("N-best check", output="'alexa tell' · none of the 1 near hypotheses is a command",
                            data={"text": "alexa tell", "rank": -1, "agreement": 0.0, "near": 1}))
    assert "“alexa tell”" in one[1] and "close guesses agree" not in one[1]
    for short, detail in (picked, kept, none, silent, one):
        assert "hypothes" not in short + detail and "agreement" not in short + detail and "0.40" not in detail
