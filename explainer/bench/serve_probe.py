"""What a running ``explainer serve`` costs the machine, read from ``/proc`` (Linux).

Memory is counted as PSS (proportional set size): each page shared by k processes counts 1/k
in each, so the PSS of every process of the server adds up to the memory the server really
uses. RSS would count a page shared by thirty forked visitors thirty times. For one visitor
alone the figure is USS (its private pages: what would be freed if it left). CPU is the
user+system time of every process in the server's tree, including those that have ended
(their last reading is kept).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def available() -> bool:
    return (PROC / "self" / "smaps_rollup").exists()


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds so far) of ``pid``, or None once it is gone (a zombie is gone)."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    if fields[0] in ("Z", "X"):
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    parents: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents.setdefault(stat[0], []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(parents.get(pid, []))
    return found


def memory_kb(pid: int) -> dict[str, int]:
    """PSS and USS (private clean + dirty) of ``pid`` in kB; empty once it is gone."""
    values: dict[str, int] = {}
    try:
        with open(PROC / str(pid) / "smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                name, _colon, rest = line.partition(":")
                if name in ("Pss", "Private_Clean", "Private_Dirty", "Rss"):
                    values[name] = int(rest.split()[0])
    except (OSError, ValueError):
        return {}
    values["Uss"] = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return values


@dataclass
class MemorySample:
    at: float
    total_pss_kb: int
    visitor_uss_kb: list[int]  # one per visitor process (the fork server's children)
    processes: int


@dataclass
class TreeProbe:
    """Samples the server's process tree: CPU all along, memory when asked."""

    root: int
    cpu_by_pid: dict[int, float] = field(default_factory=dict)
    cpu_series: list[tuple[float, float]] = field(default_factory=list)  # (time, total CPU s)
    pids_seen: set[int] = field(default_factory=set)

    def sample_cpu(self) -> float:
        for pid in descendants(self.root):
            if (stat := _stat(pid)) is not None:
                self.cpu_by_pid[pid] = stat[1]
                self.pids_seen.add(pid)
        total = sum(self.cpu_by_pid.values())
        self.cpu_series.append((time.monotonic(), total))
        return total

    def sample_memory(self, visitor_parent: int | None) -> MemorySample:
        """Total PSS of the tree, and each visitor's USS: the private pages of the subtree under
        each child of ``visitor_parent`` (a forked app; or a shell and the app it started)."""
        pids = descendants(self.root)
        usage = {pid: memory_kb(pid) for pid in pids}
        total = sum(values.get("Pss", 0) for values in usage.values())
        visitors = []
        if visitor_parent is not None:
            for pid in pids:
                stat = _stat(pid)
                if stat is not None and stat[0] == visitor_parent and pid != visitor_parent:
                    visitors.append(sum(memory_kb(sub).get("Uss", 0) for sub in descendants(pid)))
        return MemorySample(time.monotonic(), total, visitors, len(pids))

    def cpu_percent(self, start: float, end: float, window: float = 1.0) -> tuple[float, float]:
        """(mean, peak over ``window``-second steps) CPU use in % of one core between two times."""
        points = [(t, c) for t, c in self.cpu_series if start <= t <= end]
        if len(points) < 2:
            return 0.0, 0.0
        mean = (points[-1][1] - points[0][1]) / max(1e-9, points[-1][0] - points[0][0]) * 100
        peak, anchor = 0.0, points[0]
        for point in points[1:]:
            if point[0] - anchor[0] >= window:
                peak = max(peak, (point[1] - anchor[1]) / (point[0] - anchor[0]) * 100)
                anchor = point
        return mean, peak

    def alive(self, pids: set[int]) -> list[int]:
        return [pid for pid in pids if _stat(pid) is not None]


def child_of(parent: int, root: int) -> int | None:
    """The first child of ``parent`` in the tree below ``root`` (e.g. the fork server of the server)."""
    for pid in descendants(root):
        stat = _stat(pid)
        if stat is not None and stat[0] == parent and pid != parent:
            return pid
    return None
