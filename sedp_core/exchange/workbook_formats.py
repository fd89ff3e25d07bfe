"""Workbook formats: which files are workbooks sedp reads (`.xlsx` from Excel, `.ods` from LibreOffice), and the
sheets' rows and merged cells of each format (the one message for a format sedp cannot read is `input.formats`).

`.xlsx` is read with openpyxl (as before); `.ods` with python-calamine, a maintained reader (the Rust calamine
library) rather than a hand-written ODF parser. Merged cells are found in the package's XML for both, because
neither reader reports them the same way (openpyxl's fast read-only mode and calamine's ODS reader do not).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from sedp_core.errors import InputError
from sedp_core.input.formats import MESSAGES, format_error

__all__ = ["MESSAGES", "WORKBOOK_SUFFIXES", "format_error", "merged_ranges", "ods_rows", "package_kind", "range_text"]

Kind = Literal["xlsx", "ods"]
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

def package_kind(archive: zipfile.ZipFile, path: Path) -> Kind:
    """Which workbook a zip package is, by its content (a renamed file is read for what it is)."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
        return "ods"
    raise InputError(MESSAGES["zip-not-workbook"], params={}, location=str(path), code="input.not-a-workbook")


def ods_rows(path: Path, check: Callable[[str, int], None]) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's rows of an `.ods` workbook, empty cells as None (as openpyxl gives them); `check(sheet,
    rows so far)` may refuse a sheet that grows too long."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    try:
        sheets: dict[str, list[tuple[Any, ...]]] = {}
        for name in workbook.sheet_names:
            rows: list[tuple[Any, ...]] = []
            for row in workbook.get_sheet_by_name(name).iter_rows():
                rows.append(tuple(None if v == "" else v for v in row))
                check(name, len(rows))
            sheets[name] = rows
        return sheets
    finally:
        workbook.close()


def _letters(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


Range = tuple[int, int, int, int]
"""First row, first column, last row, last column (1-based)."""


def merged_ranges(path: Path, kind: Kind) -> dict[str, list[Range]]:
    """Sheet title → the merged ranges of that sheet, read from the package's XML."""
    with zipfile.ZipFile(path) as archive:
        return _xlsx_merges(archive) if kind == "xlsx" else _ods_merges(archive)


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")


def _column_number(letters: bytes) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letters.decode())


def _xlsx_merges(archive: zipfile.ZipFile) -> dict[str, list[Range]]:
    from sedp_core.exchange.xlsx_formulas import _sheet_titles as sheet_titles

    found: dict[str, list[Range]] = {}
    for member, title in sheet_titles(archive).items():
        try:
            data = archive.read(member)
        except KeyError:
            continue
        for match in _MERGE.finditer(data):
            c1, r1, c2, r2 = match.groups()
            found.setdefault(title, []).append((int(r1), _column_number(c1), int(r2 or r1),
                                                _column_number(c2 or c1)))
    return found


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _ods_merges(archive: zipfile.ZipFile) -> dict[str, list[Range]]:
    from lxml import etree

    found: dict[str, list[Range]] = {}
    data = archive.read("content.xml")
    if b"-spanned" not in data:  # most workbooks merge nothing: skip the parse
        return found
    t = f"{{{_TABLE}}}"
    for _, table in etree.iterparse(io.BytesIO(data), tag=f"{t}table", resolve_entities=False,
                                    no_network=True):
        ranges: list[Range] = []
        row_number = 0
        for row in table.iter(f"{t}table-row"):
            row_number += 1
            column = 0
            for cell in row:
                if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                    continue
                column += 1
                columns = int(cell.get(f"{t}number-columns-spanned", "1"))
                rows = int(cell.get(f"{t}number-rows-spanned", "1"))
                if columns > 1 or rows > 1:
                    ranges.append((row_number, column, row_number + rows - 1, column + columns - 1))
                column += int(cell.get(f"{t}number-columns-repeated", "1")) - 1
            row_number += int(row.get(f"{t}number-rows-repeated", "1")) - 1
        if ranges:
            found[table.get(f"{t}name", "")] = ranges
        table.clear()
    return found


def range_text(merged: Range) -> tuple[str, str]:
    """(`A3:B3`, `A3`) of a merged range."""
    r1, c1, r2, c2 = merged
    first = f"{_letters(c1)}{r1}"
    return f"{first}:{_letters(c2)}{r2}", first
