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
from dataclasses import dataclass, field
from typing import Any

from sedp_core.exchange.number_text import read_integer_list_text, read_number_text
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
    owner_forms,
)
from sedp_core.exchange.tabular_checks import HINTS, format_reading, is_total_row, reader_finding
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
    sheet_location: str | None = None
    """Where findings about the sheet as a whole point (a lost column); `locate(header_row, 0)` when None."""


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


def _number(kind: str, value: Any, language: str, ambiguous: Callable[[str, tuple[Any, ...]], None] | None
            ) -> Any:
    """A number cell's value: real numbers as they are, a text read by the language's rules (`number_text`)."""
    if isinstance(value, str):
        reading = read_number_text(value, language)
        if reading.readings:
            if ambiguous is not None:
                ambiguous(value, reading.readings)
            return value  # validation reports the text as not a number as well
        if reading.value is None:
            return value
        if kind == INT and reading.value == reading.value.to_integral_value():
            return int(reading.value)
        return float(reading.value)
    if kind == INT and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def coerce(kind: str, value: Any, warn: Callable[[str], None], language: str = "en",
           ambiguous: Callable[[str, tuple[Any, ...]], None] | None = None) -> Any:
    """A grid value converted to what the model expects; values that cannot be converted pass unchanged so that
    validation reports them with their location. Numbers typed as text are read in `language`'s way; a text
    the common conventions read differently is passed to `ambiguous(text, readings)`."""
    if kind in (IDENT, STR, ENUM, TEXT):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and kind == IDENT:
            warn(N_("the cell holds a number, not text: format the column as Text so that codes such as 1.10 keep "
                    "their digits"))
        return value if isinstance(value, str) else _as_text(value)
    if kind in (INT, FLOAT):
        return _number(kind, value, language, ambiguous)
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


@dataclass
class _Context:
    """What every row reader of one workbook shares: its languages, the words of a total row, and each table's
    name as the workbook shows it (findings name the sheet the officer sees, not the list's internal name)."""

    languages: tuple[str, ...] = ()
    total_words: frozenset[str] = frozenset()
    sheets: Mapping[str, str] = field(default_factory=dict)

    def sheet(self, table: str) -> str:
        return self.sheets.get(table, table)

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else "en"


