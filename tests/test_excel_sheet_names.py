"""A workbook's sheets are named in the workbook's language, within Excel's rules for sheet names, and the
instructions name them as the workbook shows them; a workbook in Kyrgyz reads back identically."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sedp_core.exchange.excel import sheet_names, workbook_bytes
from sedp_core.exchange.excel_texts import SHEET_NAME_LIMIT, heading, sheet_title
from sedp_core.exchange.tabular import build_layout
from sedp_core.registry.collect import get_registry
from sedp_core.validation.validate import load_program, validate_file
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
LATIN_WORD = re.compile(r"[A-Za-z]{2}")


def _methodology(methodology_id: str) -> Any:
    return next(m for m in get_registry().methodologies.values() if m.id == methodology_id)


def _languages() -> list[tuple[str, str]]:
    return [(m.id, lang) for m in get_registry().methodologies.values() for lang in m.languages]


def _assert_excel_accepts(names: list[str]) -> None:
    for name in names:
        assert 0 < len(name) <= SHEET_NAME_LIMIT, name
        assert not FORBIDDEN.search(name) and not name.startswith("'") and not name.endswith("'"), name
    assert len({n.casefold() for n in names}) == len(names), names  # Excel compares names ignoring case


@pytest.mark.parametrize(("methodology_id", "language"), _languages())
def test_every_sheet_of_the_template_is_named_in_the_workbooks_language(methodology_id: str, language: str,
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    code, output = run_cli("excel", "template", methodology_id, "--lang", language, "-o", str(out))
    assert code == 0, output
    wb = openpyxl.load_workbook(out)
    shown = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    _assert_excel_accepts([ws.title for ws in wb.worksheets])
    if language != "en":
        english = [name for name in shown if LATIN_WORD.search(name)]
        assert not english, f"English sheet names in a {language} workbook: {english}"
    # The instructions name the sheets as the workbook shows them, not by the lists' English names.
    methodology = _methodology(methodology_id)
    names = sheet_names(build_layout(methodology.model), language, methodology.labels)
    text = "\n".join(str(c.value) for row in wb[names["instructions"]].iter_rows() for c in row if c.value)
    for table in ("program", "goals", "tasks"):
        assert f"'{names[table]}'" in text, (table, names[table])
    if language != "en":
        assert "'program' sheet" not in text and "'goals'" not in text


@pytest.mark.parametrize(("methodology_id", "language", "sample"), [
    ("kg.aa", "ky", "plugins/kyrgyz_aa/data/sample.yaml"),
    ("mn.onhs", "mn", "plugins/mongolia_onhs/data/sample.yaml"),
])
def test_a_workbook_in_the_programs_language_reads_back_identically(methodology_id: str, language: str,
                                                                   sample: str, tmp_path: Path) -> None:
    book, back_file = tmp_path / "program.xlsx", tmp_path / "back.json"
    code, output = run_cli("excel", "export", str(ROOT / sample), "--lang", language, "-o", str(book))
    assert code == 0, output
    wb = openpyxl.load_workbook(book)
    shown = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert not [name for name in shown if LATIN_WORD.search(name)], shown
    # the owner cells name their parent's sheet as the workbook shows it, not the list's English name
    owners = _owner_cells(wb)
    assert owners, "the sample has rows with an owner"
    assert all(value.partition(":")[0] in shown for value in owners), sorted(set(owners))[:5]
    code, output = run_cli("excel", "import", str(book), "-o", str(back_file))
    assert code == 0, output
    program, _, _ = load_program(ROOT / sample)
    back, _, report = load_program(back_file)
    assert report.valid and back.model_dump() == program.model_dump()


def _owner_cells(wb: Any) -> list[str]:
    return [str(ws.cell(r, 1).value) for ws in wb.worksheets if ws.cell(2, 1).value == "owner"
            for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value is not None]


def _owner_sheet(wb: Any, names: dict[str, str], parent: str) -> Any:
    """The first sheet whose rows can belong to rows of `parent`, with such a row on row 3."""
    return next(ws for ws in wb.worksheets if ws.cell(2, 1).value == "owner"
                and str(ws.cell(3, 1).value).startswith(f"{names[parent]}:"))


def test_the_owner_column_is_explained_with_the_sheet_names_of_the_workbook(tmp_path: Path) -> None:
    program, methodology, _ = load_program(ROOT / "plugins/kyrgyz_aa/data/sample.yaml")
    book = tmp_path / "ky.xlsx"
    book.write_bytes(workbook_bytes(methodology, "ky", program))
    wb = openpyxl.load_workbook(book)
    names = sheet_names(build_layout(methodology.model), "ky", methodology.labels)
    note = _owner_sheet(wb, names, "tasks").cell(2, 1).comment.text
    # the key is named as the workbook's heading names it: "<Коду>", not the field name "<id>"
    key = heading("id", "ky", methodology.labels)
    assert f"{names['tasks']}:<{key}>" in note and "tasks:" not in note and "<id>" not in note, note
    text = "\n".join(str(c.value) for row in wb[names["instructions"]].iter_rows() for c in row if c.value)
    assert f"'{names['tasks']}:T1'" in text and "'tasks:T1'" not in text and "'program'" not in text


def test_an_owner_typed_with_any_languages_sheet_name_or_the_lists_name_reads(tmp_path: Path) -> None:
    program, methodology, _ = load_program(ROOT / "plugins/kyrgyz_aa/data/sample.yaml")
    layout = build_layout(methodology.model)
    ky, ru = (sheet_names(layout, lang, methodology.labels) for lang in ("ky", "ru"))
    book = tmp_path / "ky.xlsx"
    book.write_bytes(workbook_bytes(methodology, "ky", program))
    wb = openpyxl.load_workbook(book)
    ws = _owner_sheet(wb, ky, "tasks")
    rows = [r for r in range(3, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith(f"{ky['tasks']}:")][:3]
    assert len(rows) == 3
    typed = {}
    for r, form in zip(rows, (f"  {ky['tasks'].upper()} : {{}}", f"{ru['tasks']}:{{}}", "tasks:{}"), strict=True):
        task = str(ws.cell(r, 1).value).partition(":")[2]
        ws.cell(r, 1).value = typed[r] = form.format(task)  # typed by hand, in Russian, as older workbooks have it
    wb.save(book)
    back, _, report = load_program(book)
    assert report.valid, [(f.location, f.message()) for f in report.findings if f.severity == "error"]
    assert back.model_dump() == program.model_dump(), typed


def test_an_unknown_sheet_in_owner_is_an_error_at_its_cell_naming_the_sheets_in_the_workbooks_words(
        tmp_path: Path) -> None:
    program, methodology, _ = load_program(ROOT / "plugins/kyrgyz_aa/data/sample.yaml")
    names = sheet_names(build_layout(methodology.model), "ky", methodology.labels)
    book = tmp_path / "ky.xlsx"
    book.write_bytes(workbook_bytes(methodology, "ky", program))
    wb = openpyxl.load_workbook(book)
    ws = _owner_sheet(wb, names, "tasks")
    task = str(ws.cell(3, 1).value).partition(":")[2]
    ws.cell(3, 1).value = f"Тапшырмалар:{task}"
    ws.cell(4, 1).value = f"{names['tasks']}:T99"
    wb.save(book)
    report = validate_file(book).report
    bad = next(f for f in report.findings if f.code == "reader.bad-owner")
    assert bad.location.endswith(f"{ws.title}!A3"), bad.location
    message = bad.message("ky")
    assert f"Тапшырмалар:{task}" in message and f"{names['tasks']}:<id>" in message, message
    assert "tasks:" not in message and "goals:" not in message, message
    missing = next(f for f in report.findings if f.code == "reader.unknown-parent")
    assert missing.location.endswith(f"{ws.title}!A4"), missing.location
    assert f"'{names['tasks']}'" in missing.message("ky") and f"'{ws.title}'" in missing.message("ky")


def test_sheet_title_keeps_excels_rules() -> None:
    taken: set[str] = set()
    assert sheet_title("Goals [ky]: a/b\\c*d?e", taken) == "Goals -ky-- a-b-c-d-e"
    long = "Жамааттын муктаждыктарын биргелешип аныктоонун жыйынтыктары"
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert len(first) <= SHEET_NAME_LIMIT and len(second) <= SHEET_NAME_LIMIT
    assert first != second and second.endswith(" 2")
    assert sheet_title("ПРОГРАММА", {"программа"}) == "ПРОГРАММА 2"  # unique ignoring case, as Excel wants
    assert sheet_title("'Программа'", set()) == "Программа"  # Excel refuses an apostrophe at either end
    assert sheet_title("[]:*?/\\", set()) == "-------"


def test_a_label_that_breaks_excels_rules_still_gives_a_workbook_excel_opens(tmp_path: Path) -> None:
    program, methodology, _ = load_program(ROOT / "plugins/kyrgyz_aa/data/sample.yaml")
    odd_name = "Стратегиялык максаттар: [узак мөөнөттүү] / 2040-жылга чейин *?"
    labels = {**methodology.labels, "field.sources": {"ky": odd_name}, "field.priorities": {"ky": odd_name}}
    odd = dataclasses.replace(methodology, labels=labels)
    book = tmp_path / "odd.xlsx"
    book.write_bytes(workbook_bytes(odd, "ky", program))
    wb = openpyxl.load_workbook(book)
    names = sheet_names(build_layout(odd.model), "ky", labels)
    assert names["sources"] in wb.sheetnames and names["priorities"] in wb.sheetnames
    assert names["sources"] != names["priorities"]
    _assert_excel_accepts(wb.sheetnames)
    # a drop-down of source ids points at the sources sheet by its name, quoted as a formula must
    formulas = {dv.formula1 for ws in wb.worksheets for dv in ws.data_validations.dataValidation}
    assert any(f.startswith(f"'{names['sources']}'!") for f in formulas), sorted(formulas)[:5]
