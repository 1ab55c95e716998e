"""Checks for the lab's hassil sentence templates in ``intents/*.yaml`` (checker only).

The lab matches what a learner says against these templates; one unbalanced bracket
would break matching for everyone, so the checker parses every sentence and expansion
rule with hassil itself and reports errors at the template's own line. hassil and the
YAML composer (which keeps line numbers) are imported only here, never at start-up.
"""

from __future__ import annotations

import re
from typing import Any

from explainer.course.context import ReadContext
from explainer.course.files import read_text
from explainer.course.intents import _yaml_error, intent_files


def _mapping(node: Any) -> dict[str, Any]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _templates(root: Any) -> list[tuple[str, int, str]]:
    """(template, line, what) for every sentence and expansion rule in a composed YAML document."""
    import yaml

    found: list[tuple[str, int, str]] = []
    top = _mapping(root)
    for name, intent in _mapping(top.get("intents")).items():
        data = _mapping(intent).get("data")
        for block in data.value if isinstance(data, yaml.SequenceNode) else []:
            sentences = _mapping(block).get("sentences")
            for node in sentences.value if isinstance(sentences, yaml.SequenceNode) else []:
                if isinstance(node, yaml.ScalarNode):
                    found.append((node.value, node.start_mark.line + 1, f"intent {name}"))
    for name, node in _mapping(top.get("expansion_rules")).items():
        if isinstance(node, yaml.ScalarNode):
            found.append((node.value, node.start_mark.line + 1, f"expansion rule <{name}>"))
    return found


LIST_REF_RE = re.compile(r"\{([^{}:]+)(?::[^{}]*)?\}")
RULE_REF_RE = re.compile(r"<([^<>]+)>")


def check_templates(ctx: ReadContext) -> int:
    """Report YAML and template syntax errors in every intents file, and references to lists or
    rules that no file defines; returns the number of templates checked."""
    import yaml
    from hassil.parse_expression import parse_sentence

    checked = 0
    lists: set[str] = set()
    rules: set[str] = set()
    parsed: list[tuple[str, str, int, str]] = []
    for path in intent_files(ctx):
        text = read_text(ctx.root, path, ctx.log)  # problems already logged by the loader are kept once
        if text is None:
            continue
        try:
            document = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            _yaml_error(path, error, ctx)
            continue
        except (RecursionError, ValueError, TypeError) as error:
            ctx.log.add(path, 1, f"cannot be parsed as YAML ({type(error).__name__}); simplify the file")
            continue
        if document is None:
            ctx.log.add(path, 1, "the intents file is empty; add language: en and intents: (see content/README.md)")
            continue
        top = _mapping(document)
        if not top:
            ctx.log.add(path, 1, "an intents file must be a mapping with language: and intents: or lists:; "
                        "see content/README.md")
            continue
        if "intents" in top and not isinstance(top["intents"], yaml.MappingNode):
            ctx.log.add(path, top["intents"].start_mark.line + 1,
                        "intents: must map intent names to data: [{sentences: [...]}]")
        lists |= set(_mapping(top.get("lists")))
        rules |= set(_mapping(top.get("expansion_rules")))
        for template, line, what in _templates(document):
            checked += 1
            try:
                parse_sentence(template)
            except Exception as error:  # noqa: BLE001 - hassil raises several kinds; all mean bad syntax
                reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
                ctx.log.add(path, line, f'{what}: template "{template}" is not valid hassil syntax ({reason}); '
                            "check that (), [], {} and <> are balanced and alternatives are separated by |")
            else:
                parsed.append((template, path, line, what))
    for template, path, line, what in parsed:
        for name in LIST_REF_RE.findall(template):
            if name.strip() not in lists:
                ctx.log.add(path, line, f"{what}: {{{name}}} is not a list defined under lists: in intents/*.yaml; "
                            "fix the name or add the list")
        for name in RULE_REF_RE.findall(template):
            if name.strip() not in rules:
                ctx.log.add(path, line, f"{what}: <{name}> is not a rule defined under expansion_rules: in "
                            "intents/*.yaml; fix the name or add the rule")
    return checked
