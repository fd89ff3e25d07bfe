"""A program seen as tables: the layout derived from any methodology's program model, and the two directions.

Workbooks (`excel.py`) and open-data CSVs (`opendata.py`) share this module, so a list section has the same
table, columns and parent links in both. Everything is discovered from the pydantic model, never from field names
the core knows, so a plugin's `Program` subclass (its own lists of units, proposals...) gets its tables without code.

- Every list of models (goals, objectives, indicators, sources, amounts, a plugin's proposals...) is a table.
  Lists that hold the same kind of item under different parents (indicators of goals, objectives and tasks;
  alignment links) share one table with an `owner` column (`goals:G1`: the parent's table, in a workbook its sheet
  as the workbook names it, then ':' and its key; `program`); a list with one parent kind has a
  `<parent>_<key>` column instead (`goal_id`, `indicator_code`).
- Scalar fields of single nested models are columns with dotted names (`cost.amount`, `baseline.year`).
- A text (`Text`) is a column per language (`title[ky]`), plus a plain column (`title`) for a single text.
- Lists of numbers or ids are one cell, items separated by `;` (`2025; 2026`); lists of texts are tables of
  their own with a `value` column.
- The scalar fields of the program itself are the `program` table, as field/value rows.

`table_rows` turns a program's data into rows; `tabular_read.assemble` turns rows read from any grid back into
program data.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from sedp_core.input.loader import escape_pointer

__all__ = [
    "PROGRAM_TABLE",
    "Cell",
    "Column",
    "Layout",
    "Slot",
    "Table",
    "build_layout",
    "cell_value",
    "iter_columns",
    "owner_forms",
    "owner_value",
    "physical_headers",
    "table_rows",
]

PROGRAM_TABLE = "program"
RESERVED_NAMES = ("instructions", "_lists")
"""Sheet names the workbook uses for itself."""
OWNER = "owner"
ROW_NO = "no"
LIST_SEPARATOR = "; "

# Kinds of column: how a value is written to a cell and read back.
TEXT, IDENT, STR, INT, FLOAT, BOOL, DATE, ENUM, ATOMS, JSON = (
    "text", "id", "str", "int", "float", "bool", "date", "enum", "atoms", "json")


@dataclass(frozen=True)
class Column:
    """One logical column: a leaf field of the table's item, reached through `path` from the item."""

    key: str
    path: tuple[str, ...]
    kind: str
    required: bool = False
    description: str = ""
    choices: tuple[str, ...] = ()
    item_kind: str | None = None
    """For `atoms`: the kind of each item (int, float, id, str, enum)."""
    personal: bool = False
    """Marked `json_schema_extra={"personal": True}` (names, phone numbers): kept out of open data."""


@dataclass(frozen=True)
class Slot:
    """Where a table's items live: in the list at `path` inside each row of `parent` (None: the program)."""

    parent: str | None
    path: tuple[str, ...]


@dataclass
class Table:
    """A table: one row per item of one or more lists of the same kind of item."""

    name: str
    model: type[BaseModel] | None
    """The item class; None for lists of texts or strings, whose rows hold a single `value`."""
    columns: list[Column]
    slots: list[Slot]
    key: str | None = None
    """The field that identifies a row for its children and references (`id`, `code`), `no` when the item has
    none but children need one, else None."""
    description: str = ""
    personal: bool = False

    @property
    def parent_column(self) -> str | None:
        """The column naming each row's parent: `owner` when there are several kinds of parent."""
        if len(self.slots) > 1:
            return OWNER
        return None if self.slots[0].parent is None else _parent_column_name(self.slots[0].parent, self._keys)

    _keys: dict[str, str | None] = field(default_factory=dict, repr=False)


@dataclass
class Layout:
    """Every table of a program model, parents before children; `program` first."""

    model: type[BaseModel]
    tables: dict[str, Table]

    @property
    def program(self) -> Table:
        return self.tables[PROGRAM_TABLE]

    def patterns(self, table: str) -> list[str]:
        """JSON Pointer patterns (`*` for list items) of the table's items (`""` for the program)."""
        if table == PROGRAM_TABLE:
            return [""]
        out = []
        for slot in self.tables[table].slots:
            parents = [""] if slot.parent is None else self.patterns(slot.parent)
            out += [f"{p}/{'/'.join(slot.path)}/*" for p in parents]
        return out

    def reference_target(self, column: Column) -> Table | None:
        """The table whose keys an id column refers to (`task` → tasks, `financing_source` → sources)."""
        if column.kind != IDENT or not column.path or column.key in ("id", "code"):
            return None
        name = column.path[-1]
        for candidate in (name, name.rsplit("_", 1)[-1]):
            for table in self.tables.values():
                if table.key not in (None, ROW_NO) and _singular(table.name.rsplit(".", 1)[-1]) == candidate:
                    return table
        return None


