"""The bad-input corpus (tests/bad_inputs/expected.yaml): each case gives its documented exit code and error code,
one clear located message, no traceback, and no output file."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from sedp_core.cli import cli

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


GENERATORS: dict[str, Callable[[Path], None]] = {
    f.__name__: f for f in (alias_bomb, deep_nesting, deep_nesting_json, huge, missing, folder, zip_bomb,
                            too_many_rows, too_many_rows_xlsx)
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


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_refused_clearly(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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
        assert report["valid"] and report["findings"] == []
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
