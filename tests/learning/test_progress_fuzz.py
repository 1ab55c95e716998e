"""Property-based fuzzing: whatever is in the progress or settings file, loading never raises."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.learning.progress import FORMAT, Progress
from explainer.learning.progress_store import ProgressStore
from explainer.learning.settings import SettingsStore

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30,
)

progress_like = st.fixed_dictionaries(
    {"format": st.sampled_from([FORMAT, "other"]), "version": st.one_of(st.integers(-2, 3), json_values)},
    optional={
        "pages_read": st.one_of(st.lists(st.text(max_size=10)), json_values),
        "models_tried": st.one_of(st.lists(st.text(max_size=10)), json_values),
        "answers": st.one_of(st.dictionaries(st.text(max_size=5), st.dictionaries(st.text(max_size=5), json_values)), json_values),
        "last": json_values,
        "sections": st.one_of(st.dictionaries(st.text(max_size=5), st.dictionaries(st.text(max_size=5), json_values)), json_values),
    },
)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _load(raw: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.json"
        path.write_bytes(raw)
        loaded = ProgressStore(path).load()
        assert isinstance(loaded.progress, Progress)
        if loaded.notice:
            assert list(Path(folder).glob("progress.json.*-*"))  # a copy kept; the file stays until replaced
        # and whatever was loaded can be saved again
        assert ProgressStore(path).save(loaded.progress).ok
        settings_path = Path(folder) / "settings.json"
        settings_path.write_bytes(raw)
        SettingsStore(settings_path).load()
        return loaded


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes(raw: bytes) -> None:
    _load(raw)


@FUZZ
@given(json_values)
def test_any_json(value) -> None:
    _load(json.dumps(value).encode())


@FUZZ
@given(progress_like)
def test_progress_shaped_json(value) -> None:
    loaded = _load(json.dumps(value).encode())
    if loaded.notice is None and value.get("format") == FORMAT:
        assert all(isinstance(page, str) for page in loaded.progress.pages_read)