class _RowReader:
    """Reads the values of one grid row into an item, recording positions and findings.

    Every cell with a value is either read into the item or reported: a value under no field name
    (`reader.value-dropped`), a lost column (`reader.missing-column`), a column given twice."""

    def __init__(self, grid: Grid, table: Table, findings: list[Finding], context: _Context | None = None) -> None:
        self.grid, self.table, self.findings = grid, table, findings
        self.context = context or _Context()
        by_header: dict[str, Column] = {c.key: c for c in table.columns}
        self.cells: list[Cell | None] = []
        self.dropped: dict[int, list[tuple[str, Any]]] = {}
        """Column index → (cell, value) of each value that no field reads."""
        self.unread_headers: dict[int, str] = {}
        parent_column = table.parent_column
        seen: dict[str, int] = {}
        for index, header in enumerate(grid.headers):
            if header is None or not str(header).strip():
                self.cells.append(None)
                continue
            header = str(header).strip()
            if header in seen:
                self.cells.append(None)
                self.unread_headers[index] = header
                findings.append(reader_finding(
                    "reader.duplicate-column", "error", grid.locate(grid.header_row, index), column=header,
                    table=self.context.sheet(table.name), first=grid.locate(grid.header_row, seen[header])))
                continue
            seen[header] = index
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
                self.unread_headers[index] = header
                findings.append(_finding(
                    "reader.unknown-column", "warning", grid.locate(grid.header_row, index),
                    N_("column '{column}' is not a field of table '{table}'; its values were ignored"),
                    column=header, table=self.context.sheet(table.name)))
        present = {c.header for c in self.cells if c}
        if parent_column and parent_column not in present:
            findings.append(_finding(
                "reader.missing-column", "error", grid.locate(grid.header_row, 0),
                N_("table '{table}' has no column '{column}', so its rows cannot be placed"),
                column=parent_column, table=self.context.sheet(table.name)))
        self._missing_columns(present)

    def _missing_columns(self, present: set[str]) -> None:
        """Each column of the table that the sheet lost: the template and every export write them all, so a
        missing one was deleted or renamed, and its values would be lost without a word."""
        where = self.grid.sheet_location or self.grid.locate(self.grid.header_row, 0)
        params = {"table": self.context.sheet(self.table.name), "row": self.grid.header_row}
        if self.table.key == ROW_NO and ROW_NO not in present:
            self.findings.append(reader_finding("reader.missing-column", "error", where, column=ROW_NO, **params))
        by_column: dict[str, set[str | None]] = {}
        for cell in self.cells:
            if cell is not None and cell.column is not None:
                by_column.setdefault(cell.column.key, set()).add(cell.language)
        for col in self.table.columns:
            found = by_column.get(col.key)
            if found is None:
                self.findings.append(reader_finding("reader.missing-column", "error", where, column=col.key,
                                                    **params))
            elif col.kind == TEXT and found - {None}:
                for language in self.context.languages:
                    if language not in found:
                        self.findings.append(reader_finding(
                            "reader.missing-language-column", "error", where, column=f"{col.key}[{language}]",
                            language=language, **params))

    def finish(self) -> None:
        """Report the values that no field read, one finding per column at its first such cell."""
        for index, cells in self.dropped.items():
            header = self.unread_headers.get(index)
            location, value = cells[0]
            column = f"'{header}'" if header else location.rsplit("!", 1)[-1].rstrip("0123456789")
            self.findings.append(reader_finding(
                "reader.value-dropped", "error", location, column=column, table=self.context.sheet(self.table.name),
                count=len(cells), first_value=_as_text(value), row=self.grid.header_row, cells=[c for c, _ in cells]))

    def read(self, number: int, values: list[Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
        """(item data, link values {parent/key header: value}, positions relative to the item pointer)."""
        item: dict[str, Any] = {}
        links: dict[str, Any] = {}
        where: dict[str, str] = {}
        texts: dict[tuple[str, ...], dict[str | None, tuple[Any, str]]] = {}
        language = self.context.language
        for index in range(len(self.cells), len(values)):  # cells right of the last column with a name
            if not _blank(values[index]):
                self.dropped.setdefault(index, []).append((self.grid.locate(number, index), values[index]))
        for index, cell in enumerate(self.cells):
            value = values[index] if index < len(values) else None
            if cell is None:
                if not _blank(value):
                    self.dropped.setdefault(index, []).append((self.grid.locate(number, index), value))
                continue
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

            def ambiguous(text: str, readings: tuple[Any, ...], loc: str = location, key: str = cell.header) -> None:
                first, second = readings[:2]
                self.findings.append(reader_finding(
                    "reader.ambiguous-number", "error", loc, column=key, text=text,
                    first=format_reading(first, language), second=format_reading(second, language),
                    first_plain=format_reading(first, language, grouped=False),
                    second_plain=format_reading(second, language, grouped=False)))

            if col.kind == TEXT:
                texts.setdefault(col.path, {})[cell.language] = (coerce(TEXT, value, warn), location)
            elif col.kind == ATOMS:
                # Lists of decimals keep their decimal commas; lists of integers are split at a comma only where
                # it cannot group digits; other lists may be separated by commas too.
                if col.item_kind == INT:
                    listed = read_integer_list_text(_as_text(value), language)
                    if listed.single is not None:
                        self.findings.append(reader_finding(
                            "reader.ambiguous-list", "error", location, column=cell.header, text=listed.text,
                            one=format_reading(listed.single, language),
                            one_plain=format_reading(listed.single, language, grouped=False),
                            count=len(listed.split), items="; ".join(listed.split)))
                        continue  # not placed: validation reports the field as missing where it is required
                    parts = list(listed.items)
                else:
                    separators = r"[;\n]" if col.item_kind == FLOAT else r"[;,\n]"
                    parts = [p.strip() for p in re.split(separators, _as_text(value)) if p.strip()]
                set_path(item, col.path or ("value",), [coerce(col.item_kind or STR, p, warn, language, ambiguous)
                                                        for p in parts])
            elif col.kind == JSON:
                try:
                    set_path(item, col.path, json.loads(value) if isinstance(value, str) else value)
                except json.JSONDecodeError as exc:
                    self.findings.append(_finding("reader.bad-json", "error", location,
                                                  N_("{column}: not valid JSON ({error})"), column=cell.header,
                                                  error=exc.msg))
            else:
                set_path(item, col.path or ("value",), coerce(col.kind, value, warn, language, ambiguous))
        for path, parts in texts.items():
            plain = parts.pop(None, None)
            if plain is not None and parts:
                self.findings.append(_finding(
                    "reader.text-twice", "error", plain[1],
                    N_("{column}: fill either the single text or the per-language columns, not both"),
                    column=".".join(path) or "value"))
            value = plain[0] if plain is not None else {lang: v for lang, (v, _) in parts.items()}
            set_path(item, path or ("value",), value)
        self._total_row(number, values)
        return item, links, where

    def _total_row(self, number: int, values: list[Any]) -> None:
        if not self.context.total_words or self.table.name == PROGRAM_TABLE:
            return
        texts = [v for v, c in zip(values, self.cells, strict=False) if isinstance(v, str) and c is not None
                 and c.column is not None and c.column.kind in (TEXT, STR)]
        key_index = next((i for i, c in enumerate(self.cells) if c is not None and (
            c.header == self.table.key or c.role == "key")), None)
        has_key = key_index is not None and key_index < len(values) and not _blank(values[key_index])
        found = is_total_row(texts, self.context.total_words, has_key)
        if found:
            self.findings.append(reader_finding("reader.total-row", "warning", self.grid.locate(number, 0),
                                                table=self.context.sheet(self.table.name), text=found))


def _languages(program_values: Mapping[str, tuple[Any, str]]) -> tuple[str, ...]:
    value = program_values.get("languages", (None, ""))[0]
    parts = value if isinstance(value, list) else re.split(r"[;,\s]+", _as_text(value)) if value else []
    return tuple(str(p).strip() for p in parts if str(p).strip())


def assemble(layout: Layout, program_values: Mapping[str, tuple[Any, str]], grids: Mapping[str, Grid],
             progress: Callable[[str, int], None] | None = None, total_words: frozenset[str] = frozenset(),
             program_location: str | None = None, sheets: Mapping[str, str] | None = None,
             tables_of: Mapping[str, str] | None = None) -> Assembled:
    """Program data from the program's field/value pairs and the grids of the other tables.

    `program_values` maps a physical header of the program table (`title[ru]`, `period.start_year`) to
    (value, location). Rows whose parent cannot be found are reported as errors, never dropped silently; so
    are lost columns, values under no field name, numbers typed as text that read two ways, and sheets that are
    no list. Numbers typed as text are read in the program's first language; rows that start with one of
    `total_words` are reported. `program_location` is where findings about the program's fields as a whole point.

    An `owner` cell names its parent's list by a sheet name: `tables_of` maps every accepted name (case-folded:
    the sheet names of each language, the lists' own names) to its table, and `sheets` names each table as the
    workbook shows it in findings. Without them (open data), the tables' own names.
    """
    names = _Names({t: t for t in layout.tables} | dict(sheets or {}),
                   {t.casefold(): t for t in layout.tables} | dict(tables_of or {}))
    findings: list[Finding] = []
    positions: dict[str, str] = {}
    data: dict[str, Any] = {}
    program = layout.program
    context = _Context(_languages(program_values), total_words, names.shown)
    locations = [loc for _, loc in program_values.values()]
    root_grid = Grid(PROGRAM_TABLE, list(program_values), [], lambda _row, index: locations[index],
                     sheet_location=program_location)
    reader = _RowReader(root_grid, program, findings, context)
    item, _, where = reader.read(0, [v for v, _ in program_values.values()])
    reader.finish()
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
            if grids:  # a grid source that has sheets at all lost this one: its list reads as empty
                findings.append(reader_finding("reader.missing-table", "warning", "", table=names.shown[table.name]))
            continue
        if progress:
            progress(table.name, len(grid.rows))
        reader = _RowReader(grid, table, findings, context)
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
                                                           unplaced, names)
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
                                   "ambiguous"), pointer, number=key, table=names.shown[table.name]))
                    else:
                        keyed[table.name][key] = (item, pointer)
        reader.finish()
    known = set(layout.tables) | set(RESERVED_NAMES)
    for name, grid in grids.items():
        if name in known:
            continue
        if grid.rows:
            original = _renamed_from(layout, grid, set(grids))
            original = names.shown.get(original, original) if original else original
            hint = Term(HINTS["renamed"], original=original) if original else Term(HINTS["other"])
            findings.append(reader_finding("reader.unread-table", "error", grid.locate(grid.header_row, 0),
                                           table=name, hint=hint, original=original))
        else:
            findings.append(_finding("reader.unknown-table", "warning", grid.locate(1, 0),
                                     N_("table '{table}' is not part of the methodology's program; it was ignored"),
                                     table=name))
    return Assembled(data, positions, findings)