# --- discovering the layout ------------------------------------------------------------------------------


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """Strip `Annotated`, returning the bare type and its metadata."""
    metadata: list[Any] = []
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *meta = typing.get_args(annotation)
        metadata += meta
    return annotation, metadata


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_text(annotation: Any) -> bool:
    """The core's `Text`: a string, or a mapping of language codes to strings."""
    if not _is_union(annotation):
        return False
    args = [_unwrap(a)[0] for a in typing.get_args(annotation) if a is not type(None)]
    return str in args and any(typing.get_origin(a) is dict for a in args) and len(args) == 2


def _has_pattern(metadata: Iterable[Any]) -> bool:
    return any(getattr(m, "pattern", None) for m in metadata)


def _optional(annotation: Any) -> tuple[Any, bool]:
    if _is_union(annotation):
        args = typing.get_args(annotation)
        if type(None) in args:
            rest = [a for a in args if a is not type(None)]
            return (rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]), True  # noqa: UP007
    return annotation, False


def _atom_kind(annotation: Any, metadata: list[Any]) -> str | None:
    """The kind of a single-cell value, or None when it needs a table or JSON."""
    if annotation is bool:
        return BOOL
    if annotation is int:
        return INT
    if annotation is float:
        return FLOAT
    if annotation is dt.date:
        return DATE
    if annotation is str:
        return IDENT if _has_pattern(metadata) else STR
    if typing.get_origin(annotation) is typing.Literal:
        return ENUM
    return None


def _is_personal(info: Any) -> bool:
    extra = getattr(info, "json_schema_extra", None)
    return isinstance(extra, dict) and bool(extra.get("personal"))


@dataclass
class _ListNode:
    """A list field found while walking the model, before tables are named."""

    name: str
    item: type[BaseModel] | str
    parent: _ListNode | None
    path: tuple[str, ...]
    description: str
    personal: bool
    table: str = ""


def _walk(model: type[BaseModel], prefix: tuple[str, ...], node: _ListNode | None, columns: list[Column],
          nodes: list[_ListNode], personal: bool, depth: int = 0) -> None:
    """Collect the columns of one row of `model` and the list fields under it (recursing into their items)."""
    if depth > 12:
        return  # a model that contains itself: deeper levels travel as JSON
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        ann, optional = _optional(info.annotation)
        ann, metadata = _unwrap(ann)
        metadata = [*info.metadata, *metadata]
        is_personal = personal or _is_personal(info)
        required = info.is_required()
        desc = info.description or ""
        if _is_text(ann):
            columns.append(Column(".".join(path), path, TEXT, required, desc, personal=is_personal))
        elif _is_model(ann):
            _walk(ann, path, node, columns, nodes, is_personal, depth + 1)
        elif typing.get_origin(ann) is list:
            item, item_meta = _unwrap(typing.get_args(ann)[0])
            if _is_model(item):
                child = _ListNode(name, item, node, path, desc, is_personal)
                nodes.append(child)
                _walk(item, (), child, [], nodes, is_personal, depth + 1)
            elif _is_text(item) or (item is str and not _has_pattern(item_meta)):
                nodes.append(_ListNode(name, TEXT if _is_text(item) else STR, node, path, desc, is_personal))
            elif (kind := _atom_kind(item, item_meta)) is not None:
                choices = tuple(map(str, typing.get_args(item))) if kind == ENUM else ()
                columns.append(Column(".".join(path), path, ATOMS, required, desc, choices, kind, is_personal))
            else:
                columns.append(Column(".".join(path), path, JSON, required, desc, personal=is_personal))
        elif (kind := _atom_kind(ann, metadata)) is not None:
            choices = tuple(map(str, typing.get_args(ann))) if kind == ENUM else ()
            columns.append(Column(".".join(path), path, kind, required and not optional, desc, choices,
                                  personal=is_personal))
        else:
            columns.append(Column(".".join(path), path, JSON, required, desc, personal=is_personal))


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("ses") and not name.endswith("sses"):
        return name[:-1]
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _parent_column_name(parent: str, keys: Mapping[str, str | None]) -> str:
    return f"{_singular(parent.rsplit('.', 1)[-1])}_{keys.get(parent) or ROW_NO}"


def _key_of(model: type[BaseModel] | None, columns: list[Column]) -> str | None:
    if model is None:
        return None
    for col in columns:
        if col.key == "id" and col.kind in (IDENT, STR):
            return "id"
    for col in columns:
        if col.key == "code" and col.kind == IDENT and col.required:
            return "code"
    return None


