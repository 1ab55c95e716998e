"""A visitor who opens the voice lab uses the recogniser the fork server loaded once, not one of
its own (~100 MB each): the fork server's ``prepare`` runs, then a forked child builds a
visitor's app exactly as ``run_visitor`` does and asks its lab for the decoder.

Run in a fresh process: ``prepare`` imports everything and runs a warm-up app, which must not
happen in the test process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from explainer.bench import serve_probe
from explainer.classroom.serve_forks import served_environment

CHILD = r"""
import json, os, sys, tempfile
from pathlib import Path
from explainer.tui import served
from explainer.voice import decoder

root = Path(tempfile.mkdtemp())
ready = served.prepare([], root)
shared = list(decoder._engines.values())
read, write = os.pipe()
pid = os.fork()
if pid == 0:  # the visitor's process, as run_visitor builds it (without running the app)
    from explainer.tui.factory import make_app
    app = make_app(served._config, course=served._course)
    engine = app.lab.engine()
    os.write(write, json.dumps({"same": any(engine is one for one in shared), "engines": len(decoder._engines),
                                "lab_cache": str(app.lab.cache_dir)}).encode())
    os._exit(0)
os.close(write)
child = json.loads(os.read(read, 65536))
os.waitpid(pid, 0)
print(json.dumps({"ready": ready, "shared": len(shared), "built": shared[0].built, "child": child, "root": str(root)}))
"""


@pytest.mark.skipif(not serve_probe.available() or not hasattr(os, "fork"), reason="the fork server is Linux/macOS")
@pytest.mark.lab_cache  # the host's lab cache has the models built: prepare copies them instead of building
def test_a_visitor_opening_the_lab_uses_the_recogniser_the_fork_server_loaded(tmp_path):
    env = served_environment()
    env.update(EXPLAINER_DATA_DIR=str(tmp_path / "data"), TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ready"]["recogniser_ms"] is not None, "the fork server loaded the recogniser"
    assert result["shared"] == 1
    assert result["built"] is False, "the models the host's lab cache had were copied, not built again"
    child = result["child"]
    assert child["same"] and child["engines"] == 1, child  # no second decoder in the visitor
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*")), "nothing on disk"


def test_the_fork_server_copies_only_built_models_and_copes_without_them(tmp_path):
    from explainer.tui.served import _copy_built_models

    host = tmp_path / "host-lab"
    host.mkdir(mode=0o700)
    (host / "commands-abc.lm.bin").write_bytes(b"model")
    (host / "commands-abc.lm.bin").chmod(0o600)
    (host / "kws-alexa-1e-36.txt").write_text("alexa /1e-36/\n")
    shared = tmp_path / "root" / "shared"
    _copy_built_models(host, shared)
    assert sorted(p.name for p in shared.iterdir()) == ["commands-abc.lm.bin"]
    assert (shared / "commands-abc.lm.bin").read_bytes() == b"model"
    assert (host / "commands-abc.lm.bin").read_bytes() == b"model"  # the host's copy only read
    _copy_built_models(tmp_path / "no-such-folder", tmp_path / "elsewhere")  # a host that never ran the lab
    assert not (tmp_path / "elsewhere").exists()
