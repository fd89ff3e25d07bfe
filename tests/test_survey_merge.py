"""Survey exports back into the program: merged with ids kept, label exports recognized, nested columns apart."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from sedp_core.errors import InputError
from sedp_core.exchange.survey import read_submissions
from sedp_core.registry.collect import get_registry
from sedp_core.validation.validate import load_program, validate_file
from tests.conftest import run_cli
from tests.exchange_plugin import wells_data

EXPORT = (
    "start;end;name;kind;depth_m;working;_id\n"
    "2025-03-01T10:00;2025-03-01T10:05;Lake well;dug;7,5;yes;11\n"
    "2025-03-02T10:00;2025-03-02T10:05;Hill well;bored;3;no;12\n"
)


def _export(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_decidim_category_id_is_not_the_item_id(wells_plugin: object, tmp_path: Path) -> None:
    export = _export(tmp_path, "id;category/id;category/name;name;kind\nP7;3;Water;Lake well;dug\n"
                               "P8;3;Water;Hill well;bored\n")
    result = read_submissions(export, get_registry().methodology("wells"), "/wells")
    assert [i["id"] for i in result.items] == ["P7", "P8"]
    nested = [f for f in result.findings if f.code == "survey.nested-column"]
    assert [f.params["column"] for f in nested] == ["category/id", "category/name"]  # not its name either
    # Without an id column of its own, the item gets a new id, never the category's.
    export = _export(tmp_path, "category/id;name;kind\n3;Lake well;dug\n")
    [item] = read_submissions(export, get_registry().methodology("wells"), "/wells").items
    assert item["id"] == "S001"


def test_a_kobo_export_with_label_headers_says_how_to_export_again(wells_plugin: object, tmp_path: Path) -> None:
    export = _export(tmp_path, "start;end;Name;Kind;Depth (m);Working;_id\n"
                               "2025-03-01T10:00;2025-03-01T10:05;Lake well;Dug well;7,5;Yes;11\n")
    with pytest.raises(InputError) as caught:
        read_submissions(export, get_registry().methodology("wells"), "/wells")
    assert caught.value.code == "survey.label-headers"
    assert "'Depth (m)'" in caught.value.message and "XML values and headers" in caught.value.message


def test_import_into_a_program_adds_with_new_ids_and_says_so(wells_plugin: object, tmp_path: Path) -> None:
    program = tmp_path / "wells.yaml"
    data = wells_data()
    data["wells"].append({"id": "S001", "name": "Old well", "kind": "dug"})  # an id the new items must not take
    out = io.StringIO()
    YAML().dump(data, out)
    program.write_text("# The valley's wells, kept by the ayil okmotu.\n" + out.getvalue(), encoding="utf-8")
    code, output = run_cli("survey", "import", str(_export(tmp_path, EXPORT)), "--methodology", "wells",
                           "--field", "/wells", "--into", str(program))
    assert code == 0, output
    assert "added 2 items (S002, S003), replaced 0" in output
    text = program.read_text(encoding="utf-8")
    assert text.startswith("# The valley's wells, kept by the ayil okmotu.\n")  # the officer's comments stay
    loaded, _, _ = load_program(program)
    assert [w.id for w in loaded.wells] == ["W-01", "W-02", "S001", "S002", "S003"]  # type: ignore[attr-defined]


def test_an_item_with_an_id_the_program_has_is_refused_or_replaced(wells_plugin: object, wells_program: Path,
                                                                   tmp_path: Path) -> None:
    export = _export(tmp_path, "id;name;kind\nW-02;South well, deepened;bored\nW-09;New well;dug\n")
    before = wells_program.read_text(encoding="utf-8")
    args = ("survey", "import", str(export), "--methodology", "wells", "--field", "/wells", "--into",
            str(wells_program))
    code, output = run_cli(*args)
    assert code == 1 and "W-02" in output and "--replace" in output
    assert "added 1 item (W-09), replaced 0" in output
    wells = json.loads(wells_program.read_text(encoding="utf-8"))["wells"]
    assert [w["id"] for w in wells] == ["W-01", "W-02", "W-09"] and wells[1]["name"] == "South well"
    wells_program.write_text(before, encoding="utf-8")
    code, output = run_cli(*args, "--replace")
    assert code == 0, output
    assert "added 1 item (W-09), replaced 1 (W-02)" in output
    wells = json.loads(wells_program.read_text(encoding="utf-8"))["wells"]
    assert [w["id"] for w in wells] == ["W-01", "W-02", "W-09"] and wells[1]["name"] == "South well, deepened"
    assert validate_file(wells_program).report.valid


def test_an_export_with_errors_leaves_the_program_unchanged(wells_plugin: object, wells_program: Path,
                                                            tmp_path: Path) -> None:
    before = wells_program.read_text(encoding="utf-8")
    code, output = run_cli("survey", "import", str(_export(tmp_path, EXPORT.replace(";3;", ";deep;"))),
                           "--methodology", "wells", "--field", "/wells", "--into", str(wells_program))
    assert code == 1 and "was not changed" in output
    assert wells_program.read_text(encoding="utf-8") == before


def test_import_into_a_program_says_what_it_did_in_the_officer_s_language(
        wells_plugin: object, wells_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ru")
    export = _export(tmp_path, "id;name;kind\nW-02;South well, deepened;bored\nW-09;New well;dug\n")
    code, output = run_cli("survey", "import", str(export), "--methodology", "wells", "--field", "/wells",
                           "--into", str(wells_program))
    assert code == 1
    assert "/wells: добавлена 1 запись (W-09), заменено: 0" in output
    assert "не добавлены, в программе уже есть эти id" in output and f"дальше: sedp validate {wells_program}" in output
    monkeypatch.setenv("LANGUAGE", "ky")
    code, output = run_cli("survey", "import", str(_export(tmp_path, EXPORT.replace(";3;", ";deep;"))),
                           "--methodology", "wells", "--field", "/wells", "--into", str(wells_program))
    assert code == 1 and "өзгөртүлгөн жок: адегенде экспорттогу 1 көйгөйдү оңдоңуз" in output
    assert "was not changed" not in output


# --- into an officer's workbook ---------------------------------------------------------------------------------

MN_SAMPLE = Path(__file__).resolve().parents[1] / "plugins/mongolia_onhs/data/sample.yaml"
MN_EXPORT = ("start;end;bag;proposer;channel;title;type;sector;cost__amount;cost__currency;beneficiaries__total;"
             "status;_id\n"
             "2026-02-01T10:00;2026-02-01T10:09;B1;Иргэн Б.Болд;group_discussion;Цэцэрлэгийн хашаа засах;repair;"
             "agriculture;12500000;MNT;80;ranked_by_soum;41\n")


def _soum_workbook(tmp_path: Path) -> Path:
    from sedp_core.exchange.excel import workbook_bytes

    program, methodology, _ = load_program(MN_SAMPLE)
    book = tmp_path / "soum.xlsx"
    book.write_bytes(workbook_bytes(methodology, "mn", program))
    return book


def _proposals(book: Path) -> list[dict[str, object]]:
    from sedp_core.exchange.excel import read_workbook

    return list(read_workbook(book).data["proposals"])


def test_survey_items_are_added_to_an_officer_s_workbook_in_place(tmp_path: Path) -> None:
    import openpyxl

    book = _soum_workbook(tmp_path)
    before = openpyxl.load_workbook(book)
    sheets = before.sheetnames
    validations = {ws.title: len(ws.data_validations.dataValidation) for ws in before.worksheets}
    count = len(_proposals(book))
    code, output = run_cli("survey", "import", str(_export(tmp_path, MN_EXPORT)), "--methodology", "mn.onhs",
                           "--into", str(book))
    assert code == 0, output
    assert "added 1 item (S001), replaced 0" in output
    proposals = _proposals(book)
    assert len(proposals) == count + 1
    new = proposals[-1]
    # the text lands in the workbook's language, the code is read back from the title its drop-down shows
    assert new["id"] == "S001" and new["title"] == {"mn": "Цэцэрлэгийн хашаа засах"}
    assert new["sector"] == "agriculture" and new["cost"] == {"amount": 12500000, "currency": "MNT"}
    after = openpyxl.load_workbook(book)
    assert after.sheetnames == sheets  # nothing else of the officer's workbook changes
    assert {ws.title: len(ws.data_validations.dataValidation) for ws in after.worksheets} == validations
    sheet = next(ws for ws in after.worksheets if "proposer" in [c.value for c in ws[2]])
    sector = [c.value for c in sheet[2]].index("sector")
    shown = [row[sector].value for row in sheet.iter_rows(min_row=3) if row[sector].value]
    assert shown[-1] == shown[0] != "agriculture"  # the title, as the officer's drop-down shows it


def test_an_item_with_an_id_the_workbook_has_is_refused_or_replaced(tmp_path: Path) -> None:
    book = _soum_workbook(tmp_path)
    first = _proposals(book)[0]
    export = _export(tmp_path, MN_EXPORT.replace(";_id\n", ";id\n").replace(";41\n", f";{first['id']}\n"))
    args = ("survey", "import", str(export), "--methodology", "mn.onhs", "--into", str(book))
    code, output = run_cli(*args)
    assert code == 1 and str(first["id"]) in output and "--replace" in output
    assert _proposals(book)[0] == first
    code, output = run_cli(*args, "--replace")
    assert code == 0 and f"replaced 1 ({first['id']})" in output, output
    replaced = _proposals(book)[0]
    assert replaced["id"] == first["id"] and replaced["title"] == {"mn": "Цэцэрлэгийн хашаа засах"}


def test_an_ods_workbook_is_not_merged_into_and_says_what_to_do(tmp_path: Path) -> None:
    book = tmp_path / "soum.ods"
    book.write_bytes(b"PK\x03\x04 not really")
    code, output = run_cli("survey", "import", str(_export(tmp_path, MN_EXPORT)), "--methodology", "mn.onhs",
                           "--into", str(book))
    assert code == 2 and "survey.merge-format" in output and "as .xlsx" in output, output