def build_layout(model: type[BaseModel]) -> Layout:
    """The tables of `model` (a `Program` subclass), discovered from its fields."""
    root_columns: list[Column] = []
    nodes: list[_ListNode] = []
    _walk(model, (), None, root_columns, nodes, False)

    # Lists of the same kind of item share a table; the same name for different kinds gets qualified names.
    by_name: dict[str, list[_ListNode]] = {}
    for node in nodes:
        by_name.setdefault(node.name, []).append(node)
    for name, group in by_name.items():
        same_kind = len({id(n.item) if not isinstance(n.item, str) else n.item for n in group}) == 1
        for node in group:
            node.table = name if same_kind else _qualified(node)
    _dedupe_names(nodes)

    tables: dict[str, Table] = {PROGRAM_TABLE: Table(PROGRAM_TABLE, model, root_columns, [Slot(None, ())])}
    for node in nodes:
        slot = Slot(node.parent.table if node.parent else None, node.path)
        if node.table in tables:
            if slot not in tables[node.table].slots:
                tables[node.table].slots.append(slot)
            continue
        if isinstance(node.item, str):
            columns = [Column("value", (), node.item, True, node.description)]
            item_model = None
        else:
            columns = []
            _walk(node.item, (), None, columns, [], node.personal)
            item_model = node.item
        tables[node.table] = Table(node.table, item_model, columns, [slot], description=node.description,
                                   personal=node.personal)
    tables = _parents_first(tables)
    keys: dict[str, str | None] = {}
    parents = {s.parent for t in tables.values() for s in t.slots if s.parent}
    for table in tables.values():
        table.key = _key_of(table.model, table.columns) if table.name != PROGRAM_TABLE else None
        if table.key is None and table.name in parents:
            table.key = ROW_NO
        keys[table.name] = table.key
    for table in tables.values():
        table._keys = keys
    return Layout(model, tables)


def _parents_first(tables: dict[str, Table]) -> dict[str, Table]:
    """Order tables so that every table comes after the tables its rows point at (reading relies on it), and
    otherwise keeps the model's order, so related sheets stay near each other."""
    ordered: dict[str, Table] = {}
    visiting: set[str] = set()

    def place(table: Table) -> None:
        if table.name in ordered or table.name in visiting:
            return  # placed already, or a cycle (a tree of models has none)
        visiting.add(table.name)
        for slot in table.slots:
            if slot.parent is not None and slot.parent in tables:
                place(tables[slot.parent])
        ordered[table.name] = table

    for table in tables.values():
        place(table)
    return ordered


def _qualified(node: _ListNode) -> str:
    parent = node.parent.table or node.parent.name if node.parent else ""
    return ".".join(filter(None, [parent, *node.path]))


def _dedupe_names(nodes: list[_ListNode]) -> None:
    # Sheet names hold at most 31 characters; names that clash after shortening, or with the program table and the
    # workbook's own sheets, get a number.
    full_to_short: dict[str, str] = {}
    taken = {PROGRAM_TABLE, *RESERVED_NAMES}
    for node in nodes:
        if node.table not in full_to_short:
            short, n = node.table[-31:], 1
            while short in taken:
                n += 1
                short = f"{node.table[-(30 - len(str(n))):]}_{n}"
            taken.add(short)
            full_to_short[node.table] = short
        node.table = full_to_short[node.table]


# --- program data → rows ------------------------------------------------------------------------------------


@dataclass
class Row:
    """One row of a table: logical column key → value, and the JSON Pointer of the item."""

    pointer: str
    values: dict[str, Any]


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def table_rows(layout: Layout, data: Mapping[str, Any], skip: Callable[[Table], bool] | None = None,
               sheets: Mapping[str, str] | None = None) -> dict[str, list[Row]]:
    """The rows of every table for program `data` (a `model_dump()` of the program), parents first.

    `skip(table)` leaves a table (and so its children) out, e.g. tables of personal data in open data. `sheets`
    names each table in the `owner` column (table → its sheet as a workbook shows it); without it, the table's
    name.
    """
    sheets = sheets or {}
    rows: dict[str, list[Row]] = {name: [] for name in layout.tables}
    program = layout.program
    rows[PROGRAM_TABLE].append(Row("", {c.key: _get(data, c.path) for c in program.columns}))
    children: dict[str | None, list[Table]] = {}
    for table in layout.tables.values():
        for slot in table.slots:
            if table.name != PROGRAM_TABLE:
                children.setdefault(slot.parent, []).append(table)
    counters: dict[str, int] = {}

    def emit(parent: str | None, parent_key: Any, item: Mapping[str, Any], pointer: str) -> None:
        for table in children.get(parent, []):
            if skip and skip(table):
                continue
            for slot in table.slots:
                if slot.parent != parent:
                    continue
                items = _get(item, slot.path) or []
                base = pointer + "".join(f"/{escape_pointer(p)}" for p in slot.path)
                for i, child in enumerate(items):
                    child_pointer = f"{base}/{i}"
                    if table.model is None:
                        values = {"value": child}
                    else:
                        values = {c.key: _get(child, c.path) for c in table.columns}
                    if table.key == ROW_NO:
                        counters[table.name] = counters.get(table.name, 0) + 1
                        values[ROW_NO] = counters[table.name]
                    parent_column = table.parent_column
                    if parent_column == OWNER:
                        values[OWNER] = owner_value(parent, parent_key, sheets)
                    elif parent_column:
                        values[parent_column] = parent_key
                    rows[table.name].append(Row(child_pointer, values))
                    if table.model is not None:
                        key = values.get(table.key) if table.key else None
                        emit(table.name, key, child, child_pointer)

    emit(None, None, data, "")
    return rows


