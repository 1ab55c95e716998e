"""Pilot tests: each lessons-owned station model responds to keys and reports the first change."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from explainer.tui.widgets.models.wake_word import WakeWordExplorer
from tests.builders import make_course
from tests.pilot import open_lesson


async def open_model(pilot, app, station_id):
    screen = await open_lesson(pilot, station_id, "model")
    await pilot.pause()
    return screen


def text_of(widget) -> str:
    return str(widget.render())


async def test_wake_word_explorer_threshold_wake_word_and_typed_phrase(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "wake-word")
        explorer = screen.query_one(WakeWordExplorer)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert explorer.dictionary
        before = explorer.counts()
        assert before["false wake"] >= 1  # "Alexis"/"election" wake Alexa at the default threshold
        assert "wake-word" not in app.progress.models_tried
        for _ in range(15):
            await pilot.press("right")
        await pilot.pause()
        assert explorer.threshold > 0.9
        after = explorer.counts()
        assert after["false wake"] < before["false wake"]
        assert after["missed wake"] > before["missed wake"]
        assert "wake-word" in app.progress.models_tried
        await pilot.press("0")
        assert explorer.threshold == explorer.default_threshold
        await pilot.press("w")
        await pilot.pause()
        assert explorer.wake_word == "echo"
        assert "Echo" in text_of(screen.query_one("#wake-controls", Static))
        # type a phrase (Rich markup must show literally). The field's own words name the key
        # that opens it: "Type any phrase and press enter" on an unfocused field sent letters to
        # the course keys (QA walk).
        field = screen.query_one("#wake-input", Input)
        assert not field.has_focus and field.placeholder.startswith("a: ")
        await pilot.press("a")
        assert screen.query_one("#wake-input", Input).has_focus
        await pilot.press(*"[b]tobacco[/b]", "enter")
        await pilot.pause()
        assert screen.query_one("#wake-list", OptionList).has_focus
        assert explorer._highlighted_phrase().text == "[b]tobacco[/b]"
        assert "[b]tobacco[/b]" in text_of(screen.query_one("#wake-detail", Static))
        await pilot.press("i")
        await pilot.pause()
        assert explorer._highlighted_phrase().intended is True


async def test_listening_timeline_timeout_changes_upload(course_app):
    from explainer.tui.widgets.models.listening_timeline import ListeningTimeline

    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "listening-window")
        model = screen.query_one(ListeningTimeline)
        before = text_of(screen.query_one("#timeline-view", Static))
        assert "4.7 s" in before and "150 kB" in before
        await pilot.press("right", "right", "right")
        await pilot.pause()
        after = text_of(screen.query_one("#timeline-view", Static))
        assert model.timeout == 1.0 and "7.9 s" in after and "Someone else's words" in after
        await pilot.press("home")
        await pilot.pause()
        assert "Cut off" in text_of(screen.query_one("#timeline-view", Static))
        await pilot.press("0")
        await pilot.pause()
        assert model.timeout == 0.7
        assert "listening-window" in app.progress.models_tried
        assert "(fictional)" in text_of(screen.query_one("#timeline-metadata", Static))


async def test_sampling_calculator_typing_presets_and_bad_input(course_app):
    from explainer.tui.widgets.models.sampling import SamplingCalculator

    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "sampled-for-review")
        model = screen.query_one(SamplingCalculator)
        result = screen.query_one("#sampling-result", Static)
        assert "100,000" in text_of(result)  # 10 million users x 5 a day x 0.2%
        assert "sampled-for-review" not in app.progress.models_tried
        users = screen.query_one("#sampling-users", Input)
        assert not users.has_focus  # a field takes the focus only when asked
        await pilot.press("a")
        assert users.has_focus
        users.value = ""
        await pilot.press(*"[red]lots")
        await pilot.pause()
        assert "Type a number" in text_of(result) and "[red]lots" in text_of(result)
        assert "100,000" in text_of(result)  # the last good numbers stay
        users.value = ""
        await pilot.press(*"20 million")
        await pilot.pause()
        assert model.values["users"] == 20e6 and "200,000" in text_of(result)
        assert "sampled-for-review" in app.progress.models_tried
        presets = screen.query_one("#sampling-presets", OptionList)
        presets.focus()
        await pilot.press("down", "down", "enter")  # Apple, under 1%
        await pilot.pause()
        assert model.values["rate"] == 0.01 and "1.0 million" in text_of(result)


async def test_disclosures_timeline_moves_reveals_and_filters(course_app):
    from explainer.tui.widgets.models.disclosures import DisclosuresTimeline

    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "the-2019-disclosures")
        model = screen.query_one(DisclosuresTimeline)
        card = screen.query_one("#disclosures-card", Static)
        assert len(model.all_events) >= 15
        assert model.current.date == "2019-04-10" and "Bloomberg" in text_of(card)
        assert "What changed" not in text_of(card)
        await pilot.press("enter")
        await pilot.pause()
        assert "What changed" in text_of(card) and "extremely small sample" in text_of(card)
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert model.current.company == "Google" and "VRT NWS" in text_of(card)
        await pilot.press("c")  # filter: Amazon only (first company after "all")
        await pilot.pause()
        assert {e.company for e in model.events} == {"Amazon"}
        await pilot.press("end")
        await pilot.pause()
        assert model.current.date.startswith("2025")
        assert "the-2019-disclosures" in app.progress.models_tried


async def test_reviewer_brief_cards_and_start_shift(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "reviewer-seat")
        detail = screen.query_one("#brief-detail", Static)
        assert "transcribed" in text_of(detail)
        await pilot.press("space")
        await pilot.pause()
        assert "deliberate or accidental" in text_of(detail)  # moved on to the next card
        assert "reviewer-seat" in app.progress.models_tried
        await pilot.press("o")
        await pilot.pause()
        assert app.current_mode == "reviewer"


async def test_controls_checklist_ticks_persist_and_save_markdown(course_app, tmp_path):
    from explainer.paths import data_paths

    app = course_app(data=data_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "your-controls")
        items = screen.query_one("#checklist-items", OptionList)
        await pilot.press("space", "down", "down", "enter")
        await pilot.pause()
        assert app.progress.section("checklist")["ticked"] == ["dont-save", "review-history"]
        assert "your-controls" in app.progress.models_tried
        assert "[x]" in str(items.get_option_at_index(0).prompt)
        await pilot.press("w")
        await pilot.pause()
        saved = (tmp_path / "my-voice-assistant-checklist.md").read_text(encoding="utf-8")
        assert "- [x] **Review my voice history" in saved and "- [ ] **Turn on automatic deletion**" in saved
        await pilot.press("q")
        await pilot.pause()
        await open_lesson(pilot, "wake-word")  # another station, so the checklist is built afresh
        screen = await open_model(pilot, app, "your-controls")  # ticks come back from progress
        items = screen.query_one("#checklist-items", OptionList)
        assert "[x]" in str(items.get_option_at_index(2).prompt)
        await pilot.pause()
        assert items.has_focus


async def test_controls_checklist_read_only_folder_gives_a_message(course_app, tmp_path, monkeypatch):
    from explainer.paths import data_paths

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    app = course_app(data=data_paths(blocked))
    messages = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "your-controls")
        from explainer.tui.widgets.models.controls_checklist import ControlsChecklist

        model = screen.query_one(ControlsChecklist)
        monkeypatch.setattr(model, "notify", lambda message, **kw: messages.append(message))
        await pilot.press("w")
        await pilot.pause()
        assert messages and messages[0].startswith("Could not save the checklist")


async def test_listening_timeline_metadata_rows_say_who_reported_them(course_app):
    app = course_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_model(pilot, app, "listening-window")
        metadata = screen.query_one("#timeline-metadata", Static)
        assert "first name" in text_of(metadata)
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        assert "coordinates" in text_of(metadata) and "▶ Location" in text_of(metadata)


async def test_every_model_survives_a_broken_model_toml(course_app, tmp_path):
    """A teacher's typo in model.toml gives a message on screen, never a crash."""
    models = ("wake-word", "listening-window", "sampled-for-review", "reviewer-seat", "the-2019-disclosures",
              "your-controls")  # the stations whose models read a model.toml
    course = make_course(root=str(tmp_path))
    for station in course.stations:
        (tmp_path / station.folder).mkdir(parents=True)
        (tmp_path / station.folder / "model.toml").write_text("this is [not toml", encoding="utf-8")
    app = course_app(course)
    async with app.run_test(size=(80, 24)) as pilot:
        for station_id in models:
            screen = await open_model(pilot, app, station_id)
            await app.workers.wait_for_complete()
            await pilot.pause()
            model = screen.query_one(".station-model")
            assert model.notice and "could not be read" in model.notice
            shown = " ".join(text_of(w) for w in model.query(Static))
            assert "could not be read" in shown, station_id
            await pilot.press("space", "down", "enter")  # keys still do no harm
            await pilot.pause()
            assert app.screen is screen
