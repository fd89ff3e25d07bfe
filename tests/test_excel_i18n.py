"""A workbook in Kyrgyz, Russian or Mongolian speaks that language: headings, instructions, hover notes and
drop-downs (a code's title shown, the code stored), and reading it back loses nothing."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sedp_core.exchange.excel import read_workbook, sheet_names, workbook_bytes
from sedp_core.exchange.tabular import build_layout
from sedp_core.registry.collect import get_registry
from sedp_core.validation.validate import load_program, validate_data

ROOT = Path(__file__).resolve().parents[1]
METHODOLOGIES = [(m, lang) for m, langs in (("kg.aa", ("ky", "ru")), ("mn.onhs", ("mn",)),
                                            ("mn.bag-program", ("mn",))) for lang in langs]
SAMPLES = {"kg.aa": ROOT / "plugins/kyrgyz_aa/data/sample.yaml",
           "mn.onhs": ROOT / "plugins/mongolia_onhs/data/sample.yaml"}


def _identifier_lists(wb: openpyxl.Workbook) -> set[str]:
    # A catalog id or code shown as it is (an entry with no title in the workbook's language: V2050.1.1) is an
    # identifier, the same in every language.
    catalogs = get_registry().catalogs
    return {*catalogs, *(e.code for c in catalogs.values() for e in c.entries)}


def tables_of(methodology: Any, language: str) -> dict[str, str]:
    """Sheet name → the list (table) it holds, in a workbook of `language`."""
    names = sheet_names(build_layout(methodology.model), language, methodology.labels)
    return {sheet: table for table, sheet in names.items()}


def sheet(wb: openpyxl.Workbook, methodology: Any, language: str, table: str) -> Any:
    """The sheet of list `table` in a workbook of `language`."""
    return wb[sheet_names(build_layout(methodology.model), language, methodology.labels)[table]]


def visible_texts(book: bytes, methodology: Any, language: str) -> dict[tuple[str, ...], str]:
    """Every text an officer reads in the workbook, by where it is (the sheet by its list, so that workbooks of two
    languages compare): headings (row 1), the program sheet's labels, the instructions sheet, hover notes,
    drop-down values and their error messages. Row 2 (the field names that sedp reads) and typed values are not
    words of sedp; sheet names are compared by `test_every_sheet_name_is_in_the_workbooks_language`."""
    wb = openpyxl.load_workbook(io.BytesIO(book))
    ids = _identifier_lists(wb)
    tables = {**tables_of(methodology, language), "_lists": "_lists"}
    out: dict[tuple[str, ...], str] = {}
    for ws in wb.worksheets:
        table = tables[ws.title]
        for row in ws.iter_rows():
            for c in row:
                if c.comment:
                    out[(table, c.coordinate, "note")] = c.comment.text
                if not isinstance(c.value, str) or c.value in ids:
                    continue
                if table == "_lists":
                    visible = c.row > 1
                elif table == "instructions":
                    visible = c.column > 1 or c.row < 10 or c.value.startswith("•") or c.font.b
                elif table == "program":
                    visible = c.row == 1 or (c.column == 1 and c.row != 2)
                else:
                    visible = c.row == 1
                if visible:
                    out[(table, c.coordinate)] = c.value
        for dv in ws.data_validations.dataValidation:
            out[(table, str(dv.sqref), "error")] = dv.error
    return out


@pytest.mark.parametrize(("methodology_id", "language"), METHODOLOGIES)
def test_no_english_word_of_sedp_in_a_workbook_of_another_language(methodology_id: str, language: str) -> None:
    methodology = get_registry().methodology(methodology_id, None)
    english = visible_texts(workbook_bytes(methodology, "en"), methodology, "en")
    texts = visible_texts(workbook_bytes(methodology, language), methodology, language)
    same = {where: text for where, text in texts.items()
            if english.get(where) == text and re.search("[A-Za-z]{3}", text)}
    assert not same, f"{len(same)} of {len(texts)} texts are the English ones: {sorted(set(same.values()))[:40]}"


def test_a_drop_down_shows_titles_and_the_program_keeps_codes(tmp_path: Path) -> None:
    program, methodology, _ = load_program(SAMPLES["kg.aa"])
    book = tmp_path / "aimak.xlsx"
    book.write_bytes(workbook_bytes(methodology, "ky", program))
    wb = openpyxl.load_workbook(book)
    lists = {col[0].value: [c.value for c in col[1:] if c.value] for col in wb["_lists"].iter_cols()}
    assert "ичүүчү суу" in lists["codelist:kg.sector:ky"] and "water" not in lists["codelist:kg.sector:ky"]
    assert lists["bool:ky"] == ["ооба", "жок"]
    activities = sheet(wb, methodology, "ky", "activities")
    sectors = [c.value for c in next(col for col in activities.iter_cols() if col[1].value == "sector")[2:]
               if c.value]
    assert sectors and all(not re.fullmatch("[a-z_]+", s) for s in sectors), sectors  # titles, not codes
    # an officer picks a title from the drop-down; the program stores its code
    column = next(col for col in activities.iter_cols() if col[1].value == "sector")
    column[2].value = "жолдор"
    wb.save(book)
    data: Any = read_workbook(book).data
    assert data["activities"][0]["sector"] == "roads"


def test_alignment_drop_downs_show_titles_and_the_program_keeps_codes(tmp_path: Path) -> None:
    program, methodology, _ = load_program(SAMPLES["kg.aa"])
    registry = get_registry()
    book = tmp_path / "aimak.xlsx"
    book.write_bytes(workbook_bytes(methodology, "ky", program))
    wb = openpyxl.load_workbook(book)
    lists = {col[0].value: [c.value for c in col[1:] if c.value] for col in wb["_lists"].iter_cols()}
    nds = registry.catalogs["kg.nds2040"]
    assert nds.title["ky"] in lists["catalogs:ky"] and "kg.nds2040" not in lists["catalogs:ky"]
    entry = nds.entries[0]
    assert entry.title["ky"] in lists["catalog_codes:ky"] and entry.code not in lists["catalog_codes:ky"]
    # the alignment sheet shows titles where the program stores codes
    alignment = sheet(wb, methodology, "ky", "alignment")
    head = [c.value for c in alignment[2]]
    catalog_col, code_col = head.index("catalog"), head.index("code")
    rows = [r for r in alignment.iter_rows(min_row=3) if r[code_col].value]
    assert rows and all(r[code_col].value not in {e.code for e in nds.entries} for r in rows)
    # an officer chooses a title from the drop-down; reading stores its code
    other = nds.entries[1]
    rows[0][catalog_col].value, rows[0][code_col].value = nds.title["ky"], other.title["ky"]
    wb.save(book)
    loaded: Any = read_workbook(book)
    assert ("kg.nds2040", other.code) in set(_links(loaded.data))
    assert not validate_data(loaded).report.errors


def _links(data: Any) -> list[tuple[Any, Any]]:
    """(catalog, code) of every alignment link anywhere in program data."""
    if isinstance(data, dict):
        found = [(data["catalog"], data["code"])] if {"catalog", "code"} <= data.keys() else []
        return found + [link for value in data.values() for link in _links(value)]
    if isinstance(data, list):
        return [link for value in data for link in _links(value)]
    return []


@pytest.mark.parametrize(("methodology_id", "language"), [("kg.aa", "ky"), ("kg.aa", "ru"), ("mn.onhs", "mn")])
def test_a_program_written_in_any_language_reads_back_unchanged(methodology_id: str, language: str,
                                                                tmp_path: Path) -> None:
    program, methodology, _ = load_program(SAMPLES[methodology_id])
    book = tmp_path / "program.xlsx"
    book.write_bytes(workbook_bytes(methodology, language, program))
    back = validate_data(read_workbook(book))
    assert back.report.valid, [f.message() for f in back.report.errors]
    assert back.program is not None and back.program.model_dump() == program.model_dump()


def test_reader_findings_carry_every_catalog_language(tmp_path: Path) -> None:
    program, methodology, _ = load_program(SAMPLES["kg.aa"])
    book = tmp_path / "aimak.xlsx"
    book.write_bytes(workbook_bytes(methodology, "ky", program))
    wb = openpyxl.load_workbook(book)
    goals = sheet(wb, methodology, "ky", "goals")
    goals.cell(2, 40, "colour")
    goals.cell(3, 40, "green")
    wb.save(book)
    [found] = [f for f in read_workbook(book).findings if f.code == "reader.unknown-column"]
    assert "мамычасы" in found.messages["ky"] and "столбец" in found.messages["ru"] and "багана" in found.messages["mn"]
