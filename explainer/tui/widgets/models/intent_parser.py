"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

Station 4's model: type a command and watch it become an intent with slots, live, from the
same hassil templates (``content/intents/``) the lab's assistant uses
asked through the app's lab service (``app.lab.parse``). A command it does not know says so
and lists what it does know -- which is the point: an assistant only "understands" what someone
wrote down. A near miss shows the nearest known command, marked as the guess it is.

The field takes the focus only when the learner asks (a, enter or tab): opened from a lesson
page, the model itself has the focus, so the course keys (n, p, q...) keep working.

It parses when the typing pauses (``PAUSE_S``) or on enter, not on every key: a parse per key
kept a thread busy for each letter (27 parses for one command) and the screen fell behind the
typing. Meanwhile the last result stays, dimmed, under "Understanding …" so nothing waits
without showing why; each parse cancels the one before, so the final text's result wins.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.widgets.models import StationModel, read_model_data
from explainer.tui.widgets.models.intent_words import intent_in_words

EXAMPLE = "set a timer for ten minutes"
PAUSE_S = 0.2  # parse once the typing pauses this long (enter parses at once)


class IntentParser(StationModel, can_focus=True):
    BINDINGS = [Binding("a,enter", "type_command", "Type a command")]

    app = getters.app(Host)

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        self.content_dir = Path(course.root)
        self.words, self.notice = read_model_data(course, station)  # intents and slots in plain words
        self._shown = Text()  # the last result, dimmed while the next one is worked out

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Intent parser · a: type a command (esc: leave the field)")), classes="model-title")
        yield Input(EXAMPLE, placeholder=_("e.g. what's the weather in paris tomorrow"), id="intent-text")
        yield Static("", id="intent-result", markup=False)
        yield Static(Text(_("The same templates drive the lab's assistant. Real assistants use far larger "
                            "statistical models, but the output has the same shape: an intent and its slots.")),
                     classes="model-note")

    def on_mount(self) -> None:
        self.query_one("#intent-result", Static).update(Text(_("Loading the templates…"), style="dim"))
        self._parse(EXAMPLE, pause=0.0)

    def action_type_command(self) -> None:
        field = self.query_one("#intent-text", Input)
        field.focus()
        field.action_end()

    @on(Input.Changed, "#intent-text")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != EXAMPLE:
            self.interacted()
        if not event.value.strip():
            self._parse(event.value, pause=0.0)  # nothing to understand: says so at once
            return
        working, before = Text(_("Understanding “{t}”…").format(t=event.value) + "\n", "italic"), self._shown.copy()
        before.stylize("dim")
        self.query_one("#intent-result", Static).update(working.append_text(before))
        self._parse(event.value)

    @on(Input.Submitted, "#intent-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._parse(event.value, pause=0.0)

    @work(exclusive=True, group="intent-parse", exit_on_error=False)
    async def _parse(self, text: str, pause: float | None = None) -> None:
        """Wait for a pause in the typing (the next key cancels this), then parse in a thread."""
        if pause is None or pause > 0:
            await asyncio.sleep(PAUSE_S if pause is None else pause)
        shown = await asyncio.to_thread(self._result_for, text)
        self._show(shown, text)

    def _result_for(self, text: str) -> Text:
        try:
            view = self.app.lab.parse(text)
        except Exception as error:  # noqa: BLE001 - broken templates are a message
            return Text(_("The templates could not be read: {e}").format(e=error))
        result = view.result
        exact = result if result is not None and not result.guessed else None
        closest = (result.closest, result.distance) if result is not None and result.closest is not None else None
        known = [intent_in_words(name, {}, self.words) for name in view.known]  # what it knows, in words
        return self.render_result(text, exact, known, closest, self.words)

    @staticmethod
    def render_result(text: str, result: Any, known: list[str], closest: tuple[str, float] | None = None,
                      words: dict[str, Any] | None = None) -> Text:
        out = Text()
        if not text.strip():
            out.append(_("Type a command above."), "dim")
            return out
        if result is None:
            out.append(_("No match: none of the templates fits “{t}”.").format(t=text) + "\n", "bold")
            if closest is not None:
                out.append(_("Nearest known command ({p:.0%} of words differ): “{c}” -- the lab's assistant "
                             "might guess that, if it is sure enough of the words.").format(p=closest[1], c=closest[0])
                           + "\n")
            out.append(_("Intents it knows: ") + ", ".join(known), "dim")
            return out
        out.append(intent_in_words(result.intent, result.slots or {}, words or {}) + "\n", "bold")
        out.append(_("intent") + ": ")
        out.append(result.intent + "\n", "bold")
        if result.slots:
            for name, value in result.slots.items():
                out.append(f"  {name} = {value}\n")
        else:
            out.append("  " + _("(no slots)") + "\n", "dim")
        out.append(_("heard as") + f": “{result.text}”\n", "dim")
        if result.template:
            out.append(_("template") + f": {result.template}", "dim")
        return out

    def _show(self, text: Text, typed: str | None = None) -> None:
        field = self.query_one("#intent-text", Input)
        if typed is not None and typed != field.value:
            return  # a slower parse of an older text: the newer one will show
        if typed is None or typed.strip():
            self._shown = text  # the last real result ("Type a command above" is no result)
        self.query_one("#intent-result", Static).update(text)
