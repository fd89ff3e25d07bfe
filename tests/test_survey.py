"""Surveys: an XLSForm that pyxform turns into an XForm, and KoboToolbox/ODK exports read back into items."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert
from ruamel.yaml import YAML

from sedp_core.errors import InputError
from sedp_core.exchange.survey import form_bytes, read_submissions
from sedp_core.registry.collect import get_registry
from sedp_core.validation.validate import load_program
from tests.conftest import run_cli

run = run_cli


def sheet(data: bytes, name: str) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(io.BytesIO(data))[name]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def test_form_for_activities_converts_to_xform(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    code, output = run("survey", "form", "demo", "--field", "/activities", "--program", str(demo_sample),
                       "-o", str(out))
    assert code == 0, output
    warnings: list[str] = []
    xform = convert(str(out), warnings=warnings).xform
    assert "<h:html" in xform and "cost__amount" in xform
    survey = {r["name"]: r for r in sheet(out.read_bytes(), "survey")}
    assert survey["title"]["type"] == "text" and survey["title"]["required"] == "yes"
    assert survey["cost__amount"]["type"] == "decimal"
    assert survey["beneficiaries__women"]["type"] == "integer"
    assert survey["task"]["type"] == "select_one tasks"  # the program's task ids become choices
    assert "id" not in survey  # ids are given when the export is read back
    assert {"label::English (en)", "label::Russian (ru)"} <= set(next(iter(survey.values())))
    choices = sheet(out.read_bytes(), "choices")
    assert {"list_name": "tasks", "name": "T1", "label::English (en)": "T1 Build a market",
            "label::Russian (ru)": "T1 Построить рынок"} in choices
    settings = sheet(out.read_bytes(), "settings")[0]
    assert settings["form_id"] == "sedp_demo_activities" and settings["default_language"] == "English (en)"


def test_form_codelists_enums_and_yes_no(wells_plugin: object) -> None:
    methodology = get_registry().methodology("wells")
    data = form_bytes(methodology, "/wells")
    warnings: list[str] = []
    assert "<h:html" in convert(io.BytesIO(data), warnings=warnings).xform
    survey = {r["name"]: r for r in sheet(data, "survey")}
    assert survey["kind"]["type"] == "select_one well_kind"
    assert survey["status"]["type"] == "select_one status"
    assert survey["working"]["type"] == "select_one yes_no"
    assert survey["dug_on"]["type"] == "date"
    assert survey["users"]["type"] == "text"  # a list of ids: one answer, separated by ';'
    choices = sheet(data, "choices")
    assert {"list_name": "well_kind", "name": "bored", "label::English (en)": "Bored well"} in choices
    only = {r["name"] for r in sheet(form_bytes(methodology, "/wells", questions=["name", "kind"]), "survey")}
    assert only == {"start", "end", "name", "kind"}


def test_form_uses_the_declared_survey_list(wells_plugin: object, tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    code, output = run("survey", "form", "wells", "-o", str(out))
    assert code == 0, output
    assert {"name", "kind", "depth_m"} <= {r["name"] for r in sheet(out.read_bytes(), "survey")}


def test_form_needs_a_list_of_the_program(wells_plugin: object) -> None:
    methodology = dataclasses.replace(get_registry().methodology("wells"), surveys=())
    with pytest.raises(InputError, match="--field") as info:
        form_bytes(methodology)
    assert "/wells" in str(info.value) and "/activities" in str(info.value)
    with pytest.raises(InputError, match="not a list"):
        form_bytes(methodology, "/goals/objectives")
    with pytest.raises(InputError, match="not fields"):
        form_bytes(methodology, "/wells", questions=["colour"])


KOBO_CSV = (
    "start;end;group_a/name;group_a/kind;depth_m;working;dug_on;users;status;_id;_uuid;_submission_time\n"
    "2025-03-01T10:00;2025-03-01T10:05;Lake well;dug;7,5;yes;2001-06-30;H1 H7;open;11;u1;2025-03-01\n"
    "2025-03-02T10:00;2025-03-02T10:05;Hill well;bored;deep;no;;;closed;12;u2;2025-03-02\n"
)


def test_import_kobo_csv(wells_plugin: object, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(KOBO_CSV, encoding="utf-8")
    methodology = get_registry().methodology("wells")
    result = read_submissions(export, methodology, "/wells")
    first, second = result.items
    assert first == {"id": "S001", "name": "Lake well", "kind": "dug", "depth_m": 7.5, "working": True,
                     "dug_on": "2001-06-30", "users": ["H1", "H7"], "status": "open"}
    assert second["id"] == "S002" and second["working"] is False and second["depth_m"] == "deep"
    [error] = [f for f in result.findings if f.severity == "error"]
    assert error.location == f"{export}:row 3" and "depth_m" in error.message()


def test_imported_items_join_the_program(wells_plugin: object, wells_program: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(KOBO_CSV.replace("deep", "3"), encoding="utf-8")
    items = tmp_path / "items.yaml"
    code, output = run("survey", "import", str(export), "--methodology", "wells", "--field", "/wells",
                       "--id-prefix", "K", "-o", str(items))
    assert code == 0, output
    assert "wrote new file" in output and "2 items for /wells" in output
    collected = YAML(typ="safe").load(items.read_text(encoding="utf-8"))
    assert [i["id"] for i in collected] == ["K001", "K002"]
    program, methodology, _ = load_program(wells_program)
    data = program.model_dump(mode="json")
    data["wells"] += collected
    methodology.model.model_validate(data)


def test_import_xlsx_export_and_errors_exit_1(wells_plugin: object, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Wells"
    for line in KOBO_CSV.splitlines():
        ws.append(line.split(";"))
    export = tmp_path / "export.xlsx"
    wb.save(export)
    items = tmp_path / "items.yaml"
    code, output = run("survey", "import", str(export), "--methodology", "wells", "--field", "/wells",
                       "-o", str(items))
    assert code == 1 and "Wells!A3" in output and "depth_m" in output
    assert items.exists()  # the items are kept for correction, nothing is lost
