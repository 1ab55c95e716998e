"""The voice-history browser: every "upload" the lab made, as a real assistant's app lists
them -- time, what was heard, what was understood, and whether the sampler picked it for
human review. Play one, delete one, delete all, or let uploads older than 3 or 18 months go --
Amazon's real auto-delete periods, read from the course's facts.toml (the lesson and quiz
state the same numbers, and ``explainer check`` keeps them in step).
Deleting is real: the rows leave the SQLite file on the learner's disk (``VoiceHistory`` also
compacts it). The history comes from the app's lab service (``app.lab.history()``), which
reopens the file if it vanished while the lab ran; recordings play from memory, never from a
copy in a shared temp folder. Used by the lab's history screen and, unchanged, as station 5's
"history-browser" model. A damaged or locked file is a message, never a crash.
Example uploads (made up, so a newcomer has something to try) say "example" on every row.
What each row, the count and the detail say is ``lab_history_rows``; this is the widget.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Select, Static

from explainer.i18n import _
from explainer.tui.host import Host
from explainer.tui.sound_words import no_sound_words
from explainer.tui.widgets.lab_controls import BusyLine, fit_last_column, intent_table
from explainer.tui.widgets.lab_history_rows import (
    DAYS_PER_MONTH,
    auto_delete_months,
    count_line,
    detail_text,
    months_label,
    row_cells,
)
from explainer.tui.widgets.lab_words import Words


class HistoryBrowser(Vertical):
    """A table of uploads with play / delete / delete all / auto-delete, on the lab's voice history."""

    # Enter plays (a DataTable row selection). No plain p/n/r here: inside a lesson those turn
    # pages and read aloud, and the model must not take them away.
    BINDINGS = [
        Binding("d,delete", "delete_one", "Delete"),
        Binding("D", "delete_all", "Delete all"),
        Binding("R", "reload", "Refresh", show=False),
    ]

    app = getters.app(Host)

    class Changed(Message):
        """The learner deleted something or changed the auto-delete setting."""

    class Listed(Message):
        """The table was (re)filled; ``empty`` says whether there is anything in it."""

        def __init__(self, empty: bool) -> None:
            super().__init__()
            self.empty = empty

    def __init__(self, *, audio: bool = True, empty_hint: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.audio = audio
        self.empty_hint = empty_hint  # said after "No uploads yet" (station 5 offers examples there)
        self.history: Any = None
        self.entries: list[Any] = []
        self.player: Any = None
        self._words: Words | None = None

    @property
    def words(self) -> Words:
        """Station 4's intent words, so a row says "Set a timer — 10 minutes", not ``SetTimer``."""
        if self._words is None:
            self._words = Words(intent_table(self.app.course))
        return self._words

    def compose(self) -> ComposeResult:
        with Horizontal(classes="lab-history-bar"):
            yield Static(Text(_("Auto-delete:")), classes="lab-history-label")
            yield Select([(Text(months_label(m)), m) for m in self._choices()], allow_blank=False,
                         value=self._saved_months(), id="lab-history-days", compact=True)
        yield DataTable(id="lab-history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", classes="lab-history-detail", markup=False)
        yield BusyLine(_("Opening the voice history…"), classes="lab-history-status")

    def _choices(self) -> tuple[int, ...]:
        return auto_delete_months(self.app.course)

    def _saved_months(self) -> int:
        months = self.app.progress.section("lab").get("auto_delete_months", 0)  # the old "auto_delete_days" choices are not real: off
        return months if months in self._choices() else 0

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("time"), key="time", width=12)
        table.add_column(_("it did"), key="intent", width=20)
        table.add_column(_("review"), key="review", width=6)
        table.add_column(_("heard"), key="heard", width=30)
        table.focus()
        self.call_after_refresh(self._fit)
        self._open()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """ "it did" gets room for its words on a wide terminal ("Say how long the timer has left"), "heard" the rest."""
        table = self.query_one(DataTable)
        width = table.scrollable_content_region.width or table.size.width
        for key, column in table.columns.items():
            if str(key.value) == "intent":
                column.auto_width = False
                column.width = 34 if width >= 100 else 20
        fit_last_column(table, "heard")

    # -- loading (a worker: SQLite may wait on a lock, the sound probe may take a moment) -----
    @work(thread=True, exclusive=True, group="lab-history", exit_on_error=False)
    def _open(self, months: int | None = None) -> None:
        """Open (and auto-delete after ``months``, by default the saved choice), then list."""
        try:
            if self.history is None:
                self.history = self.app.lab.history()
            months = self._saved_months() if months is None else months
            removed = self.history.auto_delete(months * DAYS_PER_MONTH) if months else 0
            entries = self.history.list()
        except Exception as error:  # noqa: BLE001 - a broken file is a message
            self.app.call_from_thread(self._show_error, _("The voice history could not be read: {error}").format(
                error=error))
            return
        notice = self.history.notice or ""
        if removed:
            gone = _("1 recording older than {m} months was deleted.") if removed == 1 else _(
                "{n} recordings older than {m} months were deleted.")
            notice = (notice + " " + gone.format(n=removed, m=months)).strip()
        self.app.call_from_thread(self._show, entries, notice)

    def _show_error(self, message: str) -> None:
        self.query_one(BusyLine).done(message, "bold")

    def _show(self, entries: list[Any], notice: str = "") -> None:
        self.entries = entries
        table = self.query_one(DataTable)
        table.clear()
        for entry in entries:
            table.add_row(*row_cells(entry, self.words), key=str(entry.id))
        count = count_line(entries, self.empty_hint)
        self.query_one(BusyLine).done(f"{notice} {count}".strip(), "bold" if notice else "")
        self._detail()
        self.post_message(self.Listed(not entries))

    def _current(self) -> Any | None:
        table = self.query_one(DataTable)
        if not self.entries or table.row_count == 0:
            return None
        key, _column = table.coordinate_to_cell_key(Coordinate(max(table.cursor_row, 0), 0))
        return next((e for e in self.entries if str(e.id) == key.value), None)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._detail()

    def _detail(self) -> None:
        entry = self._current()
        detail = self.query_one(".lab-history-detail", Static)
        if entry is None:
            detail.update("")
            return
        detail.update(detail_text(entry, self.words))

    # -- actions -----------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_play()

    def action_play(self) -> None:
        entry = self._current()
        if entry is None or self.history is None:
            return
        if getattr(entry, "example", False):  # made up: there never was a recording to play
            self.query_one(BusyLine).done(_("This is an example: it has no recording. It stands for: “{t}”").format(
                t=entry.transcript))
            return
        self.query_one(BusyLine).busy(_("Getting the recording…"))
        self._play(entry.id, entry.transcript)

    @work(thread=True, exclusive=True, group="lab-history-play", exit_on_error=False)
    def _play(self, entry_id: int, transcript: str) -> None:
        from explainer.voice.playback import Player

        if self.player is None:
            self.player = Player(enabled=self.audio and self.app.config.audio)
        try:
            audio = self.history.audio_samples(entry_id)  # decoded in memory: no copy on disk
        except Exception as error:  # noqa: BLE001
            self.app.call_from_thread(self._show_error, str(error))
            return
        if audio is None:
            message = _("No sound is kept for this recording. It said: “{t}”").format(t=transcript)
        elif not self.player.audible:
            silent = no_sound_words(self.player.reason, served=self.app.config.served)  # no device errors
            message = silent.short + " " + _("It said: “{t}”").format(t=transcript)
        else:
            try:
                self.player.load_samples(*audio)
                self.player.play()
                message = _("Playing: “{t}”").format(t=transcript)
            except Exception as error:  # noqa: BLE001
                message = _("Could not play it ({error}). It said: “{t}”").format(error=error, t=transcript)
        self.app.call_from_thread(self.query_one(BusyLine).done, message)

    def action_delete_one(self) -> None:
        entry = self._current()
        if entry is None or self.history is None:
            return
        try:
            self.history.delete(entry.id)
        except Exception as error:  # noqa: BLE001 - a locked file: say so, keep the row
            self._show_error(_("Could not delete it: {error}").format(error=error))
            return
        self.post_message(self.Changed())
        done = _("Deleted the example “{t}” from the file.") if getattr(entry, "example", False) else _(
            "Deleted “{t}” from the file.")
        self.reload_after(done.format(t=entry.transcript))

    def action_delete_all(self) -> None:
        if self.history is None or not self.entries:
            return
        from explainer.tui.screens.lab_confirm import LabConfirmScreen

        question = (_("Delete the 1 recording from this computer? This cannot be undone.") if len(self.entries) == 1
                    else _("Delete all {n} recordings from this computer? This cannot be undone.").format(
                        n=len(self.entries)))
        self.app.push_screen(LabConfirmScreen(question), self._confirmed_delete_all)

    def _confirmed_delete_all(self, answer: bool | None) -> None:
        if not answer:
            self.query_one(BusyLine).done(_("Nothing was deleted."))
            return
        try:
            count = self.history.delete_all()
        except Exception as error:  # noqa: BLE001
            self._show_error(_("Could not delete: {error}").format(error=error))
            return
        self.post_message(self.Changed())
        self.reload_after(_("Deleted 1 recording.") if count == 1 else _("Deleted {n} recordings.").format(n=count))

    def reload_after(self, message: str) -> None:
        """Show the file's rows again, with ``message`` before the count."""
        try:
            entries = self.history.list()
        except Exception as error:  # noqa: BLE001
            self._show_error(str(error))
            return
        self._show(entries)
        self.query_one(BusyLine).done(message + " " + self.query_one(BusyLine).text)

    def action_reload(self) -> None:
        self._open()

    @on(Select.Changed, "#lab-history-days")
    def _days_changed(self, event: Select.Changed) -> None:
        event.stop()
        months = int(event.value) if isinstance(event.value, int) else 0
        if self._saved_months() != months:
            self.post_message(Host.SectionChanged("lab", "auto_delete_months", months))
            self.post_message(self.Changed())
        if self.history is not None:
            self._open(months)  # the app records the choice a moment later: do not wait for it

    def on_unmount(self) -> None:
        if self.player is not None:
            self.player.close()  # the history itself belongs to the lab service, which closes it
