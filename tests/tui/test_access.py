"""Access for everyone: readable without colour (NO_COLOR) and in high contrast, every listed
key does something real, and nothing hurries the learner.

Readability is checked on what Textual really draws (the compositor's strips, after its colour
filters): no text whose foreground and background are (nearly) the same brightness.
"""

from __future__ import annotations

import dataclasses

import pytest
from textual.actions import parse

from explainer.learning.settings import Settings
from explainer.tui.screens.help import HelpScreen, binding_rows
from tests.pilot import screen_lines

SIZE = (80, 24)
MIN_LUMINANCE_GAP = 0.15  # on a 0..1 scale; black on black is 0


def _luminance(colour) -> float:
    r, g, b = colour.get_truecolor()
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def unreadable(app) -> list[str]:
    """Text segments (with letters or digits) whose colours are too close to tell apart."""
    found = []
    for y, strip in enumerate(screen_lines(app)):
        for segment in strip:
            text, style = segment.text, segment.style
            if style is None or not any(ch.isalnum() for ch in text):
                continue
            fg, bg = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
            if fg is None or bg is None or fg.is_default or bg.is_default:
                continue
            if abs(_luminance(fg) - _luminance(bg)) < MIN_LUMINANCE_GAP:
                found.append(f"row {y}: {text.strip()[:40]!r} {fg.get_truecolor()} on {bg.get_truecolor()}")
    return found


@pytest.fixture
def quiet(monkeypatch):
    import explainer.voice.playback as playback
    import explainer.voice.speech as speech

    monkeypatch.setattr(playback, "sound_available", lambda refresh=False: (False, "no sound device (test)"))
    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (False, "no speech engine (test)"))


async def settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


async def walk_main_screens(app, pilot):
    """Yield (name) after showing map, a lesson page, a quiz question and the reviewer seat."""
    await settle(pilot)
    yield "map"
    app.open_station("wake-word")
    await settle(pilot)
    yield "lesson"
    app.open_quiz("wake-word")
    await settle(pilot)
    yield "quiz"
    app.open_reviewer()
    await settle(pilot)
    yield "reviewer intro"
    app.screen.query_one("#reviewer-start").focus()
    await pilot.press("enter")
    for _ in range(200):  # the clip is prepared in a thread
        await pilot.pause(0.02)
        if app.screen.query_one("#reviewer-panes").current in ("reviewer-work", "reviewer-gate"):
            break
    assert app.screen.query_one("#reviewer-panes").current in ("reviewer-work", "reviewer-gate")
    yield "reviewer seat"


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default-theme", "high-contrast"])
async def test_no_color_leaves_every_main_screen_readable(app, monkeypatch, quiet, high_contrast) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    made = app(audio=True)
    assert made.no_color, "Textual reads NO_COLOR when the app is built"
    made.settings = dataclasses.replace(made.settings, high_contrast=high_contrast)
    problems = {}
    async with made.run_test(size=SIZE) as pilot:
        made.apply_settings(made.settings, save=False)
        async for name in walk_main_screens(made, pilot):
            problems[name] = unreadable(made)
            for _y, strip in enumerate(screen_lines(made)):
                for segment in strip:  # NO_COLOR: only greys are left
                    colour = segment.style.color if segment.style else None
                    if colour is not None and not colour.is_default:
                        r, g, b = colour.get_truecolor()
                        assert r == g == b, f"{name}: colour {colour} survived NO_COLOR"
    assert problems == {name: [] for name in problems}


async def test_high_contrast_theme_is_readable_in_colour(app, quiet) -> None:
    made = app(audio=True)
    async with made.run_test(size=SIZE) as pilot:
        made.apply_settings(Settings(high_contrast=True), save=False)
        problems = {}
        async for name in walk_main_screens(made, pilot):
            assert made.theme == made.settings.effective_theme
            problems[name] = unreadable(made)
    assert problems == {name: [] for name in problems}


def _action_exists(node, action: str, app) -> bool:
    target_name, name, _args = parse(action)
    namespace, _, name = name.rpartition(".") if "." in name else ("", "", name)
    target = {"app": app, "screen": app.screen}.get(namespace or target_name, node)
    return callable(getattr(target, f"action_{name}", None)) or callable(getattr(target, f"_action_{name}", None))


async def test_every_key_listed_in_help_does_something(app, quiet) -> None:
    """Walk each mode, open its help, and check every listed binding names a real action."""
    made = app(audio=True)
    checked = 0
    async with made.run_test(size=SIZE) as pilot:
        async for name in walk_main_screens(made, pilot):
            screen = made.screen
            for key, active in screen.active_bindings.items():
                if active.binding.description:
                    assert _action_exists(active.node, active.binding.action, made), (
                        f"{name}: key {key} ({active.binding.description}) -> no action {active.binding.action!r}")
                    checked += 1
            rows = binding_rows(screen, made)
            assert rows, f"{name}: the help screen would be empty"
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(made.screen, HelpScreen), name
            await pilot.press("escape")
            await settle(pilot)
            assert made.screen is screen, f"{name}: Esc must close help and return"
            for button in screen.query("Button, ActionButton"):
                assert button.can_focus, f"{name}: button {button.id} cannot be reached with Tab"
    assert checked > 20


async def test_nothing_hurries_the_learner(app, quiet) -> None:
    """Outside kiosk mode there is no idle reset, and a quiz question waits as long as it takes."""
    made = app()
    async with made.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not hasattr(made, "idle_policy")
        made.open_quiz("wake-word")
        await settle(pilot)
        screen = made.screen
        question = screen.session.current
        timers = [t for node in [screen, *screen.walk_children()] for t in getattr(node, "_timers", ())]
        assert not [t for t in timers if t.name and "quiz" in t.name.lower()]
        for _ in range(20):
            await pilot.pause(0.01)
        assert screen.session.current is question and not screen.session.done