def _renamed_from(layout: Layout, grid: Grid, present: set[str]) -> str | None:
    """The list whose field names the sheet's header row carries, when its own sheet is missing."""
    headers = {str(h).split("[", 1)[0].strip() for h in grid.headers if h is not None}
    best, score = None, 0
    for table in layout.tables.values():
        if table.name in present or table.name == PROGRAM_TABLE:
            continue
        keys = {c.key for c in table.columns} | ({table.parent_column} if table.parent_column else set())
        hits = len(headers & keys)
        if hits > score and hits * 2 >= len(keys):
            best, score = table.name, hits
    return best


@dataclass(frozen=True)
class _Names:
    """How a grid names its tables: table → the name shown (a workbook's sheet), accepted name (case-folded) →
    table."""

    shown: Mapping[str, str]
    tables: Mapping[str, str]

    def owner(self, text: str) -> tuple[bool, str | None, str]:
        """(understood, parent table or None for the program, key) of an `owner` value (`Милдеттер:T1`)."""
        name, colon, key = text.partition(":")
        table = self.tables.get(name.strip().casefold())
        if table is None:
            return False, None, ""
        if table == PROGRAM_TABLE:
            return not colon, None, ""
        return bool(colon), table, key.strip()


def _parent_of(table: Table, links: Mapping[str, Any], keyed: Mapping[str, Mapping[str, tuple[dict[str, Any], str]]],
               data: dict[str, Any], grid: Grid, number: int, findings: list[Finding],
               unplaced: Mapping[str, set[str]], names: _Names) -> tuple[Slot | None, dict[str, Any], str]:
    """The slot, parent item and parent pointer a row belongs to; a finding and None when it has none."""
    column = table.parent_column
    if column is None:
        return table.slots[0], data, ""
    value = links.get(column)
    where = links.get(f"@{column}") or grid.locate(number, 0)
    if value is None:
        findings.append(_finding("reader.missing-parent", "error", where,
                                 N_("this row of '{table}' does not say where it belongs (column '{column}')"),
                                 table=names.shown[table.name], column=column))
        return None, data, ""
    text = _as_text(value).strip()
    if column == OWNER:
        understood, parent_name, key = names.owner(text)
        slot = next((s for s in table.slots if s.parent == parent_name), None) if understood else None
        if slot is None:
            allowed = owner_forms(table, names.shown)
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
                   "it) was not placed"), key=key, table=names.shown[slot.parent], child=names.shown[table.name]))
        return None, data, ""
    return slot, found[0], found[1]
