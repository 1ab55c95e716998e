"""The authoring guide (content/README.md) must not teach anything the checker rejects:
every TOML and page example in it, dropped into a valid course, checks clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.course.check import check_content
from explainer.course.markup import CITATION_RE
from tests.course_factory import STATION, write, write_course

GUIDE = Path(__file__).resolve().parents[2] / "content" / "README.md"
FENCE_RE = re.compile(r"^```(toml|markdown)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    if not GUIDE.exists():
        pytest.skip("content/README.md is not written yet")
    return FENCE_RE.findall(GUIDE.read_text(encoding="utf-8"))


def test_guide_examples_check_clean(tmp_path: Path) -> None:
    root = write_course(tmp_path / "content")
    examples = _examples()
    cited: set[str] = set()
    for _lang, text in examples:
        cited |= set(CITATION_RE.findall(text)) | set(re.findall(r'"([a-z0-9-]+)"', text))
    defined = {m for _lang, text in examples if text.startswith("[[sources]]") for m in re.findall(r'^id = "(.+)"', text, re.M)}
    new_sources = "".join(
        f'\n[[sources]]\nid = "{source_id}"\npublisher = "P"\ntitle = "T"\ndate = "n.d."\n'
        f'url = "https://example.org/{source_id}"\nkind = "primary"\n'
        for source_id in sorted(cited - defined) if source_id.count("-") >= 2
    )
    blocks = {"questions": "", "sources": new_sources, "terms": "", "households": "", "clips": "", "page": ""}
    for lang, text in examples:
        if lang == "markdown":
            blocks["page"] = text
            continue
        for key in blocks:
            if text.startswith(f"[[{key}]]"):
                blocks[key] += "\n" + text
    assert all(blocks[k] for k in ("questions", "terms", "households", "clips", "page")), blocks
    household = re.search(r'id = "([a-z0-9-]+)"', blocks["households"]).group(1)
    audio = re.findall(r'audio = "([^"]+)"', blocks["clips"])
    with (root / "sources.toml").open("a") as handle:
        handle.write(blocks["sources"])
    with (root / "glossary.toml").open("a") as handle:
        handle.write(blocks["terms"])
    with (root / f"{STATION}/quiz.toml").open("a") as handle:
        handle.write(blocks["questions"])
    with (root / "clips/households.toml").open("a") as handle:
        handle.write(blocks["households"])
    write(root, f"clips/{household}.toml", blocks["clips"])
    for name in audio:
        write(root, f"clips/audio/{name}", b"RIFF")
    write(root, f"{STATION}/03-guide-example.md", blocks["page"])
    report = check_content(root)
    assert report.problems == [], "\n".join(map(str, report.problems))
    assert report.counts["questions"] == 8 + blocks["questions"].count("[[questions]]")
