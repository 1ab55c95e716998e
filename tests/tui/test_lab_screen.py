"""The lab's screens — trace view, fool the wake word, recording — driven with the keyboard in the
real app at 80x24, on a stand-in lab service passed through the app factory's own door
(``make_app(config, lab=...)``).  The one test on the real service skips without espeak-ng.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from textual.widgets import DataTable, Input, Select

from explainer.voice.history import VoiceHistory
from explainer.voice.trace import STAGES
from tests.pilot import screen_text, settle
from tests.robust_support import TYPED
from tests.tui.lab_fake import FakeLab


@pytest.fixture(autouse=True)
def _no_sound(monkeypatch):
    import explainer.voice.playback as playback

    monkeypatch.setattr(playback, "sound_available", lambda refresh=False: (False, "No sound device (test)."))


async def shows(pilot, made, text: str, tries: int = 20) -> str:
    """The screen's text, lines joined (a status line wraps), once it shows ``text``."""
    for _ in range(tries):
        await settle(pilot, made)
        shown = " ".join(screen_text(made).split())
        if text in shown:
            break
        await pilot.pause(0.05)
    return shown


async def open_lab(pilot, made):
    await settle(pilot, made)
    made.open_lab()
    await settle(pilot, made)
    assert type(made.screen).__name__ == "LabScreen"
    return made.screen


async def test_every_stage_row_every_room_and_wake_word_come_from_the_service(app):
    fake = FakeLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        shown = screen_text(made)
        for stage in STAGES:
            assert stage in shown
        assert [value for _label, value in screen.query_one("#lab-noise", Select)._options] == list(fake.rooms)
        assert "music" in fake.rooms and "loud" in fake.rooms  # the list the screen had lost
        assert [v for _l, v in screen.query_one("#lab-wake", Select)._options] == list(fake.wake_words)
        assert fake.warmed == 1  # the decoder is warmed before the first run


async def test_markup_typed_shows_literally(app):
    made = app(lab=FakeLab())
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press(*TYPED)
        assert made.screen.query_one("#lab-text", Input).value == TYPED
        assert TYPED in screen_text(made)


async def test_empty_and_absurdly_long_text_get_a_message(app):
    fake = FakeLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press("enter")
        await settle(pilot, made)
        assert "Type a sentence first" in screen_text(made)
        made.screen.query_one("#lab-text", Input).value = "alexa " * 100
        await pilot.press("enter")
        await settle(pilot, made)
        assert "at most 200" in screen_text(made)
        assert fake.requests == []


async def test_no_speech_engine_disables_typing_but_not_clips(app):
    made = app(lab=FakeLab(speech=False))
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        assert screen.query_one("#lab-text", Input).disabled
        assert "No speech engine" in screen_text(made) and "clips still run" in screen_text(made)


async def test_a_run_fills_the_stage_rows_and_a_miss_says_nothing_left(app):
    fake = FakeLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        await pilot.press(*"alexa set a timer for ten minutes", "enter")
        await settle(pilot, made)
        shown = " ".join(screen_text(made).split())
        # the status line says it in words, reply included (with no sound card it is the caption)
        assert "Heard “alexa set a timer for ten minutes” → Set a timer — 10 minutes." in shown
        assert "Reply: “Timer set for ten minutes.”" in shown
        assert "heard “alexa” at 0.1–0.5 s: woke" in shown and "0.12 s" in shown  # seconds, not ms
        for raw in ("SetTimer", "{'", "1e-", "confidence 0.90", "ms"):
            assert raw not in shown, raw  # developer-speak stays in the JSON trace
        assert made.progress.section("lab")["traces"] == 1
        assert fake.requests[-1].text == "alexa set a timer for ten minutes" and fake.requests[-1].keep
        field = screen.query_one("#lab-text", Input)
        assert screen.focused is field and field.selected_text == field.value  # the next command types over it
        await pilot.press("down")  # ↓ leaves the field for the stages
        await settle(pilot, made)
        assert isinstance(screen.focused, DataTable)
        await pilot.press("p")  # no sound in tests: the reply is shown as text
        await settle(pilot, made)
        assert "Timer set for ten minutes." in screen_text(made)
        field.focus()
        await pilot.press(*"hello there", "enter")
        await settle(pilot, made)
        shown = " ".join(screen_text(made).split())
        assert fake.requests[-1].text == "hello there"  # typed over the last command, not appended to it
        assert "not sent — nothing left the device" in shown
        assert "Did not wake: no “alexa” heard, so nothing left the device." in shown


