"""Runs every benchmark and writes docs/performance.md. Usage: .venv/bin/python bench/run.py [--quick] [--baseline REF]

Every ratio compares two whole commands run in fresh processes in the same conditions, interleaved A B A B, and
reports the median with the min–max of the rounds; CPU time (user + system of the whole process tree) where the
machine's load would make wall time lie, wall time where the target is what a user waits for (both are shown):
- `sedp validate` of a 10,000-proposal YAML file vs libyaml alone loading it (PyYAML's CSafeLoader);
- `sedp render` of the example programs vs the same command of the baseline commit (default: main);
- `sedp render` of one program vs a naive docxtpl loop doing what a user's script would (one Jinja environment
  per loop, every template compiled per document, sedp's contexts and charts);
- a national batch (same programs on both sides) through `sedp render` (all cores) vs that naive loop;
- an annex table of 50,000 rows through `sedp render` (seconds and peak memory), against the baseline at a size
  it can take;
- `sedp --help` and `sedp plugins` vs a bare Python start.
Peak memory is sampled every 20 ms from /proc for the whole process tree (PSS), the same sampler on both sides.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from measure import Runs, interleaved, ratio_text  # noqa: E402

PYTHON = sys.executable
SEDP = str(Path(PYTHON).with_name("sedp"))
NOTES_MARKER = "<!-- notes kept by hand -->"
KG_EXAMPLE = ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"
MN_EXAMPLE = ROOT / "examples" / "mongolia_onhs" / "zag_2026.yaml"

NAIVE_LOOP = '''
import sys
from pathlib import Path
from docxtpl import DocxTemplate
from jinja2 import Environment
from sedp_core.rendering.charts import with_pictures
from sedp_core.rendering.context import build_context
from sedp_core.registry.collect import get_registry
from sedp_core.rendering.render import planned_documents
from sedp_core.validation.validate import validate_file

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
env = Environment(autoescape=True)  # one environment for the loop; docxtpl compiles each document's XML anew
env.filters.update(get_registry().filters)
for name in sys.argv[2:]:
    result = validate_file(Path(name))
    for job in planned_documents(result.program, result.methodology):
        context = build_context(result.program, result.methodology, job.document, job.language,
                                item=job.item, item_no=job.item_no)
        tpl = DocxTemplate(str(job.document.template))
        tpl.render(with_pictures(context, tpl), jinja_env=env, autoescape=True)
        tpl.save(out / f"{result.program.id}_{job.document.id}_{job.item_no or 0}_{job.language}.docx")
'''

LIBYAML_ALONE = "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"


def _env(pythonpath: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SEDP_LOAD_PLUGINS", "PYTHONDONTWRITEBYTECODE"}}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def _sedp(tree: Path | None) -> list[str]:
    """The sedp command of this tree, or of a baseline tree (its sedp_core first on the path)."""
    return [SEDP] if tree is None else [PYTHON, "-m", "sedp_core"]


def baseline_tree(ref: str, folder: Path) -> Path:
    """A checkout of `ref` (its sedp_core is imported by the baseline's commands; the installed plugins are
    this tree's)."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(folder), ref], check=True,
                   capture_output=True)
    return folder


def _yaml_dump(data: Any, path: Path) -> Path:
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _example_data(path: Path) -> dict[str, Any]:
    import json

    import yaml

    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def proposals_file(folder: Path, proposals: int) -> Path:
    """One soum whose bags hold `proposals` proposals in all, as YAML."""
    from national import with_proposals

    data = with_proposals(_example_data(MN_EXAMPLE), proposals)
    return _yaml_dump(data, folder / f"proposals_{proposals}.yaml")


