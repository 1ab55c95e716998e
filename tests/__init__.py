"""The test suite, as a package.

textstat's wheel installs a top-level ``tests`` package into site-packages, which shadowed
this folder for ``from tests.x import ...``; as a package, pytest puts the repository root
first.
"""