async def test_typing_after_choosing_a_clip_runs_the_typed_sentence(app):
    fake = FakeLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        clip = screen.query_one("#lab-clip", Select)
        clip.value = next(value for _label, value in clip._options if value)
        await settle(pilot, made)
        assert "Clip chosen: ctrl+r plays it" in " ".join(screen_text(made).split())
        screen.query_one("#lab-text", Input).focus()
        await pilot.press(*"alexa stop")
        await settle(pilot, made)
        shown = " ".join(screen_text(made).split())
        assert "Clip chosen" not in shown and "Back to your own sentence: enter runs it." in shown
        await pilot.press("enter")
        await settle(pilot, made)
        assert clip.value == "" and fake.requests[-1].clip_id is None and fake.requests[-1].text == "alexa stop"


async def test_the_chosen_room_and_wake_word_reach_the_service(app):
    fake = FakeLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        screen.query_one("#lab-noise", Select).value = "kitchen"
        await settle(pilot, made)
        assert "15 dB SNR" in screen_text(made)  # the preset says its level
        screen.query_one("#lab-text", Input).value = "alexa stop"
        screen.query_one("#lab-text", Input).focus()
        await pilot.press("enter")
        await settle(pilot, made)
        request = fake.requests[-1]
        assert request.noise == "kitchen" and request.wake_word == "alexa"
        assert request.threshold == fake.thresholds("alexa")[1]


async def test_a_room_runs_at_the_distance_its_status_line_states(app):
    """The "loud" room says "4 m from the device"; 4 m was not in the distance list, so the run stayed at 1 m."""
    fake = FakeLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        loud = fake.rooms["loud"]
        assert loud.distance_m not in fake.distances  # the case: a room farther away than any listed distance
        screen.query_one("#lab-noise", Select).value = "loud"
        await settle(pilot, made)
        shown = screen_text(made)
        assert f"{loud.distance_m:g} m from the device" in " ".join(shown.split())
        assert f"Room ({loud.label}): tv noise" in " ".join(shown.split())  # "loud" is named, not only "tv noise"
        assert screen.query_one("#lab-distance", Select).value == loud.distance_m
        assert f"distance: {loud.distance_m:g} m" in shown
        screen.query_one("#lab-text", Input).value = "alexa stop"
        screen.query_one("#lab-text", Input).focus()
        await pilot.press("enter")
        await settle(pilot, made)
        assert fake.requests[-1].noise == "loud" and fake.requests[-1].distance == loud.distance_m
        screen.query_one("#lab-noise", Select).value = "kitchen"
        await settle(pilot, made)
        assert screen.query_one("#lab-distance", Select).value == fake.rooms["kitchen"].distance_m


async def test_a_long_wait_counts_its_seconds_and_says_why(app):
    """A noisy command kept the learner 11-30 s on "Running: speech recognition…" with only a spinner."""
    from explainer.tui.widgets.lab_controls import SLOW_AFTER, BusyLine
    from explainer.voice.trace import StageRecord

    fake = FakeLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        status = screen.query_one(BusyLine)
        now = [1000.0]
        status.clock = lambda: now[0]
        screen._stage_done(StageRecord("endpointing", output="upload 0.00-1.00 s; stopped: silence", ms=1.0, data={
            "upload_start": 0.0, "upload_end": 1.0, "speech_end": 0.9, "reason": "silence"}))
        await pilot.pause()
        shown = " ".join(screen_text(made).split())
        assert "Running: speech recognition…" in shown and "so far" not in shown  # a short wait: the spinner only
        now[0] += SLOW_AFTER + 9
        status._spin()
        await pilot.pause()
        shown = " ".join(screen_text(made).split())
        assert "Running: speech recognition… (12 s so far) Noisy or unclear speech takes the recogniser longer" in shown
        screen._stage_done(StageRecord("speech recognition", output="'alexa stop' · commands model", ms=12000.0,
                                       data={"model": "commands", "confidence": 0.9, "masked_words": 0}))
        await pilot.pause()
        shown = " ".join(screen_text(made).split())
        assert "so far" not in shown and "Noisy" not in shown  # the next stage counts its own wait
        status.done("")


async def test_tab_shows_which_choice_has_the_keyboard(app):
    """Compact Selects showed focus as a 5% tint: at 80x24 a keyboard learner could not see where Tab had gone."""
    made = app(lab=FakeLab())
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)

        def background(select_id: str):
            return screen.query_one(f"#{select_id} > SelectCurrent").styles.background

        unfocused = background("lab-noise")
        await pilot.press("tab", "tab")  # the field, the clip, then the room's noise
        await settle(pilot, made)
        assert screen.focused is screen.query_one("#lab-noise", Select)
        focused = background("lab-noise")
        assert sum(abs(a - b) for a, b in zip(focused.rgb, unfocused.rgb, strict=True)) > 40  # plainly different
        assert background("lab-distance") == unfocused


