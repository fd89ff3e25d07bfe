"""Property: a program exported to a workbook, with one random officer mistake, imports either unchanged or with an
error that names the cell (or, for a lost column or sheet, the sheet) of the mistake (issue 17, point 2).

The programs are the bundled examples with random numbers written into them; the mistakes are those officers make
in Excel and LibreOffice: a number typed as text with separators, a deleted column, a renamed sheet, merged
cells, an extra column, a value in a cell that no column reads.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from babel.numbers import format_decimal
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from sedp_core.errors import InputError
from sedp_core.exchange.excel import read_workbook, workbook_bytes
from sedp_core.input.loader import LoadedData
from sedp_core.validation.validate import load_program, validate_data
from tests.conftest import EXAMPLES, ROOT

MAX_EXAMPLES = max(2, int(os.environ.get("SEDP_HYPOTHESIS_EXAMPLES", "40")) // 8)
"""Per mistake: each example exports a workbook (seconds), so an eighth of the other property tests' count."""
SKIP_SHEETS = ("instructions", "_lists")
TYPED = st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=12).filter(str.strip)
"""What an officer types into a cell (no control characters, which no workbook holds)."""
Mistake = Callable[[openpyxl.Workbook, st.DataObject], tuple[str, str | None]]
"""Applies a mistake; returns (sheet, cell) that a finding must name (cell None: any cell of the sheet)."""
ADDS_A_VALUE = ("extra column", "value in an unread cell")
"""Mistakes that type a new value: it must reach the program or be named, even when the rest is unchanged."""


@cache
def _example(example: Path) -> tuple[dict[str, Any], Any]:
    program, methodology, _ = load_program(example)
    return program.model_dump(mode="python"), methodology


