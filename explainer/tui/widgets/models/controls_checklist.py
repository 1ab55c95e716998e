"""Station 9's model: a personal checklist of what the learner will actually do.

Knowing about controls changes little; deciding to use them might. The learner ticks the
controls they will use (space/enter), reads for each what it does and what it did NOT
promise, and can save the list as a Markdown file in their data folder (w) or copy it (y)
to print or share. Ticks are kept in progress (section "checklist") so they survive a restart.
Items and sources live in the station's model.toml.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Self

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.widgets.models import StationModel, read_model_data

FILE_NAME = "my-voice-assistant-checklist.md"


def checklist_markdown(items: list[dict], ticked: set[str], course: Course, today: date | None = None) -> str:
    """The checklist as Markdown: ticked items first, each with how, caveat and sources."""
    lines = [f"# {_('My voice assistant checklist')}", "", f"_{(today or date.today()).isoformat()}_", ""]
    for heading, chosen in ((_("I will"), True), (_("Not for now"), False)):
        group = [item for item in items if (item["id"] in ticked) == chosen]
        if not group:
            continue
        lines += [f"## {heading}", ""]
        for item in group:
            lines.append(f"- [{'x' if chosen else ' '}] **{item['text']}**")
            lines.append(f"  - {_('How')}: {item.get('how', '')}")
            if item.get("caveat"):
                lines.append(f"  - {_('But')}: {item['caveat']}")
            for source_id in item.get("sources", []):
                source = course.sources.get(source_id)
                if source is not None:
                    lines.append(f"  - {_('Source')}: {source.publisher}, \"{source.title}\" ({source.date}) <{source.url}>")
        lines.append("")
    lines.append(_("Made with Who's Listening? -- everything stayed on this computer."))
    return "\n".join(lines) + "\n"


class ControlsChecklist(StationModel):
    BINDINGS = [
        Binding("space", "tick", "Tick/untick"),
        Binding("w", "write_file", "Save as file"),
        Binding("y", "copy", "Copy"),
    ]

    app = getters.app(Host)

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        data, self.notice = read_model_data(course, station)
        self.items = [i for i in data.get("items", []) if isinstance(i, dict) and i.get("id") and i.get("text")]
        self.ticked: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static(Text(_("What will you do? space/enter: tick · w: save as a file · y: copy")), classes="model-title")
        yield OptionList(id="checklist-items")
        yield Static("", id="checklist-detail", markup=False)

    def on_mount(self) -> None:
        saved = self.app.progress.section("checklist").get("ticked", [])
        self.ticked = {i for i in saved if isinstance(i, str)}
        if self.notice and not self.items:
            self.query_one("#checklist-detail", Static).update(Text(self.notice))
        self.refresh_items()

    def focus(self, scroll_visible: bool = True) -> Self:
        for target in self.query("#checklist-items"):
            target.focus(scroll_visible)
        return self

    def refresh_items(self) -> None:
        options = self.query_one("#checklist-items", OptionList)
        keep = options.highlighted if options.highlighted is not None else 0
        options.set_options([
            Option(Text(f"[{'x' if item['id'] in self.ticked else ' '}] {item['text']}"), id=item["id"])
            for item in self.items
        ])
        if self.items:
            options.highlighted = min(keep, len(self.items) - 1)
        self._show_detail()

    def _current(self) -> dict | None:
        index = self.query_one("#checklist-items", OptionList).highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def _show_detail(self) -> None:
        item = self._current()
        if item is None:
            return
        text = Text()
        text.append(_("How") + ": ", "bold")
        text.append(item.get("how", "") + "\n")
        if item.get("caveat"):
            text.append(_("But") + ": ", "bold")
            text.append(item["caveat"] + "\n")
        cited = [self.course.sources[s] for s in item.get("sources", []) if s in self.course.sources]
        if cited:
            text.append("; ".join(f"{s.publisher} ({s.date})" for s in cited), "dim")
        self.query_one("#checklist-detail", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_tick()

    def action_tick(self) -> None:
        item = self._current()
        if item is None:
            return
        self.ticked ^= {item["id"]}
        self.interacted()
        self.post_message(Host.SectionChanged("checklist", "ticked", sorted(self.ticked)))
        self.refresh_items()

    def markdown(self) -> str:
        return checklist_markdown(self.items, self.ticked, self.course)

    def target_path(self) -> Path | None:
        config = self.app.config
        if config.memory_only:
            return None
        return config.data.checklist_md

    def action_write_file(self) -> None:
        path = self.target_path()
        if path is None:
            self.notify(_("This session keeps nothing on disk; press y to copy the list instead."), timeout=6)
            return
        try:
            from explainer.learning.storage import write_text_atomic

            write_text_atomic(path, self.markdown())  # private, and no temp file left on a full disk
        except OSError as error:
            from explainer.learning.storage import describe_os_error

            self.notify(_("Could not save the checklist: ") + describe_os_error(error, path.parent),
                        severity="error", timeout=8, markup=False)
            return
        self.interacted()
        self.notify(_("Saved to ") + str(path) + _(" -- open it in any editor to print it."),
                    timeout=10, markup=False)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.markdown())
        self.notify(_("Checklist copied (where your terminal allows copying)."), timeout=5)
