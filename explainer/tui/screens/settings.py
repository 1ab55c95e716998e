"""Settings: theme, high contrast, narration, reduced motion.

Every change applies at once -- a learner who cannot read the screen should not have to find
a "Save" button first -- and is remembered in settings.json for next time. High contrast is
one switch only: the theme list leaves the high-contrast theme out and is greyed out while
the switch is on, so there is never a question of which of two controls wins.
"""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Switch

from explainer.i18n import _
from explainer.learning.settings import HIGH_CONTRAST_THEME
from explainer.tui.host import Host
from explainer.tui.narration import SERVED_SETTING

TOGGLES = (  # (setting, label, explanation)
    ("high_contrast", "High contrast", "White on black, yellow for focus"),
    ("narration", "Narration", "Read lesson pages aloud (offline speech)"),
    ("reduced_motion", "Reduced motion", "No animations or moving playheads"),
)


class SettingsScreen(ModalScreen[None]):
    HELP_TITLE = "Settings"
    BINDINGS = [Binding("escape", "dismiss", "Close settings")]  # F1 (help) is an app priority key

    app = getters.app(Host)

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        hidden = ("textual-ansi", HIGH_CONTRAST_THEME)  # high contrast is the switch below
        themes = sorted(name for name in self.app.available_themes if name not in hidden)
        with Vertical(id="settings-box") as box:
            box.border_title = _("Settings")
            box.border_subtitle = _("Esc closes · changes are saved at once")
            with Horizontal(classes="setting-row"):
                yield Label(_("Theme"), classes="setting-label")
                yield Select(
                    [(theme_label(name), name) for name in themes],
                    value=settings.theme if settings.theme in themes else "textual-dark",
                    allow_blank=False,
                    id="setting-theme",
                    disabled=settings.high_contrast,
                )
                yield Label(self._theme_note(settings.high_contrast), id="theme-note", classes="setting-help")
            served = self.app.config.served
            for key, label, explanation in TOGGLES:
                # in a browser, narration would play on the host's speakers: say so, and leave it off
                off_here = served and key == "narration"
                value = False if off_here else getattr(settings, key)
                with Horizontal(classes="setting-row"):
                    yield Label(_(label), classes="setting-label")
                    yield Switch(value=value, id=f"setting-{key.replace('_', '-')}", disabled=off_here)
                    yield Label(self._word(value), id=f"state-{key}", classes="setting-state")
                    yield Label(_(SERVED_SETTING if off_here else explanation), classes="setting-help")

    @staticmethod
    def _word(on: bool) -> str:
        """The switch's state in words, so it reads without colour."""
        return _("on") if on else _("off")

    @staticmethod
    def _theme_note(high_contrast: bool) -> str:
        return _("High contrast is on") if high_contrast else ""

    @on(Select.Changed, "#setting-theme")
    def theme_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.app.settings.theme:
            self.app.apply_settings(self.app.settings.changed(theme=event.value))

    @on(Switch.Changed)
    def toggled(self, event: Switch.Changed) -> None:
        key = (event.switch.id or "").removeprefix("setting-").replace("-", "_")
        known = any(key == name for name, _label, _help in TOGGLES)
        if known:
            self.query_one(f"#state-{key}", Label).update(self._word(event.value))
        if known and getattr(self.app.settings, key) != event.value:
            self.app.apply_settings(self.app.settings.changed(**{key: event.value}))
        if key == "high_contrast":
            self.query_one("#setting-theme", Select).disabled = event.value
            self.query_one("#theme-note", Label).update(self._theme_note(event.value))


THEME_LABELS = {  # names a learner would say; any other theme gets its name in words
    "textual-dark": "Dark (the default)",
    "textual-light": "Light",
    "ansi-dark": "Your terminal's colours, dark",
    "ansi-light": "Your terminal's colours, light",
    "atom-one-dark": "Atom One Dark",
    "atom-one-light": "Atom One Light",
    "rose-pine": "Rosé Pine",
    "rose-pine-dawn": "Rosé Pine Dawn",
    "rose-pine-moon": "Rosé Pine Moon",
}


def theme_label(name: str) -> str:
    """ "Rosé Pine Moon", not "rose-pine-moon": a theme as a name, in the learner's language."""
    return _(THEME_LABELS.get(name, name.replace("-", " ").title()))
