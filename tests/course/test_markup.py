"""The lesson-page parser: front matter, blocks with file line numbers, citations and terms."""

from __future__ import annotations

import pytest

from explainer.course import markup

PAGE = """\
+++
title = "Wake word"
kind = "lesson"
+++
# The {wake word}

A device listens locally [@amazon-faq]. More
text on a second line [@b] [@amazon-faq].

- item one [@x]
  continued
  - nested `{not a term}` [@y]
1. numbered

> Try it: say {Alexa}
> and listen.

```
code {x} [@z]
```
---
last paragraph
"""


def test_split_front_matter_gives_data_body_and_body_line():
    front, body, start = markup.split_front_matter(PAGE)
    assert front == {"title": "Wake word", "kind": "lesson"}
    assert start == 5
    assert body.startswith("# The {wake word}")


def test_blocks_have_kinds_texts_and_file_lines():
    _, body, start = markup.split_front_matter(PAGE)
    found = [(b.kind, b.line, b.level) for b in markup.blocks(body, start)]
    assert found == [
        ("heading", 5, 1),
        ("paragraph", 7, 0),
        ("item", 10, 0),
        ("item", 12, 1),
        ("item", 13, 0),
        ("quote", 15, 0),
        ("code", 18, 0),
        ("paragraph", 22, 0),
    ]
    parts = markup.blocks(body, start)
    assert parts[2].text == "item one [@x]\ncontinued"
    assert parts[5].text == "Try it: say {Alexa}\nand listen."
    assert parts[6].text == "code {x} [@z]"


def test_citations_in_order_of_first_use_without_repeats():
    assert markup.citations("a [@x] b [@y] c [@x]") == ["x", "y"]
    assert markup.citations("no [@Bad] [@-bad] [ @x] citations") == []


def test_terms_ignore_inline_code():
    assert markup.terms("A {wake word} and `{slot}` and { Alexa }") == ["wake word", "Alexa"]


def test_plain_text_drops_citations_and_braces_but_keeps_code():
    assert markup.plain_text("A {wake word} is `{x}` here [@a] [@b].") == "A wake word is `{x}` here."


def test_page_without_front_matter():
    assert markup.split_front_matter("just text") == ({}, "just text", 1)
    with pytest.raises(markup.FrontMatterError) as error:
        markup.split_front_matter("just text", strict=True)
    assert error.value.line == 1


def test_unclosed_and_invalid_front_matter_in_strict_mode():
    with pytest.raises(markup.FrontMatterError, match="never closed"):
        markup.split_front_matter("+++\ntitle = 'x'\n", strict=True)
    with pytest.raises(markup.FrontMatterError) as error:
        markup.split_front_matter('+++\ntitle = "x"\nkind = \n+++\nbody\n', strict=True)
    assert error.value.line == 3
    assert markup.split_front_matter('+++\nkind = \n+++\nbody') == ({}, "body", 4)


def test_crlf_and_bom_are_tolerated():
    front, body, start = markup.split_front_matter('\ufeff+++\r\ntitle = "x"\r\n+++\r\nText [@a].\r\n')
    assert front == {"title": "x"}
    assert [(b.kind, b.line) for b in markup.blocks(body, start)] == [("paragraph", 4)]


def test_unclosed_code_fence_takes_the_rest():
    parts = markup.blocks("para [@a]\n\n```\ncode\nmore", 1)
    assert [b.kind for b in parts] == ["paragraph", "code"]
    assert parts[1].text == "code\nmore"
