"""Survey items added to an officer's workbook in place (`sedp survey import --into FILE.xlsx`).

The workbook is the officer's own: its other sheets, rows, formats, drop-downs and notes stay as they are. Each
item becomes a row of its list's sheet (the sheet found by its name in any of the methodology's languages, as
the reader finds it), its values written the way the template writes them: a text per language column, lists
joined with ';', a code as the title its drop-down shows in the sheet's language.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sedp_core.errors import InputError
from sedp_core.exchange.excel import (
    _choices,
    _header_row,
    _names_by_language,
    _tables_of_sheets,
    _uses,
    _write_value,
    read_workbook,
)
from sedp_core.exchange.survey_merge import MergeResult, ids_of
from sedp_core.exchange.tabular import BOOL, TEXT, Cell, Column, Table, _get, build_layout, cell_value, iter_columns
from sedp_core.i18n import N_

if TYPE_CHECKING:
    from sedp_core.registry.types import Methodology

__all__ = ["is_workbook", "merge_into_workbook", "workbook_ids"]


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".ods")


def _table(methodology: Methodology, pointer: str, path: Path) -> Table:
    """The list a survey's items go to: one of the program's own lists (a nested one needs its owner's id)."""
    layout = build_layout(methodology.model)
    parts = tuple(p for p in pointer.strip("/").split("/") if p)
    for table in layout.tables.values():
        if any(s.parent is None and s.path == parts for s in table.slots):
            return table
    raise InputError(N_("survey items can be added to a workbook's list of the program itself, not to {pointer}; "
                        "import them into a YAML program instead"), params={"pointer": pointer},
                     location=str(path), code="survey.merge-nested")


def workbook_ids(path: Path, pointer: str, key: str | None) -> set[str]:
    """The ids the workbook's list at `pointer` holds already (so new ids are not given twice)."""
    _xlsx_only(path)
    return ids_of(_get(read_workbook(path).data, tuple(p for p in pointer.strip("/").split("/") if p)), key)


def _xlsx_only(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise InputError(N_("survey items can be added to an .xlsx workbook; save the .ods workbook as .xlsx (Excel "
                            "2007-365) in LibreOffice first, or import into a YAML program"), params={},
                         location=str(path), code="survey.merge-format")


def merge_into_workbook(path: Path, methodology: Methodology, pointer: str, items: list[dict[str, Any]],
                        key: str | None, replace: bool) -> tuple[bytes, MergeResult]:
    """The workbook's new bytes with `items` as rows of the sheet of the list at `pointer`, ids kept: an item whose
    id the sheet has already replaces that row's values when `replace`, else it is refused."""
    from openpyxl import load_workbook

    _xlsx_only(path)
    table = _table(methodology, pointer, path)
    layout = build_layout(methodology.model)
    by_language = _names_by_language(layout, methodology)
    tables_of = _tables_of_sheets(by_language)
    wb = load_workbook(path)
    ws = next((s for s in wb.worksheets if tables_of.get(s.title.casefold()) == table.name), None)
    if ws is None:
        raise InputError(N_("the workbook has no sheet for {pointer} (was it deleted or renamed?); take the sheet "
                            "from `sedp excel template`"), params={"pointer": pointer}, location=str(path),
                         code="survey.merge-no-sheet")
    language = next((lang for lang, names in by_language.items()
                     if names.get(table.name, "").casefold() == ws.title.casefold()), methodology.languages[0])
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    header_row = _header_row(rows, {c.key for c in table.columns} | {"owner", "no"})
    headers = [str(v).strip() if v is not None else "" for v in (rows[header_row - 1] if rows else ())]
    columns = {c.key: c for c in table.columns}
    titles = _shown_titles(methodology, table, language)
    key_column = headers.index(key) + 1 if key and key in headers else None
    last = max((r for r, row in enumerate(rows, start=1) if r > header_row and any(
        v is not None and str(v).strip() for v in row)), default=header_row)
    where = {str(ws.cell(r, key_column).value).strip(): r for r in range(header_row + 1, last + 1)
             if key_column and ws.cell(r, key_column).value is not None}
    result = MergeResult()
    for item in items:
        ident = str(item.get(key)) if key and item.get(key) is not None else None
        if ident is not None and ident in where:
            if not replace:
                result.refused.append(ident)
                continue
            row = where[ident]
            result.replaced.append(ident)
        else:
            last += 1
            row = last
            if ident is not None:
                where[ident] = row
                result.added.append(ident)
        values = {c.key: _as_columns(c, _get(item, c.path), headers, language) for c in table.columns}
        for index, header in enumerate(headers, start=1):
            name, _, rest = header.partition("[")
            col = columns.get(name)
            if col is None:
                continue
            value = cell_value(Cell(header, col, rest.rstrip("]") or None), values)
            shown = titles.get(col.key)
            if shown and value is not None:
                value = shown.get(str(value).lower() if col.kind == BOOL else value, value)
            _write_value(ws.cell(row, index), value, f"{pointer}/{ident or row}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), result


def _as_columns(col: Column, value: Any, headers: list[str], language: str) -> Any:
    """A single text (a survey imported without --lang) where the sheet has one column per language and none
    for a single text: the text of the sheet's language (else of its first language column), so it is not lost."""
    if col.kind != TEXT or not isinstance(value, str) or col.key in headers:
        return value
    languages = [h[len(col.key) + 1:-1] for h in headers if h.startswith(f"{col.key}[") and h.endswith("]")]
    if not languages:
        return value
    return {language if language in languages else languages[0]: value}


def _shown_titles(methodology: Methodology, table: Table, language: str) -> dict[str, dict[Any, str]]:
    """Column key → {stored code: the title its drop-down shows in `language`}, for the table's closed lists."""
    from sedp_core.registry.collect import get_registry

    registry = get_registry()
    uses = _uses(methodology, registry)
    out = {}
    for t, col, pattern in iter_columns(build_layout(methodology.model)):
        if t.name == table.name:
            found = _choices(col, pattern, methodology, registry, uses, language)
            if found is not None:
                out[col.key] = found[1]
    return out
