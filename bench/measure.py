"""Measuring for the benchmarks: whole commands in fresh processes, both sides of a ratio interleaved (A B A B ...),
each run's wall time, CPU time (user + system of the whole process tree, from the kernel's accounting of reaped
children) and peak memory (the same /proc sampler on both sides), summarised as median and min–max."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Runs:
    """The runs of one side of a comparison."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)

    @staticmethod
    def _summary(values: list[float], digits: int) -> str:
        median = statistics.median(values)
        return f"{median:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"

    def cpu_text(self, digits: int = 2) -> str:
        return self._summary(self.cpu, digits) + " s"

    def wall_text(self, digits: int = 2) -> str:
        return self._summary(self.wall, digits) + " s"

    def peak_text(self) -> str:
        return self._summary(self.peak_mib, 0) + " MiB"

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    @property
    def peak_median(self) -> float:
        return statistics.median(self.peak_mib)


def _memory_kib(entry: Path, status: str) -> int:
    """A process's proportional set size (shared pages divided among the processes sharing them), else its RSS.

    Workers forked from the renderer share the parent's pages copy-on-write; adding up their RSS would count
    those pages once per process."""
    try:
        for line in (entry / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _tree_rss_kib(root: int) -> int:
    """Memory of a process and all its descendants (PSS where Linux gives it, else RSS), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(stat[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = _memory_kib(entry, status)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def run_once(cmd: Sequence[str], env: Mapping[str, str] | None = None,
             cwd: Path | None = None) -> tuple[float, float, float]:
    """Run a command to its end; return (wall s, CPU s of its whole tree, peak MiB of its tree sampled every 20 ms)."""
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(env or os.environ),
                            cwd=cwd)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):  # 1: a program with findings still counts as a run
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}: {err.decode(errors='replace')[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, peak / 1024


def interleaved(sides: Mapping[str, tuple[Sequence[str], Mapping[str, str] | None]], rounds: int,
                cwd: Path | None = None, warm: bool = True) -> dict[str, Runs]:
    """Each side's command run `rounds` times, the sides alternating (A B A B ...), so that a change in the
    machine's load touches both alike. One untimed run of each first warms the file and bytecode caches."""
    runs = {name: Runs() for name in sides}
    if warm:
        for cmd, env in sides.values():
            run_once(cmd, env, cwd)
    for _ in range(rounds):
        for name, (cmd, env) in sides.items():
            wall, cpu, peak = run_once(cmd, env, cwd)
            runs[name].wall.append(wall)
            runs[name].cpu.append(cpu)
            runs[name].peak_mib.append(peak)
    return runs


def ratio_text(numerator: Runs, denominator: Runs) -> tuple[float, str]:
    """The ratio of CPU medians, with the range of the per-round ratios (rounds paired as they ran)."""
    pairs = [a / b for a, b in zip(numerator.cpu, denominator.cpu, strict=True) if b > 0]
    ratio = numerator.cpu_median / denominator.cpu_median
    return ratio, f"{ratio:.2f} × ({min(pairs):.2f}–{max(pairs):.2f})"
