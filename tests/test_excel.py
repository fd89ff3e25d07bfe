"""Excel workbooks: template from the model, program → workbook → program unchanged, located findings, guards."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from sedp_core.errors import InputError
from sedp_core.exchange.excel import read_workbook, workbook_bytes
from sedp_core.input.loader import load_file
from sedp_core.validation.validate import load_program, validate_data
from tests.conftest import EXAMPLES, run_cli
from tests.exchange_plugin import PHONES

run = run_cli


def headers(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[str]:
    """The field names (row 2) of a sheet."""
    return [c.value for c in ws[2] if c.value is not None]


def cell_of(ws: openpyxl.worksheet.worksheet.Worksheet, header: str, row: int = 3) -> openpyxl.cell.Cell:
    return ws.cell(row, headers(ws).index(header) + 1)


def round_trip(program_path: Path, tmp_path: Path, language: str | None = None) -> None:
    program, methodology, _ = load_program(program_path)
    for picture in program_path.parent.glob("*.png"):  # a workbook's pictures lie beside it, as a YAML's do
        shutil.copy(picture, tmp_path)
    book = tmp_path / f"{program_path.stem}.xlsx"
    book.write_bytes(workbook_bytes(methodology, language or program.main_language, program))
    result = validate_data(read_workbook(book))
    assert result.program is not None, result.report.to_json()
    assert result.program.model_dump() == program.model_dump()


def test_demo_round_trip(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    round_trip(demo_sample, tmp_path)
    round_trip(demo_sample, tmp_path, language="ru")


def test_plugin_fields_round_trip(wells_plugin: object, wells_program: Path, tmp_path: Path) -> None:
    round_trip(wells_program, tmp_path)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_round_trip(example: Path, tmp_path: Path) -> None:
    round_trip(example, tmp_path)


def test_cli_export_then_import_gives_the_same_program(demo_plugin: object, demo_sample: Path,
                                                       tmp_path: Path) -> None:
    book, back = tmp_path / "book.xlsx", tmp_path / "back.yaml"
    code, out = run("excel", "export", str(demo_sample), "-o", str(book))
    assert code == 0, out
    code, out = run("excel", "import", str(book), "-o", str(back))
    assert code == 0, out
    assert "wrote new file" in out
    assert load_program(back)[0].model_dump() == load_program(demo_sample)[0].model_dump()
    # an existing file is replaced only with --force, and the message says so
    code, out = run("excel", "import", str(book), "-o", str(back))
    assert code == 2 and "already exists" in out
    code, out = run("excel", "import", str(book), "-o", str(back), "--force")
    assert code == 0 and "replaced existing file" in out


class _Sheets:
    """The sheets of a workbook by table name, whatever language their names are in."""

    def __init__(self, wb: openpyxl.Workbook, methodology_id: str, language: str) -> None:
        from sedp_core.exchange.excel import sheet_names
        from sedp_core.exchange.tabular import build_layout
        from sedp_core.registry.collect import get_registry

        methodology = next(m for m in get_registry().methodologies.values() if m.id == methodology_id)
        self.names = sheet_names(build_layout(methodology.model), language, methodology.labels)
        self.wb = wb

    def __getitem__(self, table: str) -> openpyxl.worksheet.worksheet.Worksheet:
        return self.wb[self.names.get(table, table)]


def test_template_sheets_columns_and_helpers(demo_plugin: object, tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    code, output = run("excel", "template", "demo", "--lang", "ru", "-o", str(out))
    assert code == 0, output
    book = openpyxl.load_workbook(out)
    wb = _Sheets(book, "demo", "ru")
    # the sheets are named in the workbook's language
    assert book.sheetnames[:3] == ["Инструкция", "Программа", "Вышестоящие единицы"]
    for sheet in ("instructions", "program", "goals", "objectives", "tasks", "indicators", "targets", "alignment",
                  "activities", "financing", "sources", "amounts", "values", "passport"):
        assert wb.names[sheet] in book.sheetnames
    assert "Как заполнять" in wb["instructions"]["A1"].value
    assert headers(wb["objectives"])[:3] == ["goal_id", "id", "title[en]"]
    assert "title[ru]" in headers(wb["objectives"])
    assert headers(wb["indicators"])[0] == "owner"
    assert headers(wb["amounts"])[0] == "source_id"
    assert {"cost.amount", "beneficiaries.total", "schedule"} <= set(headers(wb["activities"]))
    program_fields = [c.value for c in wb["program"]["B"][2:]]
    assert {"id", "title[en]", "title[ru]", "period.start_year", "motto", "methodology.id"} <= set(program_fields)
    # the methodology is filled in so that an empty template already names it
    row = program_fields.index("methodology.id") + 3
    assert wb["program"].cell(row, 3).value == "demo"
    for name in ("goals", "activities", "program"):
        assert wb[name].freeze_panes == "A3"
    # field descriptions as comments, ids formatted as text, numbers as numbers
    activities = wb["activities"]
    assert "Estimated total cost" not in (cell_of(activities, "id", 2).comment.text or "")
    # a Russian workbook's note is Russian: the heading in words, not the model's English description
    note = cell_of(activities, "cost.amount", 2).comment.text
    assert "Стоимость / Сумма" in note and "The amount" not in note
    assert cell_of(activities, "id").number_format == "@"
    assert cell_of(activities, "cost.amount").number_format != "@"


def validations(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, str]:
    """Cell range → list formula of every drop-down of the sheet."""
    return {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}


def test_dropdowns_for_codelists_enums_and_references(demo_plugin: object, tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    assert run("excel", "template", "demo", "-o", str(out))[0] == 0
    wb = openpyxl.load_workbook(out)
    lists = wb["_lists"]
    columns = {col[0].value: [c.value for c in col[1:] if c.value is not None] for col in lists.iter_cols()}
    # each code shows its title in the workbook's language
    assert columns["codelist:funding_source_kind:en"][:2] == ["Local budget", "State budget"]
    assert columns["codelist:demo_unit:en"] == ["Town", "Village"]
    assert columns["catalog_codes:en"] == ["Prosperity", "Health"]  # alignment: each entry's title
    assert columns["catalogs:en"] == ["Demo national strategy"]
    kind_column = openpyxl.utils.get_column_letter(headers(wb["sources"]).index("kind") + 1)
    formulas = validations(wb["sources"])
    assert any(rng.startswith(f"{kind_column}3") and "_lists" in f for rng, f in formulas.items())
    task_column = openpyxl.utils.get_column_letter(headers(wb["activities"]).index("task") + 1)
    assert any(rng.startswith(f"{task_column}3") and f.startswith("'tasks'!") for rng, f in
               validations(wb["activities"]).items())
    direction = openpyxl.utils.get_column_letter(headers(wb["indicators"]).index("direction") + 1)
    assert any(rng.startswith(f"{direction}3") for rng in validations(wb["indicators"]))
    # the municipality kind on the program sheet is bound to the methodology's codelist
    fields = [c.value for c in wb["program"]["B"]]
    row = fields.index("municipality.kind") + 1
    assert any(rng == f"C{row}" for rng in validations(wb["program"]))


def test_plugin_lists_are_discovered(wells_plugin: object, wells_program: Path, tmp_path: Path) -> None:
    program, methodology, _ = load_program(wells_program)
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(methodology, "en", program)))
    assert headers(wb["wells"])[:3] == ["id", "name", "kind"]  # single language: one plain text column
    assert headers(wb["repairs"])[0] == "well_id"
    assert headers(wb["notes"]) == ["well_id", "value"]
    assert wb["wells"]["D1"].value == "Depth (m)"  # heading from the methodology's labels
    wells = wb["wells"]
    assert cell_of(wells, "users").value == "H1; H2"
    assert cell_of(wells, "dug_on").number_format == "yyyy-mm-dd"
    goal_id = cell_of(wb["goals"], "id")
    assert goal_id.value == "1.10" and goal_id.data_type == "s"
    note = wb["notes"]["B4"]
    assert note.value == "=needs care" and note.data_type == "s"  # a text, never a formula


def edit(book: Path, sheet: str, header: str, value: object, row: int = 3) -> str:
    """Change one cell of a workbook as an officer would; returns its coordinate."""
    wb = openpyxl.load_workbook(book)
    cell = cell_of(wb[sheet], header, row)
    cell.value = value
    wb.save(book)
    return f"{sheet}!{cell.coordinate}"


@pytest.fixture
def demo_book(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> Path:
    program, methodology, _ = load_program(demo_sample)
    book = tmp_path / "demo.xlsx"
    book.write_bytes(workbook_bytes(methodology, "en", program))
    return book


def test_findings_name_sheet_and_cell(demo_book: Path) -> None:
    where = edit(demo_book, "activities", "cost.amount", "a lot")
    report = validate_data(load_file(demo_book)).report
    [finding] = [f for f in report.errors if f.path == "/activities/0/cost/amount"]
    assert finding.location == f"{demo_book}:{where}"


def test_missing_required_cell_is_located(demo_book: Path) -> None:
    where = edit(demo_book, "activities", "title[en]", None)
    edit(demo_book, "activities", "title[ru]", None)
    report = validate_data(load_file(demo_book)).report
    [finding] = [f for f in report.errors if f.path == "/activities/0/title"]
    assert finding.location == f"{demo_book}:{where}"


def test_unknown_parent_is_an_error_not_a_silent_loss(demo_book: Path) -> None:
    where = edit(demo_book, "objectives", "goal_id", "G9")
    report = validate_data(load_file(demo_book)).report
    [finding] = [f for f in report.errors if f.code == "reader.unknown-parent"]
    assert finding.location == f"{demo_book}:{where}" and "G9" in finding.message()


def test_bad_owner_and_unknown_column(demo_book: Path) -> None:
    where = edit(demo_book, "indicators", "owner", "nowhere:T1")
    wb = openpyxl.load_workbook(demo_book)
    wb["goals"].cell(2, 10, "colour")
    wb["goals"].cell(3, 10, "green")
    wb.save(demo_book)
    report = validate_data(load_file(demo_book)).report
    assert any(f.code == "reader.bad-owner" and f.location.endswith(where) for f in report.errors)
    assert any(f.code == "reader.unknown-column" and f.location.endswith("goals!J2") for f in report.warnings)


def test_number_typed_into_an_id_cell_is_warned(wells_plugin: object, wells_program: Path, tmp_path: Path) -> None:
    program, methodology, _ = load_program(wells_program)
    book = tmp_path / "w.xlsx"
    book.write_bytes(workbook_bytes(methodology, "en", program))
    where = edit(book, "goals", "id", 1.1)
    loaded = read_workbook(book)
    assert loaded.data["goals"][0]["id"] == "1.1"
    assert any(f.code == "reader.number-as-text" and f.location.endswith(where) for f in loaded.findings)


def test_cli_validate_and_render_accept_workbooks(demo_book: Path, tmp_path: Path) -> None:
    code, out = run("validate", str(demo_book))
    assert code == 0, out
    code, out = run("render", str(demo_book), "--out", str(tmp_path / "out"))
    assert code == 0, out
    assert list((tmp_path / "out").glob("*.docx"))
    edit(demo_book, "activities", "cost.amount", "a lot")
    code, out = run("validate", str(demo_book))
    assert code == 1 and "activities!" in out


def test_import_of_an_invalid_workbook_writes_nothing(demo_book: Path, tmp_path: Path) -> None:
    edit(demo_book, "activities", "cost.amount", "a lot")
    target = tmp_path / "out.yaml"
    code, out = run("excel", "import", str(demo_book), "-o", str(target))
    assert code == 1 and "activities!" in out and "nothing was written" in out
    assert not target.exists()


def test_not_a_workbook(demo_plugin: object, tmp_path: Path) -> None:
    text = tmp_path / "program.xlsx"
    text.write_text("id: x\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a workbook"):
        read_workbook(text)
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputError, match=r"\.xls"):
        read_workbook(old)
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="not a workbook"):
        read_workbook(other)
    code, out = run("validate", str(text))
    assert code == 2 and "not a workbook" in out


def test_zip_bomb_is_refused_before_unpacking(demo_plugin: object, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(InputError, match="zip bomb"):
        read_workbook(bomb)


def test_expanded_size_limit(demo_book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEDP_MAX_INPUT_BYTES", str(demo_book.stat().st_size + 10))
    read_workbook(demo_book)  # within the limit
    monkeypatch.setenv("SEDP_MAX_INPUT_BYTES", str(demo_book.stat().st_size // 4))
    with pytest.raises(InputError, match="limit"):
        read_workbook(demo_book)


def test_workbook_without_program_sheet(demo_book: Path) -> None:
    wb = openpyxl.load_workbook(demo_book)
    del wb["program"]
    wb.save(demo_book)
    with pytest.raises(InputError, match="no sheet 'program'"):
        read_workbook(demo_book)


def test_personal_fields_still_travel_in_workbooks(wells_plugin: object, wells_program: Path, tmp_path: Path) -> None:
    # The workbook is the officer's own copy: personal data stays in it (only open data leaves it out).
    program, methodology, _ = load_program(wells_program)
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(methodology, "en", program)))
    assert cell_of(wb["repairs"], "contractor_phone").value == PHONES[0]
