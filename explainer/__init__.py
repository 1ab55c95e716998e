"""Who's Listening? -- follow one voice command from the wake word to a human annotator."""



def __getattr__(name: str) -> str:
    """``explainer.__version__``, read from the installed metadata only when asked.

    ``importlib.metadata`` pulls in the email parser and more (~20 ms, measured with
    ``python -X importtime``); every start of the app paid for it to print nothing.
    """
    if name != "__version__":
        raise AttributeError(f"module 'explainer' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("whos-listening")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found
