"""TUI side built by the LAB-UI helper on LAB-CORE's pipeline API.

Station 4's model: type a command and watch it become an intent with slots, live, from the
same hassil templates (``content/intents/``) the lab's assistant uses
asked through the app's lab service (``app.lab.parse``). A command it does not know says so
and lists what it does know -- which is the point: an assistant only "understands" what someone
wrote down. A near miss shows the nearest known command, marked as the guess it is.

The field takes the focus only when the learner asks (a, enter or tab): opened from a lesson
page, the model itself has the focus, so the course keys (n, p, q...) keep working.
"""

from __future__ import annotations

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


class IntentParser(StationModel, can_focus=True):
    BINDINGS = [Binding("a,enter", "type_command", "Type a command")]

    app = getters.app(Host)

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        self.content_dir = Path(course.root)
        self.words, self.notice = read_model_data(course, station)  # intents and slots in plain words

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Intent parser · a: type a command (esc: leave the field)")), classes="model-title")
        yield Input(EXAMPLE, placeholder=_("e.g. what's the weather in paris tomorrow"), id="intent-text")
        yield Static("", id="intent-result", markup=False)
        yield Static(Text(_("The same templates drive the lab's assistant. Real assistants use far larger "
                            "statistical models, but the output has the same shape: an intent and its slots.")),
                     classes="model-note")

    def on_mount(self) -> None:
        self.query_one("#intent-result", Static).update(Text(_("Loading the templates…"), style="dim"))
        self._parse(EXAMPLE)

    def action_type_command(self) -> None:
        field = self.query_one("#intent-text", Input)
        field.focus()
        field.action_end()

    @on(Input.Changed, "#intent-text")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != EXAMPLE:
            self.interacted()
        self._parse(event.value)

    @on(Input.Submitted, "#intent-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()

    @work(thread=True, exclusive=True, group="intent-parse", exit_on_error=False)
    def _parse(self, text: str) -> None:
        try:
            view = self.app.lab.parse(text)
        except Exception as error:  # noqa: BLE001 - broken templates are a message
            self.app.call_from_thread(self._show, Text(_("The templates could not be read: {e}").format(e=error)), text)
            return
        result = view.result
        exact = result if result is not None and not result.guessed else None
        closest = (result.closest, result.distance) if result is not None and result.closest is not None else None
        known = [intent_in_words(name, {}, self.words) for name in view.known]  # what it knows, in words
        shown = self.render_result(text, exact, known, closest, self.words)
        self.app.call_from_thread(self._show, shown, text)

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
        self.query_one("#intent-result", Static).update(text)