def _number_pointers(value: Any, pointer: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _number_pointers(v, f"{pointer}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _number_pointers(v, f"{pointer}/{i}")]
    return [pointer] if isinstance(value, int | float) and not isinstance(value, bool) else []


def _set(data: Any, pointer: str, value: Any) -> None:
    *parents, last = pointer.split("/")[1:]
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    data[int(last) if isinstance(data, list) else last] = value


def random_program(example: Path, data: st.DataObject) -> tuple[Any, Any]:
    """The example with random numbers in a few of its number fields (those the model accepts)."""
    dump, methodology = _example(example)
    pointers = _number_pointers(dump)
    changed = copy.deepcopy(dump)
    for pointer in data.draw(st.lists(st.sampled_from(pointers), max_size=4, unique=True), label="numbers"):
        value = data.draw(st.one_of(st.integers(0, 5_000_000), st.decimals(0, 100_000, places=2).map(float)),
                          label=pointer)
        _set(changed, pointer, value)
    try:
        return methodology.model.model_validate(changed), methodology
    except ValidationError:
        return methodology.model.model_validate(dump), methodology


def data_sheets(wb: openpyxl.Workbook, min_rows: int = 1) -> list[str]:
    # the instructions come first (named in the workbook's language), the hidden drop-down lists last
    return [ws.title for ws in wb.worksheets[1:] if ws.title not in SKIP_SHEETS
            and sum(1 for row in ws.iter_rows(min_row=3, values_only=True) if any(v not in (None, "") for v in row))
            >= min_rows]


def filled_cells(ws: Any, numbers: bool = False) -> list[tuple[int, int]]:
    return [(c.row, c.column) for row in ws.iter_rows(min_row=3) for c in row
            if c.value not in (None, "") and (not numbers or (isinstance(c.value, int | float)
                                                                and not isinstance(c.value, bool)))]


def number_as_text(wb: openpyxl.Workbook, data: st.DataObject) -> tuple[str, str | None]:
    candidates = [s for s in data_sheets(wb) if filled_cells(wb[s], numbers=True)]
    if not candidates:
        return renamed_sheet(wb, data)
    sheet = data.draw(st.sampled_from(candidates), label="sheet")
    row, column = data.draw(st.sampled_from(filled_cells(wb[sheet], numbers=True)), label="cell")
    cell = wb[sheet].cell(row, column)
    locale = data.draw(st.sampled_from(["ky", "ru", "mn", "en", "de", "fr"]), label="written as")
    cell.value = format_decimal(Decimal(str(cell.value)), locale=locale, decimal_quantization=False)
    cell.data_type = "s"
    return sheet, cell.coordinate


def deleted_column(wb: openpyxl.Workbook, data: st.DataObject) -> tuple[str, str | None]:
    sheet = data.draw(st.sampled_from(data_sheets(wb)), label="sheet")
    ws = wb[sheet]
    ws.delete_cols(data.draw(st.integers(1, ws.max_column), label="column"))
    return sheet, None


def renamed_sheet(wb: openpyxl.Workbook, data: st.DataObject) -> tuple[str, str | None]:
    sheet = data.draw(st.sampled_from([s for s in data_sheets(wb) if s != wb.worksheets[1].title]), label="sheet")
    name = data.draw(st.sampled_from(["Иш-чаралар", "Мероприятия", "Арга хэмжээ", "Sheet1", f"{sheet} (2)"]),
                     label="new name")
    ws = wb[sheet]
    ws.title = name
    return ws.title, None  # openpyxl adds a digit to a name another sheet has


def merged_cells(wb: openpyxl.Workbook, data: st.DataObject) -> tuple[str, str | None]:
    sheet = data.draw(st.sampled_from(data_sheets(wb)), label="sheet")
    row, column = data.draw(st.sampled_from(filled_cells(wb[sheet])), label="cell")
    width = data.draw(st.integers(1, 2), label="width")
    wb[sheet].merge_cells(start_row=row, start_column=column, end_row=row + width - 1, end_column=column + 1)
    return sheet, f"{get_column_letter(column)}{row}"


def extra_column(wb: openpyxl.Workbook, data: st.DataObject) -> tuple[str, str | None]:
    sheet = data.draw(st.sampled_from([s for s in data_sheets(wb) if s != wb.worksheets[1].title]), label="sheet")
    ws = wb[sheet]
    column = ws.max_column + 1
    ws.cell(2, column, data.draw(st.sampled_from(["note", "Эскертүү", "примечание", "id", "title"]), label="name"))
    row = data.draw(st.integers(3, max(3, ws.max_row)), label="row")
    ws.cell(row, column, data.draw(TYPED, label="value"))
    return sheet, None


def unread_cell(wb: openpyxl.Workbook, data: st.DataObject) -> tuple[str, str | None]:
    sheet = data.draw(st.sampled_from(data_sheets(wb)), label="sheet")
    ws = wb[sheet]
    column = ws.max_column + data.draw(st.integers(1, 3), label="gap")
    row = data.draw(st.integers(3, max(3, ws.max_row)), label="row")
    ws.cell(row, column, data.draw(st.one_of(st.integers(1, 10**6), TYPED), label="value"))
    return sheet, f"{get_column_letter(column)}{row}"


MISTAKES: dict[str, Mistake] = {
    "number as text": number_as_text, "deleted column": deleted_column, "renamed sheet": renamed_sheet,
    "merged cells": merged_cells, "extra column": extra_column, "value in an unread cell": unread_cell,
}


def program_read(loaded: LoadedData, methodology: Any) -> Any:
    try:
        return methodology.model.model_validate(loaded.data).model_dump()
    except ValidationError:
        return None


@pytest.mark.parametrize("mistake", list(MISTAKES))
# No shrinking: each example exports a workbook (seconds), and the draws printed on failure say enough.
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_officer_mistake_changes_nothing_or_is_named(mistake: str, data: st.DataObject, tmp_path: Path) -> None:
    example = data.draw(st.sampled_from(EXAMPLES), label="example")
    program, methodology = random_program(example, data)
    path = tmp_path / f"{example.stem}.xlsx"
    path.write_bytes(workbook_bytes(methodology, program.main_language, program))
    wb = openpyxl.load_workbook(path)
    sheet, cell = MISTAKES[mistake](wb, data)
    wb.save(path)
    try:
        loaded = read_workbook(path)
    except InputError as stop:  # nothing can be read (the program sheet's value column is gone): said at its sheet
        assert (stop.location or "").startswith(f"{path}:{sheet}!"), (mistake, sheet, cell, str(stop))
        return
    if program_read(loaded, methodology) == program.model_dump() and mistake not in ADDS_A_VALUE:
        return
    findings = validate_data(loaded).report.findings  # the reader's, the schema's and the rules'
    target = f"{path}:{sheet}!{cell}" if cell else f"{path}:{sheet}!"
    # A change of what the officer typed is an error (a warning would let `sedp excel import` write the program).
    named = [f for f in findings if f.severity == "error" and f.location and (
        f.location == target if cell else f.location.startswith(target))]
    assert named, (f"{mistake} at {sheet}!{cell or ''} of {example.relative_to(ROOT)} changed the program without a "
                   f"finding; findings: {[(f.code, f.location) for f in findings]}")