def owner_value(parent: str | None, key: Any, sheets: Mapping[str, str]) -> str:
    """What the `owner` column holds for a row of table `parent` with key `key` (None: the program): the parent's
    sheet name, ':' and the key; the program's sheet name alone. Sheet names never contain ':'."""
    if parent is None:
        return sheets.get(PROGRAM_TABLE, PROGRAM_TABLE)
    return f"{sheets.get(parent, parent)}:{key}"


def owner_forms(table: Table, sheets: Mapping[str, str], key_word: Callable[[str], str] | None = None) -> str:
    """The values the `owner` column of `table` takes, as a hint: `Goals:<id>, Tasks:<id>, Program`; `key_word`
    names the key field in the reader's language (`<Коду>`) where the hint is for one language."""
    def key(parent: str | None) -> str:
        name = table._keys.get(parent or "") or ROW_NO
        return f"<{key_word(name) if key_word else name}>"

    return ", ".join(owner_value(s.parent, key(s.parent), sheets) for s in table.slots)


# --- physical columns ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A physical column: the logical column and, for texts, the language (None: the plain single text)."""

    header: str
    column: Column | None
    language: str | None = None
    """For texts: the language of this column; None for the plain single text."""
    role: str = "field"
    """`field`, `key` (a generated row number), `parent` (the parent link)."""


def physical_headers(layout: Layout, table: Table, languages: list[str], rows: list[Row] | None,
                     plain_text: bool) -> list[Cell]:
    """The physical columns of `table`: parent link and key first, then each field (texts split by language).

    Languages found in `rows` are added, and a plain text column appears where some value is a single text; where
    no row has a value (an empty template), `plain_text` says whether texts are single texts. Several languages
    always get their per-language columns, so that texts can be translated in the workbook.
    """
    cells: list[Cell] = []
    parent_column = table.parent_column
    if parent_column:
        cells.append(Cell(parent_column, None, role="parent"))
    if table.key == ROW_NO:
        cells.append(Cell(ROW_NO, None, role="key"))
    for col in table.columns:
        if col.kind != TEXT:
            cells.append(Cell(col.key, col))
            continue
        langs = list(languages)
        has_plain = plain_text if rows is None else False
        has_per_language = False
        for row in rows or []:
            value = row.values.get(col.key)
            if isinstance(value, str):
                has_plain = True
            elif isinstance(value, dict):
                has_per_language = True
                langs += [lang for lang in value if lang not in langs]
        if not has_plain and not has_per_language:  # no value to go by: as in an empty template
            has_plain, has_per_language = plain_text, not plain_text
        if has_plain:
            cells.append(Cell(col.key, col))
        # A single-language program whose texts are single texts needs no per-language columns.
        if has_per_language or len(languages) > 1:
            cells += [Cell(f"{col.key}[{lang}]", col, lang) for lang in langs]
    return cells


def cell_value(cell: Cell, values: Mapping[str, Any]) -> Any:
    """The value of one physical cell of a row, ready for a grid (lists joined, JSON as text)."""
    value = values.get(cell.header if cell.column is None else cell.column.key)
    col = cell.column
    if col is None or value is None:
        return value
    if col.kind == TEXT:
        if cell.language is None:
            return value if isinstance(value, str) else None
        return value.get(cell.language) if isinstance(value, dict) else None
    if col.kind == ATOMS:
        return LIST_SEPARATOR.join(str(v) for v in value) if value else None
    if col.kind == JSON:
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def iter_columns(layout: Layout) -> Iterator[tuple[Table, Column, list[str]]]:
    """Every column with the pointer patterns of its values (for codelist uses and references)."""
    for table in layout.tables.values():
        patterns = layout.patterns(table.name)
        for col in table.columns:
            tail = "/".join(map(escape_pointer, col.path))
            yield table, col, [f"{p}/{tail}" if tail else p for p in patterns]

