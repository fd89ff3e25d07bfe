"""Nothing an officer typed in a workbook disappears or changes without a finding that names its cell (issue 17).

Each test applies one mistake an officer makes in Excel or LibreOffice to an exported workbook and checks the
located finding; `test_excel_properties.py` applies them at random.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from decimal import Decimal
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from sedp_core.errors import InputError
from sedp_core.exchange.excel import read_workbook, sheet_names, workbook_bytes
from sedp_core.exchange.number_text import read_number_text
from sedp_core.exchange.tabular import build_layout
from sedp_core.findings import Finding
from sedp_core.validation.validate import load_program, validate_data
from tests.conftest import ROOT, run_cli

KG = ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"
MN = ROOT / "examples" / "mongolia_onhs" / "tariat_2026.yaml"


@cache
def _book_bytes(example: Path) -> bytes:
    program, methodology, _ = load_program(example)
    return workbook_bytes(methodology, program.main_language, program)


@cache
def sheets(example: Path) -> dict[str, str]:
    """Table → the name of its sheet in the example's workbook (in the program's language)."""
    program, methodology, _ = load_program(example)
    return sheet_names(build_layout(methodology.model), program.main_language, methodology.labels)


def book(example: Path, tmp_path: Path) -> Path:
    path = tmp_path / f"{example.stem}.xlsx"
    path.write_bytes(_book_bytes(example))
    return path


def column_of(ws: openpyxl.worksheet.worksheet.Worksheet, header: str) -> int:
    return [c.value for c in ws[2]].index(header) + 1


def set_cell(path: Path, sheet: str, header: str, value: object, row: int = 3) -> str:
    wb = openpyxl.load_workbook(path)
    cell = wb[sheet].cell(row, column_of(wb[sheet], header))
    cell.value = value
    cell.data_type = "s" if isinstance(value, str) else cell.data_type
    wb.save(path)
    return f"{sheet}!{cell.coordinate}"


def findings_at(path: Path, code: str) -> list[Finding]:
    return [f for f in read_workbook(path).findings if f.code == code]


# --- numbers typed as text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "value"), [
    ("600 000", "ky", Decimal(600000)), ("600\u00a0000", "ru", Decimal(600000)), ("600,5", "ru", Decimal("600.5")),
    ("600,5", "ky", Decimal("600.5")), ("1 200,5", "ru", Decimal("1200.5")), ("1,200.5", "mn", Decimal("1200.5")),
    ("1.5", "en", Decimal("1.5")), ("−5", "ru", Decimal(-5)), ("1500000", "ky", Decimal(1500000)),
])
def test_a_number_typed_as_text_is_read_in_the_language_s_way(text: str, language: str, value: Decimal) -> None:
    assert read_number_text(text, language).value == value


@pytest.mark.parametrize(("text", "readings"), [
    ("600,000", {Decimal(600), Decimal(600000)}), ("1.200", {Decimal("1.2"), Decimal(1200)}),
    ("2,000", {Decimal(2), Decimal(2000)}),
])
@pytest.mark.parametrize("language", ["ky", "ru", "mn", "en"])
def test_a_text_two_conventions_read_differently_has_both_readings(text: str, readings: set[Decimal],
                                                                  language: str) -> None:
    reading = read_number_text(text, language)
    assert reading.value is None and set(reading.readings) == readings


@pytest.mark.parametrize("text", ["a lot", "12-15", "", "1,2,3.4.5"])
def test_a_text_that_is_no_number_is_left_to_validation(text: str) -> None:
    assert read_number_text(text, "ru") == read_number_text(text, "ru").__class__()


def test_amounts_typed_as_text_in_a_kyrgyz_workbook(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    set_cell(path, sheets(KG)["activities"], "cost.amount", "600 000")
    set_cell(path, sheets(KG)["activities"], "cost.amount", "600,5", row=4)
    set_cell(path, sheets(KG)["activities"], "cost.amount", "1\u202f250\u202f000", row=5)  # LibreOffice's narrow space
    loaded = read_workbook(path)
    assert [a["cost"]["amount"] for a in loaded.data["activities"][:3]] == [600000.0, 600.5, 1250000.0]
    assert not [f for f in loaded.findings if f.severity == "error"]


def test_an_amount_that_reads_two_ways_is_an_error_at_its_cell(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    where = set_cell(path, sheets(KG)["activities"], "cost.amount", "600,000")
    [finding] = findings_at(path, "reader.ambiguous-number")
    assert finding.severity == "error" and finding.location == f"{path}:{where}"
    assert "600" in finding.message() and "600000" in finding.message()
    # in the officer's language too, from the core's message catalog
    assert "600000" in finding.message("ky") and "окууга болот" in finding.message("ky")
    assert "можно прочитать" in finding.message("ru") and "уншиж болно" in finding.message("mn")
    assert validate_data(read_workbook(path)).program is None


def test_a_village_population_with_a_group_comma_is_not_read_as_two(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    where = set_cell(path, sheets(KG)["villages"], "population", "2,000")
    [finding] = findings_at(path, "reader.ambiguous-number")
    assert finding.location == f"{path}:{where}" and "2000" in finding.message()
    set_cell(path, sheets(KG)["villages"], "population", 2000)  # a real number cell is taken as it is
    loaded = read_workbook(path)
    assert loaded.data["municipality"]["villages"][0]["population"] == 2000
    assert not [f for f in loaded.findings if f.code == "reader.ambiguous-number"]


def test_a_list_of_integers_with_a_comma_that_may_group_digits_is_an_error_naming_both_readings(
        tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    where = set_cell(path, sheets(KG)["activities"], "schedule", "1,200")
    [finding] = findings_at(path, "reader.ambiguous-list")
    assert finding.severity == "error" and finding.location == f"{path}:{where}"
    # one item 1200, or two items 1 and 200: both named, in the officer's language too
    assert "1200" in finding.message() and "1; 200" in finding.message()
    assert "1200" in finding.message("ky") and "1; 200" in finding.message("ky") and "окууга болот" in \
        finding.message("ky")
    assert "можно прочитать" in finding.message("ru") and "уншиж болно" in finding.message("mn")
    assert validate_data(read_workbook(path)).program is None
    # a comma that cannot group digits still separates years
    for text, years in (("2025,2026", [2025, 2026]), ("2025, 2026", [2025, 2026]), ("2025; 2026", [2025, 2026])):
        set_cell(path, sheets(KG)["activities"], "schedule", text)
        loaded = read_workbook(path)
        assert loaded.data["activities"][0]["schedule"] == years
        assert not [f for f in loaded.findings if f.code.startswith("reader.ambiguous")]


# --- lost columns, sheets and cells ----------------------------------------------------------------------------


def delete_column(path: Path, sheet: str, header: str) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet].delete_cols(column_of(wb[sheet], header))
    wb.save(path)


def test_a_deleted_task_column_is_an_error(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    delete_column(path, sheets(KG)["activities"], "task")
    [finding] = [f for f in findings_at(path, "reader.missing-column") if f.params["column"] == "task"]
    assert finding.severity == "error" and finding.location == f"{path}:{sheets(KG)['activities']}!A2"
    # The message names the sheet as the officer sees it, in every language, never the list's internal name.
    assert all(sheets(KG)["activities"] in text and "activities" not in text for text in finding.messages.values())


def test_a_deleted_value_column_of_the_program_sheet_stops_the_import(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    delete_column(path, sheets(KG)["program"], "value")
    with pytest.raises(InputError, match="no column 'value'") as caught:
        read_workbook(path)
    assert caught.value.location == f"{path}:{sheets(KG)['program']}!A2"


def test_a_deleted_language_column_is_an_error(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    delete_column(path, sheets(KG)["goals"], "title[ru]")
    [finding] = findings_at(path, "reader.missing-language-column")
    assert finding.location == f"{path}:{sheets(KG)['goals']}!A2" and "title[ru]" in finding.message()


def test_a_renamed_sheet_is_an_error_that_names_the_list(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    wb = openpyxl.load_workbook(path)
    wb[sheets(KG)["activities"]].title = "Иш-чаралар 2026"
    wb.save(path)
    loaded = read_workbook(path)
    [finding] = [f for f in loaded.findings if f.code == "reader.unread-table"]
    assert finding.severity == "error" and finding.location == f"{path}:Иш-чаралар 2026!A2"
    assert f"'{sheets(KG)['activities']}'" in finding.message()  # the name to give it back
    assert any(f.code == "reader.missing-table" and f.params["table"] == sheets(KG)["activities"]
               for f in loaded.findings)


def test_the_sheets_carry_the_workbook_s_language_and_findings_name_them(tmp_path: Path) -> None:
    for example, program_sheet, activities in ((KG, "Программа", "Иш-чаралар"), (MN, "Хөтөлбөр", "Үйл ажиллагаа")):
        names = openpyxl.load_workbook(book(example, tmp_path), read_only=True).sheetnames
        assert program_sheet in names and activities in names and "activities" not in names
        assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    path = book(KG, tmp_path)
    where = set_cell(path, "Иш-чаралар", "cost.amount", "600,000")
    [finding] = findings_at(path, "reader.ambiguous-number")
    assert finding.location == f"{path}:{where}" and where.startswith("Иш-чаралар!")


@pytest.mark.parametrize("language", ["en", "ru", "mn"])
def test_a_workbook_whose_sheets_carry_another_language_s_names_is_read(language: str, tmp_path: Path) -> None:
    """A Kyrgyz program whose sheets were named in English (a workbook made before sheets were translated), in
    Russian or in Mongolian reads the same."""
    program, methodology, _ = load_program(KG)
    path = book(KG, tmp_path)
    other = sheet_names(build_layout(methodology.model), language, methodology.labels)
    wb = openpyxl.load_workbook(path)
    for table, name in sheets(KG).items():  # through a neutral name: "Results" and "results" clash in Excel
        wb[name].title = f"tmp {table}"[:31]
    for table in sheets(KG):
        wb[f"tmp {table}"[:31]].title = other[table]
    wb.save(path)
    loaded = read_workbook(path)
    assert not loaded.findings, [(f.code, f.location) for f in loaded.findings]
    assert validate_data(loaded).program.model_dump() == program.model_dump()


def test_merged_title_cells_are_an_error(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheets(KG)["goals"]]
    first, second = column_of(ws, "title[ky]"), column_of(ws, "title[ru]")
    ws.merge_cells(start_row=3, start_column=first, end_row=3, end_column=second)
    wb.save(path)
    [finding] = findings_at(path, "reader.merged-cells")
    letter = openpyxl.utils.get_column_letter(first)
    assert finding.severity == "error" and finding.location == f"{path}:{sheets(KG)['goals']}!{letter}3"


def test_a_value_in_a_cell_no_column_reads_is_an_error(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheets(KG)["goals"]]
    column = ws.max_column + 2
    ws.cell(4, column, "жаңы максат")
    wb.save(path)
    [finding] = findings_at(path, "reader.value-dropped")
    assert finding.severity == "error"
    assert finding.location == f"{path}:{sheets(KG)['goals']}!{openpyxl.utils.get_column_letter(column)}4"


def test_an_extra_column_with_values_is_an_error_at_its_first_value(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheets(KG)["goals"]]
    column = ws.max_column + 1
    ws.cell(2, column, "comment")
    ws.cell(3, column, "check with the akim")
    wb.save(path)
    [finding] = findings_at(path, "reader.value-dropped")
    assert finding.location == f"{path}:{sheets(KG)['goals']}!{openpyxl.utils.get_column_letter(column)}3"
    assert "'comment'" in finding.message()


def test_a_program_value_without_a_field_name_is_an_error(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheets(KG)["program"]]
    row = ws.max_row + 1
    ws.cell(row, 3, "Айыл өкмөтүнүн башчысы")
    wb.save(path)
    [finding] = findings_at(path, "reader.value-dropped")
    assert finding.location == f"{path}:{sheets(KG)['program']}!C{row}"


@pytest.mark.parametrize(("example", "word"), [(KG, "Бардыгы"), (KG, "Итого:"), (MN, "Нийт"), (MN, "Дүн")])
def test_a_total_row_is_reported(example: Path, word: str, tmp_path: Path) -> None:
    path = book(example, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheets(example)["activities"]]
    row = ws.max_row + 1
    title = next(h for h in (c.value for c in ws[2]) if h and h.startswith("title"))
    ws.cell(row, column_of(ws, title), word)
    ws.cell(row, column_of(ws, "cost.amount"), 1_000_000)
    # an activity with an id whose title starts with such a word ("general education") is no total
    ws.cell(row + 1, column_of(ws, "id"), "X1")
    ws.cell(row + 1, column_of(ws, title), f"{word.rstrip(':')} билим берүүчү мектепти оңдоо")
    wb.save(path)
    [finding] = findings_at(path, "reader.total-row")
    assert finding.location == f"{path}:{sheets(example)['activities']}!A{row}"


# --- LibreOffice ----------------------------------------------------------------------------------------------


def soffice_convert(source: Path, target_suffix: str, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (scripts/dev.py installs LibreOffice Calc)")
    profile = out / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    target_suffix, "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    return out / f"{source.stem}.{target_suffix}"


def test_an_ods_saved_by_libreoffice_reads_like_the_xlsx(tmp_path: Path) -> None:
    program, _, _ = load_program(KG)
    path = book(KG, tmp_path)
    ods = soffice_convert(path, "ods", tmp_path)
    loaded = read_workbook(ods)
    assert not loaded.findings, [f.message() for f in loaded.findings]
    result = validate_data(loaded)
    assert result.program is not None and result.program.model_dump() == program.model_dump()
    code, out = run_cli("validate", str(ods))
    assert code == 0, out


def test_merged_cells_of_an_ods_are_an_error(tmp_path: Path) -> None:
    path = book(KG, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheets(KG)["goals"]]
    first, second = column_of(ws, "title[ky]"), column_of(ws, "title[ru]")
    ws.merge_cells(start_row=4, start_column=first, end_row=4, end_column=second)
    wb.save(path)
    ods = soffice_convert(path, "ods", tmp_path)
    [finding] = findings_at(ods, "reader.merged-cells")
    assert finding.location == f"{ods}:{sheets(KG)['goals']}!{openpyxl.utils.get_column_letter(first)}4"


@pytest.mark.parametrize("name", ["program.xls", "program.xlsb", "program.csv", "program.numbers"])
def test_validate_and_excel_import_say_the_same_for_a_format_they_cannot_read(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _, validate_out = run_cli("validate", str(path))
    code, import_out = run_cli("excel", "import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert code == 2
    message = import_out.strip().splitlines()[-1]
    assert message in validate_out, (validate_out, import_out)


def test_a_renamed_xls_is_refused_with_the_same_advice_as_an_xls(tmp_path: Path) -> None:
    xls, renamed = tmp_path / "a.xls", tmp_path / "a.xlsx"
    for path in (xls, renamed):
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    messages = []
    for path in (xls, renamed):
        with pytest.raises(InputError) as caught:
            read_workbook(path)
        messages.append(str(caught.value).split(": ", 1)[1])
    assert messages[0] == messages[1] and ".ods" in messages[0]


def test_an_ods_package_without_a_spreadsheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "text.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match="not a workbook"):
        read_workbook(path)



def test_a_methodology_adds_its_own_total_words_in_its_labels() -> None:
    from sedp_core.exchange.tabular_checks import is_total_row, total_words

    words = total_words({"excel.total_words": {"ky": "Жыйынтыгы\nБаары болуп"}})
    assert {"жыйынтыгы", "баары болуп", "итого", "нийт"} <= words
    assert is_total_row(["Баары болуп 3 иш-чара"], words, has_key=True) is None  # an item with an id
    assert is_total_row(["Баары болуп"], words, has_key=True) == "Баары болуп"
    assert is_total_row(["Жыйынтыгы 2026"], words, has_key=False) == "Жыйынтыгы 2026"
