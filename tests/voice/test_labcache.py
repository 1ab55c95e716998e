"""The lab's models live in the learner's cache folder: private, written atomically, never through a link."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from explainer.voice import labcache
from explainer.voice.langmodel import build_arpa, ensure_language_model, templates_digest
from explainer.voice.nlu import load_intent_dict
from explainer.voice.wake import WAKE_WORDS

posix = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")


@posix
def test_the_folder_is_created_private_and_files_are_0600(tmp_path):
    folder = labcache.ensure_dir(tmp_path / "cache" / "lab")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    written = labcache.write_atomic(folder / "model.bin", b"data")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600 and written.read_bytes() == b"data"
    assert not [p for p in folder.iterdir() if p.name.startswith(".lab-")]  # no temp file left behind


@posix
def test_a_planted_link_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    folder = labcache.ensure_dir(tmp_path / "lab")
    (folder / "model.bin").symlink_to(victim)
    (folder / "model.bin.tmp").symlink_to(victim)  # the old code wrote <name>.tmp through links
    assert not labcache.readable(folder / "model.bin")  # a link is never trusted
    labcache.write_atomic(folder / "model.bin", b"new")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (folder / "model.bin").is_symlink() and (folder / "model.bin").read_bytes() == b"new"


@posix
def test_a_link_in_place_of_the_folder_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "lab").symlink_to(elsewhere)
    with pytest.raises(labcache.CacheFolderError):
        labcache.ensure_dir(tmp_path / "lab")


@posix
def test_a_loose_folder_of_ours_is_made_private(tmp_path):
    folder = tmp_path / "lab"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    labcache.ensure_dir(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_pocketsphinx_builds_the_model_and_it_is_cached_by_the_templates_hash(tmp_path):
    intent_dict = load_intent_dict()
    known = lambda _w: True  # noqa: E731 - every word: the dictionary check is the engine's
    model, sentences, built = ensure_language_model(intent_dict, WAKE_WORDS, tmp_path / "lab", known)
    digest = templates_digest(intent_dict, WAKE_WORDS)
    assert built and digest in model.name and model.parent == tmp_path / "lab" and model.stat().st_size > 0
    again = ensure_language_model(intent_dict, WAKE_WORDS, tmp_path / "lab", known)
    assert again == (model, sentences, False)  # the second time: loaded, not built
    changed = dict(intent_dict, skip_words=[*intent_dict.get("skip_words", []), "pretty please now"])
    assert templates_digest(changed, WAKE_WORDS) != digest


def test_the_arpa_text_comes_from_pocketsphinx_lm():
    arpa = build_arpa(["set a timer", "set a reminder"])
    assert "ngram 3=" in arpa and "\\3-grams:" in arpa and arpa.rstrip().endswith("\\end\\")


def test_nothing_is_written_to_the_system_temp_folder(lab, tmp_path, monkeypatch):
    from explainer.voice.lab_service import LabRequest

    private = tmp_path / "system-temp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    clips = Path(__file__).resolve().parents[2] / "content" / "clips" / "audio"
    trace = lab.run(LabRequest(wav=sorted(clips.glob("*.wav"))[0], keep=True))
    assert trace.stages and list(private.rglob("*")) == []
    assert trace.history_id is not None and lab.paths.history_db.exists()
