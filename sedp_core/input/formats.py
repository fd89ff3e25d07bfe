"""The one message every command gives for a file it cannot read: advice for the spreadsheet formats an officer
may have (.xls, .xlsb, Numbers, flat ODS), else the formats sedp reads.

It lives in the input stage because the loader raises it for any file no reader takes; the workbook reader
(`exchange.workbook_formats`) raises the same messages for a workbook it cannot open.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from sedp_core.errors import InputError

__all__ = ["MESSAGES", "format_error"]

MESSAGES: dict[str, str] = {
    "old-excel": ("this is an old Excel 97-2003 (.xls) or a password-protected workbook; open it in Excel and "
                  "save it as 'Excel Workbook (.xlsx)' without a password, or in LibreOffice as "
                  "'ODF Spreadsheet (.ods)'"),
    "binary-excel": ("this is an Excel binary workbook (.xlsb); open it in Excel and save it as 'Excel Workbook "
                     "(.xlsx)'"),
    "numbers": "this is an Apple Numbers file; export it from Numbers as Excel (.xlsx)",
    "flat-ods": ("this is a flat ODF spreadsheet (.fods); open it in LibreOffice and save it as "
                 "'ODF Spreadsheet (.ods)'"),
    "unknown": "sedp cannot read {kind} files (it reads: {known})",
    "not-zip": ("this is not a workbook (.xlsx or .ods): the file is not a zip package; save it from Excel as "
                ".xlsx or from LibreOffice as .ods"),
    "zip-not-workbook": ("this is a zip file but not a workbook (no xl/workbook.xml, no ODF spreadsheet); save it "
                         "from Excel as .xlsx or from LibreOffice as .ods"),
    "not-a-workbook-file": ("{name} is a {kind} file, not a workbook (.xlsx, .ods): `sedp excel import` reads "
                            "workbooks; `sedp validate {name}` checks this file as it is"),
}
_ADVICE = {".xls": "old-excel", ".xlsb": "binary-excel", ".numbers": "numbers", ".fods": "flat-ods"}


def format_error(path: Path, known: Collection[str]) -> InputError:
    """The error for a file whose suffix no reader takes: advice for the spreadsheet formats an officer may
    have (.xls, .xlsb, Numbers, flat ODS), else the formats sedp reads. `sedp validate`, `sedp render` and
    `sedp excel import` all raise this one, so they say the same."""
    suffix = path.suffix.lower()
    if suffix in known:  # a program file given where a workbook is wanted
        return InputError(MESSAGES["not-a-workbook-file"].format(name=path.name, kind=path.suffix), location=str(path),
                          code="input.not-a-workbook")
    if suffix in _ADVICE:
        return InputError(MESSAGES[_ADVICE[suffix]], location=str(path), code="input.not-a-workbook")
    kind = path.suffix or "files without a suffix"
    return InputError(MESSAGES["unknown"].format(kind=kind, known=", ".join(sorted(known))), location=str(path),
                      code="input.unknown-format")
