"""Open data: a program as a Frictionless tabular data package (CSV tables + `datapackage.json`).

The tables are the workbook's tables (`tabular.py`): program (one row), goals, objectives, tasks, indicators,
targets, activities, financing, sources, amounts, alignment, and every list a plugin adds. Fields and lists that
name or contact a person (the methodology's reviewed list, see personal.py, or `json_schema_extra={"personal":
True}` in the model) are never written. Each table gets a Table Schema with types, a primary key where its ids
are unique, and foreign keys to the parent table.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sedp_core._version import __version__
from sedp_core.exchange.csvtext import NEUTRALIZED_NOTE, delimited_text
from sedp_core.exchange.tabular import (
    ATOMS,
    BOOL,
    DATE,
    FLOAT,
    INT,
    OWNER,
    PROGRAM_TABLE,
    ROW_NO,
    Cell,
    Layout,
    Row,
    Table,
    build_layout,
    cell_value,
    physical_headers,
    table_rows,
)
from sedp_core.models import pick_text
from sedp_core.rendering.fileio import write_atomic_many

if TYPE_CHECKING:
    from sedp_core.models import Program
    from sedp_core.registry.types import Methodology

__all__ = ["datapackage", "write_datapackage"]

_TYPES = {INT: "integer", FLOAT: "number", DATE: "date", BOOL: "boolean"}


def _public_cells(cells: Iterable[Cell], personal: set[str]) -> list[Cell]:
    return [c for c in cells if c.column is None or not (c.column.personal or c.column.key in personal)]


def _personal_parts(layout: Layout, methodology: Methodology) -> tuple[set[str], dict[str, set[str]]]:
    """(tables, table → column keys) that the methodology's reviewed list (personal.py) or the model marks
    personal."""
    from sedp_core.exchange.personal import personal_data
    from sedp_core.exchange.tabular import iter_columns

    reviewed = personal_data(methodology)
    tables = {t.name for t in layout.tables.values()
              if t.personal or any(reviewed.is_personal(p) for p in layout.patterns(t.name))}
    columns: dict[str, set[str]] = {}
    for table, column, patterns in iter_columns(layout):
        if any(reviewed.is_personal(p) for p in patterns):
            columns.setdefault(table.name, set()).add(column.key)
    return tables, columns


def _field_type(cell: Cell) -> str:
    if cell.column is None:
        return "integer" if cell.role == "key" else "string"
    return _TYPES.get(cell.column.kind, "string")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _schema(layout: Layout, table: Table, cells: list[Cell], rows: list[Row], keyed: dict[str, str]) -> dict[str, Any]:
    fields = []
    parent_numbered = len(table.slots) == 1 and table._keys.get(table.slots[0].parent or "") == ROW_NO
    for cell in cells:
        kind = "integer" if cell.role == "parent" and parent_numbered else _field_type(cell)
        spec: dict[str, Any] = {"name": cell.header, "type": kind}
        if cell.column is not None and cell.column.description:
            spec["description"] = cell.column.description + (
                " Several values separated by ';'." if cell.column.kind == ATOMS else "")
        fields.append(spec)
    schema: dict[str, Any] = {"fields": fields}
    if table.key and any(c.header == table.key for c in cells):
        values = [r.values.get(table.key) for r in rows]
        if all(v is not None for v in values) and len(set(map(str, values))) == len(values):
            schema["primaryKey"] = [table.key]
            keyed[table.name] = table.key
    parent_column = table.parent_column
    if parent_column and parent_column != OWNER and table.slots[0].parent in keyed:
        parent = table.slots[0].parent
        schema["foreignKeys"] = [{"fields": [parent_column],
                                  "reference": {"resource": parent, "fields": [keyed[parent]]}}]
    return schema


def _name(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "program"


def datapackage(program: Program, methodology: Methodology) -> tuple[dict[str, Any], dict[str, str]]:
    """(datapackage.json content, file name → CSV text) for `program`, without personal data."""
    layout = build_layout(type(program))
    personal_tables, personal_columns = _personal_parts(layout, methodology)
    rows = table_rows(layout, program.model_dump(mode="python"), skip=lambda t: t.name in personal_tables)
    languages = list(program.languages)
    resources, files, keyed = [], {}, {}
    for table in layout.tables.values():
        table_rows_ = rows.get(table.name, [])
        if table.name in personal_tables or (not table_rows_ and table.name != PROGRAM_TABLE):
            continue
        cells = _public_cells(physical_headers(layout, table, languages, table_rows_, plain_text=len(languages) == 1),
                              personal_columns.get(table.name, set()))
        if table.key == ROW_NO and not any(c.header == ROW_NO for c in cells):
            cells.insert(0, Cell(ROW_NO, None, role="key"))
        lines = [[c.header for c in cells], *([cell_value(c, row.values) for c in cells] for row in table_rows_)]
        path = f"{table.name}.csv"
        files[path] = delimited_text(lines, _csv_value)
        resource = {
            "name": _name(table.name),
            "path": path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": _schema(layout, table, cells, table_rows_, keyed),
        }
        if table.description:
            resource["description"] = table.description
        resources.append(resource)
    for resource in resources:  # foreign keys name resources, whose names are normalised
        for fk in resource["schema"].get("foreignKeys", []):
            fk["reference"]["resource"] = _name(fk["reference"]["resource"])
    main = program.main_language
    package = {
        "profile": "tabular-data-package",
        "name": _name(program.id),
        "title": pick_text(program.title, main),
        "description": (f"Development program {program.id} ({program.period.start_year}-{program.period.end_year}), "
                        f"methodology {methodology.id} {methodology.version}. Personal data is not included. "
                        + NEUTRALIZED_NOTE),
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "keywords": ["development program", methodology.id],
        "sources": [{"title": f"sedp {__version__}"}],
        "resources": resources,
    }
    return package, files


def _listed_tables(out_dir: Path) -> list[str]:
    """The CSV files the package already in `out_dir` lists (none when there is no readable descriptor)."""
    try:
        old = json.loads((out_dir / "datapackage.json").read_text(encoding="utf-8"))
        return [r.get("path") for r in old.get("resources", [])]
    except (OSError, ValueError, AttributeError):
        return []


def _remove_stale_tables(out_dir: Path, listed: list[str], keep: set[str]) -> None:
    """When replacing a package, delete the CSV files the old descriptor listed that the new one does not (a list
    that became empty), so the folder never holds tables the descriptor does not describe. Only plain `.csv` names
    in the folder itself are touched."""
    for name in listed:
        if isinstance(name, str) and name.endswith(".csv") and "/" not in name and "\\" not in name \
                and name not in keep and not name.startswith("."):
            (out_dir / name).unlink(missing_ok=True)


def write_datapackage(program: Program, methodology: Methodology, out_dir: Path) -> list[Path]:
    """Write the package into `out_dir` (created if needed); returns the files written, datapackage.json last."""
    package, files = datapackage(program, methodology)
    listed = _listed_tables(out_dir)
    descriptor = out_dir / "datapackage.json"
    contents = {out_dir / name: text.encode("utf-8") for name, text in files.items()}
    contents[descriptor] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    write_atomic_many(contents)  # all tables or none: a disk that fills up half-way leaves the old package
    _remove_stale_tables(out_dir, listed, set(files))
    return list(contents)
