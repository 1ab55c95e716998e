"""The parsed-stylesheet cache (explainer.tui.css_cache): same rules, never stale, never in the way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.css import stylesheet as textual_stylesheet
from textual.css.stylesheet import StylesheetParseError

from explainer.tui.css_cache import ParsedCssStore
from explainer.tui.textual_private import CachedStylesheet
from tests.pilot import screen_text

CSS = "#map-title { height: 1; background: $panel; }\nJourneyMap > .journey-map--done { color: $success; }\n"
VARIABLES = {"panel": "#202020", "success": "#4ebf71"}


def _sheet(folder: Path | None, variables: dict[str, str] = VARIABLES, css: str = CSS) -> CachedStylesheet:
    sheet = CachedStylesheet(variables=dict(variables), store=ParsedCssStore(folder))
    sheet.add_source(css, read_from=("app.tcss", ""))
    return sheet


def _copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def _refuse_parsing(monkeypatch) -> None:
    """From now on, fail the test if Textual's CSS parser runs at all."""

    def refuse(*args, **kwargs):
        raise AssertionError("the CSS was parsed again")

    monkeypatch.setattr(textual_stylesheet, "parse", refuse)


def test_a_second_start_reads_the_rules_instead_of_parsing(tmp_path, monkeypatch):
    first = _sheet(tmp_path)
    first.parse()
    assert first.store.write_pending() == 1 and len(_copies(tmp_path)) == 1
    _refuse_parsing(monkeypatch)
    second = _sheet(tmp_path)
    second.parse()
    assert [rule.css for rule in second.rules] == [rule.css for rule in first.rules]
    assert "background: #202020" in second.css  # variables already substituted, as Textual does


def test_other_theme_variables_are_a_different_copy(tmp_path):
    sheet = _sheet(tmp_path)
    sheet.parse()
    sheet.store.write_pending()
    light = _sheet(tmp_path, {**VARIABLES, "panel": "#f0f0f0"})
    light.parse()
    assert "#F0F0F0" in light.css.upper()
    assert light.store.write_pending() == 1 and len(_copies(tmp_path)) == 2


def test_reparse_after_a_theme_change_goes_through_the_cache(tmp_path):
    sheet = _sheet(tmp_path)
    sheet.parse()
    sheet.set_variables({**VARIABLES, "success": "#00ff00"})
    sheet.reparse()
    assert "#00FF00" in sheet.css.upper()
    assert sheet.store.write_pending() == 2  # both themes kept for next time


def test_a_damaged_copy_is_parsed_again(tmp_path):
    sheet = _sheet(tmp_path)
    sheet.parse()
    sheet.store.write_pending()
    for copy in _copies(tmp_path):
        copy.write_bytes(b"not a pickle at all")
    again = _sheet(tmp_path)
    again.parse()
    assert [rule.css for rule in again.rules] == [rule.css for rule in sheet.rules]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership check")
def test_a_copy_others_could_have_written_is_not_read(tmp_path, monkeypatch):
    sheet = _sheet(tmp_path)
    sheet.parse()
    sheet.store.write_pending()
    tmp_path.chmod(0o777)  # a shared, world-writable folder: someone could have planted a pickle
    try:
        calls = []
        real_parse = textual_stylesheet.parse
        monkeypatch.setattr(textual_stylesheet, "parse", lambda *a, **k: calls.append(1) or real_parse(*a, **k))
        _sheet(tmp_path).parse()
        assert calls, "a pickle from a world-writable folder was trusted"
    finally:
        tmp_path.chmod(0o700)


def test_broken_css_is_never_stored(tmp_path):
    for _ in range(2):  # and so a second start reports it again
        sheet = _sheet(tmp_path, css="#map-title { height: banana; }")
        with pytest.raises(StylesheetParseError):
            sheet.parse()
        assert sheet.store.write_pending() == 0 and not _copies(tmp_path)


def test_memory_only_reads_and_writes_nothing(tmp_path):
    sheet = _sheet(None)
    sheet.parse()
    assert not sheet.store.has_pending and sheet.store.write_pending() == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_cache_folder_costs_only_a_parse(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        sheet = _sheet(locked / "styles")
        sheet.parse()
        assert sheet.store.write_pending() == 0
    finally:
        locked.chmod(0o700)


def test_an_unwritable_cache_folder_never_raises(tmp_path):
    blocker = tmp_path / "styles"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    sheet = _sheet(blocker)
    sheet.parse()
    assert sheet.store.write_pending() == 0


@pytest.mark.cold_cache  # the first start must write the copies itself
async def test_the_app_keeps_its_parsed_stylesheets_and_looks_the_same_next_time(app, app_config, monkeypatch):
    folder = app_config().data.css_cache_dir
    first = app()
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first_screen = screen_text(first).splitlines()
    assert _copies(folder), "nothing was kept for the next start"
    _refuse_parsing(monkeypatch)
    second = app()
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(second.screen).__name__ == "MapScreen"
        assert screen_text(second).splitlines() == first_screen


def test_where_lists_the_folder(app_config):
    paths = app_config().data
    assert ("parsed stylesheet copies (faster start)", paths.css_cache_dir) in paths.all_paths()


def test_a_textual_whose_stylesheet_changed_shape_keeps_its_own(app, monkeypatch):
    from explainer.tui import textual_private

    assert textual_private.stylesheet_fits()  # the pinned Textual: the cache is in use
    monkeypatch.setattr(textual_private, "EXPECTED_PARSE_ARGS", ("self", "source", "origin"))
    made = app()
    assert type(made.stylesheet) is textual_stylesheet.Stylesheet
    assert not made._css_store.has_pending and made._css_store.folder is None
