"""The charts' share of a program's rendering, and this tree against a baseline commit, in the same run.

Usage: .venv/bin/python bench/charts.py [--baseline REF] [--rounds N] [--quick] [--all] [--validate]

Each side renders every document of the two example programs (every language, DOCX only) in ONE process and
reports the CPU time (`time.process_time`) of the rendering, after a warm-up document so that imports and font
loading are not counted, and the part of it spent drawing charts (`charts.draw`). The sides run interleaved, so
that the load of a shared machine weighs on both alike; the ratio of their medians is what to read, not seconds.
`--all`: every example program (examples/*/*.yaml), not the two. `--validate`: time `validate_file` of each
(an approved program's validation renders every document in memory, without charts) instead of rendering.
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


ALL = tuple(sorted((ROOT / "examples").glob("*/*.yaml")))


def inner_validate(examples: tuple[Path, ...]) -> dict[str, float]:
    """Validate the examples here and return the CPU seconds spent (after a warm-up validation)."""
    from sedp_core.validation.validate import validate_file

    validate_file(EXAMPLES[1])  # imports, templates' first compilation, data files
    start = time.process_time()
    for path in examples:
        if validate_file(path).program is None:
            raise SystemExit(f"{path}: invalid")
    return {"cpu": time.process_time() - start, "charts": 0.0, "calls": 0, "documents": len(examples)}


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


def _own_plugins(tree: Path) -> None:
    """Import the plugins from `tree` too, not only the core: the editable install maps the plugin packages to
    the checkout it was installed from, whatever PYTHONPATH says, so without this the baseline side would run
    the current plugins on its old core."""
    import importlib.machinery
    import importlib.util
    import tomllib

    folders = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]

    class TreeFinder:
        @classmethod
        def find_spec(cls, name: str, path: object = None, target: object = None) -> object:
            if name not in folders or name == "sedp_core":
                return None
            folder = tree / folders[name]
            if (folder / "__init__.py").is_file():
                return importlib.util.spec_from_file_location(name, folder / "__init__.py",
                                                              submodule_search_locations=[str(folder)])
            spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
            spec.submodule_search_locations = [str(folder)]
            return spec

    sys.meta_path.insert(0, TreeFinder)  # type: ignore[arg-type]


def _side(tree: Path, out: Path, quick: bool, extra: tuple[str, ...] = ()) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    flags = ["--quick"] if quick else []
    flags += extra
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--inner", str(out), *flags], env=env,
                          check=True, capture_output=True, text=True, cwd=tree)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="HEAD~1", help="the commit compared with (default: the previous one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="the Kyrgyz example only, one round (a harness check)")
    parser.add_argument("--all", action="store_true", help="every example program, not the two")
    parser.add_argument("--validate", action="store_true", help="time validation instead of rendering")
    parser.add_argument("--inner", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    examples = EXAMPLES[1:] if args.quick else ALL if args.all else EXAMPLES
    extra = tuple(flag for flag, on in (("--all", args.all), ("--validate", args.validate)) if on)
    if args.inner:
        _own_plugins(Path.cwd())
        print(json.dumps(inner_validate(examples) if args.validate else inner(args.inner, examples)))
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
                    runs[name].append(_side(tree, tmp / f"{name}_{round_no}", args.quick, extra))
                    print(name, runs[name][-1], file=sys.stderr)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
        med = {name: {key: statistics.median(r[key] for r in rs) for key in rs[0]} for name, rs in runs.items()}
        ratios = [n["cpu"] / b["cpu"] for n, b in zip(runs["sedp"], runs["baseline"], strict=True)]
        what = ("the Kyrgyz example program" if args.quick else f"the {len(examples)} example programs" if args.all
                else "the two example programs")
        if args.validate:
            print(f"| validation of {what} ({args.rounds} interleaved rounds), against `{args.baseline}` "
                  f"| {med['baseline']['cpu']:.2f} s CPU | {med['sedp']['cpu']:.2f} s CPU "
                  f"| {statistics.median(ratios):.2f} × ({min(ratios):.2f}–{max(ratios):.2f}) |")
            return
        print(f"| rendering of {what} ({int(med['sedp']['documents'])} documents, "
              f"{args.rounds} interleaved rounds), ≤ 0.6 × `{args.baseline}` "
              f"| {med['baseline']['cpu']:.2f} s CPU, of which charts {med['baseline']['charts']:.2f} s "
              f"| {med['sedp']['cpu']:.2f} s CPU, of which charts {med['sedp']['charts']:.2f} s "
              f"| {statistics.median(ratios):.2f} × ({min(ratios):.2f}–{max(ratios):.2f}) "
              f"| {'yes' if statistics.median(ratios) <= 0.6 else 'no'} |")


if __name__ == "__main__":
    main()
