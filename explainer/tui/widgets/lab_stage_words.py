"""Each stage of a lab run in plain words: one short line for its row, and full sentences when
the learner highlights it.

The pipeline records every stage (``explainer.voice.trace``: its ``output`` line and ``data``);
this module has one small maker per stage that reads that record and says what happened the
way a person would ("4.5 s of sound", "68% sure: “set a timer”", "sends 2.1 s; ends at a
pause").  They are many and each knows one stage's record, so they live here, apart from the
shared vocabulary they use (``lab_words``: strictness, quoting, intent words), which the status
line and the other lab screens use too.  No Textual here; a record this module does not know
falls back to the pipeline's own line, never to an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from explainer.i18n import _
from explainer.tui.widgets.lab_words import Words, intent_words, quote, strictness_words, technical
from explainer.voice.decision import ACT_AT, GUESS_AT

NOT_UPLOADED = "not uploaded"  # what the pipeline writes in a stage that did not run (voice.trace)
STOPPED = {  # the endpointer's reasons (voice.endpoint), as a person would say them: (short, full)
    "silence": ("ends at a pause", "stopped at the pause after the command"),
    "max length": ("ends at the time limit", "stopped at the time limit for one command"),
    "end of audio": ("ends where the sound ends", "stopped where the sound ended"),
}


def seconds(value: Any) -> str:
    return _("{s:.1f} s").format(s=float(value))


def _tidy(text: str) -> str:
    """The pipeline's own words with typewriter quotes made into the book ones learners read elsewhere."""
    out: list[str] = []
    opened = False
    for char in text:
        if char == "'" and (opened or not out or not out[-1].isalnum()):
            out.append("”" if opened else "“")
            opened = not opened
        else:
            out.append(char)
    return "".join(out)


def stage_words(record: Any, words: Words) -> tuple[str, str]:
    """(short line for the stage's row, which the table cuts with "…"; the highlighted stage in full sentences)."""
    output = str(record.output or "")
    if record.skipped and (not output or output.startswith(NOT_UPLOADED)):
        return (_("not sent — nothing left the device"),
                _("This stage did not run: the device did not wake, so nothing was sent and nothing left the device."))
    data: Mapping[str, Any] = record.data or {}
    maker = _MAKERS.get(str(record.name))
    if maker is not None:
        try:
            made = maker(record, data, words)
        except (KeyError, TypeError, ValueError):  # a record this module does not know: the pipeline's words
            made = None
        if made is not None:
            return made
    plain = _tidy(output.replace("\n", " "))
    return plain, plain


