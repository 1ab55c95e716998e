"""Who's Listening? -- follow one voice command from the wake word to a human annotator."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("whos-listening")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
