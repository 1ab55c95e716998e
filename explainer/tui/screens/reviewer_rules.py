"""The reviewer seat's rules, whole, a key away from the task (Label Studio's "instructions").

One rulebook, three views: the seat's sidebar shows each rule's short line
(``rules_sidebar``), this screen (F2) the intro and every rule's text with its worked accept
and reject examples, and the feedback names the rule a learner missed by its title. All three
read ``Course.rules`` (``content/clips/rules.toml``), and ``explainer check`` scores every
example, so they cannot drift apart. ``[@source]`` citations show as "(publisher, date)".
Everything is ``rich.text.Text``: no markup in the content is ever interpreted.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from explainer.course.markup import CITATION_RE
from explainer.course.model import Course
from explainer.i18n import _
from explainer.learning.shift_rules import rule_for
from explainer.learning.shift_score import RULE_IDS
from explainer.tui.widgets.footer import Footer


def _cite(course: Course, text: str) -> str:
    def one(match: re.Match[str]) -> str:
        source = course.sources.get(match.group(1))
        return f"({source.publisher}, {source.date})" if source is not None else ""

    return re.sub(r"\s+([.,;])", r"\1", CITATION_RE.sub(one, text)).strip()


def rules_text(course: Course) -> Text:
    """The whole rulebook as text (also what ``explainer read`` could print)."""
    out = Text()
    out.append(_("Reviewer rules") + "\n", "bold underline")
    if course.rules_intro:
        out.append(_cite(course, course.rules_intro) + "\n")
    if not course.rules:
        out.append("\n" + _("This course has no rulebook (clips/rules.toml); the short rules:") + "\n", "italic")
    for number, rule in enumerate(course.rules or [rule_for(None, r) for r in RULE_IDS], start=1):
        out.append(f"\n{number}. {rule.title}\n", "bold")
        out.append("   " + rule.short + "\n", "italic")
        if rule.text != rule.title:
            out.append(_cite(course, rule.text) + "\n")
        for example in rule.examples:
            accept = example.verdict == "accept"
            out.append("  ✓ " + _("accept") if accept else "  ✗ " + _("reject"), "bold")
            out.append(" — " + _("heard: ") + " / ".join(example.heard) + "\n")
            out.append("      " + _("typed: "))
            out.append(f"“{example.typed}”" if example.typed else _("(nothing)"))
            ticked = example.false_wake if example.ticked_false_wake is None else example.ticked_false_wake
            if example.false_wake or ticked:
                out.append(" · " + (_("False wake ticked") if ticked else _("False wake not ticked")))
            out.append("\n      " + example.why + "\n", "dim")
    return out


class ReviewerRulesScreen(ModalScreen[None]):
    """Scrollable rules; Esc, q or F2 closes them."""

    HELP_TITLE = "Reviewer rules"
    BINDINGS = [Binding("escape,q,f2", "dismiss", "Close")]

    def __init__(self, course: Course) -> None:
        super().__init__(id="reviewer-rules-screen")
        self.course = course

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reviewer-rules-scroll"):
            yield Static(rules_text(self.course), id="reviewer-rules")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reviewer-rules-scroll").focus()  # ↑↓ PgUp PgDn scroll at once