def _speech_in(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    found = _number(record.output)
    if found is None:
        return None
    room = str(data.get("room") or "")
    near = room.replace(" from the device", " " + _("away"))
    short = _("{s} of sound").format(s=seconds(found)) + (f" · {near}" if near else "")
    source = str(record.input or "")
    if source.startswith(("'", '"')):
        said = _("The computer read your typed sentence aloud.")  # it is in the field above: quoted, a long one pushed
        # the end of this explanation out of its four lines at 80x24
    elif source.startswith("clip "):
        said = _("A recorded clip from the course.")
    elif source:
        said = _tidy(source[:1].upper() + source[1:]) + "."
    else:
        said = ""
    detail = f"{said} " + _("{s} of sound reached the device; {room}.").format(s=seconds(found), room=room or "—")
    if "dB SNR" in room:
        detail += " " + _("(SNR, signal-to-noise ratio: how much louder the voice is than the noise; 0 dB: as loud.)")
    front = str(data.get("front_end") or "")
    if front and "unchanged" not in front:
        detail += " " + _("A high voice was made lower for the recogniser ({how}).").format(how=front)
    return short, detail.strip()


def _wake(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    if "woke" not in data:
        return None
    wake_word = _first_quoted(record.output) or _("the wake word")
    setting = strictness_words(words.steps, data.get("threshold"), words.usual)
    if data["woke"]:
        short = _("heard {w} at {a}–{b} s: woke").format(w=quote(wake_word), a=f"{float(data['start']):.1f}",
                                                     b=f"{float(data['end']):.1f}")
        detail = _("It heard {w} from {a} s to {b} s and woke at {at} s: from here, what you say is sent.").format(
            w=quote(wake_word), a=f"{float(data['start']):.2f}", b=f"{float(data['end']):.2f}",
            at=f"{float(data['detected_at']):.2f}")
    elif data.get("rival"):  # the second listen withdrew the wake (explainer.voice.wake)
        short = _("{w}? a second listen heard {r}: stayed asleep").format(w=quote(wake_word), r=quote(data["rival"]))
        detail = _("It first thought it heard {w} at {a} s, but a second, closer listen there heard {r}, so it "
                   "stayed asleep: nothing was sent and nothing left the device.").format(
            w=quote(wake_word), a=f"{float(data['start']):.1f}", r=quote(data["rival"]))
    else:
        short = _("no {w} heard: nothing left the device").format(w=quote(wake_word))
        detail = _("It did not hear {w}, so it stayed asleep: nothing was sent and nothing left the device.").format(
            w=quote(wake_word))
    return short, detail + " " + _("Setting: {s}.").format(s=setting) + _tuning(data)


def _tuning(data: Mapping[str, Any]) -> str:
    """A sentence on the sound model's tuning (``explainer.voice.adaptation``), or ""."""
    model = str(data.get("acoustic_model") or "")
    return "" if not model.startswith("adapted") else " " + (
        _("Its sound model is tuned to noisy rooms, as devices tune to their surroundings.")
        if "loud room" in model else _("Its sound model is tuned to the lab's own voice, as assistants tune to a home."))


def _endpoint(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    start, end = float(data["upload_start"]), float(data["upload_end"])
    reason = str(data.get("reason") or "")
    brief, why = STOPPED.get(reason, (reason, reason))
    brief, why = _(brief), _(why)
    short = _("sends {s} ({a}–{b} s); {why}").format(s=seconds(end - start), a=f"{start:.1f}", b=f"{end:.1f}", why=brief)
    detail = _("Endpointing finds where your command ends. It sends {s} of sound ({a}–{b} s), starting a moment "
               "before the wake word (the “pre-roll”), and {why}.").format(
        s=seconds(end - start), a=f"{start:.2f}", b=f"{end:.2f}", why=why)
    return short, detail + " " + _("On the sound wave below: P where the sending starts, W the wake word, "
                                   "E where it stops.")


def _recognition(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    if "confidence" not in data:
        return None
    heard = _recognised(record.output)
    sure = round(float(data["confidence"]) * 100)
    short = _("{n}% sure: {t}").format(n=sure, t=quote(heard) if heard else _("no words made out"))
    model = str(data.get("model") or "")
    used = {"commands": _("its command model (only the words of the commands it knows)"),
            "general": _("its general English model, because the words did not sound like a command")}.get(
        model, _("its {m} model").format(m=model) if model else "")
    detail = (_("The recogniser turned the sound into the words {t}").format(t=quote(heard)) if heard else _(
        "The recogniser could not make out any words")) + (_(", using {u}").format(u=used) if used else "") + ". "
    detail += _("How sure it was of those words: {n}%.").format(n=sure)
    detail += _tuning(data)
    masked = int(data.get("masked_words") or 0)
    if masked:
        detail += " " + (_("1 word was hidden by the classroom word filter.") if masked == 1 else _(
            "{n} words were hidden by the classroom word filter.").format(n=masked))
    return short, detail


def _nbest(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    """Which of the recogniser's close guesses goes on (explainer.voice.rescore), without "hypotheses" or "0.40"."""
    rank, near = int(data["rank"]), int(data["near"])
    text = quote(str(data["text"])) if data.get("text") else _("no words made out")
    agree = " " + _("Its {n} close guesses agree {p}% on it.").format(
        n=near, p=round(float(data["agreement"]) * 100)) if near > 1 else ""
    about = _("The recogniser keeps runners-up to its best guess (its “N-best list”).") + " "
    if rank < 0:
        return (text + " · " + _("no close guess is a command: its best goes on"),
                about + _("None of them is a command it knows, so its best goes on: {t}.").format(t=text))
    if rank == 0:
        return (text + " · " + _("its best guess is a command"),
                about + _("Its best, {t}, is a command it knows.").format(t=text) + agree)
    return (text + " · " + _("guess #{r} on its list is a command: that goes on").format(r=rank + 1),
            about + _("Its best is no command it knows; guess #{r}, {t}, is, so that goes on.").format(
                r=rank + 1, t=text) + agree)


def _cleanup(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    text = _recognised(record.output)
    changes = [_tidy(str(change)) for change in data.get("changes", ())]
    short = quote(text) + (f" · {'; '.join(changes)}" if changes else "")
    detail = _("Clean-up gets the words ready for understanding: {t}.").format(t=quote(text)) + " " + (
        _("Changed: {c}.").format(c="; ".join(changes)) if changes else _("Nothing needed changing."))
    return short, detail


def _understanding(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    if "act" not in data:
        return None
    intent, slots = data.get("intent"), data.get("slots") or {}
    plain = intent_words(intent, slots, words)
    guessed = bool(data.get("guess")) and bool(intent)
    sure, fit = round(float(data.get("confidence") or 0) * 100), round(float(data.get("completeness") or 0) * 100)
    score = round(float(data.get("score") or 0) * 100)
    if not intent:
        short = _("no command it knows: it will ask again")
        detail = _("None of the commands it knows matches these words, so it does nothing and asks you to say it "
                   "again.")
        return short, detail
    if data["act"]:
        short = plain + (" " + _("(a guess)") if guessed else "")
        lead = _("Understood: {p}.").format(p=plain) if not guessed else _(
            "Guessed: {p} — the nearest command it knows, marked as a guess.").format(p=plain)
    elif doubt := data.get("doubt"):
        return _doubted(plain, doubt, intent, slots)
    else:
        short = _("maybe {p}? not sure enough: asks again").format(p=plain)
        lead = _("Maybe: {p} — but it was not sure enough to act, so it asks again.").format(p=plain)
    rule = _("It acts only when sure enough: {a}% sure of the words × {b}% of them fit a command = {c}%"
             " (it needs {need}%).").format(a=sure, b=fit, c=score, need=_needed(record.output, guessed))
    return short, f"{lead} {rule} " + _("Technical names: {t}.").format(t=technical(intent, slots))


def _doubted(plain: str, doubt: Mapping[str, Any], intent: str, slots: Mapping[str, Any]) -> tuple[str, str]:
    """An open slot the assistant will not act on (explainer.voice.slotcheck): say which words and why."""
    value = quote(str(doubt.get("value", "")))
    if doubt.get("kind") == "names nothing":
        short = _("{p}? {v} names nothing: asks again").format(p=plain, v=value)
        lead = _("Maybe: {p} — but {v} does not say what or who, so it does nothing and asks again.").format(
            p=plain, v=value)
    else:
        short = _("{p}? its end sounds misheard: asks again").format(p=plain)
        lead = _("The end of {v} sounds like the command's own words, one letter off (as if you said {a}): "
                 "it does nothing and asks again.").format(v=value, a=quote(str(doubt.get("as_if", ""))))
    return short, f"{lead} " + _("Technical names: {t}.").format(t=technical(intent, slots))


def _fulfilment(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    output = str(record.output or "")
    if output.startswith("skill: "):
        skill = output.removeprefix("skill: ")
        return (_("done by the {s} skill").format(s=skill),
                _("The {s} skill — the part of the assistant that handles this kind of command — did it.").format(
                    s=skill))
    return (_("nothing done: it asks again"),
            _("Nothing was done: when the assistant is not sure, it asks again rather than do the wrong thing."))


def _reply(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    reply = str(record.output or "")
    note = str(data.get("audio") or "")
    return reply, _("The assistant says: {r}").format(r=quote(reply)) + (f" ({_tidy(note)})" if note else "")


def _history(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    number = _number(record.output)
    if number is None or "#" not in str(record.output):
        return (_("not kept: this run keeps nothing"),
                _("Not kept: this run does not save anything in the voice history."))
    return (_("kept on this computer as recording #{n}").format(n=int(number)),
            _("The sound that was sent, the words heard and what was done are kept as recording #{n} in the "
              "voice history, on this computer only (F4 shows it; you can delete it there).").format(n=int(number)))


def _sampling(record: Any, data: Mapping[str, Any], words: Words) -> tuple[str, str] | None:
    picked = str(record.output or "").startswith("selected")
    rate = data.get("rate")
    short = _("picked for a person to listen to") if picked else _("not picked for a person to listen to")
    how = _("Companies pick a small share of recordings at random for people to listen to and check. This lab "
            "picks {lab}, so you see it happen; companies reported about 0.2% in 2019.").format(
        lab=f"{float(rate):.0%}" if isinstance(rate, int | float) else _("some"))
    return short, (_("This one was picked.") if picked else _("This one was not picked.")) + " " + how


_MAKERS = {
    "speech in": _speech_in, "wake word": _wake, "endpointing": _endpoint, "speech recognition": _recognition,
    "N-best check": _nbest, "clean-up": _cleanup, "understanding": _understanding, "fulfilment": _fulfilment,
    "reply": _reply, "voice history": _history, "sampling": _sampling,
}


def _number(text: Any) -> float | None:
    """The first number in the pipeline's line ("4.52 s of audio…", "kept as recording #3")."""
    found = re.search(r"\d+(?:\.\d+)?", str(text or ""))
    return float(found.group()) if found else None


def _first_quoted(text: Any) -> str:
    parts = str(text or "").split("'")
    return parts[1] if len(parts) >= 3 else ""


def _recognised(text: Any) -> str:
    """The words in the pipeline's "'words' · ..." line (repr-quoted), or "" for nothing recognised."""
    output = str(text or "")
    if output[:1] in ("'", '"'):
        closing = output.find(output[0], 1)
        while closing != -1 and output[closing + 1: closing + 2].isalpha():  # "what's": an inner apostrophe
            closing = output.find(output[0], closing + 1)
        if closing != -1:
            return output[1:closing]
    return ""


def _needed(output: Any, guessed: bool) -> int:
    line = str(output or "")
    for mark in (">= ", "< "):
        if mark in line:
            found = _number(line.rsplit(mark, 1)[1])
            if found is not None:
                return round(found * 100)
    return round((GUESS_AT if guessed else ACT_AT) * 100)
