"""What the voice-history browser says: each upload's row, the count under the table, the detail
of the highlighted one, and the auto-delete choices.

The browser (``lab_history.HistoryBrowser``) is a widget that opens the file in a worker, plays
and deletes; the words it shows are plain functions of an upload (``voice.history``'s entries)
and station 4's intent words, so they are kept here where they read as sentences, apart from the
table's keys and workers.  The auto-delete periods are Amazon's real ones (3 or 18 months), read
from the course's ``facts.toml``; an example upload (made up, so a newcomer has something to
try) says so on its row and in its detail.  No Textual here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text

from explainer.i18n import _
from explainer.tui.widgets.lab_words import Words, intent_words, quote, technical

AUTO_DELETE_FACT = "alexa-auto-delete-months"
DEFAULT_MONTHS = (3, 18)  # used only when the course declares no such fact
DAYS_PER_MONTH = 30.44


def auto_delete_months(course: Any) -> tuple[int, ...]:
    """0 (keep until deleted) and the auto-delete periods, in months, the course declares."""
    fact = getattr(course, "facts", {}).get(AUTO_DELETE_FACT) if course is not None else None
    months = tuple(int(v) for v in fact.values) if fact is not None and fact.values else DEFAULT_MONTHS
    return (0, *months)


def months_label(months: int) -> str:
    return _("off (keep until deleted)") if months == 0 else _("after {n} months").format(n=months)


def did_words(entry: Any, words: Words) -> str:
    """What the assistant did, in words: "Set a timer — 10 minutes", or that it asked again."""
    return intent_words(entry.intent, entry.slots, words) if entry.intent else _("nothing: asked again")


def row_cells(entry: Any, words: Words) -> tuple[Text, Text, Text, Text]:
    """One upload's row: time, what it did, picked for review, what was heard."""
    when = dt.datetime.fromtimestamp(entry.created_at).strftime("%d %b %H:%M")
    review = Text(_("yes"), style="bold") if entry.selected_for_review else Text("")
    marker = _("(example) ") if getattr(entry, "example", False) else ""  # made up, not the learner's
    heard = Text.assemble((marker, "italic"), entry.transcript or _("(nothing recognised)"), no_wrap=True,
                          overflow="ellipsis")
    did = Text(did_words(entry, words), no_wrap=True, overflow="ellipsis", style="" if entry.intent else "dim")
    return Text(when), did, review, heard


def count_line(entries: list[Any], empty_hint: str = "") -> str:
    """How many recordings are kept (and how many of them are examples); what an empty list means."""
    if not entries:
        count = (_("No recordings yet: every time the lab's device wakes, what it sent is kept here.") + " "
                 + empty_hint).strip()
    elif len(entries) == 1:
        count = _("1 recording kept on this computer.")
    else:
        count = _("{n} recordings kept on this computer.").format(n=len(entries))
    examples = sum(1 for entry in entries if getattr(entry, "example", False))
    if examples:
        count += " " + _("Examples (made up to try this, not from you, no audio): {n}.").format(n=examples)
    return count


def detail_text(entry: Any, words: Words) -> Text:
    """The highlighted upload in full: heard, did (in words, then station 4's terms), reply, what was sent."""
    device = entry.device or {}
    text = Text()
    if getattr(entry, "example", False):
        text.append(_("Example (made up):") + " ", style="italic")
    text.append(_("Heard {t}").format(t=quote(entry.transcript or "…")) + " → ")
    # in words first, then as station 4 teaches it ("intent SetTimer, slot minutes = 10"), never a Python dict
    text.append(did_words(entry, words), style="bold")
    if entry.intent:
        text.append(f" ({technical(entry.intent, entry.slots or {})})")
    text.append("\n" + _("reply: {r}").format(r=quote(entry.reply) if entry.reply else "—") + "\n")
    sent = ", ".join(f"{str(k).replace('_', ' ')}: {v}" for k, v in device.items())  # "app version"
    text.append(_("sent with it: {what}; {s:.1f} s of sound").format(what=sent, s=entry.seconds), style="dim")
    return text
