"""The rulebook as the seat uses it: each rule's words, its worked examples as scored clips,
and one sentence per broken rule that quotes the clip's words.

The rules' words are content (``content/clips/rules.toml``, read into ``Course.rules``); the
scorer (``shift_score``) names rules by id. Here the two meet: ``rule_for`` finds a rule's words
(with a plain fallback, so a course without a rulebook still gives readable feedback),
``example_clip``/``example_answer`` turn a worked example into something the scorer can score
(the checker and the tests use them), and ``explain`` writes the "Guideline missed" line.
"""

from __future__ import annotations

from explainer.course.model import Background, Clip, Course, Rule, RuleExample, ScriptLine
from explainer.i18n import _
from explainer.learning.shift_score import NO_INTENT, Answer, Breach

_FALLBACK_TITLES = {
    "verbatim": "Type what was said to the device",
    "numbers": "Numbers as words",
    "unintelligible": "[unintelligible] for a word you cannot make out",
    "background": "Leave out side talk",
    "media": "Never transcribe the TV or radio",
    "false-wake": "Mark false wakes, and type nothing",
    "intent": "Choose the intent",
    "critical-data": "Flag personal data as critical data",
    "distress": "Distressing clips",
}


def rule_for(course: Course | None, rule_id: str) -> Rule:
    """The rulebook's rule ``rule_id``; a bare one (title only) when the course has none."""
    if course is not None:
        for rule in course.rules:
            if rule.id == rule_id:
                return rule
    title = _FALLBACK_TITLES.get(rule_id, rule_id)
    return Rule(id=rule_id, title=title, short=title, text=title)


def quote(words: tuple[str, ...] | list[str], limit: int = 8) -> str:
    shown = list(words[:limit]) + (["…"] if len(words) > limit else [])
    return "“" + " ".join(shown) + "”"


def explain(breach: Breach) -> str:
    """What was wrong, quoting the clip's words (the rule's title is shown before it)."""
    said, typed = quote(breach.said), quote(breach.typed)
    rule = breach.rule
    if rule == "numbers":
        return _("you typed {typed} for the spoken {said}").format(typed=typed, said=said)
    if rule == "unintelligible":
        if breach.said and breach.typed == ("[unintelligible]",):
            return _("{said} was clear in the clip; the tag is only for masked words").format(said=said)
        if breach.said and breach.typed:
            return _("{said} is masked in the clip; you typed {typed} (write [unintelligible])").format(
                said=said, typed=typed
            )
        if breach.said:
            return _("a word is masked where {said} was said: type [unintelligible] there").format(said=said)
        return _("you typed [unintelligible] where no word was missing")
    if rule == "background":
        return _("you typed {said}: side talk, not said to the device").format(said=said)
    if rule == "media":
        return _("you typed {said}: the TV or radio, not a person").format(said=said)
    if rule == "false-wake":
        if breach.typed:
            return _("you typed {said}: nobody said it to the device").format(said=said)
        return _("the clip opens with {said}").format(said=said) if breach.said else ""
    if rule == "intent":
        chosen = breach.kind or NO_INTENT
        return _("you chose {chosen} for {said}").format(chosen=chosen, said=said) if breach.said else _(
            "you chose {chosen}, but nobody asked the device anything"
        ).format(chosen=chosen)
    if rule == "critical-data":
        return _("{kind}: {said}").format(kind=breach.kind, said=said)
    if breach.said and breach.typed:
        return _("{said} was said; you typed {typed}").format(said=said, typed=typed)
    if breach.said:
        return _("you left out {said}").format(said=said)
    return _("you added {typed}, which nobody said").format(typed=typed)


def _parse_heard(line: str, number: int) -> ScriptLine | None:
    """ "Speaker (note): words" -> a script line; a bare "[sound]" holds no words."""
    speaker, colon, text = line.partition(":")
    if not colon:
        return None
    return ScriptLine(speaker=speaker.split("(")[0].strip(), text=text.strip(), start=float(number))


def example_clip(rule: Rule, example: RuleExample, number: int = 1) -> Clip:
    """A worked example as a clip the scorer can score (no audio, no personal data)."""
    lines = tuple(line for n, text in enumerate(example.heard) if (line := _parse_heard(text, n)))
    return Clip(
        id=f"rule-{rule.id}-{number}", household="", title=rule.title, kind="false-wake" if example.false_wake
        else "command", lines=lines, background=Background(), transcript=example.transcribe,
        intent=None, false_wake=example.false_wake, personal=(), sensitive=False, recorded_at="",
        first_name="", captions=" ".join(example.heard), unclear_transcript=example.unclear,
    )


def example_answer(example: RuleExample) -> Answer:
    ticked = example.false_wake if example.ticked_false_wake is None else example.ticked_false_wake
    return Answer(example.typed, NO_INTENT, ticked)
