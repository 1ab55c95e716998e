"""``explainer check``'s rules for the reviewer seat: the rulebook agrees with the scorer, and
every fact a clip teaches is in its words.

``explainer check`` runs it after the course is read, as an ``extra`` step of
``course.check.check_content`` (the course layer does not import the scorer; this module may).
Each problem names the file and line to fix:

* every rule the scorer names is in ``clips/rules.toml``, and no rule there is unknown to it;
* every worked example scores the way its verdict says (an "accept" breaks no rule, a "reject"
  breaks its own rule) -- so the sidebar, F2 and the feedback cannot disagree;
* every fact of a clip is tied to words that are in the clip's script (not the TV's) and that
  the captions do not hide, so the debrief never credits what the clip never said;
* a false wake has nothing to transcribe and no intent; a command has a transcript made of
  words said in the room; a clip whose captions mask a spoken word has an ``unclear_transcript``
  that differs from the transcript only by [unintelligible] tags.
"""

from __future__ import annotations

import re
from typing import Protocol

from explainer.course.model import Clip, ClipFact, Course
from explainer.learning.shift_rules import example_answer, example_clip
from explainer.learning.shift_score import RULE_IDS, is_media, score_clip
from explainer.learning.wer import UNINTELLIGIBLE, word_diff, words

RULES_FILE = "clips/rules.toml"
_CAPTION_TAG_RE = re.compile(r"\[\s*unintelligible\s*\]", re.IGNORECASE)


class ProblemSink(Protocol):
    def add(self, path: str, line: int, message: str) -> None: ...


class HasLog(Protocol):
    @property
    def log(self) -> ProblemSink: ...


def check_seat(ctx: HasLog, course: Course | None) -> None:
    """Add every problem of the seat's rulebook and clips to ``ctx.log``."""
    log = ctx.log
    if course is None or not course.clips:
        return
    _check_rulebook(log, course)
    for clip in course.clips:
        _check_clip(log, clip)


def _check_rulebook(log: ProblemSink, course: Course) -> None:
    if not course.rules:
        log.add(RULES_FILE, 1, "the reviewer seat has clips but no rulebook; add clips/rules.toml with one "
                f'[[rules]] block for each rule the seat scores ({", ".join(RULE_IDS)}); see content/README.md')
        return
    present = {rule.id for rule in course.rules}
    for rule_id in RULE_IDS:
        if rule_id not in present:
            log.add(RULES_FILE, 1, f'the rulebook has no rule "{rule_id}", but the scorer names it in the '
                    f'feedback; add a [[rules]] block with id = "{rule_id}"')
    for rule in course.rules:
        if rule.id not in RULE_IDS:
            log.add(rule.path or RULES_FILE, rule.line, f'rule "{rule.id}" is not one the scorer knows '
                    f'({", ".join(RULE_IDS)}); rename it to one of them or remove it')
            continue
        for number, example in enumerate(rule.examples, start=1):
            score = score_clip(example_clip(rule, example, number), example_answer(example))
            where = f'rule "{rule.id}", example #{number}'
            if example.verdict == "accept" and score.missed:
                log.add(example.path or RULES_FILE, example.line,
                        f"{where} is marked accept, but the scorer finds it breaks {', '.join(score.missed)}; "
                        "fix typed/transcribe/heard or the verdict")
            elif example.verdict == "reject" and rule.id not in score.missed:
                found = f"only {', '.join(score.missed)} wrong" if score.missed else "nothing wrong with it"
                log.add(example.path or RULES_FILE, example.line,
                        f'{where} is marked reject, but the scorer finds {found}, not rule "{rule.id}"; '
                        "fix typed/transcribe/heard or the verdict")


def _contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return bool(size) and any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def _check_fact(log: ProblemSink, clip: Clip, number: int, fact: ClipFact) -> None:
    where = f'clip "{clip.id}", fact #{number}'
    evidence = words(fact.words)
    spoken = [words(line.text) for line in clip.lines if not is_media(line)]
    if not any(_contains(line, evidence) for line in spoken):
        log.add(fact.path or clip.path, fact.line or clip.line,
                f'{where}: the words "{fact.words}" are not in what the household says in this clip (its '
                "[[clips.lines]], TV and radio not counted); quote the script, or tie the fact to the clip that says it")
    elif clip.captions and not _contains(words(_CAPTION_TAG_RE.sub(" ", clip.captions)), evidence):
        log.add(fact.path or clip.path, fact.line or clip.line,
                f'{where}: the captions do not show the words "{fact.words}" (masked or reworded), so a learner '
                "reading them could not learn this fact; change the words, the captions or the fact")


def _check_clip(log: ProblemSink, clip: Clip) -> None:
    for number, fact in enumerate(clip.facts, start=1):
        _check_fact(log, clip, number, fact)
    where = f'clip "{clip.id}"'
    if clip.false_wake:
        if words(clip.transcript):
            log.add(clip.path, clip.line, f"{where} is a false wake, so the rules say to transcribe nothing; "
                    'write transcript = "" (the words stay in [[clips.lines]] and the facts)')
        if clip.intent:
            log.add(clip.path, clip.line, f"{where} is a false wake, which has no intent; remove intent")
        return
    said = words(clip.transcript)
    if not said:
        log.add(clip.path, clip.line, f"{where} is not a false wake but has an empty transcript; write the words "
                "said to the device, or set false_wake = true")
    room = {w for line in clip.lines if not is_media(line) for w in words(line.text)}
    stray = [w for w in said if w not in room]
    if stray:
        log.add(clip.path, clip.line, f'{where}: the transcript has words nobody in the room says ({", ".join(stray)}); '
                "the transcript must be the words said to the device, taken from [[clips.lines]]")
    _check_unclear(log, clip, where)


def _check_unclear(log: ProblemSink, clip: Clip, where: str) -> None:
    masked_in_captions = bool(_CAPTION_TAG_RE.search(clip.captions))
    if not clip.unclear_transcript:
        if masked_in_captions:
            log.add(clip.path, clip.line, f"{where}: the captions mark a word [unintelligible] but the clip has no "
                    "unclear_transcript, so a learner who types the tag would be marked wrong; add unclear_transcript "
                    "= the transcript with [unintelligible] where the word is masked")
        return
    if not masked_in_captions:
        log.add(clip.path, clip.line, f"{where} has an unclear_transcript, but its captions mask no word; mark the "
                "masked word [unintelligible] in the captions too, or remove unclear_transcript")
    diff = word_diff(clip.transcript, clip.unclear_transcript)
    wrong = [e for e in diff.edits if e.kind == "insert" or (e.kind == "substitute" and e.hypothesis != UNINTELLIGIBLE)]
    if wrong or UNINTELLIGIBLE not in words(clip.unclear_transcript):
        log.add(clip.path, clip.line, f"{where}: unclear_transcript must be the transcript with [unintelligible] in "
                "place of the masked word(s), and no other change")
