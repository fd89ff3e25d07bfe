"""The one message every command gives for a file it cannot read: advice for the spreadsheet formats an officer
may have (.xls, .xlsb, Numbers, flat ODS), else the formats sedp reads.

It lives in the input stage because the loader raises it for any file no reader takes; the workbook reader
(`exchange.workbook_formats`) raises the same messages for a workbook it cannot open.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from sedp_core.errors import InputError
from sedp_core.i18n import N_, Term

__all__ = ["MESSAGES", "format_error"]

MESSAGES: dict[str, str] = {  # msgids: the CLI shows them in the user's language
    "old-excel": N_("this is an old Excel 97-2003 (.xls) or a password-protected workbook; open it in Excel and "
                  "save it as 'Excel Workbook (.xlsx)' without a password, or in LibreOffice as "
                  "'ODF Spreadsheet (.ods)'"),
    "binary-excel": N_("this is an Excel binary workbook (.xlsb); open it in Excel and save it as 'Excel Workbook "
                     "(.xlsx)'"),
    "numbers": N_("this is an Apple Numbers file; export it from Numbers as Excel (.xlsx)"),
    "flat-ods": N_("this is a flat ODF spreadsheet (.fods); open it in LibreOffice and save it as "
                 "'ODF Spreadsheet (.ods)'"),
    "unknown": N_("sedp cannot read {kind} files (it reads: {known})"),
    "not-zip": N_("this is not a workbook (.xlsx or .ods): the file is not a zip package; save it from Excel as "
                ".xlsx or from LibreOffice as .ods"),
    "zip-not-workbook": N_("this is a zip file but not a workbook (no xl/workbook.xml, no ODF spreadsheet); save it "
                         "from Excel as .xlsx or from LibreOffice as .ods"),
    "not-a-workbook-file": N_("{name} is a {kind} file, not a workbook (.xlsx, .ods): `sedp excel import` reads "
                            "workbooks; `sedp validate {name}` checks this file as it is"),
}
_ADVICE = {".xls": "old-excel", ".xlsb": "binary-excel", ".numbers": "numbers", ".fods": "flat-ods"}


def format_error(path: Path, known: Collection[str]) -> InputError:
    """The error for a file whose suffix no reader takes: advice for the spreadsheet formats an officer may
    have (.xls, .xlsb, Numbers, flat ODS), else the formats sedp reads. `sedp validate`, `sedp render` and
    `sedp excel import` all raise this one, so they say the same."""
    suffix = path.suffix.lower()
    if suffix in known:  # a program file given where a workbook is wanted
        return InputError(MESSAGES["not-a-workbook-file"], params={"name": path.name, "kind": path.suffix},
                          location=str(path), code="input.not-a-workbook")
    if suffix in _ADVICE:
        return InputError(MESSAGES[_ADVICE[suffix]], params={}, location=str(path), code="input.not-a-workbook")
    kind = path.suffix or Term(N_("files without a suffix"))
    return InputError(MESSAGES["unknown"], params={"kind": kind, "known": ", ".join(sorted(known))},
                      location=str(path), code="input.unknown-format")
