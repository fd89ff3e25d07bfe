"""The core's data-exchange plugin: the `.xlsx` reader and the `json`, `opendata` and `xlsx` exporters.

Thin wrappers: the work is in `excel.py` and `opendata.py`, imported only when a file is read or written so that
building the registry stays cheap.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sedp_core.hookspecs import hookimpl
from sedp_core.input.loader import LoadedData


def read_xlsx(path: Path) -> LoadedData:
    """Read a workbook made by `sedp excel template` or `sedp excel export` (.xlsx, or .ods saved by
    LibreOffice)."""
    from sedp_core.exchange.excel import read_workbook

    return read_workbook(path)


def export_json(program: Any, methodology: Any, out_path: Path) -> list[Path]:
    """The canonical program JSON: every field, valid against schemas/<methodology>/<version>/program.schema.json."""
    from sedp_core.rendering.fileio import write_atomic

    text = json.dumps(program.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    write_atomic(out_path, text.encode("utf-8"))
    return [out_path]


def export_opendata(program: Any, methodology: Any, out_path: Path) -> list[Path]:
    """A Frictionless data package: CSV tables and datapackage.json, without personal data."""
    from sedp_core.exchange.opendata import write_datapackage

    return write_datapackage(program, methodology, out_path)


def export_xlsx(program: Any, methodology: Any, out_path: Path) -> list[Path]:
    """The program as an Excel workbook in its main language (the same as `sedp excel export`)."""
    from sedp_core.exchange.excel import workbook_bytes
    from sedp_core.rendering.fileio import write_atomic

    write_atomic(out_path, workbook_bytes(methodology, program.main_language, program))
    return [out_path]


@hookimpl(trylast=True)
def sedp_register_readers(register: Any) -> None:
    from sedp_core.exchange.workbook_formats import WORKBOOK_SUFFIXES

    register(WORKBOOK_SUFFIXES, read_xlsx)


@hookimpl(trylast=True)
def sedp_register_exporters(register: Any) -> None:
    register("json", export_json, "Canonical program JSON (validates against the methodology's JSON Schema); a file.")
    register("opendata", export_opendata, "Frictionless data package of CSV tables, no personal data; a folder.")
    register("xlsx", export_xlsx, "Excel workbook in the program's main language; a file.")
