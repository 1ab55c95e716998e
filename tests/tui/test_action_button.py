"""The map's light button (explainer.tui.widgets.action_button): pressed by Enter, Space or a click."""

from __future__ import annotations

from textual.app import App, ComposeResult

from explainer.tui.widgets.action_button import ActionButton


class TwoButtons(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield ActionButton("Start [bold]here[/]", id="start", primary=True)
        yield ActionButton("Other", id="other")

    def on_action_button_pressed(self, event: ActionButton.Pressed) -> None:
        self.pressed.append(event.button.id or "")


async def test_enter_space_and_a_click_press_it() -> None:
    app = TwoButtons()
    async with app.run_test(size=(40, 6)) as pilot:
        app.query_one("#start").focus()
        await pilot.press("enter")
        await pilot.press("space")
        await pilot.click("#other")
        await pilot.pause()
        assert app.pressed == ["start", "start", "other"]
        assert app.focused is app.query_one("#other")  # a click also moves the focus


async def test_the_label_is_literal_and_can_change() -> None:
    app = TwoButtons()
    async with app.run_test(size=(40, 6)) as pilot:
        start = app.query_one("#start", ActionButton)
        assert start.label == "Start [bold]here[/]"  # markup typed into content shows as typed
        start.label = "Continue"
        await pilot.pause()
        assert start.label == "Continue" and "Continue" in str(start.render())


async def test_focus_is_visible() -> None:
    app = TwoButtons()
    async with app.run_test(size=(40, 6)) as pilot:
        other = app.query_one("#other", ActionButton)
        app.query_one("#start").focus()
        await pilot.pause()
        blurred = other.rich_style
        other.focus()
        await pilot.pause()
        assert other.rich_style.bgcolor != blurred.bgcolor