async def test_the_first_stage_explained_fits_at_80x24_after_a_long_sentence_in_noise(app):
    """Typing commands as a new user (issue 16): with the sentence quoted in it, "speech in" lost the end of its
    explanation of SNR below the detail's four lines."""
    fake = FakeLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        screen.query_one("#lab-noise", Select).value = "tv"
        await settle(pilot, made)
        sentence = "alexa could you please set a timer for the pasta, about eight minutes, and then remind me to " \
                   "take the bins out"
        field = screen.query_one("#lab-text", Input)
        field.value = sentence
        field.focus()
        await pilot.press("enter")
        await settle(pilot, made)
        detail = " ".join(str(screen.query_one("#lab-trace-detail").render()).split())
        assert detail.startswith("Speech in") and detail.endswith("0 dB: as loud.)")
        assert "0 dB: as loud.)" in " ".join(screen_text(made).split())  # on screen, not cut off


async def test_a_damaged_trace_count_does_not_stop_progress_saving(app):
    made = app(lab=FakeLab())
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        made.progress.section("lab")["traces"] = "lots"
        await pilot.press(*"alexa stop", "enter")
        await settle(pilot, made)
        assert made.progress.section("lab")["traces"] == 1


async def test_escape_leaves_the_field_then_the_lab_as_the_footer_says(app):
    made = app(lab=FakeLab())
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        footer = screen_text(made).splitlines()[-1]
        assert "esc Leave field" in footer and "? Help" in footer and "Map" not in footer  # ? works in the field too
        await pilot.press("escape")
        await settle(pilot, made)
        assert isinstance(screen.focused, DataTable)
        footer = screen_text(made).splitlines()[-1]
        assert "esc Map" in footer and "? Help" in footer and "Leave field" not in footer
        await pilot.press("escape")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "MapScreen"


@pytest.mark.parametrize("where", ["lab", "fool", "history"])
async def test_question_mark_opens_help_on_every_lab_screen_even_in_a_field(app, where):
    made = app(lab=FakeLab())
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        if where != "lab":
            await pilot.press("f3" if where == "fool" else "f4")
            await settle(pilot, made)
            screen = made.screen
        fields = list(screen.query(Input))
        if fields:
            fields[0].focus()
            await settle(pilot, made)
        await pilot.press("?")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "HelpScreen"
        assert all("?" not in field.value for field in fields)  # not typed into the field
        listed = screen_text(made)
        assert "Move cursor left" not in listed  # the lab's keys, not the field's editing keys
        assert {"lab": "Fool the wake word", "fool": "Run all", "history": "Delete all"}[where] in listed
        await pilot.press("escape")
        await settle(pilot, made)
        assert made.screen is screen
        if fields:
            assert screen.focused is fields[0]  # back in the field it was asked from


async def test_fool_the_wake_word_marks_what_woke_and_keeps_nothing(app):
    fake = FakeLab(woke_on=("lexus",))
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press("escape", "w")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "FoolWakeScreen"
        made.screen.query_one("#lab-wake-own", Input).focus()
        await settle(pilot, made)
        assert "esc Leave field" in screen_text(made).splitlines()[-1]
        await pilot.press(*"[bold]my own[/]", "enter", "escape", "ctrl+r")
        await settle(pilot, made)
        shown = screen_text(made)
        assert "[bold]my own[/]" in shown
        assert "a real speaker would send" in shown and "uploaded" not in shown  # nothing is kept: no "uploaded"
        assert "WOKE" in shown and "“she drove a lexus”" in shown and "nothing: it did not wake" in shown
        assert "esc Back to the lab" in shown.splitlines()[-1]
        total = len(fake.sound_alikes("alexa")) + 1
        assert f"1 of {total} sound-alikes woke the device" in shown
        assert fake.requests and not any(r.keep for r in fake.requests)  # an experiment: nothing kept
        await pilot.press("escape")
        await settle(pilot, made)
        assert type(made.screen).__name__ == "LabScreen"


async def test_recording_asks_first_then_runs_in_memory_and_k_keeps_it(app):
    fake = FakeLab(recording=(np.full(16000, 0.1, np.float32), 16000), heard="alexa set a timer for ten minutes")
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press("f5")
        await settle(pilot, made)
        assert "Record 5 s from your microphone?" in screen_text(made)
        await pilot.press("n")
        await settle(pilot, made)
        assert "Nothing was recorded" in screen_text(made) and fake.requests == []
        await pilot.press("f5")
        await settle(pilot, made)
        await pilot.press("y")
        await settle(pilot, made)
        await settle(pilot, made)
        request = fake.requests[-1]
        assert request.recording is not None and not request.keep
        assert "k keeps it in your voice history." in await shows(pilot, made, "k keeps it")
        await pilot.press("k")
        assert fake.kept and "Kept in the voice history as recording #1" in await shows(pilot, made, "Kept in")
        await pilot.press("m")  # consent is asked once per session
        await settle(pilot, made)
        assert "Record 5 s" not in screen_text(made)


