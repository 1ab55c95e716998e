"""The test suite, as a package.

textstat's wheel installs a top-level ``tests`` package into site-packages, which shadowed
this folder for ``from tests.x import ...``; as a package, pytest puts the repository root
first. Some tests import their harness by bare name (``import lessons_harness``), so this
folder stays importable too.
"""

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
