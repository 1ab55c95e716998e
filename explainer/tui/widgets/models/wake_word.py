"""Station 1's model: move a wake-word threshold and watch ordinary words start to wake the device.

The lesson is the trade-off openWakeWord users keep rediscovering: a lenient threshold wakes
on "election" and "Alexis" (false wakes -- each one a recording a reviewer may hear), a strict
one ignores "Lexa, stop" said in a hurry (missed wakes). Scores are computed with real
pronunciations (``explainer.voice.phonetics``); the phrase list with its sources lives in the
station's model.toml. The learner can type their own phrases too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from explainer.course.model import Course, Station
from explainer.i18n import _
from explainer.tui.widgets.models import StationModel, read_model_data
from explainer.voice import phonetics

THRESHOLD_STEP = 0.01


@dataclass(frozen=True)
class Phrase:
    text: str
    kind: str  # "trigger" | "command" | "everyday" | "yours"
    wake: str = ""  # wake word it addresses (command) or reportedly triggered (trigger)
    sources: tuple[str, ...] = ()
    note: str = ""
    intended: bool | None = None  # typed phrases: None = decide from the words

    def meant_to_wake(self, wake_word: str) -> bool:
        if self.intended is not None:
            return self.intended
        if self.kind == "command":
            return self.wake == wake_word
        if self.kind == "yours":
            return phonetics.addresses(self.text, wake_word)
        return False


def phrases_from(data: dict) -> list[Phrase]:
    result = []
    for entry in data.get("phrases", []):
        if isinstance(entry, dict) and isinstance(entry.get("text"), str):
            result.append(Phrase(
                entry["text"], str(entry.get("kind", "everyday")), str(entry.get("wake", "")),
                tuple(entry.get("sources", ())), str(entry.get("note", "")),
            ))
    return result


class WakeWordExplorer(StationModel, can_focus=False):
    COMPONENT_CLASSES = {"wake-word--wake", "wake-word--false", "wake-word--missed", "wake-word--ignored"}
    BINDINGS = [
        Binding("left", "threshold(-1)", "Threshold −", show=False),
        Binding("right", "threshold(1)", "Threshold +/−"),
        Binding("w", "wake_word(1)", "Wake word"),
        Binding("W", "wake_word(-1)", "Previous wake word", show=False),
        Binding("a,slash", "type_phrase", "Type a phrase"),
        Binding("i", "toggle_intended", "Meant it?"),
        Binding("x,delete", "remove_phrase", "Remove", show=False),
        Binding("0", "reset", "Reset", show=False),
    ]

    def __init__(self, station: Station, course: Course, **kwargs: Any) -> None:
        super().__init__(station, course, **kwargs)
        data, self.notice = read_model_data(course, station)
        self.phrases = phrases_from(data)
        words = [w for w in data.get("wake_words", []) if isinstance(w, str)] or list(phonetics.WAKE_WORDS)
        self.wake_words = words
        self.wake_index = 0
        self.default_threshold = float(data.get("default_threshold", 0.8))
        self.threshold = self.default_threshold
        self.dictionary: phonetics.Pronunciations | None = None
        self._scores: dict[tuple[str, str], phonetics.Match] = {}

    @property
    def wake_word(self) -> str:
        return self.wake_words[self.wake_index]

    def compose(self) -> ComposeResult:
        yield Static("", id="wake-controls", markup=False)
        yield Input(placeholder=_("a: type any phrase, then enter (escape: back to the list)"), id="wake-input")
        yield OptionList(id="wake-list")
        yield Static("", id="wake-detail", markup=False)
        yield Static("", id="wake-counts", markup=False)
        yield Static(Text(_(
            "Each false wake sends audio to the cloud. Real detectors score sound frame by frame "
            "with acoustic models; this compares dictionary pronunciations, as Schönherr et al. did."
        )), id="wake-note")

    def on_mount(self) -> None:
        self.query_one("#wake-controls", Static).update(Text(_("Loading the pronouncing dictionary…")))
        self.load_dictionary()

    def focus(self, scroll_visible: bool = True) -> Self:
        for target in self.query("#wake-list"):
            target.focus(scroll_visible)
        return self

    @work(thread=True, exclusive=True, group="wake-dictionary")
    def load_dictionary(self) -> None:
        dictionary = phonetics.load_dictionary()
        self.app.call_from_thread(self._dictionary_ready, dictionary)

    def _dictionary_ready(self, dictionary: phonetics.Pronunciations) -> None:
        self.dictionary = dictionary
        self.refresh_view()

    # -- scoring and drawing --------------------------------------------------------------
    def match(self, phrase: Phrase) -> phonetics.Match:
        key = (phrase.text, self.wake_word)
        if key not in self._scores:
            wake_text = phonetics.WAKE_WORDS.get(self.wake_word, self.wake_word)
            self._scores[key] = phonetics.similarity(phrase.text, wake_text, self.dictionary or {})
        return self._scores[key]

    def verdicts(self) -> list[tuple[Phrase, phonetics.Verdict]]:
        rows = []
        for phrase in self.phrases:
            m = self.match(phrase)
            rows.append((phrase, phonetics.Verdict(phrase.text, phrase.meant_to_wake(self.wake_word), m,
                                                   m.score >= self.threshold - 1e-9)))
        rows.sort(key=lambda row: -row[1].match.score)
        return rows

    def counts(self) -> dict[str, int]:
        return phonetics.count_outcomes([v for _p, v in self.verdicts()])

    def _label(self, phrase: Phrase, verdict: phonetics.Verdict) -> Text:
        styles = {
            "wake": "wake-word--wake", "false wake": "wake-word--false",
            "missed wake": "wake-word--missed", "ignored": "wake-word--ignored",
        }
        style = self.get_component_rich_style(styles[verdict.outcome])
        filled = round(verdict.match.score * 8)
        label = Text(f"{verdict.match.score:4.2f} ")
        label.append("█" * filled + "·" * (8 - filled), style)
        label.append(f" {_(verdict.outcome):<11} ", style)
        text = phrase.text if len(phrase.text) <= 34 else phrase.text[:33] + "…"
        label.append(text)
        name = phonetics.WAKE_WORDS.get(phrase.wake, phrase.wake)
        tag = {"trigger": _("reported: {w}"), "command": _("to {w}"), "yours": _("yours")}.get(phrase.kind, "")
        if phrase.kind == "yours":
            tag += " · " + (_("meant it") if verdict.intended else _("not meant"))
        if tag:
            label.append(" (" + tag.format(w=name) + ")", "dim")
        label.no_wrap = True
        label.overflow = "ellipsis"
        return label

    def refresh_view(self) -> None:
        if self.dictionary is None:
            return
        name = phonetics.WAKE_WORDS.get(self.wake_word, self.wake_word)
        controls = Text()
        controls.append(_("Wake word") + f": ◀ {name} ▶ (w)  ", "bold")
        controls.append(_("Threshold") + f": {self.threshold:.2f}  ")
        controls.append(_("← wakes more easily · → stricter"), "dim")
        self.query_one("#wake-controls", Static).update(controls)
        options = self.query_one("#wake-list", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        rows = self.verdicts()
        new_options: list[Option | None] = []
        placed = False
        for phrase, verdict in rows:
            if not placed and verdict.match.score < self.threshold:
                new_options.append(Option(Text(f"── {_('threshold')} {self.threshold:.2f} ── " +
                                               _("above wakes the device, below is ignored")),
                                          disabled=True))
                placed = True
            new_options.append(Option(self._label(phrase, verdict), id=f"p{self.phrases.index(phrase)}"))
        options.set_options(new_options)
        ids = [o.id for o in new_options if o is not None and o.id]
        target = keep if keep in ids else (ids[0] if ids else None)
        if target:
            options.highlighted = options.get_option_index(target)
        counts = phonetics.count_outcomes([v for _p, v in rows])
        summary = Text()
        summary.append(f"{_('Woken on purpose')}: {counts['wake']}   ", self.get_component_rich_style("wake-word--wake"))
        summary.append(f"{_('False wakes')}: {counts['false wake']}   ", self.get_component_rich_style("wake-word--false"))
        summary.append(f"{_('Missed wakes')}: {counts['missed wake']}", self.get_component_rich_style("wake-word--missed"))
        self.query_one("#wake-counts", Static).update(summary)
        self._show_detail()

    def _highlighted_phrase(self) -> Phrase | None:
        option = self.query_one("#wake-list", OptionList).highlighted_option
        if option is None or not option.id:
            return None
        return self.phrases[int(option.id[1:])]

    def _show_detail(self) -> None:
        phrase = self._highlighted_phrase()
        detail = Text()
        if self.notice:
            detail.append(self.notice + " " + _("Type your own phrases with a.") + "\n", "italic")
        if phrase is not None and self.dictionary is not None:
            m = self.match(phrase)
            line = f"{phrase.text} → " + " ".join(phonetics.phrase_phones(phrase.text, self.dictionary))
            detail.append((line if len(line) <= 76 else line[:75] + "…") + "\n")
            detail.append(_("closest stretch") + ": " + (" ".join(m.window) or "—"))
            detail.append("  vs  " + " ".join(m.wake) + f"   ({_('distance')} {m.distance:.2f})")
            if phrase.note:
                detail.append(f"\n{phrase.note}", "italic")
            cited = [self.course.sources[s] for s in phrase.sources if s in self.course.sources]
            if cited:
                detail.append("\n" + _("Reported by") + ": " + "; ".join(f"{s.publisher} ({s.date})" for s in cited), "dim")
        self.query_one("#wake-detail", Static).update(detail)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    # -- actions --------------------------------------------------------------------------
    def action_threshold(self, step: int) -> None:
        self.threshold = round(min(1.0, max(0.3, self.threshold + step * THRESHOLD_STEP)), 2)
        self.interacted()
        self.refresh_view()

    def action_reset(self) -> None:
        """Back to the starting threshold and wake word (typed phrases stay)."""
        self.threshold, self.wake_index = self.default_threshold, 0
        self.refresh_view()

    def action_wake_word(self, step: int) -> None:
        self.wake_index = (self.wake_index + step) % len(self.wake_words)
        self.interacted()
        self.refresh_view()
        options = self.query_one("#wake-list", OptionList)
        first = next((i for i in range(options.option_count) if options.get_option_at_index(i).id), None)
        if first is not None:  # a new wake word: show its closest matches from the top
            options.highlighted = first
            options.scroll_home(animate=False)

    def action_type_phrase(self) -> None:
        self.query_one("#wake-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())[:120]
        if not phonetics.words(text):
            self.notify(_("Type a phrase with letters in it, e.g. 'a Lexus'."), severity="warning", timeout=4)
            return
        self.phrases.append(Phrase(text, "yours"))
        event.input.value = ""
        self.interacted()
        self.refresh_view()
        options = self.query_one("#wake-list", OptionList)
        options.highlighted = options.get_option_index(f"p{len(self.phrases) - 1}")
        options.focus()

    def on_key(self, event: events.Key) -> None:
        if event.key in ("escape", "down") and self.query_one("#wake-input", Input).has_focus:
            event.stop()
            event.prevent_default()
            self.query_one("#wake-list", OptionList).focus()

    def action_toggle_intended(self) -> None:
        phrase = self._highlighted_phrase()
        if phrase is None or phrase.kind != "yours":
            self.notify(_("Only phrases you typed can be switched between 'meant it' and 'did not'."), timeout=4)
            return
        index = self.phrases.index(phrase)
        self.phrases[index] = Phrase(phrase.text, "yours", intended=not phrase.meant_to_wake(self.wake_word))
        self.interacted()
        self.refresh_view()

    def action_remove_phrase(self) -> None:
        phrase = self._highlighted_phrase()
        if phrase is not None and phrase.kind == "yours":
            self.phrases.remove(phrase)
            self.refresh_view()
