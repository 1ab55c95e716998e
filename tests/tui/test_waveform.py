"""The waveform strip: envelope in blocks, mark letters, a playhead, and a click that seeks."""

from __future__ import annotations

from textual.app import App, ComposeResult

from explainer.tui.widgets.waveform import Waveform, fit


class StripApp(App):
    def __init__(self, rows: int = 2) -> None:
        super().__init__()
        self.rows = rows
        self.seeks: list[float] = []

    def compose(self) -> ComposeResult:
        envelope = [0.0] * 20 + [1.0] * 20 + [0.5] * 20
        yield Waveform(envelope, 6.0, marks={"pre-roll": 0.0, "wake": 2.0, "end": 5.9}, rows=self.rows)

    def on_waveform_seeked(self, message: Waveform.Seeked) -> None:
        self.seeks.append(message.seconds)


def test_fit_takes_slice_peaks() -> None:
    assert fit([0.1, 0.9, 0.2, 0.3], 2) == [0.9, 0.3]
    assert fit([], 3) == [0.0, 0.0, 0.0]
    assert len(fit([0.5], 7)) == 7


async def test_strip_draws_envelope_marks_and_playhead() -> None:
    app = StripApp()
    async with app.run_test(size=(60, 10)) as pilot:
        strip = app.query_one(Waveform)
        lines = strip.render().plain.split("\n")
        assert strip.size.height == 3 and len(lines) == 3
        assert lines[1][:20].strip() == "" and set(lines[1][20:40]) == {"█"}
        assert lines[2][0] == "P" and lines[2][20] == "W" and lines[2][59] == "E"
        strip.playhead = 3.0
        await pilot.pause()
        assert strip.render().plain.split("\n")[2][30] == "▲"
        assert "wake word 2.0 s" in strip.describe() and "playhead 3.0 of 6.0 s" in strip.describe()
        await pilot.click(Waveform, offset=(45, 0))
        await pilot.pause()
        assert app.seeks and abs(app.seeks[0] - 4.5) < 0.01


async def test_one_row_without_labels() -> None:
    app = StripApp(rows=1)
    async with app.run_test(size=(40, 6)) as pilot:
        strip = app.query_one(Waveform)
        strip.show_labels = False
        strip.show([0.2, 0.4], 1.0)
        await pilot.pause()
        assert strip.size.height == 1
        assert strip.render().plain.count("\n") == 0
        assert strip.marks == {} and strip.playhead is None


class HeldStripApp(StripApp):
    """The strip given fewer lines than it asks for, as on the lab screen at 80x24 with a long status."""

    def __init__(self, rows: int, height: int) -> None:
        super().__init__(rows)
        self.held = height

    def on_mount(self) -> None:
        self.query_one(Waveform).styles.height = self.held


async def test_a_strip_held_short_gives_up_blocks_then_puts_its_letters_on_the_wave() -> None:
    app = HeldStripApp(rows=2, height=2)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        lines = app.query_one(Waveform).render().plain.split("\n")
        assert len(lines) == 2  # one row of blocks, the letters' row kept
        assert set(lines[0][20:40]) == {"█"} and lines[1][0] == "P" and lines[1][20] == "W"
    app = HeldStripApp(rows=1, height=1)
    async with app.run_test(size=(60, 10)) as pilot:
        strip = app.query_one(Waveform)
        strip.playhead = 3.0
        await pilot.pause()
        line = strip.render().plain
        assert "\n" not in line
        assert line[0] == "P" and line[20] == "W" and line[59] == "E"  # on the wave itself
        assert set(line[21:40]) == {"█"} and line[:20].replace("P", "").strip() == ""  # the rest is still the wave
