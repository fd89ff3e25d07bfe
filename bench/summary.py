"""`sedp summary` of the national synthetic set against `sedp render` of the same programs.

Usage: .venv/bin/python bench/summary.py [--quick] [--soums N] [--rounds R]

Generates the Mongolian national set (bench/national.py: 330 soums, 1,613 bags; `--quick`: 12 soums), then runs
both whole commands in fresh processes, interleaved, with bench/measure.py's sampler (wall time, CPU time of the
process tree, peak memory of the tree as PSS). The render runs on every core (its default), the summary in one
process. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import national  # noqa: E402
from measure import interleaved  # noqa: E402

SEDP = str(Path(sys.executable).with_name("sedp"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="12 soums instead of 330")
    parser.add_argument("--soums", type=int, default=None, help="number of soums (default 330)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of each side (default 1)")
    args = parser.parse_args()
    soums = args.soums or (12 if args.quick else 330)
    bags = max(soums * 4, round(1613 * soums / 330))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "programs"
        folder.mkdir()
        national.mongolia(folder, soums=soums, bags=bags)
        sides = {
            "summary": ([SEDP, "summary", str(folder), "--out", str(Path(tmp) / "summary")], None),
            "render": ([SEDP, "render", str(folder), "--out", str(Path(tmp) / "render")], None),
        }
        runs = interleaved(sides, args.rounds, warm=False)
    print(f"| {soums} soum programs | wall | CPU | peak memory |")
    print("|---|---|---|---|")
    for name, run in runs.items():
        command = "`sedp summary` (one process)" if name == "summary" else "`sedp render` (all cores)"
        print(f"| {command} | {run.wall_text(1)} | {run.cpu_text(1)} | {run.peak_text()} |")
    summary, render = runs["summary"], runs["render"]
    print(f"\nsummary / render: CPU {summary.cpu_median / render.cpu_median:.2f} ×, "
          f"peak memory {summary.peak_median / render.peak_median:.2f} ×")


if __name__ == "__main__":
    main()
