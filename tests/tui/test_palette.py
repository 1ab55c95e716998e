"""The command palette lists the course first (every station, every quiz, results...), then Textual's own."""

from __future__ import annotations

from textual.command import CommandList


async def _palette_prompts(pilot, app) -> list[str]:
    await pilot.press("ctrl+p")
    for _ in range(5):
        await pilot.pause()
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_course_commands_come_before_system_commands(app) -> None:
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        prompts = await _palette_prompts(pilot, made)
        text = "\n".join(prompts)
        assert "Go to station: 1. The wake word" in text
        assert "Quiz: 1. The wake word" in text
        for name in ("Quiz: final", "Quiz: pre-check", "Quiz: post-check", "Results", "Reviewer seat",
                     "Voice lab", "Settings", "Go to the journey map"):
            assert name in text
        first_system = min(i for i, p in enumerate(prompts) if p.startswith(("Keys", "Quit", "Theme", "Screenshot")))
        last_course = max(i for i, p in enumerate(prompts) if p.startswith(("Go to", "Quiz:", "Settings")))
        assert last_course < first_system


async def test_station_quiz_and_results_open_from_the_palette(app) -> None:
    from explainer.tui.commands import JourneyCommands

    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = JourneyCommands(made.screen)
        hits = {hit.text: hit async for hit in provider.discover()}
        hits["Quiz: 2. The listening window"].command()
        for _ in range(4):
            await pilot.pause()
        assert made.current_mode == "quiz" and made.screen.session.quiz_id == "listening-window"
        hits["Results"].command()
        await pilot.pause()
        assert made.screen.__class__.__name__ == "ResultsScreen"
