"""The benchmark harness runs (its figures are not asserted: benchmarks are not timed tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_bench_quick_run_writes_a_report(tmp_path: Path) -> None:
    out = tmp_path / "performance.md"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=1800)  # a loaded machine
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    for target in ("≤ 2.5 × libyaml alone", "≤ 0.6 × `HEAD`", "≤ 1.10 × a naive docxtpl loop", "≤ 30 s, ≤ 500 MB",
                   "`sedp plugins` ≤ 0.25 s"):
        assert target in report, target
    assert "interleaved" in report and "median (min–max)" in report


def test_chart_bench_quick_run_compares_with_a_baseline() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "charts.py"), "--quick", "--baseline", "HEAD"],
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "≤ 0.6 × `HEAD`" in proc.stdout and "of which charts" in proc.stdout


def test_web_load_quick_run_serves_every_user_and_the_command_line() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "web_load.py"), "--quick", "--users", "2"],
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    web, cli = (line for line in proc.stdout.splitlines() if line.startswith(("web page", "command line")))
    for side in (web, cli):  # each side finished its users (1 per methodology) with none failed
        assert "median" in side and "95th percentile" in side and side.endswith("failures 0"), side


def test_summary_bench_runs_both_sides() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "summary.py"), "--soums", "2"],
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "`sedp summary` (one process)" in proc.stdout and "`sedp render` (all cores)" in proc.stdout
