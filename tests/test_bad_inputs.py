"""The bad-input corpus (tests/bad_inputs/expected.yaml): each case gives its documented exit code and error code,
one clear located message, no traceback, and no output file."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from sedp_core.cli import cli
from tests.conftest import interruptible

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED: dict[str, dict] = YAML(typ="safe").load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def alias_bomb(path: Path) -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def deep_nesting(path: Path) -> None:
    path.write_text("id: x\nmethodology: {id: kg.aa}\nx: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")


def deep_nesting_json(path: Path) -> None:
    path.write_text('{"id": "x", "x": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")


def huge(path: Path) -> None:
    with path.open("wb") as fh:  # 100 MB of valid-looking YAML comment lines
        chunk = b"# " + b"x" * 1020 + b"\n"
        for _ in range(100 * 1024):
            fh.write(chunk)


def missing(path: Path) -> None:
    pass


def folder(path: Path) -> None:
    path.mkdir()


def fifo(path: Path) -> None:
    os.mkfifo(path)  # reading it would wait for a writer forever


def link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")  # reading it would never end


def zip_bomb(path: Path) -> None:
    # A small file that claims to unpack to gigabytes: it must be refused before anything is unpacked.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    path.write_bytes(buffer.getvalue())


def too_many_rows(path: Path) -> None:
    path.write_text("id: x\nmethodology: {id: kg.aa}\nactivities:\n" + "  - {}\n" * 1_001, encoding="utf-8")


def too_many_rows_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("program")
    for i in range(1_010):
        sheet.append([f"field{i}", "value"])
    wb.save(path)


def formula_without_value(path: Path) -> None:
    """A workbook of the Kyrgyz example whose first activity's cost is a formula saved without its value (as
    openpyxl and other non-calculating writers save them): read as empty, the cost would silently vanish."""
    from openpyxl import load_workbook

    from sedp_core.exchange.excel import sheet_names, workbook_bytes
    from sedp_core.exchange.tabular import build_layout
    from sedp_core.validation.validate import load_program

    program, methodology, _ = load_program(Path(__file__).parent.parent / "examples/kyrgyz_aa/ak_kyya_2025_2027.yaml")
    path.write_bytes(workbook_bytes(methodology, program.main_language, program))
    wb = load_workbook(path)
    activities = sheet_names(build_layout(methodology.model), program.main_language, methodology.labels)["activities"]
    wb[activities]["I3"] = "=4000000*1.2"
    wb.save(path)


GENERATORS: dict[str, Callable[[Path], None]] = {
    f.__name__: f for f in (alias_bomb, deep_nesting, deep_nesting_json, huge, missing, folder, fifo,
                            link_to_dev_zero, formula_without_value, zip_bomb, too_many_rows, too_many_rows_xlsx)
}


def case_path(name: str, tmp_path: Path) -> Path:
    spec = EXPECTED[name]
    if "generated" not in spec:
        return CORPUS / name
    path = tmp_path / name
    GENERATORS[spec["generated"]](path)
    return path


def test_corpus_is_large_enough_and_every_file_is_listed() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.yaml"}
    assert files <= set(EXPECTED), f"not in expected.yaml: {files - set(EXPECTED)}"
    assert {n for n, s in EXPECTED.items() if "generated" not in s} <= files
    assert len(EXPECTED) >= 40
    doc = (CORPUS.parent.parent / "docs/reliability.md").read_text(encoding="utf-8")
    assert f"**{len(EXPECTED)} bad inputs**" in doc and f"**{len(SURVEY_CASES)} bad survey exports**" in doc


@pytest.fixture
def no_hang() -> Iterator[None]:
    """A case that hangs (a FIFO read waits forever) fails after 60 s instead of stopping the suite."""

    def hung(*_: object) -> None:
        raise TimeoutError("sedp hung on this input")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_refused_clearly(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      no_hang: None) -> None:
    spec = EXPECTED[name]
    for variable, value in spec.get("env", {}).items():
        monkeypatch.setenv(variable, value)
    path = case_path(name, tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["validate", "--json", str(path)])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == spec["exit"]
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    if spec["exit"] == 2:
        unusable = report["unusable"]
        assert unusable["code"] == spec["code"], unusable
        assert unusable["message"]
        if "location" in spec:
            assert unusable["location"] == f"{path}:{spec['location']}"
    elif spec["code"] is None:  # a file that must be accepted as it is (a UTF-8 BOM, say)
        # `allowed`: findings the methodology's own sample has too (reviewer's lists), not caused by the case.
        assert report["valid"] and [f for f in report["findings"] if f["code"] not in spec.get("allowed", [])] == []
    else:
        findings = [f for f in report["findings"] if f["code"] == spec["code"]]
        assert findings, report["findings"]
        if "location" in spec:
            assert any(f["location"] == f"{path}:{spec['location']}" for f in findings)
        if "path" in spec:
            assert any(f["path"] == spec["path"] for f in findings)
    out = tmp_path / "out"
    rendered = runner.invoke(cli, ["render", str(path), "--out", str(out), "--jobs", "1"])
    if spec["exit"] != 0:
        assert rendered.exit_code == spec["exit"]
        assert not out.exists() or list(out.iterdir()) == []
    elif spec["code"] is not None:  # a warning: `render` shows it as `validate` does
        assert rendered.exit_code == 0, rendered.output
        assert f"warning [{spec['code']}]" in rendered.stderr


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(22).randbytes(3000))


def _random_text(path: Path) -> None:  # decodes as UTF-8, so only its columns can tell it is not an export
    rng = random.Random(22)
    path.write_text("".join(chr(rng.randrange(32, 1200)) for _ in range(3000)), encoding="utf-8")


def _huge_cell(path: Path) -> None:
    path.write_text('title,cost__amount\n"' + "x" * 200_000 + '",5\n', encoding="utf-8")


SURVEY_CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "random_bytes.csv": (_random_bytes, "input.binary"),
    "random_text.csv": (_random_text, "survey.no-questions"),
    "huge_cell.csv": (_huge_cell, "survey.bad-csv"),
    "fifo.csv": (fifo, "input.not-a-file"),
    "fifo.xlsx": (fifo, "input.not-a-file"),
}


@pytest.mark.parametrize("name", sorted(SURVEY_CASES))
def test_bad_survey_export_is_refused_clearly(name: str, tmp_path: Path, no_hang: None) -> None:
    """A survey export that is not one (random bytes or text, a cell of 200,000 characters, a FIFO) is one clear
    message with its code and exit 2, never a traceback or "0 item(s)", and no items file is written."""
    make, code = SURVEY_CASES[name]
    path, out = tmp_path / name, tmp_path / "items.yaml"
    make(path)
    result = CliRunner().invoke(cli, ["survey", "import", str(path), "--methodology", "mn.onhs", "--field",
                                      "/proposals", "-o", str(out)])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    assert f"error [{code}]: {path}" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


# --- interrupts and full disks ------------------------------------------------------------------------------------

KYRGYZ = Path(__file__).parent.parent / "examples/kyrgyz_aa/ak_kyya_2025_2027.yaml"


def _batch(folder: Path, copies: int) -> Path:
    folder.mkdir()
    text = KYRGYZ.read_text(encoding="utf-8")
    for i in range(copies):
        (folder / f"p{i:02d}.yaml").write_text(text.replace("\nid: ak-kyya-2025-2027\n", f"\nid: p{i:02d}\n", 1),
                                               encoding="utf-8")
    return folder


@pytest.mark.parametrize("whole_group", [True, False], ids=["process-group", "parent-only"])
def test_ctrl_c_stops_a_parallel_batch_at_once(tmp_path: Path, whole_group: bool) -> None:
    """Ctrl-C in a terminal interrupts the whole process group; `kill -INT` the parent only. Either way the batch
    stops (the pool with it), exits 130 with one message, and leaves no temporary or partial file. The pool used
    to render every queued program first."""
    import subprocess
    import sys
    import time

    programs, out = _batch(tmp_path / "programs", 8), tmp_path / "out"
    sedp = Path(sys.executable).with_name("sedp")
    process = subprocess.Popen([str(sedp), "render", str(programs), "--out", str(out), "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=interruptible)
    try:
        deadline = time.monotonic() + 300
        while not (out.exists() and any(out.glob("*.docx"))) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)
        if whole_group:
            os.killpg(process.pid, signal.SIGINT)
        else:
            os.kill(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr, stderr
    assert len(list(out.glob("*.docx"))) < 8 * 14
    assert [p.name for p in out.iterdir() if not p.name.endswith(".docx")] == []


def test_a_worker_stopped_while_writing_exits_at_once_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A render worker told to stop (SIGTERM from the parent) while it writes a document removes the temporary
    file and exits 130, printing nothing. It used to raise an exception from the signal handler, which under load
    landed in a garbage-collection callback or in `sys.unraisablehook` and printed a traceback."""
    import subprocess
    import sys
    import time

    script = f"""
import os, time
from pathlib import Path
from sedp_core.cli import render as cli
from sedp_core.rendering import fileio
cli._worker_signals()
os.fsync = lambda fd: time.sleep(30)  # the write is still going on when the stop comes
fileio.write_atomic(Path({str(tmp_path / "doc.docx")!r}), b"x" * 1000)
raise SystemExit(4)
"""
    process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob("*.tmp")) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
            time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert stderr == ""
    assert list(tmp_path.iterdir()) == []


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_is_one_located_message_and_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   jobs: str) -> None:
    programs, out = _batch(tmp_path / "programs", 2), tmp_path / "out"
    out.mkdir()
    _disk_full(monkeypatch)  # forked workers inherit it
    result = CliRunner().invoke(cli, ["render", str(programs), "--out", str(out), "--jobs", jobs])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, OSError)
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "[output.disk-full]" in errors[0] and f"{out}/" in errors[0], result.stderr
    assert list(out.iterdir()) == []


def test_a_full_disk_leaves_an_earlier_data_package_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "open"
    runner = CliRunner()
    assert runner.invoke(cli, ["export", str(KYRGYZ), "--format", "opendata", "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _disk_full(monkeypatch)
    result = runner.invoke(cli, ["export", str(KYRGYZ), "--format", "opendata", "--out", str(out), "--force"])
    assert result.exit_code == 2 and "[output.disk-full]" in result.stderr, result.output
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
