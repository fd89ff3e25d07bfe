"""Batch output: the failed programs and why at the end, a progress bar naming the current files with a real time
remaining, and piped output in whole lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sedp_core.cli.batch_report import BatchProgress, real_time_remaining
from tests.conftest import ROOT

KG = ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"


def _stderr_of(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from sedp_core.cli import cli

    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stderr


def _batch(tmp_path: Path) -> Path:
    folder = tmp_path / "a folder whose name is long enough to push every line of a report past eighty columns"
    folder.mkdir()
    text = KG.read_text(encoding="utf-8")
    (folder / "a_invalid.yaml").write_text(text.replace("start_year: 2025", "start_year: 20x5"), encoding="utf-8")
    (folder / "b_no_methodology.yaml").write_text("id: x\n", encoding="utf-8")
    (folder / "c_broken_yaml.yaml").write_text("id: [x\n", encoding="utf-8")
    return folder


def test_render_names_every_failed_program_and_why_at_the_end(demo_plugin: object, demo_sample: Path,
                                                              tmp_path: Path) -> None:
    folder = _batch(tmp_path)
    code, out = _stderr_of("render", str(folder), str(demo_sample), "--out", str(tmp_path / "out"), "-j", "1")
    assert code == 2
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line == "3 of 4 programs failed:")
    summary = lines[start + 1:start + 4]
    assert [line.split(": ", 1)[0].strip() for line in summary] == [
        str(folder / "a_invalid.yaml"), str(folder / "b_no_methodology.yaml"), str(folder / "c_broken_yaml.yaml")]
    assert "[schema.int_parsing] /period/start_year" in summary[0]
    assert "[input.no-methodology]" in summary[1] and "[input.yaml-syntax]" in summary[2]
    # Last: nothing but the count comes after it, so the list is what the officer sees.
    assert lines[start + 4:] == [next(line for line in lines if "documents from 4 programs" in line)]


def test_validate_names_every_failed_file_and_why_at_the_end(tmp_path: Path) -> None:
    folder = _batch(tmp_path)
    files = sorted(str(p) for p in folder.iterdir())
    code, out = _stderr_of("validate", *files)
    assert code == 2
    lines = out.splitlines()
    assert lines[-4] == "3 of 3 files failed:"
    assert [line.split(": ", 1)[0].strip() for line in lines[-3:]] == files
    assert "[schema.int_parsing] /period/start_year" in lines[-3]  # the first error, in the program's language


def test_the_progress_bar_names_the_files_in_progress_not_the_last_finished(tmp_path: Path) -> None:
    files = [tmp_path / f"{name}.yaml" for name in ("a", "b", "c", "d")]
    progress = BatchProgress(files, workers=2, verb="rendering")
    assert progress.description == "rendering a.yaml, b.yaml"
    progress.done(files[1])  # b failed and finished first: a goes on, c starts
    assert progress.description == "rendering a.yaml, c.yaml"
    progress.done(files[0])
    progress.done(files[2])
    assert progress.description == "rendering d.yaml"


def test_the_time_remaining_is_measured_from_the_start(tmp_path: Path) -> None:
    from rich.progress import Progress

    now = [0.0]
    progress = Progress(get_time=lambda: now[0])
    task_id = progress.add_task("rendering", total=10)
    # Two workers finish their first programs together after 10 s: 8 programs are left, some 40 s of work.
    now[0] = 10.0
    progress.update(task_id, advance=1)
    now[0] = 10.01
    progress.update(task_id, advance=1)
    [task] = progress.tasks
    assert str(real_time_remaining().render(task)) == "0:00:40"


def test_piped_output_is_whole_lines(tmp_path: Path) -> None:
    folder = _batch(tmp_path)
    sedp = Path(sys.executable).parent / "sedp"
    env = {**os.environ, "COLUMNS": "40"}
    done = subprocess.run([str(sedp), "render", str(folder), "--out", str(tmp_path / "out"), "-j", "1"],
                          capture_output=True, text=True, env=env, timeout=300)
    err = done.stderr
    assert "\x1b" not in err and "\r" not in err  # no bar drawn, no colour codes in a log
    lines = err.splitlines()
    assert "" not in lines
    located = [line for line in lines if re.match(rf"{re.escape(str(folder))}/a_invalid\.yaml:\d+:\d+: ", line)]
    assert located and all(line.count(str(folder)) == 1 for line in located)
    from sedp_core.validation.validate import validate_file

    [error] = [f for f in validate_file(folder / "a_invalid.yaml").report.errors if f.code == "schema.int_parsing"]
    prefix = f"{error.location}: error [schema.int_parsing] /period/start_year: "
    # The whole message on the one line, in whichever language the report speaks.
    assert any(line.startswith(prefix) and line.endswith(tuple(error.messages.values())) for line in located)
