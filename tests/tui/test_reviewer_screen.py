"""The reviewer seat by keyboard at 80x24 with no sound device and no speech engine.

Pilot tests of issue 13: a whole shift with keys only, counting the keys; every Tab stop of
every seat screen is a visible widget; Enter on the feedback opens the next clip; the intent
by number or type-ahead; Esc ends an edit; clips prepared in the background."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Input

from explainer.learning.shift_draft import search
from explainer.learning.shift_flow import Step
from explainer.learning.wer import normalise
from tests.pilot import record_notices, screen_text
from tests.reviewer_fixtures import (
    flow,
    open_seat,
    seat_screen,
    start,
    tab_cycle,
    visible,
    wait_for_screen,
    wait_step,
)


async def test_every_tab_stop_of_every_seat_pane_is_visible(seat):
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seat(pilot)
        assert app.focused.id == "reviewer-start"
        assert await tab_cycle(pilot, app) == ["reviewer-optin"]
        await start(pilot, app, "o")  # with the content-note clip
        assert app.focused.id == "reviewer-player"  # focus on the next action: listen
        stops = await tab_cycle(pilot, app)
        assert stops[:4] == ["reviewer-transcript", "reviewer-intent", "reviewer-false-wake", "reviewer-escalate"]
        assert "reviewer-submit" in stops and "reviewer-pd-routines" in stops and len(stops) == 11
        await pilot.press("i")
        await pilot.pause()
        assert app.screen.id == "reviewer-intent-picker" and await tab_cycle(pilot, app) == []
        await pilot.press("escape")
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.id == "reviewer-rules-screen" and await tab_cycle(pilot, app) == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await wait_step(pilot, app, Step.FEEDBACK)
        assert app.focused.id == "reviewer-next"  # Enter goes on
        assert visible(app, app.focused)  # Next is on screen at 80x24
        assert await tab_cycle(pilot, app) == []
        while flow(app).step is not Step.GATE:
            await pilot.press("enter")
            await wait_step(pilot, app, Step.TASK, Step.GATE, Step.FEEDBACK)
        assert app.focused.id == "reviewer-gate-skip"
        assert await tab_cycle(pilot, app) == ["reviewer-gate-listen"]
        await pilot.press("k")  # skip it
        await wait_for_screen(pilot, app, "reviewer-debrief-screen")
        assert app.screen.id == "reviewer-debrief-screen"
        assert await tab_cycle(pilot, app) == []


class Keys:
    """Presses keys and counts them; typed text is counted apart (it is the transcript's work)."""

    def __init__(self, pilot) -> None:
        self.pilot, self.keys, self.typed = pilot, 0, 0

    async def press(self, *keys: str) -> None:
        self.keys += len(keys)
        await self.pilot.press(*keys)
        await self.pilot.pause()

    async def type(self, text: str) -> None:
        self.typed += len(text)
        await self.pilot.press(*[c if c != " " else "space" for c in text])


def _fewest_letters(intent: str, known: tuple[str, ...], likely: tuple[str, ...]) -> str:
    letters = ""
    for letter in intent.lower():
        letters += letter
        if search(letters, known, likely)[:1] == (intent,):
            return letters
    return letters


@pytest.mark.slow
async def test_a_whole_shift_by_keys_only_counting_the_keys(real_seat):
    """The real course, no sound card: each clip answered right with the fewest keys the seat
    needs. A false wake: one number per kind of personal data, then W (4 keys with three kinds).
    A command: e Ctrl+U <typing> Enter when the machine's guess is wrong, i and a number (or a
    few letters and Enter), the flags, Enter -- at most 8 keys plus typing with two kinds."""
    app = real_seat()
    kinds = ("names", "address", "health", "finances", "children", "routines")
    seen: list[tuple[str, int, int]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seat(pilot)
        assert app.focused.id == "reviewer-start"
        await pilot.press("enter")
        await wait_step(pilot, app, Step.TASK)
        screen = app.screen
        for _number in range(6):
            clip, prepared = screen.flow.clip, screen.flow.current_prepared()
            assert app.focused.id == "reviewer-player"  # the next action, with keys
            keys = Keys(pilot)
            flags = [str(kinds.index(kind) + 1) for kind in clip.personal]
            if clip.false_wake:  # the flags, then W: marked as a false wake and submitted
                await keys.press(*flags, "W")
            else:
                if normalise(prepared.guess.text) != normalise(clip.transcript):
                    await keys.press("e", "ctrl+u")
                    await keys.type(normalise(clip.transcript))
                    await keys.press("enter")  # ends the edit
                likely = screen.likely(prepared)
                if clip.intent in likely:
                    await keys.press("i", str(likely.index(clip.intent) + 1))
                else:
                    await keys.press("i")
                    await keys.type(_fewest_letters(clip.intent, tuple(app.course.intents), likely))
                    await keys.press("enter")
            if not clip.false_wake:
                await keys.press(*flags, "enter")
            await wait_step(pilot, app, Step.FEEDBACK)
            score = screen.flow.score
            assert score.missed == () and score.wer == 0, (clip.id, score.breaches)
            assert "No guideline missed" in screen_text(app)
            seen.append((clip.id, keys.keys, keys.typed))
            await pilot.press("enter")  # Enter on the feedback opens the next clip
            await wait_step(pilot, app, Step.TASK, Step.OWN_CHECK, Step.DEBRIEF)
        await wait_for_screen(pilot, app, "reviewer-debrief-screen")
        assert app.screen.id == "reviewer-debrief-screen"
    assert len(seen) == 6
    print("keys per clip (clip, keys, typed characters):", seen)
    for clip_id, used, typed in seen:
        clip = app.course.clip(clip_id)
        if clip.false_wake:  # one key per kind of personal data, then W: at most 4 with 3 kinds
            assert used == 1 + len(clip.personal), (clip_id, used)
            assert len(clip.personal) > 3 or used <= 4, (clip_id, used)
        else:
            assert used <= 6 + len(clip.personal), (clip_id, used, typed)
            assert len(clip.personal) > 2 or used <= 8, (clip_id, used)


async def test_markup_typed_into_the_transcript_shows_literally(seat):
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("e", "ctrl+u", *"[bold]x[/]")
        assert app.screen.query_one("#reviewer-transcript", Input).value == "[bold]x[/]"
        assert "[bold]x[/]" in screen_text(app)
        await pilot.press("enter", "enter")  # end the edit, submit
        await wait_step(pilot, app, Step.FEEDBACK)
        assert "You typed: [bold]x[/]" in screen_text(app)


async def test_esc_ends_an_edit_and_keys_then_label_again(seat):
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("e")
        assert app.focused.id == "reviewer-transcript"
        await pilot.press("w", "3")  # typed, not keys: this is a text field
        assert app.focused.value.endswith("w3") and not seat_screen(app).pane.draft.false_wake
        await pilot.press("escape")
        assert app.focused.id == "reviewer-player" and app.screen.id == "reviewer-screen"
        await pilot.press("3", "x")
        assert seat_screen(app).pane.draft.personal == {"health"} and seat_screen(app).pane.draft.escalated
        assert app.screen.query_one("#reviewer-pd-health").value  # the box shows it


async def test_intent_by_type_ahead_and_by_number(seat):
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("i", *"tim")
        await pilot.pause()
        assert "Search: tim" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert seat_screen(app).pane.draft.intent == "SetTimer" and app.focused.id == "reviewer-player"
        await pilot.press("i", "0")
        await pilot.pause()
        assert seat_screen(app).pane.draft.intent == "none"
        await pilot.press("i", "escape")
        await pilot.pause()
        assert seat_screen(app).pane.draft.intent == "none" and app.screen.id == "reviewer-screen"


async def test_false_wake_key_clears_the_transcript_and_undoes(seat):
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("e", "ctrl+u", *"hello", "enter")
        await pilot.press("w")
        field = app.screen.query_one("#reviewer-transcript", Input)
        assert field.value == "" and app.screen.query_one("#reviewer-false-wake").value
        assert "False wake: nothing to transcribe" in screen_text(app)
        await pilot.press("w")
        assert field.value == "hello"


async def test_submit_waits_for_listening_when_sound_exists(monkeypatch, seat):
    import explainer.voice.playback as playback

    monkeypatch.setattr(playback, "sound_available", lambda refresh=False: (True, "test"))
    monkeypatch.setattr(playback.Player, "audible", property(lambda self: True))
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        player = app.screen.query_one("#reviewer-player")
        player.heard = False  # a clip with audio that has not been heard
        await pilot.press("enter")
        await pilot.pause()
        assert flow(app).step is Step.TASK
        assert "Listen to the end first" in screen_text(app)
        await pilot.press("c", "enter")  # captions count as heard
        await wait_step(pilot, app, Step.FEEDBACK)


async def test_transport_keys_work_while_typing_and_a_failing_device_falls_back(seat, monkeypatch):
    app = seat()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        player = app.screen.query_one("#reviewer-player")
        player._has_audio = True  # pretend this clip had a WAV
        await pilot.press("e")
        assert app.focused.id == "reviewer-transcript"
        await pilot.press("ctrl+s")
        assert player.player.speed == 0.75
        await pilot.press("ctrl+s")
        assert player.player.speed == 1.0

        def broken(*args, **kwargs):
            raise RuntimeError("device unplugged")

        monkeypatch.setattr(player.player, "toggle", broken)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert any("device unplugged" in n for n in notices)
        assert app.focused.id == "reviewer-transcript"  # still typing where we were
        await pilot.press("escape", "s")  # and the single key, once not typing
        assert player.player.speed == 0.75


async def test_a_shift_resumes_after_quitting(seat):
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        first = flow(app).shift.clip_ids
        await pilot.press("enter")
        await wait_step(pilot, app, Step.FEEDBACK)
        await pilot.press("ctrl+q")
    again = seat()  # the same data folder: progress comes back from disk
    notices = record_notices(again)
    async with again.run_test(size=(80, 24)) as pilot:
        await open_seat(pilot)
        await wait_step(pilot, again, Step.TASK)
        shift = flow(again).shift
        assert shift.clip_ids == first and len(shift.records) == 1
        assert any("resumes at clip 2/6" in n for n in notices)


async def test_the_distress_clip_is_opt_in_and_skippable(seat):
    from explainer.tui.screens.reviewer_debrief import debrief_text

    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seat(pilot)
        assert "fallen" in screen_text(app)  # the content note is shown before opting in
        await start(pilot, app, "o")
        shift = flow(app).shift
        assert shift.clip_ids[-1] == "d-1"
        while flow(app).step is not Step.GATE:
            await pilot.press("enter")
            await wait_step(pilot, app, Step.TASK, Step.GATE, Step.FEEDBACK)
        assert "content note" in screen_text(app) and "l Listen k Skip clip" in screen_text(app)
        await pilot.press("enter")  # the focused button is "Skip it"
        await wait_for_screen(pilot, app, "reviewer-debrief-screen")
        assert shift.records["d-1"].skipped
        full = debrief_text(app.screen.debrief).plain
        assert "not Amazon's job to interfere" in full
        assert "What should a reviewer be allowed to do" in full
        await pilot.press("n")  # a new shift
        await wait_step(pilot, app, Step.INTRO)
        assert app.focused.id == "reviewer-start"


async def test_rules_key_shows_the_rulebook_with_examples(seat):
    from explainer.course.load import load_course
    from explainer.paths import packaged_content_dir
    from explainer.tui.screens.reviewer_rules import rules_text

    text = rules_text(load_course(packaged_content_dir())).plain
    assert "Mark false wakes, and type nothing" in text and "✗ reject" in text and "✓ accept" in text
    assert "[@" not in text and "(Fox8, 2019-04-11)" in text
    assert "1. Reviewer rules" not in text and "No one spoke to it? False wake, no text." in text
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.id == "reviewer-rules-screen"
        assert "no rulebook" in screen_text(app)  # the small test course has none: the short rules
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id == "reviewer-screen" and app.focused.id == "reviewer-player"


async def test_a_clip_prepared_ahead_opens_without_loading_and_a_slow_one_says_why(seat, monkeypatch):
    from explainer.learning import shift_prepare

    release = threading.Event()
    real = shift_prepare.prepare_audio

    def slow(clip, *args, **kwargs):
        release.wait(30)  # the test decides when preparing ends; no timing involved
        return real(clip, *args, **kwargs)

    monkeypatch.setattr(shift_prepare, "prepare_audio", slow)
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seat(pilot)
        await pilot.press("enter")
        await wait_step(pilot, app, Step.LOADING)
        assert "Preparing clip 1/6" in screen_text(app)
        assert not app.screen.query_one("#reviewer-progress").display  # nothing measurable: no bar
        assert app.focused is None  # nothing hidden keeps focus
        release.set()
        await wait_step(pilot, app, Step.TASK)
        await pilot.press("enter")
        await wait_step(pilot, app, Step.FEEDBACK)
        await pilot.press("enter")
        await pilot.pause()
        assert flow(app).step is Step.TASK  # prepared in the background meanwhile: no loading pane


async def test_a_second_shift_in_a_row_gets_its_clips(seat):
    """Clips prepared in the first shift are handed over again in the next one."""
    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        for _shift in range(2):
            await start(pilot, app)
            for _clip in range(6):
                await wait_step(pilot, app, Step.TASK)
                await pilot.press("enter")
                await wait_step(pilot, app, Step.FEEDBACK)
                await pilot.press("enter")
            await wait_for_screen(pilot, app, "reviewer-debrief-screen")
            await pilot.press("n")
            await wait_step(pilot, app, Step.INTRO)
            # back on the intro, the bar owns the shift just worked ("No shift yet" denied it)
            done = str(app.screen.query_one("#reviewer-shiftbar").render())
            assert done.startswith(("1 shift done", "2 shifts done")) and "No shift yet" not in done
        assert len(app.progress.section("reviewer")["history"]) == 2
        assert str(app.screen.query_one("#reviewer-shiftbar").render()).startswith("2 shifts done · Enter")


async def test_keys_right_after_e_go_to_the_transcript(seat):
    """Found in tmux: keys sent together with 'e' went to the player (the focus moved a moment
    too late), so 'e' then 'x' escalated the clip instead of typing an x."""
    from textual import events

    from explainer.tui.textual_private import send_key

    app = seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        field = app.screen.query_one("#reviewer-transcript", Input)
        field.value = "a wrong guess"
        for key in ("e", "x"):  # back to back, no pause between them
            send_key(app, events.Key(key, key))
        await pilot.pause()
        await pilot.pause()
        assert (field.value, app.focused.id) == ("a wrong guessx", "reviewer-transcript")
        assert not seat_screen(app).pane.draft.escalated
        for key, character in (("ctrl+u", None), ("o", "o"), ("k", "k")):  # clear, then type at once
            send_key(app, events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert field.value == "ok"  # Ctrl+U acted first, as it was typed


async def test_w_after_the_flags_marks_a_false_wake_and_submits(real_seat):
    """Issue 13 leftover: a false wake with three kinds of personal data in 4 keys (it took w,
    three flags, Enter: 5). W after the flags marks the false wake and submits; the screen says so."""
    app = real_seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seat(pilot)
        assert "W: a false wake, flagged and submitted at once" in " ".join(screen_text(app).split())
        await pilot.press("enter")
        await wait_step(pilot, app, Step.TASK)
        screen = app.screen
        for _number in range(6):
            clip = screen.flow.clip
            if clip.false_wake and len(clip.personal) >= 3:
                break
            await pilot.press("enter")  # a wrong answer is fine here: on to a false wake
            await wait_step(pilot, app, Step.FEEDBACK)
            await pilot.press("enter")
            await wait_step(pilot, app, Step.TASK)
        else:
            pytest.skip("no false wake with three kinds in this shift")
        assert "W: and submit" in " ".join(screen_text(app).split())
        kinds = ("names", "address", "health", "finances", "children", "routines")
        keys = [str(kinds.index(kind) + 1) for kind in clip.personal] + ["W"]
        assert len(keys) <= 4 or len(clip.personal) > 3
        await pilot.press(*keys)
        await wait_step(pilot, app, Step.FEEDBACK)
        score = screen.flow.score
        assert score.missed == () and screen.flow.answer.false_wake, (clip.id, score.breaches)
        assert screen.flow.answer.personal == frozenset(clip.personal)


async def test_the_status_line_stays_on_screen_for_every_clip(real_seat, monkeypatch):
    """The status line names the keys (now 'W: and submit' too): on every clip, idle or after w,
    its last line stays inside the task pane at 80x24, with the longest guess note there is."""
    from textual.widgets import Static

    import explainer.tui.widgets.reviewer_work as work_module
    from explainer.learning.shift_draft import TaskDraft

    monkeypatch.setattr(work_module, "guess_note", lambda _prepared: "Guess: lab recogniser (pocketsphinx 5.1.1).")
    app = real_seat()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        screen = app.screen
        work, status = screen.pane, screen.query_one("#reviewer-status", Static)
        for clip in app.course.clips:
            work.open_clip(clip, None, "1/6", TaskDraft(""), ())
            for mark in (False, True):
                work.action_false_wake() if mark else work.status()
                await pilot.pause()
                assert status.region.bottom <= status.parent.region.bottom, (clip.id, mark)
                assert status.region.bottom <= 23  # the footer is row 24
