"""Shared helpers for the robustness tests (terminal sizes, markup, devices, storage); not a test module.

``odd_content`` copies the packaged course and plants Rich-markup-looking text in a lesson
page, a quiz prompt and a quiz option, so a test can start the whole app on it with
``--content`` and check that every screen shows the text as typed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from explainer.paths import packaged_content_dir

# Strings that Rich would read as markup (or choke on) if a widget forgot markup=False / Text().
MARKUP_SAMPLES = ("[bold]x[/]", "[/]", "[link=https://x]y", "[red")
TYPED = "[bold]x[/] [/] [link=https://x]y [red"
PAGE_LINE = "Odd text [bold]stays[/] [/] [link=https://x]plain [red as typed"
PROMPT_PREFIX = "[bold]Odd[/] [red prompt: "
OPTION_TEXT = "[link=https://x]On the device[/link], with a local wake-word engine"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}; update tests/robust_support.py"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def odd_content(target: Path) -> Path:
    """A copy of the packaged course with markup-looking text in a page, a prompt and an option."""
    root = Path(shutil.copytree(packaged_content_dir(), target))
    page = sorted((root / "stations" / "01-wake-word").glob("01-*.md"))[0]
    with page.open("a", encoding="utf-8") as out:
        out.write(f"\n{PAGE_LINE} [@amazon-faq-manual-p3].\n")
    _edit(
        root / "stations" / "02-listening-window" / "quiz.toml",
        'prompt = "Amazon',
        f'prompt = "{PROMPT_PREFIX}Amazon',
    )
    _edit(
        root / "stations" / "01-wake-word" / "quiz.toml",
        'text = "On the device, with a local wake-word engine"',
        f'text = "{OPTION_TEXT}"',
    )
    return root

