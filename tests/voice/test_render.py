"""Clip rendering: every shipped clip renders to audio of the right length that is not silent,
the cache is keyed by the recipe, and the shipped set is used when there is no speech engine."""

from __future__ import annotations

import shutil
import wave
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from explainer.course.context import ReadContext
from explainer.course.read_clips import read_clips, read_households
from explainer.paths import packaged_content_dir
from explainer.voice import audio, render, speech

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
CONTENT = packaged_content_dir()


def load_clips():
    ctx = ReadContext(root=CONTENT)
    clips = read_clips(ctx, read_households(ctx))
    assert not [p for p in ctx.log.sorted()], ctx.log.sorted()
    return clips


def fake_synth(calls: list[str]):
    """A stand-in engine: a 200 Hz tone, 0.1 s per word, written as the real one would (22,050 Hz)."""

    def synth(text: str, out: Path, **kwargs) -> Path:
        calls.append(text)
        seconds = 0.1 * len(text.split())
        t = np.arange(int(seconds * 22050)) / 22050
        return audio.write_wav(out, 0.5 * np.sin(2 * np.pi * 200 * t), 22050)

    return synth


def test_clip_set_is_big_enough_and_varied() -> None:
    clips = load_clips()
    kinds = {clip.kind for clip in clips}
    assert len(clips) >= 26 and len({clip.household for clip in clips}) >= 3
    assert {"command", "false-wake", "overheard", "child", "hard", "distress"} <= kinds
    distress = [clip for clip in clips if clip.kind == "distress"]
    assert len(distress) == 1 and distress[0].content_note and distress[0].intent is None
    assert all(clip.captions and clip.lines for clip in clips)
    assert all(bool(clip.transcript) != clip.false_wake for clip in clips)  # a false wake: nothing to type
    assert sum(1 for clip in clips if clip.facts) >= 20  # what a listener learns, tied to its words


def test_shipped_audio_exists_and_fits_the_budget() -> None:
    clips = load_clips()
    total = 0
    for clip in clips:
        path = render.shipped_path(clip, CONTENT)
        assert path is not None, clip.id
        with wave.open(str(path), "rb") as handle:
            assert (handle.getnchannels(), handle.getsampwidth(), handle.getframerate()) == (1, 2, 16000)
            seconds = handle.getnframes() / 16000
        assert 3.0 <= seconds <= 10.0, (clip.id, seconds)
        total += path.stat().st_size
    assert total <= 8 * 1024 * 1024


@pytest.mark.slow
@needs_espeak
def test_every_clip_renders_to_the_right_length_and_is_not_silent(tmp_path: Path) -> None:
    for clip in load_clips():
        spans: list[float] = []

        def spy(text: str, out: Path, spans: list[float] = spans, **kwargs) -> Path:
            path = speech.synthesize(text, out, **kwargs)
            samples, rate = audio.read_wav(path)
            spans.append(len(render._trim(samples, rate)) / rate)
            return path

        out = render.render_clip(clip, tmp_path / f"{clip.id}.wav", synthesize=spy)
        samples, rate = audio.read_wav(out)
        expected = max(line.start + span for line, span in zip(clip.lines, spans, strict=True)) + render.LEAD_OUT
        assert rate == render.OUTPUT_RATE
        assert len(samples) / rate == pytest.approx(expected, abs=0.01), clip.id
        assert audio.rms(samples) > 0.03, clip.id
        shipped, _ = audio.read_wav(render.shipped_path(clip, CONTENT))
        assert len(shipped) == pytest.approx(len(samples), abs=rate * 0.05), f"{clip.id}: shipped audio is stale"


