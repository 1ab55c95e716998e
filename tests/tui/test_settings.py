"""High contrast is one control (the switch); old settings files that chose it as a theme migrate (QA S20)."""

from __future__ import annotations

import json

from textual.widgets import Select, Switch

from explainer.learning.settings import Settings, SettingsStore


def test_an_old_high_contrast_theme_becomes_the_switch(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"format": "whos-listening/settings", "version": 1, "theme": "high-contrast",
                                "narration": True, "reduced_motion": False, "high_contrast": False}))
    loaded = SettingsStore(path).load()
    assert loaded.notice is None
    assert loaded.settings.high_contrast is True and loaded.settings.theme == "textual-dark"
    assert loaded.settings.narration is True and loaded.settings.effective_theme == "high-contrast"


def test_other_old_files_are_unchanged(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"format": "whos-listening/settings", "version": 1, "theme": "nord"}))
    assert SettingsStore(path).load().settings == Settings(theme="nord")


async def test_the_theme_list_has_no_high_contrast_and_yields_to_the_switch(app) -> None:
    made = app()
    async with made.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        made.action_settings()
        await pilot.pause()
        select = made.screen.query_one("#setting-theme", Select)
        values = [value for _prompt, value in select._options]
        assert "high-contrast" not in values and "nord" in values
        prompts = {value: str(prompt) for prompt, value in select._options}
        assert prompts["rose-pine-moon"] == "Rosé Pine Moon" and prompts["textual-dark"] == "Dark (the default)"
        assert not any("-" in prompt for prompt in prompts.values())  # names, not ids
        assert not select.disabled
        made.screen.query_one("#setting-high-contrast", Switch).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert made.theme == "high-contrast" and made.settings.high_contrast
        assert select.disabled
        await pilot.press("enter")
        await pilot.pause()
        assert made.theme == made.settings.theme and not select.disabled