def activities_file(folder: Path, rows: int) -> Path:
    """The Kyrgyz example with its action plan grown to `rows` activities (copies with new ids)."""
    data = _example_data(KG_EXAMPLE)
    originals = data["activities"]
    data["activities"] = []
    for i in range(rows):
        act = copy.deepcopy(originals[i % len(originals)])
        act["id"] = f"{act['id']}-{i}"
        act.pop("financing", None)
        data["activities"].append(act)
    return _yaml_dump(data, folder / f"activities_{rows}.yaml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one round: check that the harness works")
    parser.add_argument("--baseline", default="main", help="the commit the render figures are compared with")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per comparison (default 3; 1 with --quick)")
    parser.add_argument("--batch-every", type=int, default=20, help="every Nth national program in the batch")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the baseline checkout is removed
    if args.quick and args.baseline == "main":
        args.baseline = "HEAD"  # a harness check: a clone with no main branch still runs it
    rounds = args.rounds or (1 if args.quick else 3)
    warm = not args.quick
    load_before = os.getloadavg()
    rows: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sedp-bench-") as tmp_name:
        tmp = Path(tmp_name)
        base = baseline_tree(args.baseline, tmp / "baseline")
        try:
            naive = tmp / "naive_loop.py"
            naive.write_text(NAIVE_LOOP, encoding="utf-8")

            def progress(text: str) -> None:
                print(text, file=sys.stderr, flush=True)

            # 1. YAML: the whole `sedp validate` command against libyaml alone reading the same file.
            proposals = 100 if args.quick else 10_000
            progress(f"validate {proposals:,} proposals ...")
            big = proposals_file(tmp, proposals)
            r = interleaved({"libyaml": ([PYTHON, "-c", LIBYAML_ALONE, str(big)], _env()),
                             "sedp": ([SEDP, "validate", str(big)], _env())}, rounds, warm=warm)
            ratio, text = ratio_text(r["sedp"], r["libyaml"])
            rows.append(f"| `sedp validate`, {proposals:,} proposals ({big.stat().st_size / 1e6:.1f} MB YAML), "
                        f"≤ 2.5 × libyaml alone | libyaml (CSafeLoader) {r['libyaml'].cpu_text()} | "
                        f"{r['sedp'].cpu_text()} | {text} | {_met(ratio <= 2.5)} |")

            # 2. A whole program's rendering against the baseline commit (charts included).
            progress("render the examples vs the baseline ...")
            examples = [str(MN_EXAMPLE), str(KG_EXAMPLE)]
            if args.quick:
                examples = examples[1:]
            r = interleaved({
                "baseline": ([*_sedp(base), "render", *examples, "--out", str(tmp / "o_base"), "--jobs", "1"],
                             _env(base)),
                "sedp": ([SEDP, "render", *examples, "--out", str(tmp / "o_new"), "--jobs", "1"], _env()),
            }, rounds, warm=warm)
            ratio, text = ratio_text(r["sedp"], r["baseline"])
            rows.append(f"| `sedp render` of the two example programs (charts included), ≤ 0.6 × `{args.baseline}` "
                        f"| {args.baseline} {r['baseline'].cpu_text()} | {r['sedp'].cpu_text()} | {text} | "
                        f"{_met(ratio <= 0.6)} |")

            # 3. One program: sedp against a naive docxtpl loop, both whole commands.
            progress("one program vs a naive docxtpl loop ...")
            r = interleaved({
                "naive": ([PYTHON, str(naive), str(tmp / "o_naive"), str(KG_EXAMPLE)], _env()),
                "sedp": ([SEDP, "render", str(KG_EXAMPLE), "--out", str(tmp / "o_one"), "--jobs", "1"], _env()),
            }, rounds, warm=warm)
            ratio, text = ratio_text(r["sedp"], r["naive"])
            rows.append(f"| one program (`render --jobs 1`) ≤ 1.10 × a naive docxtpl loop | "
                        f"{r['naive'].cpu_text()} | {r['sedp'].cpu_text()} | {text} | {_met(ratio <= 1.10)} |")

            # 4. A national batch: the same programs on both sides; the user waits for wall time.
            import national

            if args.quick:
                programs = national.generate(tmp / "national", quick=True)[::8]
            else:  # every 20th program of the national set, on both sides: nothing is scaled
                programs = national.generate(tmp / "national")[::args.batch_every]
            progress(f"batch of {len(programs)} programs ...")
            files = list(map(str, programs))
            r = interleaved({
                "naive": ([PYTHON, str(naive), str(tmp / "b_naive"), *files], _env()),
                "sedp": ([SEDP, "render", *files, "--out", str(tmp / "b_new")], _env()),
            }, rounds, warm=False)
            speed = r["naive"].wall_median / r["sedp"].wall_median
            rows.append(f"| batch of {len(programs)} national programs (`render`, all cores) ≥ 2 × faster than a "
                        f"naive loop (wall), peak ≤ 400 MB | wall {r['naive'].wall_text(1)}, CPU "
                        f"{r['naive'].cpu_text(1)} | wall {r['sedp'].wall_text(1)}, CPU {r['sedp'].cpu_text(1)}, "
                        f"peak {r['sedp'].peak_text()} | {speed:.2f} × faster | "
                        f"{_met(speed >= 2 and r['sedp'].peak_median <= 400)} |")

            # 5. A large annex table, whole command.
            sizes = (50, 100) if args.quick else (5000, 50_000)
            doc_args = ["--document", "action_plan", "--lang", "ru", "--jobs", "1"]
            large: dict[int, Runs] = {}
            for size in sizes:
                progress(f"an annex of {size:,} rows ...")
                path = activities_file(tmp, size)
                sides = {"sedp": ([SEDP, "render", str(path), "--out", str(tmp / f"l_{size}"), *doc_args], _env())}
                if size == sizes[0]:
                    sides["baseline"] = ([*_sedp(base), "render", str(path), "--out", str(tmp / f"lb_{size}"),
                                          *doc_args], _env(base))
                r = interleaved(sides, 1 if size == sizes[-1] and not args.quick else rounds, warm=False)
                large[size] = r["sedp"]
                if "baseline" in r:
                    ratio, text = ratio_text(r["sedp"], r["baseline"])
                    rows.append(f"| annex of {size:,} rows vs `{args.baseline}` | {r['baseline'].cpu_text()}, peak "
                                f"{r['baseline'].peak_text()} | {r['sedp'].cpu_text()}, peak {r['sedp'].peak_text()} "
                                f"| {text} | — |")
            last = large[sizes[-1]]
            rows.append(f"| annex of {sizes[-1]:,} rows ≤ 30 s, ≤ 500 MB (whole command: reading, validation, "
                        f"rendering) | — | CPU {last.cpu_text(1)}, wall {last.wall_text(1)}, peak {last.peak_text()} "
                        f"| {last.cpu_median / large[sizes[0]].cpu_median:.1f} × the CPU of {sizes[0]:,} rows for "
                        f"{sizes[-1] // sizes[0]} × the rows | "
                        f"{_met(last.cpu_median <= 30 and last.peak_median <= 500)} |")

            # 6. Start-up.
            progress("start-up ...")
            r = interleaved({"python": ([PYTHON, "-c", "pass"], _env()), "help": ([SEDP, "--help"], _env()),
                             "plugins": ([SEDP, "plugins"], _env())}, 2 if args.quick else 5, warm=True)
            for name in ("help", "plugins"):
                w = r[name].wall_median
                rows.append(f"| `sedp {'--help' if name == 'help' else 'plugins'}` ≤ 0.25 s (wall) | python start "
                            f"{r['python'].wall_text(3)} | {r[name].wall_text(3)} | "
                            f"{w / r['python'].wall_median:.1f} × python | {_met(w <= 0.25)} |")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], capture_output=True)
            shutil.rmtree(base, ignore_errors=True)
    load_after = os.getloadavg()
    command = "python3 scripts/dev.py run && .venv/bin/python bench/run.py" + (" --quick" if args.quick else "")
    lines = [
        "# Performance",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()}; load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after (reproduce with `{command}`). Each row compares whole commands run "
        f"interleaved, {rounds} round(s) per side: median (min–max). CPU is user + system time of the whole "
        "process tree; peak memory is the tree's PSS sampled every 20 ms, the same on both sides.",
        "",
        "| Target | Baseline | sedp | Ratio | Met |",
        "|---|---|---|---|---|",
        *rows,
        *notes,
    ]
    report = "\n".join(lines) + "\n"
    # The analysis written by hand below the marker (what limits a target) survives a new measurement.
    if args.out.exists() and NOTES_MARKER in (old := args.out.read_text(encoding="utf-8")):
        report += "\n" + old[old.index(NOTES_MARKER):]
    args.out.write_text(report, encoding="utf-8")
    print(report)


def _met(ok: bool) -> str:
    return "yes" if ok else "no"


if __name__ == "__main__":
    main()