def test_render_places_lines_at_their_offsets(tmp_path: Path) -> None:
    clip = next(c for c in load_clips() if len(c.lines) >= 2)
    clip = replace(clip, background=replace(clip.background, noise="none", level=0.0, distance=0.5))
    out = render.render_clip(clip, tmp_path / "x.wav", synthesize=fake_synth([]))
    samples, rate = audio.read_wav(out)
    second = clip.lines[1]
    at = int((second.start + 0.05) * rate)
    assert audio.rms(samples[at : at + rate // 20]) > 0.05


def test_second_render_is_a_cache_hit(tmp_path: Path) -> None:
    clip = load_clips()[0]
    calls: list[str] = []
    steps: list[tuple[int, int]] = []
    first, cached = render.render_cached(clip, tmp_path, synthesize=fake_synth(calls),
                                         progress=lambda done, total, label: steps.append((done, total)))
    assert not cached and len(calls) == len(clip.lines) and steps[-1][0] == steps[-1][1]
    again, cached = render.render_cached(clip, tmp_path, synthesize=fake_synth(calls))
    assert cached and again == first and len(calls) == len(clip.lines)


def test_editing_a_line_changes_the_cache_key(tmp_path: Path) -> None:
    clip = load_clips()[0]
    edited = replace(clip, lines=(replace(clip.lines[0], text="Alexa, set a timer for nine minutes."),))
    relabelled = replace(clip, transcript="something else", title="Other")
    assert render.clip_hash(edited) != render.clip_hash(clip)
    assert render.clip_hash(relabelled) == render.clip_hash(clip)
    calls: list[str] = []
    render.render_cached(clip, tmp_path, synthesize=fake_synth(calls))
    render.render_cached(edited, tmp_path, synthesize=fake_synth(calls))
    assert len(list(tmp_path.glob(f"{clip.id}-*.wav"))) == 1  # the stale render was replaced


def test_shipped_audio_was_rendered_from_the_current_scripts() -> None:
    stale = [c.id for c in load_clips() if not render.is_current(c, render.shipped_path(c, CONTENT))]
    assert not stale, f"re-render with: explainer clips render --out content/clips/audio --only {stale[0]}"


def test_current_shipped_file_is_used_without_asking_the_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: pytest.fail("must not probe"))
    clip = load_clips()[0]
    found = render.clip_audio(clip, CONTENT, tmp_path)
    assert found.origin == "shipped" and found.path == render.shipped_path(clip, CONTENT) and found.notice == ""


def test_no_engine_falls_back_to_an_older_shipped_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (False, "No speech engine: test."))
    clip = load_clips()[0]
    edited = replace(clip, lines=(replace(clip.lines[0], rate=clip.lines[0].rate + 10),))
    found = render.clip_audio(edited, CONTENT, tmp_path)
    assert found.origin == "shipped" and found.path == render.shipped_path(clip, CONTENT)
    assert "No speech engine" in found.notice and "earlier version" in found.notice
    with pytest.raises(render.ClipAudioMissing, match="Read the captions"):
        render.clip_audio(replace(clip, audio="missing.wav"), tmp_path / "no-content", tmp_path)


def test_engine_present_renders_an_edited_clip_into_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "speech_available", lambda refresh=False: (True, ""))
    calls: list[str] = []
    monkeypatch.setattr(speech, "synthesize", fake_synth(calls))
    clip = load_clips()[0]
    edited = replace(clip, lines=(replace(clip.lines[0], text="Alexa, set a timer for nine minutes."),))
    found = render.clip_audio(edited, CONTENT, tmp_path)
    assert found.origin == "rendered" and calls and render.is_current(edited, found.path)
    assert render.clip_audio(edited, CONTENT, tmp_path).origin == "cache"


def test_marks_follow_the_script() -> None:
    clip = next(c for c in load_clips() if c.id == "ol-03-election")
    marks = render.clip_marks(clip, 9.7)
    assert marks["pre-roll"] == 0.0
    assert 0.1 < marks["wake"] < 1.5  # "election" in the TV line
    assert 8.0 < marks["end"] <= 9.7


def test_a_corrupt_cache_file_is_rendered_again(tmp_path: Path) -> None:
    clip = load_clips()[0]
    target = render.cache_path(clip, tmp_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"RIFF....WAVEfmt garbage")
    calls: list[str] = []
    path, cached = render.render_cached(clip, tmp_path, synthesize=fake_synth(calls))
    assert not cached and calls and audio.read_wav(path)[1] == render.OUTPUT_RATE
