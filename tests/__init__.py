"""The test suite (a package, so that ``tests.*`` helpers win over any installed top-level ``tests`` package, e.g. the one textstat ships)."""
