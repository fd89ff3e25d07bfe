"""Runs every benchmark and writes docs/performance.md. Usage: .venv/bin/python bench/run.py [--quick]

Each figure is a ratio against a baseline measured in the same run on the same machine, so the results do not
depend on how fast the machine is:
- one program through sedp vs raw docxtpl rendering the same template with the same context;
- a national batch through `sedp render` vs a plain loop of raw docxtpl renders (and peak memory);
- `sedp --help` and `sedp plugins` start-up vs a bare Python start (and in seconds);
- validating a program with 10,000 proposals (seconds, against the 1 s target);
- a large annex table at growing row counts (time per row should stay flat: linear in rows).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measure import best_of, run_command  # noqa: E402

from sedp_core.charts import draw, with_pictures  # noqa: E402
from sedp_core.context import build_context  # noqa: E402
from sedp_core.loader import load_file  # noqa: E402
from sedp_core.registry import get_registry  # noqa: E402
from sedp_core.render import planned_documents, render_to_bytes  # noqa: E402
from sedp_core.validation import validate_data, validate_file  # noqa: E402

BIN = Path(sys.executable).parent
NOTES_MARKER = "<!-- notes kept by hand -->"
KG_EXAMPLE = ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"


def raw_docxtpl(template: Path, context: dict[str, Any]) -> bytes:
    """The baseline: docxtpl as its documentation shows it, with the same filters sedp's templates need."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    env = Environment(autoescape=True)
    env.filters.update(get_registry().filters)
    tpl = DocxTemplate(str(template))
    # Charts are drawn and inserted as docxtpl's InlineImage, as any docxtpl user would have to.
    tpl.render(with_pictures(context, tpl), jinja_env=env, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def bench_single(repeat: int) -> dict[str, float]:
    result = validate_file(KG_EXAMPLE)
    program, methodology = result.program, result.methodology
    doc = methodology.documents[0]
    lang = program.languages[0]
    context = build_context(program, methodology, doc, lang)
    # The chart cache is emptied before each run so that both sides draw the charts every time.
    raw = best_of(lambda: (draw.cache_clear(), raw_docxtpl(doc.template, context)), repeat)
    ours = best_of(lambda: (draw.cache_clear(), render_to_bytes(program, methodology, doc, lang)), repeat)
    return {"raw_s": raw, "sedp_s": ours, "ratio": ours / raw}


def bench_startup(repeat: int) -> dict[str, float]:
    env = {**os.environ}
    env.pop("SEDP_LOAD_PLUGINS", None)
    # An installed sedp runs from cached bytecode; a PYTHONDONTWRITEBYTECODE=1 shell would otherwise make every
    # timed start compile sedp's modules again (the best of `repeat` runs is kept, so the first run warms the cache).
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def timed(cmd: list[str]) -> float:
        return best_of(lambda: subprocess.run(cmd, check=True, capture_output=True, env=env), repeat)

    python = timed([sys.executable, "-c", "pass"])
    help_s = timed([str(BIN / "sedp"), "--help"])
    plugins_s = timed([str(BIN / "sedp"), "plugins"])
    return {"python_s": python, "help_s": help_s, "plugins_s": plugins_s,
            "help_ratio": help_s / python, "plugins_ratio": plugins_s / python}


def _with_activities(data: dict[str, Any], rows: int) -> dict[str, Any]:
    """The example with `rows` activities (copies of its own, with new ids); money rules are not the point here."""
    out = copy.deepcopy(data)
    originals = out["activities"]
    out["activities"] = []
    for i in range(rows):
        act = copy.deepcopy(originals[i % len(originals)])
        act["id"] = f"{act['id']}-{i}"
        act.pop("financing", None)
        out["activities"].append(act)
    return out


def bench_large_table(sizes: list[int]) -> list[dict[str, float]]:
    loaded = load_file(KG_EXAMPLE)
    methodology = validate_data(loaded).methodology
    doc = methodology.documents[0]
    rows = []
    for size in sizes:
        program = methodology.model.model_validate(_with_activities(loaded.data, size))
        seconds = best_of(lambda p=program: render_to_bytes(p, methodology, doc, p.languages[0]), 2)
        rows.append({"rows": size, "seconds": seconds, "ms_per_row": 1000 * seconds / size})
    return rows


def bench_batch(programs: list[Path], out_dir: Path, baseline_every: int = 1) -> dict[str, float]:
    """The national batch: sedp render (all cores, a fresh process) vs a plain loop of raw docxtpl renders.

    The raw loop is timed on every `baseline_every`-th program and scaled up (it is the slow side: a full loop
    over the national set takes several minutes); the programs are clones, so the slice is representative.
    """
    import time

    start = time.perf_counter()
    for path in programs[::baseline_every]:
        result = validate_file(path)
        for job in planned_documents(result.program, result.methodology):
            context = build_context(result.program, result.methodology, job.document, job.language,
                                    item=job.item, item_no=job.item_no)
            raw_docxtpl(job.document.template, context)
    raw = (time.perf_counter() - start) * len(programs) / len(programs[::baseline_every])
    env = {**os.environ}
    env.pop("SEDP_LOAD_PLUGINS", None)
    ours, peak = run_command([str(BIN / "sedp"), "render", *map(str, programs), "--out", str(out_dir)], env)
    return {"programs": len(programs), "raw_s": raw, "sedp_s": ours, "speedup": raw / ours, "peak_mib": peak,
            "baseline_every": baseline_every}


def write_report(results: dict[str, Any], command: str) -> str:
    s, st, lt = results["single"], results["startup"], results["large"]
    lines = [
        "# Performance",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} (reproduce with `{command}`).",
        "Each figure is a ratio against a baseline measured in the same run.",
        "",
        "| Target | Baseline | sedp | Ratio | Met |",
        "|---|---|---|---|---|",
        f"| one program ≤ 1.10 × raw docxtpl | {s['raw_s']:.3f} s | {s['sedp_s']:.3f} s | {s['ratio']:.2f} × | "
        f"{'yes' if s['ratio'] <= 1.10 else 'no'} |",
    ]
    if "batch" in results:
        b = results["batch"]
        lines.append(f"| national batch ({b['programs']} programs) ≥ 2 × faster than a raw docxtpl loop, peak ≤ 400 MB "
                     f"| {b['raw_s']:.1f} s | {b['sedp_s']:.1f} s, peak {b['peak_mib']:.0f} MiB | "
                     f"{b['speedup']:.2f} × faster | {'yes' if b['speedup'] >= 2 and b['peak_mib'] <= 400 else 'no'} |")
    lines += [
        f"| `sedp --help` ≤ 0.25 s | python start {st['python_s']:.3f} s | {st['help_s']:.3f} s | "
        f"{st['help_ratio']:.1f} × python | {'yes' if st['help_s'] <= 0.25 else 'no'} |",
        f"| `sedp plugins` ≤ 0.25 s | python start {st['python_s']:.3f} s | {st['plugins_s']:.3f} s | "
        f"{st['plugins_ratio']:.1f} × python | {'yes' if st['plugins_s'] <= 0.25 else 'no'} |",
    ]
    if "validate" in results:
        v = results["validate"]
        lines.append(f"| validate {v['proposals']:,} proposals ≤ 1 s | — | {v['seconds']:.2f} s | — | "
                     f"{'yes' if v['seconds'] <= 1 else 'no'} |")
    lines += ["", "## A large annex table", "",
              "The Kyrgyz program with its action plan grown to N rows (time per row should stay flat):", "",
              "| Rows | Seconds | ms per row |", "|---|---|---|"]
    lines += [f"| {r['rows']:,} | {r['seconds']:.2f} | {r['ms_per_row']:.2f} |" for r in lt]
    ratio = lt[-1]["ms_per_row"] / lt[0]["ms_per_row"]
    lines += ["", f"Per-row cost at {lt[-1]['rows']:,} rows is {ratio:.2f} × the cost at {lt[0]['rows']:,} rows "
              f"({'linear' if ratio <= 1.5 else 'worse than linear'})."]
    if "batch" in results and results["batch"]["baseline_every"] > 1:
        lines += ["", f"The raw docxtpl loop was timed on every {results['batch']['baseline_every']}th program of the "
                  "national set and scaled to the whole set (the programs are clones of the examples, so the slice "
                  "is representative); sedp rendered every program. Peak memory is the memory of the whole process "
                  "tree (the parent and its workers), as proportional set size, so that pages the forked workers "
                  "share with the parent count once; sampled every 20 ms."]
    for note in results.get("notes", []):
        lines += ["", note]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: check that the harness works")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    repeat = 2 if args.quick else 5
    results: dict[str, Any] = {"notes": []}
    print("one program ...", file=sys.stderr)
    results["single"] = bench_single(repeat)
    print("start-up ...", file=sys.stderr)
    results["startup"] = bench_startup(repeat)
    print("large table ...", file=sys.stderr)
    results["large"] = bench_large_table([50, 200] if args.quick else [500, 1000, 2500, 5000])
    try:
        import national
    except ImportError:
        national = None
    if national is not None:
        with tempfile.TemporaryDirectory() as tmp:
            print("national data ...", file=sys.stderr)
            programs = national.generate(Path(tmp) / "data", quick=args.quick)
            print(f"batch of {len(programs)} programs ...", file=sys.stderr)
            results["batch"] = bench_batch(programs, Path(tmp) / "out", 1 if args.quick else 10)
            if hasattr(national, "bench_validate"):
                results["validate"] = national.bench_validate(Path(tmp), 1000 if args.quick else 10_000)
    command = "python3 scripts/dev.py run && .venv/bin/python bench/run.py" + (" --quick" if args.quick else "")
    report = write_report(results, command)
    # The analysis written by hand below the marker (what limits a target) survives a new measurement.
    if args.out.exists() and NOTES_MARKER in (old := args.out.read_text(encoding="utf-8")):
        report += "\n" + old[old.index(NOTES_MARKER):]
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
