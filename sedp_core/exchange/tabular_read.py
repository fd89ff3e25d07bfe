"""Rows read from a grid (a workbook sheet, a CSV) back into program data, for the layout of `tabular.py`.

Each value is converted to what the model expects where that is safe (numbers typed into id cells, decimal commas,
dates), every JSON Pointer gets the grid location it came from, and every row that cannot be placed (unknown or
missing parent) is a finding, never a silent loss. Validation then reports the rest with those locations.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sedp_core.exchange.tabular import (
    ATOMS,
    BOOL,
    DATE,
    ENUM,
    FLOAT,
    IDENT,
    INT,
    JSON,
    OWNER,
    PROGRAM_TABLE,
    RESERVED_NAMES,
    ROW_NO,
    STR,
    TEXT,
    Cell,
    Column,
    Layout,
    Slot,
    Table,
)
from sedp_core.findings import Finding, Severity
from sedp_core.i18n import N_, Term, messages_for
from sedp_core.input.loader import escape_pointer

__all__ = ["Assembled", "Grid", "assemble", "coerce", "set_path"]

_HEADER = re.compile(r"^(?P<key>[^\[\]]+?)(?:\[(?P<lang>[a-z]{2,3})\])?$")


@dataclass
class Grid:
    """A table as read from a file: header keys, then data rows with a location maker."""

    name: str
    headers: list[str | None]
    rows: list[tuple[int, list[Any]]]
    """(row number in the file, cell values), empty rows already dropped."""
    locate: Callable[[int, int], str]
    """(row number, 0-based column index) → location string, e.g. `goals!B7`."""
    header_row: int = 1


@dataclass
class Assembled:
    data: dict[str, Any]
    positions: dict[str, str]
    findings: list[Finding]


def _finding(code: str, severity: Severity, where: str, message: str, pointer: str = "", **params: Any) -> Finding:
    """A reader finding; `message` is a catalog msgid (marked `N_`) whose ``{placeholders}`` `params` fill."""
    return Finding(code=code, severity=severity, path=pointer, messages=messages_for(message, **params),
                   location=where, rule="reader",
                   params={k: str(v) if isinstance(v, Term) else v for k, v in params.items()})


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _number(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if re.fullmatch(r"-?\d+(,\d+)?", text):
            text = text.replace(",", ".")  # a decimal comma, as many languages write numbers
        try:
            return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
        except ValueError:
            return value
    return value


def coerce(kind: str, value: Any, warn: Callable[[str], None]) -> Any:
    """A grid value converted to what the model expects; values that cannot be converted pass unchanged so that
    validation reports them with their location."""
    if kind in (IDENT, STR, ENUM, TEXT):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and kind == IDENT:
            warn(N_("the cell holds a number, not text: format the column as Text so that codes such as 1.10 keep "
                    "their digits"))
        return value if isinstance(value, str) else _as_text(value)
    if kind == INT:
        value = _number(value)
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if kind == FLOAT:
        return _number(value)
    if kind == BOOL:
        if isinstance(value, str):
            return {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}.get(
                value.strip().lower(), value)
        return bool(value) if isinstance(value, (int, float)) else value
    if kind == DATE:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        return value.isoformat() if isinstance(value, dt.date) else value
    return value


def set_path(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        nxt = target.get(part)
        if not isinstance(nxt, dict):
            nxt = target[part] = {}
        target = nxt
    target[path[-1]] = value


def _list_at(target: dict[str, Any], path: tuple[str, ...]) -> list[Any]:
    for part in path[:-1]:
        nxt = target.get(part)
        if not isinstance(nxt, dict):
            nxt = target[part] = {}
        target = nxt
    current = target.get(path[-1])
    if not isinstance(current, list):
        current = target[path[-1]] = []
    return current


def _pointer(base: str, path: Iterable[str]) -> str:
    return base + "".join(f"/{escape_pointer(p)}" for p in path)


class _RowReader:
    """Reads the values of one grid row into an item, recording positions and findings."""

    def __init__(self, grid: Grid, table: Table, findings: list[Finding]) -> None:
        self.grid, self.table, self.findings = grid, table, findings
        by_header: dict[str, Column] = {c.key: c for c in table.columns}
        self.cells: list[Cell | None] = []
        parent_column = table.parent_column
        for index, header in enumerate(grid.headers):
            if header is None or not str(header).strip():
                self.cells.append(None)
                continue
            header = str(header).strip()
            match = _HEADER.match(header)
            col = by_header.get(match["key"]) if match else None
            if header == parent_column:
                self.cells.append(Cell(header, None, role="parent"))
            elif header == ROW_NO and table.key == ROW_NO:
                self.cells.append(Cell(header, None, role="key"))
            elif col is not None and (match["lang"] is None or col.kind == TEXT):
                self.cells.append(Cell(header, col, match["lang"]))
            else:
                self.cells.append(None)
                findings.append(_finding(
                    "reader.unknown-column", "warning", grid.locate(grid.header_row, index),
                    N_("column '{column}' is not a field of table '{table}'; its values were ignored"),
                    column=header, table=table.name))
        present = {c.header for c in self.cells if c}
        if parent_column and parent_column not in present:
            findings.append(_finding(
                "reader.missing-column", "error", grid.locate(grid.header_row, 0),
                N_("table '{table}' has no column '{column}', so its rows cannot be placed"),
                column=parent_column, table=table.name))

    def read(self, number: int, values: list[Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
        """(item data, link values {parent/key header: value}, positions relative to the item pointer)."""
        item: dict[str, Any] = {}
        links: dict[str, Any] = {}
        where: dict[str, str] = {}
        texts: dict[tuple[str, ...], dict[str | None, tuple[Any, str]]] = {}
        for index, cell in enumerate(self.cells):
            if cell is None:
                continue
            value = values[index] if index < len(values) else None
            location = self.grid.locate(number, index)
            if cell.column is None:
                links[cell.header] = None if _blank(value) else value
                links[f"@{cell.header}"] = location
                continue
            col = cell.column
            for depth in range(1, len(col.path) + 1):  # a missing `cost` points at its first column
                where.setdefault("/".join(map(escape_pointer, col.path[:depth])), location)
            if col.kind == TEXT and cell.language:
                where["/".join(map(escape_pointer, (*col.path, cell.language)))] = location
            if _blank(value):
                continue

            def warn(message: str, loc: str = location, key: str = cell.header) -> None:
                self.findings.append(_finding("reader.number-as-text", "warning", loc, N_("{column}: {problem}"),
                                              column=key, problem=Term(message)))

            if col.kind == TEXT:
                texts.setdefault(col.path, {})[cell.language] = (coerce(TEXT, value, warn), location)
            elif col.kind == ATOMS:
                parts = [p.strip() for p in re.split(r"[;,\n]", _as_text(value)) if p.strip()]
                set_path(item, col.path or ("value",), [coerce(col.item_kind or STR, p, warn) for p in parts])
            elif col.kind == JSON:
                try:
                    set_path(item, col.path, json.loads(value) if isinstance(value, str) else value)
                except json.JSONDecodeError as exc:
                    self.findings.append(_finding("reader.bad-json", "error", location,
                                                  N_("{column}: not valid JSON ({error})"), column=cell.header,
                                                  error=exc.msg))
            else:
                set_path(item, col.path or ("value",), coerce(col.kind, value, warn))
        for path, parts in texts.items():
            plain = parts.pop(None, None)
            if plain is not None and parts:
                self.findings.append(_finding(
                    "reader.text-twice", "error", plain[1],
                    N_("{column}: fill either the single text or the per-language columns, not both"),
                    column=".".join(path) or "value"))
            value = plain[0] if plain is not None else {lang: v for lang, (v, _) in parts.items()}
            set_path(item, path or ("value",), value)
        return item, links, where


def assemble(layout: Layout, program_values: Mapping[str, tuple[Any, str]], grids: Mapping[str, Grid],
             progress: Callable[[str, int], None] | None = None) -> Assembled:
    """Program data from the program's field/value pairs and the grids of the other tables.

    `program_values` maps a physical header of the program table (`title[ru]`, `period.start_year`) to
    (value, location). Rows whose parent cannot be found are reported as errors, never dropped silently.
    """
    findings: list[Finding] = []
    positions: dict[str, str] = {}
    data: dict[str, Any] = {}
    program = layout.program
    root_grid = Grid(PROGRAM_TABLE, list(program_values), [], lambda r, c: "")
    reader = _RowReader(root_grid, program, findings)
    locations = [loc for _, loc in program_values.values()]
    root_grid.locate = lambda _row, index: locations[index]
    item, _, where = reader.read(0, [v for v, _ in program_values.values()])
    data.update(item)
    for rel, loc in where.items():
        positions[f"/{rel}"] = loc
    if locations:
        positions[""] = locations[0]

    keyed: dict[str, dict[str, tuple[dict[str, Any], str]]] = {}
    unplaced: dict[str, set[str]] = {}
    for table in layout.tables.values():
        if table.name == PROGRAM_TABLE:
            continue
        grid = grids.get(table.name)
        if grid is None:
            continue
        if progress:
            progress(table.name, len(grid.rows))
        reader = _RowReader(grid, table, findings)
        keyed[table.name] = {}
        parent_column = table.parent_column
        for number, values in grid.rows:
            item, links, where = reader.read(number, values)
            if table.model is None:
                item = item.get("value")
                if item is None:
                    continue
            elif not item and all(links.get(k) is None for k in links if not k.startswith("@")
                                  and k != parent_column):
                continue
            slot, parent_item, parent_pointer = _parent_of(table, links, keyed, data, grid, number, findings,
                                                           unplaced)
            if slot is None:
                if table.key and table.model is not None:  # its own children are not reported again
                    key_value = links.get(ROW_NO) if table.key == ROW_NO else item.get(table.key)
                    if key_value is not None:
                        unplaced.setdefault(table.name, set()).add(_as_text(key_value))
                continue
            container = _list_at(parent_item, slot.path)
            pointer = f"{_pointer(parent_pointer, slot.path)}/{len(container)}"
            container.append(item)
            positions[pointer] = grid.locate(number, 0)
            for rel, loc in where.items():
                positions[f"{pointer}/{rel}" if rel else pointer] = loc
            if table.key and table.model is not None:
                key_value = links.get(ROW_NO) if table.key == ROW_NO else item.get(table.key)
                if key_value is not None:
                    key = _as_text(key_value)
                    if key in keyed[table.name]:
                        if table.key == ROW_NO:
                            findings.append(_finding(
                                "reader.duplicate-key", "error", links.get(f"@{ROW_NO}") or grid.locate(number, 0),
                                N_("number {number} is used by two rows of '{table}'; child rows would be "
                                   "ambiguous"), pointer, number=key, table=table.name))
                    else:
                        keyed[table.name][key] = (item, pointer)
    known = set(layout.tables) | set(RESERVED_NAMES)
    for name, grid in grids.items():
        if name not in known:
            findings.append(_finding("reader.unknown-table", "warning", grid.locate(1, 0),
                                     N_("table '{table}' is not part of the methodology's program; it was ignored"),
                                     table=name))
    return Assembled(data, positions, findings)


def _parent_of(table: Table, links: Mapping[str, Any], keyed: Mapping[str, Mapping[str, tuple[dict[str, Any], str]]],
               data: dict[str, Any], grid: Grid, number: int, findings: list[Finding],
               unplaced: Mapping[str, set[str]]) -> tuple[Slot | None, dict[str, Any], str]:
    """The slot, parent item and parent pointer a row belongs to; a finding and None when it has none."""
    column = table.parent_column
    if column is None:
        return table.slots[0], data, ""
    value = links.get(column)
    where = links.get(f"@{column}") or grid.locate(number, 0)
    if value is None:
        findings.append(_finding("reader.missing-parent", "error", where,
                                 N_("this row of '{table}' does not say where it belongs (column '{column}')"),
                                 table=table.name, column=column))
        return None, data, ""
    text = _as_text(value).strip()
    if column == OWNER:
        if text == PROGRAM_TABLE:
            parent_name, key = None, ""
        else:
            parent_name, _, key = text.partition(":")
            parent_name, key = parent_name.strip(), key.strip()
        slot = next((s for s in table.slots if s.parent == parent_name), None)
        if slot is None:
            allowed = ", ".join(f"{s.parent}:<{table._keys.get(s.parent or '') or ROW_NO}>" if s.parent
                                else PROGRAM_TABLE for s in table.slots)
            findings.append(_finding("reader.bad-owner", "error", where,
                                     N_("{column} '{value}' is not one of: {allowed}"), column=column, value=text,
                                     allowed=allowed))
            return None, data, ""
    else:
        slot, key = table.slots[0], text
    if slot.parent is None:
        return slot, data, ""
    found = keyed.get(slot.parent, {}).get(key)
    if found is None:
        if key not in unplaced.get(slot.parent, set()):
            findings.append(_finding(
                "reader.unknown-parent", "error", where,
                N_("there is no row '{key}' in table '{table}'; this row of '{child}' (and the rows that belong to "
                   "it) was not placed"), key=key, table=slot.parent, child=table.name))
        return None, data, ""
    return slot, found[0], found[1]