async def test_no_microphone_is_one_clear_line(app):
    fake = FakeLab(record_error="No microphone could be opened on this computer (no device).")
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press("f5")
        await settle(pilot, made)
        await pilot.press("y")
        assert "No microphone could be opened on this computer" in await shows(pilot, made, "No microphone")
        assert fake.requests == []


async def test_threshold_moves_with_arrows_and_follows_the_wake_word(app):
    from explainer.tui.widgets.lab_controls import ThresholdControl
    from explainer.voice.wake import default_threshold

    made = app(lab=FakeLab())
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        control = screen.query_one(ThresholdControl)
        assert control.value == default_threshold("alexa")
        control.focus()
        await pilot.press("right")
        assert control.value > default_threshold("alexa")  # stricter
        assert screen.threshold == control.value
        await pilot.press("left", "left")
        assert control.value < default_threshold("alexa")  # looser: more sound-alikes fire
        shown = " ".join(screen_text(made).split())
        assert "Wake-word strictness 3 of 10: how sure the device must be" in shown  # said, and explained
        assert "1e-" not in shown and "strict ◂■■■□□□□□□□▸" in shown
        screen.query_one("#lab-wake").value = "echo"
        await settle(pilot, made)
        assert control.value == default_threshold("echo")
        assert "Wake word “echo”: start what you say with it. Its strictness is back to its usual: wake-word " \
               "strictness 8 of 10 (the usual)." in " ".join(screen_text(made).split())
        assert "strict ◂■■■■■■■■□□▸" in screen_text(made)  # echo's usual is stricter: 8 of 10


async def test_the_history_screen_reads_the_services_history(app):
    history = VoiceHistory(None)
    history.add(audio=None, transcript="alexa what time is it", intent="GetTime")
    made = app(lab=FakeLab(history=history))
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press("f4")
        await settle(pilot, made)
        assert "alexa what time is it" in screen_text(made)


@pytest.mark.real_lab
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
async def test_the_real_service_runs_and_keeps_the_upload(app):
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await open_lab(pilot, made)
        await pilot.press(*"alexa set a timer for ten minutes", "enter")
        for _ in range(60):
            await settle(pilot, made)
            if "Heard “" in screen_text(made):
                break
        shown = " ".join(screen_text(made).split())
        assert "→ Set a timer — 10 minutes." in shown and ": woke" in shown
        for stage in STAGES:
            assert stage in shown
        assert [entry.intent for entry in made.lab.history().list()] == ["SetTimer"]  # kept, for real


class _HeldLab(FakeLab):
    """Each run waits until the test lets it finish: typing during a run, as a quick learner does."""

    def __init__(self) -> None:
        import threading

        super().__init__()
        self.go = threading.Event()

    def run(self, request, on_stage=None):  # noqa: ANN001
        self.go.wait(10)
        return super().run(request, on_stage)


async def test_a_sentence_typed_and_entered_during_a_run_runs_next_and_keeps_every_key(app):
    """Typing twenty commands as a new user (issue 16): a sentence typed while the last run was finishing lost
    its first letters (the finished run selected the whole field, so the next key replaced what was typed), and
    enter during a run was dropped; twice in twenty the lab then said "Type a sentence first"."""
    fake = _HeldLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        field = screen.query_one("#lab-text", Input)
        await pilot.press(*"alexa one", "enter")
        await pilot.press("ctrl+u", *"alexa two", "enter")
        for _ in range(5):  # the run is held: no waiting for workers here
            await pilot.pause(0.02)
        assert "yours runs next" in " ".join(screen_text(made).split())
        await pilot.press(*"!")  # still typing when the first run ends
        fake.go.set()
        await shows(pilot, made, "alexa two")
        assert [r.text for r in fake.requests] == ["alexa one", "alexa two"]
        assert field.value == "alexa two!"  # every key kept, nothing selected over it

    fake = _HeldLab()
    made = app(lab=fake)
    async with made.run_test(size=(80, 24)) as pilot:
        screen = await open_lab(pilot, made)
        field = screen.query_one("#lab-text", Input)
        fake.go.set()
        await pilot.press(*"alexa one", "enter")
        await settle(pilot, made)
        assert field.selection == (0, len("alexa one"))  # untouched since: the next command is typed over it
        await pilot.press(*"alexa two")
        assert field.value == "alexa two"
