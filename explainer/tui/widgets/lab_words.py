"""The lab's trace in plain words, for learners of 13 and up and adults new to this.

The pipeline (``explainer.voice``) records each stage for the CLI's JSON and the benchmark:
``1e-40``, ``SetTimer {'minutes': 10}``, ``confidence 0.68 x completeness 1.00``.  That record
stays as it is -- it is what was measured.  This module reads the same record (each stage's
``data``) and says it the way a person would: "Set a timer — 10 minutes", "68% sure of the
words", "wake-word strictness 4 of 10".  A technical term appears only next to its explanation.
No Textual here: the trace view, the status line and the fool-the-wake-word screen all use it,
and the tests read it directly.  This is the shared vocabulary and the status line after a run;
each stage's own line and sentences are ``lab_stage_words``, where a stage whose data is missing
(an older or a stand-in service) falls back to the pipeline's own line, never to an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from explainer.i18n import _
from explainer.tui.widgets.models.intent_words import intent_in_words


@dataclass(frozen=True)
class Words:
    """What the plain sentences need besides the trace: the intent word table (station 4's model.toml)
    and the wake word's threshold steps (loosest first) with its usual value."""

    intents: Mapping[str, Any] = field(default_factory=dict)
    steps: Sequence[float] = ()
    usual: float | None = None


def strictness(steps: Sequence[float], value: float | None) -> int:
    """The 1-based step of ``value`` among ``steps`` (loosest first); 0 when there are none."""
    if not steps or value is None:
        return 0
    return 1 + min(range(len(steps)), key=lambda i: abs(steps[i] - value))


def strictness_words(steps: Sequence[float], value: float | None, usual: float | None = None) -> str:
    """ "wake-word strictness 4 of 10 (the usual)"."""
    step = strictness(steps, value)
    if not step:
        return _("no wake-word setting")
    said = _("wake-word strictness {n} of {total}").format(n=step, total=len(steps))
    if usual is not None and strictness(steps, usual) == step:
        said += " " + _("(the usual)")
    return said


def strictness_explained(steps: Sequence[float], value: float | None, usual: float | None = None) -> str:
    """What moving the setting does, for the status line when the learner moves it."""
    said = strictness_words(steps, value, usual)
    return _("{said}: how sure the device must be that it heard its wake word before it wakes and starts "
             "sending. Stricter: fewer false wakes, more missed commands.").format(said=said[:1].upper() + said[1:])


def quote(text: str) -> str:
    return f"“{text}”"


def intent_words(intent: str | None, slots: Mapping[str, Any] | None, words: Words) -> str:
    """ "Set a timer — 10 minutes"; "" for no intent."""
    if not intent:
        return ""
    return intent_in_words(intent, dict(slots or {}), {"intents": words.intents.get("intents", {}),
                                                       "slots": words.intents.get("slots", {})})


def technical(intent: str | None, slots: Mapping[str, Any] | None) -> str:
    """ "intent SetTimer, slot minutes = 10": the terms station 4 teaches, never a Python dict."""
    if not intent:
        return ""
    said = _("intent {name}").format(name=intent)
    if slots:
        values = ", ".join(f"{name} = {value}" for name, value in slots.items())
        said += ", " + (_("slot {v}") if len(slots) == 1 else _("slots {v}")).format(v=values)
    return said


def summary(trace: Any, words: Words) -> str:
    """The status line after a run, short enough for two lines at 80 columns: what was heard, what it did,
    and what it said (with no sound card, this line is the caption)."""
    if not trace.woke:
        wake = trace.stage("wake word")
        rival = str((wake.data or {}).get("rival") or "") if wake is not None else ""
        if rival:
            return _("Did not wake: a second listen heard {r}, not {w}, so nothing left the device.").format(
                r=quote(rival), w=quote(trace.wake_word))
        return _("Did not wake: no {w} heard, so nothing left the device.").format(w=quote(trace.wake_word))
    heard = quote(trace.transcript) if trace.transcript else _("(no words made out)")
    reply = quote(trace.reply) if trace.reply else ""
    if trace.acted:
        did = intent_words(trace.intent, trace.slots, words) + (" " + _("(a guess)") if trace.guessed else "")
        said = _("Heard {h} → {d}.").format(h=heard, d=did) + (" " + _("Reply: {r}").format(r=reply) if reply else "")
    else:
        said = _("Heard {h} → not sure, so it asks again: {r}").format(h=heard, r=reply or "—")
    if trace.selected_for_review:
        said += " " + _("A person may listen to it.")
    if trace.source == "microphone" and trace.history_id is None:
        said += " " + _("k keeps it in your voice history.")
    return said


def status_after_run(trace: Any, words: Words | None = None) -> str:
    """The status line after a run, in plain words; notices (a history recreated...) follow it."""
    said = summary(trace, words or Words())
    reply = trace.stage("reply")
    spoken_note = str((reply.data or {}).get("audio") or "") if reply is not None else ""
    notes = [str(n) for n in trace.notices if str(n) != spoken_note]  # "shown as text only": the reply's detail says it
    return " ".join([said, *notes])


def slow_reason(stage: str | None) -> str:
    """Why a stage can keep the learner waiting, said once the wait is long (the busy line counts the seconds)."""
    if stage == "speech recognition":  # noisy or mumbled speech: 10-30 s on a busy two-core machine
        return _("Noisy or unclear speech takes the recogniser longer: it weighs more possible words.")
    return ""
