"""WAV files in and out: the one place the project reads and writes them.

Every clip, upload and recording passes through here, so the rules live in one module: any
16-bit (also 8/24/32-bit) PCM file is read as mono float32 in [-1, 1] whatever went wrong with
it (a damaged or foreign file is a ``ValueError`` naming it, never ``wave.Error``); files
are written whole or not at all, and a WAV's own comment (the ``ICMT`` chunk: what rendered
it) can be written and read back. Split from ``audio`` (the signal maths), which re-exports
these names for the modules that import them from there.
"""

from __future__ import annotations

import contextlib
import io
import os
import struct
import wave
from pathlib import Path

import numpy as np


def read_wav(path: Path | str | io.BytesIO) -> tuple[np.ndarray, int]:
    """(mono float32 samples in [-1, 1], sample rate). Stereo is averaged; 8/16/24/32-bit PCM.

    Raises OSError when the file cannot be read and ValueError when it is not a usable WAV
    (truncated, compressed, not a WAV at all) -- never wave.Error or EOFError.
    """
    try:
        with wave.open(path if isinstance(path, io.BytesIO) else str(path), "rb") as handle:
            channels, width, rate = handle.getnchannels(), handle.getsampwidth(), handle.getframerate()
            raw = handle.readframes(handle.getnframes())
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"{_name(path)} is not a readable WAV file ({exc or 'truncated'})") from exc
    if rate <= 0:
        raise ValueError(f"{_name(path)} has no sample rate")
    if width == 1:
        data = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width == 2:
        data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif width == 3:
        bytes3 = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        ints = bytes3[:, 0] | (bytes3[:, 1] << 8) | (bytes3[:, 2] << 16)
        data = (np.where(ints >= 1 << 23, ints - (1 << 24), ints)).astype(np.float32) / float(1 << 23)
    elif width == 4:
        data = np.frombuffer(raw, dtype="<i4").astype(np.float32) / float(1 << 31)
    else:
        raise ValueError(f"{_name(path)}: unsupported sample width ({width} bytes)")
    if channels > 1:
        data = data[: len(data) - len(data) % channels].reshape(-1, channels).mean(axis=1)
    return data.astype(np.float32, copy=False), rate


def _name(path: Path | str | io.BytesIO) -> str:
    return "the recording" if isinstance(path, io.BytesIO) else Path(path).name


def wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    """Mono 16-bit PCM WAV in memory (what the voice history keeps, and what players can stream)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype(np.int16).tobytes())
    return buffer.getvalue()


def write_wav(path: Path | str, samples: np.ndarray, rate: int, *, comment: str = "") -> Path:
    """Write mono 16-bit PCM atomically (temp file, then rename): a crash never leaves half a file.

    ``comment`` is stored in a RIFF ``LIST/INFO/ICMT`` chunk after the audio (players ignore it);
    rendered clips keep their recipe hash there, so a shipped file can prove it is up to date.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = (np.clip(np.asarray(samples, dtype=np.float64), -1.0, 1.0) * 32767.0).round().astype("<i2")
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:  # a full disk must not leave the temp file behind
        with wave.open(str(temp), "wb") as handle:
            handle.setnchannels(1)
            handle.setsampwidth(2)
            handle.setframerate(int(rate))
            handle.writeframes(pcm.tobytes())
        if comment:
            text = comment.encode("utf-8") + b"\0"
            text += b"\0" * (len(text) % 2)
            chunk = b"LIST" + struct.pack("<I", 4 + 8 + len(text)) + b"INFO" + b"ICMT" + struct.pack("<I", len(text)) + text
            with open(temp, "r+b") as raw:
                raw.seek(0, os.SEEK_END)
                raw.write(chunk)
                size = raw.tell()
                raw.seek(4)
                raw.write(struct.pack("<I", size - 8))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return path


def wav_comment(path: Path | str) -> str:
    """The ``ICMT`` comment written by :func:`write_wav`, or "" (none, or not a WAV)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return ""
    at = 12
    while at + 8 <= len(data):
        kind, size = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])[0]
        body = data[at + 8 : at + 8 + size]
        if kind == b"LIST" and body[:4] == b"INFO":
            inner = 4
            while inner + 8 <= len(body):
                sub, sub_size = body[inner : inner + 4], struct.unpack("<I", body[inner + 4 : inner + 8])[0]
                if sub == b"ICMT":
                    return body[inner + 8 : inner + 8 + sub_size].rstrip(b"\0").decode("utf-8", "replace")
                inner += 8 + sub_size + (sub_size % 2)
        at += 8 + size + (size % 2)
    return ""
