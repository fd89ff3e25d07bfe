"""The charts' share of a program's rendering, and this tree against a baseline commit, in the same run.

Usage: .venv/bin/python bench/charts.py [--baseline REF] [--rounds N] [--quick]

Each side renders every document of the two example programs (every language, DOCX only) in ONE process and
reports the CPU time (`time.process_time`) of the rendering, after a warm-up document so that imports and font
loading are not counted, and the part of it spent drawing charts (`charts.draw`). The sides run interleaved, so
that the load of a shared machine weighs on both alike; the ratio of their medians is what to read, not seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = (ROOT / "examples/mongolia_onhs/tariat_2026.yaml", ROOT / "examples/kyrgyz_aa/ak_kyya_2025_2027.yaml")


def inner(out: Path, examples: tuple[Path, ...] = EXAMPLES) -> dict[str, float]:
    """Render the examples here (the sedp_core first on sys.path) and return the CPU seconds spent."""
    import sedp_core.rendering.charts as charts
    from sedp_core.cli.render import render_program_file

    drawing = [0.0, 0]
    original = charts.draw

    def timed(chart: object) -> bytes:
        start = time.process_time()
        try:
            return original(chart)  # type: ignore[arg-type]
        finally:
            drawing[0] += time.process_time() - start
            drawing[1] += 1

    charts.draw = timed  # type: ignore[assignment]
    # Warm-up: imports, templates' first compilation and font loading are start-up, not rendering.
    render_program_file(EXAMPLES[1], out / "warm", ("program",), ("ru",))
    original.cache_clear()
    drawing[:] = [0.0, 0]
    start = time.process_time()
    written = 0
    for path in examples:
        outcome = render_program_file(path, out / path.stem, (), ())
        if outcome.failures:
            raise SystemExit(f"{path}: {outcome.reasons}")
        written += len(outcome.written)
    return {"cpu": time.process_time() - start, "charts": drawing[0], "calls": drawing[1], "documents": written}


def _side(tree: Path, out: Path, quick: bool) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    flags = ["--quick"] if quick else []
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--inner", str(out), *flags], env=env,
                          check=True, capture_output=True, text=True, cwd=tree)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="HEAD~1", help="the commit compared with (default: the previous one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="the Kyrgyz example only, one round (a harness check)")
    parser.add_argument("--inner", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        print(json.dumps(inner(args.inner, EXAMPLES[1:] if args.quick else EXAMPLES)))
        return
    if args.quick:
        args.rounds = 1
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        base = tmp / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(base), args.baseline],
                       check=True, capture_output=True)
        try:
            runs: dict[str, list[dict[str, float]]] = {"baseline": [], "sedp": []}
            for round_no in range(args.rounds):
                for name, tree in (("baseline", base), ("sedp", ROOT)):
                    runs[name].append(_side(tree, tmp / f"{name}_{round_no}", args.quick))
                    print(name, runs[name][-1], file=sys.stderr)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
        med = {name: {key: statistics.median(r[key] for r in rs) for key in rs[0]} for name, rs in runs.items()}
        ratios = [n["cpu"] / b["cpu"] for n, b in zip(runs["sedp"], runs["baseline"], strict=True)]
        what = "the Kyrgyz example program" if args.quick else "the two example programs"
        print(f"| rendering of {what} ({int(med['sedp']['documents'])} documents, "
              f"{args.rounds} interleaved rounds), ≤ 0.6 × `{args.baseline}` "
              f"| {med['baseline']['cpu']:.2f} s CPU, of which charts {med['baseline']['charts']:.2f} s "
              f"| {med['sedp']['cpu']:.2f} s CPU, of which charts {med['sedp']['charts']:.2f} s "
              f"| {statistics.median(ratios):.2f} × ({min(ratios):.2f}–{max(ratios):.2f}) "
              f"| {'yes' if statistics.median(ratios) <= 0.6 else 'no'} |")


if __name__ == "__main__":
    main()
