"""Nothing heavy is imported before the map is on screen.

numpy, jiwer, pocketsphinx, hassil and the Markdown parser belong to the reviewer seat and the
lab; they may be imported in the background once the map is painted (services.prewarm_screens),
or when those modes open, but never on the way to the first screen.
"""

from __future__ import annotations

import json
import subprocess
import sys

from explainer.bench.startup import APP_CHILD

HEAVY = ("numpy", "jiwer", "pocketsphinx", "hassil", "markdown_it", "miniaudio", "pyttsx3", "yaml")

CHILD = APP_CHILD.replace(
    'sys.stdout.write(f"ready {time.process_time():.6f}\\n")',
    'sys.stdout.write("ready " + __import__("json").dumps(sorted(m for m in sys.modules)) + "\\n")',
)


def test_no_heavy_module_before_the_first_screen(tmp_path):
    assert CHILD != APP_CHILD, "the ready line in explainer.bench.startup changed; update this test"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr[-800:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("ready "))
    loaded = set(json.loads(line[len("ready ") :]))
    assert "explainer.tui.screens.map" in loaded
    assert not [name for name in HEAVY if name in loaded]
