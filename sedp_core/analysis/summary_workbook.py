"""The regional summary as an Excel workbook (openpyxl): one sheet per section of the document, its tables one
under another with a bold heading row and a bold total, numbers stored as numbers (a planner sorts and adds them
up again) with the language's grouping shown by the cell format; the sections' texts above their tables.

It writes the sections `summary_document.all_sections` makes, so the workbook and the document hold the same
figures in the same words. Charts are left to Excel: the numbers are all there. A cell whose text plugin data
marks "to confirm" is filled yellow, as the document highlights it (a cell holds plain text: the marks'
invisible characters never reach it).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from sedp_core.analysis.summary import SummaryHeading, SummarySection, SummaryTable
from sedp_core.rendering.charts import BarChart
from sedp_core.rendering.fileio import write_atomic
from sedp_core.rendering.unconfirmed import DocumentMarks, found_in, plain

__all__ = ["write_workbook"]

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
"""Characters Excel refuses in a sheet name."""


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _FORBIDDEN.sub(" ", plain(name)).strip()[:31] or "1"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" {n}"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _number_format(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits else "")


def write_workbook(sections: list[SummarySection], path: Path, marks: DocumentMarks | None = None) -> Path:
    """Write the sections to an .xlsx at `path` (atomically) and return `path`. `marks` says which values to
    confirm are confirmed (`summary_document.summary_marks`); by default none is, as in a draft."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    marks = marks if marks is not None else DocumentMarks()
    yellow = PatternFill("solid", start_color="FFFF00", end_color="FFFF00")

    def put(sheet: Any, row: int, column: int, value: object) -> Any:
        """A cell holding `value` without marks, filled yellow when it relies on a value not confirmed."""
        cell = sheet.cell(row=row, column=column, value=plain(value) if isinstance(value, str) else value)
        if isinstance(value, str) and any(not marks.is_confirmed(item) for item in found_in(value)):
            cell.fill = yellow
        return cell

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for section in sections:
        sheet = book.create_sheet(_sheet_name(section.sheet or section.heading, taken))
        put(sheet, 1, 1, section.heading).font = Font(bold=True, size=13)
        row = 3
        widths: dict[int, int] = {}
        for part in section.parts:
            if isinstance(part, str):
                put(sheet, row, 1, part)
                row += 1
            elif isinstance(part, SummaryHeading):
                row += 1
                put(sheet, row, 1, part.text).font = bold
                row += 1
            elif isinstance(part, SummaryTable):
                for j, column in enumerate(part.columns, 1):
                    cell = put(sheet, row, j, column.heading)
                    cell.font = bold
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                row += 1
                lines = [*part.rows, *([part.total] if part.total is not None else [])]
                for i, values in enumerate(lines):
                    for j, (column, value) in enumerate(zip(part.columns, values, strict=True), 1):
                        cell = put(sheet, row, j, value)
                        if column.kind == "number" and isinstance(value, int | float):
                            cell.number_format = _number_format(column.digits)
                        if part.total is not None and i == len(lines) - 1:
                            cell.font = bold
                        widths[j] = max(widths.get(j, 8), min(60, len(str(cell.value or "")) + 2))
                    row += 1
                row += 1
            elif isinstance(part, BarChart):
                continue  # the table next to it holds the same numbers
            else:
                raise TypeError(f"a summary section holds a {type(part).__name__}")
        for j, width in widths.items():
            sheet.column_dimensions[get_column_letter(j)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())
    return path
