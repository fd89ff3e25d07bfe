"""A workbook in Kyrgyz, Russian or Mongolian speaks that language: headings, instructions, hover notes and
drop-downs (a code's title shown, the code stored), and reading it back loses nothing."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sedp_core.exchange.excel import read_workbook, workbook_bytes
from sedp_core.registry.collect import get_registry
from sedp_core.validation.validate import load_program, validate_data

ROOT = Path(__file__).resolve().parents[1]
METHODOLOGIES = [(m, lang) for m, langs in (("kg.aa", ("ky", "ru")), ("mn.onhs", ("mn",)),
                                            ("mn.bag-program", ("mn",))) for lang in langs]
SAMPLES = {"kg.aa": ROOT / "plugins/kyrgyz_aa/data/sample.yaml",
           "mn.onhs": ROOT / "plugins/mongolia_onhs/data/sample.yaml"}


def _identifier_lists(wb: openpyxl.Workbook) -> set[str]:
    # Catalog ids and catalog codes are identifiers (kg.nds2040, sdg.3), the same in every language.
    lists = wb["_lists"]
    return {c.value for col in lists.iter_cols() if col[0].value in ("catalogs", "catalog_codes")
            for c in col[1:] if c.value}


def visible_texts(book: bytes) -> dict[tuple[str, ...], str]:
    """Every text an officer reads in the workbook, by where it is: headings (row 1), the program sheet's labels,
    the instructions sheet, hover notes, drop-down values and their error messages. Row 2 (the field names that
    sedp reads), sheet names and typed values are not words of sedp."""
    wb = openpyxl.load_workbook(io.BytesIO(book))
    ids = _identifier_lists(wb)
    out: dict[tuple[str, ...], str] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.comment:
                    out[(ws.title, c.coordinate, "note")] = c.comment.text
                if not isinstance(c.value, str) or c.value in ids:
                    continue
                if ws.title == "_lists":
                    visible = c.row > 1
                elif ws.title == "instructions":
                    visible = c.column > 1 or c.row < 10 or c.value.startswith("•") or c.font.b
                elif ws.title == "program":
                    visible = c.row == 1 or (c.column == 1 and c.row != 2)
                else:
                    visible = c.row == 1
                if visible:
                    out[(ws.title, c.coordinate)] = c.value
        for dv in ws.data_validations.dataValidation:
            out[(ws.title, str(dv.sqref), "error")] = dv.error
    return out


@pytest.mark.parametrize(("methodology_id", "language"), METHODOLOGIES)
def test_no_english_word_of_sedp_in_a_workbook_of_another_language(methodology_id: str, language: str) -> None:
    methodology = get_registry().methodology(methodology_id, None)
    english = visible_texts(workbook_bytes(methodology, "en"))
    texts = visible_texts(workbook_bytes(methodology, language))
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
    sectors = [c.value for c in next(col for col in wb["activities"].iter_cols() if col[1].value == "sector")[2:]
               if c.value]
    assert sectors and all(not re.fullmatch("[a-z_]+", s) for s in sectors), sectors  # titles, not codes
    # an officer picks a title from the drop-down; the program stores its code
    column = next(col for col in wb["activities"].iter_cols() if col[1].value == "sector")
    column[2].value = "жолдор"
    wb.save(book)
    data: Any = read_workbook(book).data
    assert data["activities"][0]["sector"] == "roads"


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
    wb["goals"].cell(2, 40, "colour")
    wb["goals"].cell(3, 40, "green")
    wb.save(book)
    [found] = [f for f in read_workbook(book).findings if f.code == "reader.unknown-column"]
    assert "мамычасы" in found.messages["ky"] and "столбец" in found.messages["ru"] and "багана" in found.messages["mn"]
