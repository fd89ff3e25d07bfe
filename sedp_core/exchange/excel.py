"""Excel workbooks: a program (or an empty template) written as a workbook, and a workbook read back.

The sheets come from `tabular.build_layout`, so every methodology's model gets its workbook without code. Row 1 of
each sheet names the columns in the chosen language, row 2 holds the field names that are read back (so reading
never depends on translations), data starts on row 3. Reading records `Sheet!B7` for every JSON Pointer, so each
validation finding names its sheet and cell.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sedp_core.errors import InputError, os_reason
from sedp_core.exchange.excel_texts import FIELD_WORDS, choice_title, heading, say, sheet_title, word
from sedp_core.exchange.tabular import (
    ATOMS,
    BOOL,
    DATE,
    ENUM,
    FLOAT,
    INT,
    JSON,
    OWNER,
    PROGRAM_TABLE,
    RESERVED_NAMES,
    TEXT,
    Cell,
    Column,
    Layout,
    Row,
    Table,
    build_layout,
    cell_value,
    iter_columns,
    owner_forms,
    physical_headers,
    table_rows,
)
from sedp_core.exchange.tabular_checks import reader_finding, total_words
from sedp_core.exchange.tabular_read import Grid, assemble
from sedp_core.exchange.workbook_formats import MESSAGES as FORMAT_MESSAGES
from sedp_core.exchange.workbook_formats import (
    WORKBOOK_SUFFIXES,
    Kind,
    format_error,
    merged_ranges,
    ods_rows,
    package_kind,
    range_text,
)
from sedp_core.findings import Finding
from sedp_core.i18n import N_, catalog_languages, messages_for
from sedp_core.input.limits import limits
from sedp_core.input.loader import LoadedData, regular_file_size

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from sedp_core.models import Program
    from sedp_core.registry.collect import Registry
    from sedp_core.registry.types import CatalogEntry, Methodology

__all__ = ["check_workbook_file", "read_workbook", "sheet_names", "workbook_bytes"]

INSTRUCTIONS_SHEET, LISTS_SHEET = RESERVED_NAMES
FIRST_DATA_ROW = 3
SPARE_ROWS = 200
"""Empty rows below the data that get the column's format and drop-down, ready to be filled."""
MAX_CELL_TEXT = 32767
MAX_MEMBERS = 10_000
MAX_RATIO = 200
"""A zip member that expands more than this many times (and beyond a few MB) is treated as a zip bomb."""

_FORMATS = {INT: "0", FLOAT: "General", DATE: "yyyy-mm-dd", BOOL: "General"}
_HEADER_FILL = "DDEBF7"
_KEY_FONT_COLOUR = "7F7F7F"


# --- guard ---------------------------------------------------------------------------------------------------


def check_workbook_file(path: Path) -> Kind:
    """Refuse, with a clear message, anything that is not a reasonable .xlsx or .ods: too large, an old .xls,
    not a zip, a zip without a workbook, or a zip bomb. openpyxl itself would unpack members blindly. Returns
    which workbook it is, by its content."""
    size = regular_file_size(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(N_("cannot read the file: {reason}"), params={"reason": os_reason(exc)},
                         location=str(path), code="input.unreadable") from None
    limit = limits().max_input_bytes
    if size > limit:
        raise InputError(N_("the workbook is {size:,} bytes, more than the limit of {limit:,} "
                            "(set SEDP_MAX_INPUT_BYTES to change it)"), params={"size": size, "limit": limit},
                         location=str(path), code="input.too-large")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(FORMAT_MESSAGES["old-excel"], params={}, location=str(path), code="input.not-a-workbook")
    if not zipfile.is_zipfile(path):
        raise InputError(FORMAT_MESSAGES["not-zip"], params={}, location=str(path), code="input.not-a-workbook")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            kind = package_kind(archive, path) if len(members) <= MAX_MEMBERS else "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(N_("the workbook is damaged: {reason}"), params={"reason": str(exc)}, location=str(path),
                         code="input.not-a-workbook") from None
    if len(members) > MAX_MEMBERS:
        raise InputError(N_("the workbook has {parts:,} parts; this is not a normal workbook"),
                         params={"parts": len(members)}, location=str(path), code="input.zip-bomb")
    total = sum(m.file_size for m in members)
    unzipped_limit = limits().max_unzipped_bytes
    if total > unzipped_limit:
        raise InputError(N_("the workbook expands to {size:,} bytes, more than {limit:,} (SEDP_MAX_UNZIPPED_BYTES): "
                            "refused as a possible zip bomb"), params={"size": total, "limit": unzipped_limit},
                         location=str(path), code="input.zip-bomb")
    for m in members:
        if m.file_size > 5_000_000 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise InputError(N_("part {part} expands {ratio:,} times: refused as a possible zip bomb"),
                             params={"part": m.filename, "ratio": m.file_size // max(m.compress_size, 1)},
                             location=str(path), code="input.zip-bomb")
    return kind


# --- writing -------------------------------------------------------------------------------------------------


def _uses(methodology: Methodology, registry: Registry) -> list[tuple[str, str]]:
    from sedp_core.validation.core_rules import CORE_CODELIST_USES

    return [(u.pointer, u.codelist) for u in (*CORE_CODELIST_USES, *methodology.codelist_uses)
            if u.codelist in registry.codelists]


def _codelist_of(patterns: list[str], uses: list[tuple[str, str]]) -> str | None:
    from sedp_core.validation.walk import match_pointer

    for pattern in patterns:
        for pointer, codelist in uses:
            if match_pointer(pattern, pointer):
                return codelist
    return None


class _Lists:
    """The hidden sheet of drop-down values: one column per list, referenced by data validations."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.columns: dict[str, str] = {}

    def ref(self, name: str, values: list[str]) -> str | None:
        from openpyxl.utils import get_column_letter

        if not values:
            return None
        if name not in self.columns:
            col = len(self.columns) + 1
            letter = get_column_letter(col)
            self.ws.cell(1, col, name)
            for i, v in enumerate(values, start=2):
                c = self.ws.cell(i, col, v)
                c.data_type = "s"
            self.columns[name] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
        return self.columns[name]


def _choices(col: Column, patterns: list[str], methodology: Methodology, registry: Registry,
             uses: list[tuple[str, str]], language: str) -> tuple[str, dict[str, str]] | None:
    """(list name, {stored value: what the drop-down shows in `language`}) for a column with a closed set of
    values. A code shows its title (the plugin's codelist title, the `choice.<value>` label or the catalog's
    word); a code whose title is missing, or shared with another code, shows itself."""
    labels = methodology.labels
    if col.kind == ENUM:
        shown = {v: choice_title(v, language, labels) for v in col.choices}
        return f"enum:{col.key}:{language}", _unique(shown)
    if col.kind == BOOL:
        return f"bool:{language}", _unique({"true": choice_title("true", language, labels),
                                            "false": choice_title("false", language, labels)})
    codelist = _codelist_of(patterns, uses)
    if codelist:
        codes = registry.codelists[codelist].codes
        return f"codelist:{codelist}:{language}", _unique({c: t.get(language) or c for c, t in codes.items()})
    if col.path[-1:] == ("catalog",) and any(p.endswith("/alignment/*/catalog") for p in patterns):
        catalogs = {c: registry.catalogs[c].title for c in methodology.catalogs if c in registry.catalogs}
        return f"catalogs:{language}", _unique({c: title.get(language) or c for c, title in catalogs.items()})
    if col.path[-1:] == ("code",) and any(p.endswith("/alignment/*/code") for p in patterns):
        entries = [e for c in methodology.catalogs if c in registry.catalogs for e in registry.catalogs[c].entries]
        return f"catalog_codes:{language}", _unique({e.code: _entry_title(e, language) for e in entries})
    return None


def _entry_title(entry: CatalogEntry, language: str) -> str:
    """A catalog entry as an alignment drop-down shows it: its number as the national document prints it, then its
    title in `language`; the code where the entry has no title in that language."""
    title = entry.title.get(language)
    if not title:
        return entry.code
    numbered = entry.number and title.split(" ", 1)[0].rstrip(".") == entry.number  # "1. No poverty"
    return f"{entry.number} {title}" if entry.number and not numbered else title


def _unique(shown: dict[str, str]) -> dict[str, str]:
    """Titles that cannot be mistaken: a title two codes share, or another code's, shows the code instead."""
    counts: dict[str, int] = {}
    for title in shown.values():
        counts[title] = counts.get(title, 0) + 1
    return {code: title if counts[title] == 1 and (title == code or title not in shown) else code
            for code, title in shown.items()}


def choice_codes(methodology: Methodology, registry: Registry | None = None) -> dict[str, dict[str, Any]]:
    """Column key → {what a drop-down of any of the methodology's languages shows: the value stored}, for every
    column with a closed set of values; reading a workbook turns a chosen title back into its code."""
    from sedp_core.registry.collect import get_registry

    registry = registry or get_registry()
    uses = _uses(methodology, registry)
    layout = build_layout(methodology.model)
    out: dict[str, dict[str, Any]] = {}
    for table, col, pattern in iter_columns(layout):
        for language in (*methodology.languages, "en"):
            found = _choices(col, pattern, methodology, registry, uses, language)
            if found is None:
                continue
            back = out.setdefault(f"{table.name}\0{col.key}", {})
            for code, title in found[1].items():
                back.setdefault(title, code if col.kind != BOOL else code == "true")
    return out


def _write_value(cell: Any, value: Any, pointer: str) -> None:
    if isinstance(value, str):
        if len(value) > MAX_CELL_TEXT:
            raise InputError(f"the text at {pointer} has {len(value):,} characters; an Excel cell holds at most "
                             f"{MAX_CELL_TEXT:,}", code="input.text-too-long")
        cell.value = value
        cell.data_type = "s"  # a text starting with '=' stays text, never a formula
    elif isinstance(value, dt.datetime | dt.date):
        cell.value = value
    else:
        cell.value = value


def _format_for(cell: Cell) -> str:
    if cell.column is None:
        return "0" if cell.role == "key" else "@"
    return _FORMATS.get(cell.column.kind, "@")


def sheet_names(layout: Layout, language: str, labels: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Table name (and the instructions sheet's) → the name of its sheet in `language`: the table's heading made
    fit for Excel (`sheet_title`). An English workbook keeps the table names (as workbooks made before sheets had
    translated names). The `owner` column names a parent by these names too; reading recognizes the names of every
    language in sheet tabs and owner cells alike (`_tables_of_sheets`)."""
    if language == "en":
        return {INSTRUCTIONS_SHEET: INSTRUCTIONS_SHEET, **{name: name for name in layout.tables}}
    taken = {LISTS_SHEET.casefold()}
    names = {INSTRUCTIONS_SHEET: sheet_title(str(word("instructions_sheet", language, labels)), taken)}
    for name in layout.tables:
        names[name] = sheet_title(heading(name, language, labels), taken)
    return names


def _quoted(sheet: str) -> str:
    """A sheet name as a formula writes it."""
    return "'" + sheet.replace("'", "''") + "'"


def workbook_bytes(methodology: Methodology, language: str, program: Program | None = None,
                   registry: Registry | None = None, progress: Callable[[str], None] | None = None) -> bytes:
    """The workbook of `methodology` in `language`: empty (a template) or filled with `program`."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from sedp_core.registry.collect import get_registry

    registry = registry or get_registry()
    labels = methodology.labels
    layout = build_layout(methodology.model)
    names = sheet_names(layout, language, labels)
    if program is not None:
        data = program.model_dump(mode="python")
        languages = list(program.languages)
        rows = table_rows(layout, data, sheets=names)
    else:
        languages = list(methodology.languages)
        rows = {name: [] for name in layout.tables}
        rows[PROGRAM_TABLE] = [Row("", {"methodology.id": methodology.id, "methodology.version": methodology.version,
                                        "languages": languages})]
    single = len(languages) == 1
    uses = _uses(methodology, registry)

    wb = Workbook()
    intro = wb.active
    intro.title = names[INSTRUCTIONS_SHEET]
    lists = _Lists(wb.create_sheet(LISTS_SHEET))
    lists.ws.sheet_state = "hidden"
    header_font, key_font = Font(bold=True), Font(size=8, color=_KEY_FONT_COLOUR)
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")

    # Physical columns first: references need the key column of their target sheet.
    headers = {t.name: physical_headers(layout, t, languages, rows[t.name], single) for t in layout.tables.values()}
    key_ranges: dict[str, str] = {}
    for table in layout.tables.values():
        if table.key and table.name != PROGRAM_TABLE:
            index = next(i for i, c in enumerate(headers[table.name]) if c.header == table.key)
            letter = get_column_letter(index + 1)
            last = FIRST_DATA_ROW + len(rows[table.name]) + SPARE_ROWS
            key_ranges[table.name] = f"{_quoted(names[table.name])}!${letter}${FIRST_DATA_ROW}:${letter}${last}"
    patterns = {(t.name, c.key): p for t, c, p in iter_columns(layout)}

    shown_values: dict[tuple[str, str], dict[str, str]] = {}
    """(table, column key) → {stored value: shown title}, for the cells of a program written into the workbook."""

    def describe(table: Table, cell: Cell) -> tuple[str, tuple[str, str] | None, bool]:
        """(comment text, (list name, formula) for a drop-down, whether the drop-down is strict), in `language`."""
        if cell.column is None:
            if cell.role == "key":
                return say(N_("Row number that the rows of nested sheets use to point at this row."),
                           language), None, False
            if cell.header == OWNER:
                forms = owner_forms(table, names, lambda k: heading(k, language, labels))
                return say(N_("Which row it belongs to: the name of its sheet, ':' and its id, one of: {forms}."),
                           language, forms=forms), None, False
            targets = ", ".join(sorted({names[s.parent or PROGRAM_TABLE] for s in table.slots}))
            return say(N_("Which row it belongs to: the id in sheet {sheets}."), language, sheets=targets), None, False
        col = cell.column
        lines = [heading(cell.header, language, labels)]
        about = methodology.described(col.description, col.key, language)
        if about:
            lines.append(about)
        if cell.language:
            lines.append(say(N_("The text in {language}."), language, language=cell.language))
        found = _choices(col, patterns[(table.name, col.key)], methodology, registry, uses, language)
        if found:
            name, shown = found
            shown_values[(table.name, col.key)] = shown
            ref = lists.ref(name, list(shown.values()))
            lines.append(say(N_("Choose from the list: {values}"), language, values=", ".join(shown.values())))
            return "\n".join(lines), (name, ref) if ref else None, True
        target = layout.reference_target(col)
        if target is not None and target.name in key_ranges:
            lines.append(say(N_("An id from sheet '{sheet}'."), language, sheet=names[target.name]))
            return "\n".join(lines), (target.name, key_ranges[target.name]), False
        if col.kind == ATOMS:
            lines.append(say(N_("Several values in one cell, separated by ';'."), language))
        if col.kind == JSON:
            lines.append(say(N_("Written as JSON."), language))
        if col.kind == DATE:
            lines.append(say(N_("A date, written YYYY-MM-DD (2026-03-05)."), language))
        return "\n".join(lines), None, False

    def shown(table: Table, cell: Cell, value: Any) -> Any:
        """A stored code as its drop-down shows it."""
        titles = shown_values.get((table.name, cell.column.key)) if cell.column is not None else None
        if titles and isinstance(value, bool):
            return titles.get(str(value).lower(), value)
        return titles.get(value, value) if titles and isinstance(value, str) else value

    def validation(ws: Worksheet, formula: str, strict: bool, cells: str) -> None:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                            errorStyle="stop" if strict else "warning")
        dv.error = (say(N_("Choose a value from the list."), language) if strict
                    else say(N_("This id is not in the list (yet)."), language))
        ws.add_data_validation(dv)
        dv.add(cells)

    # The program sheet: one row per field.
    ws = wb.create_sheet(names[PROGRAM_TABLE])
    for i, entry in enumerate(("field", "key", "value"), start=1):
        ws.cell(1, i, word(entry, language, labels)).font = header_font
        ws.cell(1, i).fill = fill
        ws.cell(2, i, ("label", "field", "value")[i - 1]).font = key_font
    program_table = layout.program
    program_values = rows[PROGRAM_TABLE][0].values
    for r, cell in enumerate(headers[PROGRAM_TABLE], start=FIRST_DATA_ROW):
        ws.cell(r, 1, heading(cell.header, language, labels)).alignment = wrap
        ws.cell(r, 2, cell.header).font = key_font
        target = ws.cell(r, 3)
        note, dropdown, strict = describe(program_table, cell)
        _write_value(target, shown(program_table, cell, cell_value(cell, program_values)), cell.header)
        target.number_format = _format_for(cell)
        target.alignment = wrap
        if note:
            ws.cell(r, 2).comment = Comment(note, "sedp", width=320, height=140)
        if dropdown:
            validation(ws, dropdown[1], strict, f"C{r}")
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 60
    ws.freeze_panes = "A3"

    counts: dict[str, int] = {}
    for table in layout.tables.values():
        if table.name == PROGRAM_TABLE:
            continue
        if progress:
            progress(table.name)
        ws = wb.create_sheet(names[table.name])
        cells = headers[table.name]
        table_rows_ = rows[table.name]
        counts[table.name] = len(table_rows_)
        last_row = FIRST_DATA_ROW + len(table_rows_) + SPARE_ROWS - 1
        for c, cell in enumerate(cells, start=1):
            letter = get_column_letter(c)
            head = ws.cell(1, c, heading(cell.header, language, labels))
            head.font, head.fill, head.alignment = header_font, fill, wrap
            key = ws.cell(2, c, cell.header)
            key.font = key_font
            note, dropdown, strict = describe(table, cell)
            if note:
                key.comment = Comment(note, "sedp", width=320, height=140)
            if dropdown:
                validation(ws, dropdown[1], strict, f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
            ws.column_dimensions[letter].width = 36 if cell.column is not None and cell.column.kind == TEXT else 16
            fmt = _format_for(cell)
            for r in range(FIRST_DATA_ROW, last_row + 1):
                ws.cell(r, c).number_format = fmt
        for r, row in enumerate(table_rows_, start=FIRST_DATA_ROW):
            for c, cell in enumerate(cells, start=1):
                _write_value(ws.cell(r, c), shown(table, cell, cell_value(cell, row.values)),
                             f"{row.pointer} ({cell.header})")
        ws.freeze_panes = "A3"

    _write_instructions(intro, methodology, language, layout, names, counts, header_font)
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_instructions(ws: Worksheet, methodology: Methodology, language: str, layout: Layout,
                        names: Mapping[str, str], counts: Mapping[str, int], bold: Any) -> None:
    from openpyxl.styles import Alignment, Font

    labels = methodology.labels
    ws.cell(1, 1, str(word("title", language, labels))).font = Font(bold=True, size=14)
    title = methodology.title.get(language) or methodology.title.get("en") or methodology.id
    ws.cell(2, 1, f"{word('methodology', language, labels)}: {title} ({methodology.id} {methodology.version})")
    r = 4
    sheets = {table: names.get(table, table) for table in (PROGRAM_TABLE, "goals", "tasks")}
    for line in word("instructions", language, labels, **sheets):
        ws.cell(r, 1, f"• {line}").alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        ws.row_dimensions[r].height = 45
        r += 1
    r += 1
    ws.cell(r, 1, str(word("sheets", language, labels))).font = Font(bold=True, size=12)
    r += 1
    for i, entry in enumerate(("sheet", "about", "rows"), start=1):
        ws.cell(r, i, str(word(entry, language, labels))).font = bold
    for table in layout.tables.values():
        r += 1
        ws.cell(r, 1, names[table.name])
        about = heading(table.name, language, labels)
        what = methodology.described(table.description, table.name, language)
        ws.cell(r, 2, f"{about}: {what}" if what else about)
        if table.name in counts:
            ws.cell(r, 3, counts[table.name])
    ws.cell(r + 2, 1, f"{word('generated', language, labels)} {dt.date.today().isoformat()}")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 80
    ws.column_dimensions["C"].width = 10


# --- reading -------------------------------------------------------------------------------------------------


def _locator(sheet: str) -> Callable[[int, int], str]:
    from openpyxl.utils import get_column_letter

    return lambda row, col: f"{sheet}!{get_column_letter(col + 1)}{row}"


def _header_row(rows: list[tuple[Any, ...]], known: set[str]) -> int:
    """Which of the first two rows holds the field names (row 2 normally; row 1 when the labels row is gone)."""
    def hits(i: int) -> int:
        return sum(1 for v in rows[i] if isinstance(v, str) and v.split("[", 1)[0] in known) if i < len(rows) else -1

    return 1 if hits(0) > hits(1) else 2



def _row_limit(source: str) -> Callable[[str, int], None]:
    """Refuses a sheet past SEDP_MAX_ROWS (counted while reading: read-only sheets may not know their size)."""
    max_rows = limits().max_rows + 2  # the two header rows

    def check(sheet: str, count: int) -> None:
        if count > max_rows:
            raise InputError(N_("sheet '{sheet}' has more than {limit:,} rows, the limit (set SEDP_MAX_ROWS to "
                                "change it)"), params={"sheet": sheet, "limit": max_rows - 2}, location=source,
                             code="input.too-many-rows")

    return check


def _sheet_rows(ws: Any, source: str) -> list[tuple[Any, ...]]:
    """A sheet's rows, refused past SEDP_MAX_ROWS."""
    check = _row_limit(source)
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append(tuple(row))
        check(ws.title, len(rows))
    return rows


def _problem(exc: Exception) -> str:
    """What the library said, for the one who asks the developers (it has no words in the officer's language)."""
    return f"{type(exc).__name__}: {exc}"


def _xlsx_sheets(path: Path, source: str) -> dict[str, list[tuple[Any, ...]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files; each is the same problem to a user
        raise InputError(N_("the workbook cannot be opened: {problem}"), params={"problem": _problem(exc)},
                         location=source, code="input.not-a-workbook") from None
    try:
        return {ws.title: _sheet_rows(ws, source) for ws in wb.worksheets}
    except InputError:
        raise
    except Exception as exc:
        raise InputError(N_("the workbook cannot be read: {problem}"), params={"problem": _problem(exc)},
                         location=source, code="input.not-a-workbook") from None
    finally:
        wb.close()


def _ods_sheets(path: Path, source: str) -> dict[str, list[tuple[Any, ...]]]:
    try:
        return ods_rows(path, _row_limit(source))
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own kinds on damaged files
        raise InputError(N_("the workbook cannot be read: {problem}"), params={"problem": _problem(exc)},
                         location=source, code="input.not-a-workbook") from None


def _merged_findings(path: Path, kind: Kind, header_rows: Mapping[str, int]) -> list[Finding]:
    """An error for each merged range on a sheet that is read, from its field-name row down: a merged cell
    keeps its value in its first cell only, so the others (a title's second language) would read as empty."""
    findings = []
    for sheet, ranges in merged_ranges(path, kind).items():
        if sheet not in header_rows:
            continue
        for merged in ranges:
            if merged[2] < header_rows[sheet]:
                continue  # the headings row may be merged for looks
            cells, first = range_text(merged)
            findings.append(reader_finding("reader.merged-cells", "error", f"{path}:{sheet}!{first}",
                                           cells=f"{sheet}!{cells}", first=first))
    return findings

def read_workbook(path: Path, progress: Callable[[str, int], None] | None = None) -> LoadedData:
    """Read a workbook made by `sedp excel template/export` (or filled in from one) into program data;
    `progress(sheet, rows)` is called as each sheet is placed."""
    from sedp_core.registry.collect import get_registry
    from sedp_core.validation.validate import methodology_of

    path = Path(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise format_error(path, get_registry().readers)
    kind = check_workbook_file(path)
    source = str(path)
    sheets = _xlsx_sheets(path, source) if kind == "xlsx" else _ods_sheets(path, source)
    program_sheet = _program_sheet(sheets)
    if program_sheet is None:
        raise InputError(N_("the workbook has no sheet '{sheet}'; start from `sedp excel template` (sheets found: "
                            "{sheets})"), params={"sheet": PROGRAM_TABLE, "sheets": ", ".join(sheets)},
                         location=source, code="input.not-a-program-workbook")
    program_values, program_findings = _program_values(sheets[program_sheet], source, program_sheet)
    methodology_data = {"methodology": {"id": program_values.get("methodology.id", (None, ""))[0],
                                        "version": program_values.get("methodology.version", (None, ""))[0]}}
    ref = methodology_data["methodology"]
    if ref["version"] is not None:
        ref["version"] = str(ref["version"])
    else:
        del ref["version"]
    where = program_values.get("methodology.id", (None, f"{program_sheet}!C3"))[1]
    methodology = methodology_of(methodology_data, get_registry(), f"{source}:{where}")
    layout = build_layout(methodology.model)
    codes = choice_codes(methodology)
    program_values = {key: (_code_of(codes.get(f"{PROGRAM_TABLE}\0{key}"), value), cell)
                      for key, (value, cell) in program_values.items()}
    grids: dict[str, Grid] = {}
    header_rows = {program_sheet: 2}
    by_language = _names_by_language(layout, methodology)
    tables_of = _tables_of_sheets(by_language)
    shown = _shown_names(by_language, sheets, tables_of, program_sheet)
    for sheet, rows in sheets.items():
        name = tables_of.get(sheet.casefold(), sheet)
        if sheet in (program_sheet, LISTS_SHEET) or name in (PROGRAM_TABLE, INSTRUCTIONS_SHEET):
            continue
        if name in grids:  # a second sheet for the same list (its name in two languages): not read
            name = sheet
        table = layout.tables.get(name)
        known = {c.key for c in table.columns} | {"owner", "no"} if table else set()
        header_row = _header_row(rows, known) if table else 2
        rows = _codes_for_titles(name, rows, codes, header_row)
        headers = list(rows[header_row - 1]) if len(rows) >= header_row else []
        data_rows = [(i, list(r)) for i, r in enumerate(rows, start=1)
                     if i > header_row and any(v is not None and str(v).strip() for v in r)]
        grids[name] = Grid(name, headers, data_rows, _locator(sheet), header_row,
                           sheet_location=f"{sheet}!A{header_row}")
        header_rows[sheet] = header_row
    assembled = assemble(layout, program_values, grids, progress, total_words(methodology.labels),
                         program_location=f"{program_sheet}!B2", sheets=shown, tables_of=tables_of)
    findings = [dataclasses.replace(f, location=f"{source}:{f.location}" if f.location else source)
                for f in [*program_findings, *assembled.findings]]
    findings += _merged_findings(path, kind, header_rows)
    if kind == "xlsx":
        findings += _formula_findings(path, assembled.positions)
    return LoadedData(data=assembled.data, source=source, positions=assembled.positions, findings=findings)


def _program_sheet(sheets: Mapping[str, list[tuple[Any, ...]]]) -> str | None:
    """The sheet of the program's single values: named `program` in any language sedp knows (the catalog's word,
    any registered methodology's label), else the one whose field-name row is `label, field, value` (a sheet renamed
    by hand)."""
    from sedp_core.registry.collect import get_registry

    names = {PROGRAM_TABLE}
    for language in catalog_languages():
        names.add(sheet_title(say(FIELD_WORDS[PROGRAM_TABLE], language), set()).casefold())
    for methodology in get_registry().methodologies.values():
        for language in methodology.languages:
            names.add(sheet_title(heading(PROGRAM_TABLE, language, methodology.labels), set()).casefold())
    for sheet in sheets:
        if sheet.casefold() in names:
            return sheet
    for sheet, rows in sheets.items():
        keys = [str(v).strip().casefold() for v in rows[1][:3] if v is not None] if len(rows) >= 2 else []
        if keys == ["label", "field", "value"]:
            return sheet
    return None


def _names_by_language(layout: Layout, methodology: Methodology) -> dict[str, dict[str, str]]:
    """Language → table → sheet name, for the methodology's languages first, then the catalog's (English: the
    table names, as in workbooks made before sheets had translated names)."""
    return {language: sheet_names(layout, language, methodology.labels)
            for language in dict.fromkeys((*methodology.languages, *catalog_languages()))}


def _tables_of_sheets(by_language: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """A sheet's name (case-folded) → its table, for the sheet names of every language (`_names_by_language`,
    earlier languages first): how sheet tabs and owner cells are read back."""
    out: dict[str, str] = {}
    for names in by_language.values():
        for table, sheet in names.items():
            out.setdefault(sheet.casefold(), table)
    return out


def _shown_names(by_language: Mapping[str, Mapping[str, str]], sheets: Mapping[str, Any],
                 tables_of: Mapping[str, str], program_sheet: str) -> dict[str, str]:
    """Table → its sheet as this workbook names it, for findings: the sheet found, else the name in the language
    most of the workbook's sheets are named in (a list whose sheet was deleted)."""
    present = {sheet.casefold() for sheet in sheets}
    best = max(by_language, key=lambda lang: sum(n.casefold() in present for n in by_language[lang].values()))
    shown = dict(by_language[best])
    found: set[str] = set()
    for sheet in sheets:  # the first sheet of a list is the one read, as `read_workbook` does
        table = tables_of.get(sheet.casefold())
        if table is not None and table not in found:
            shown[table] = sheet
            found.add(table)
    shown[PROGRAM_TABLE] = program_sheet
    return shown


def _code_of(titles: Mapping[str, Any] | None, value: Any) -> Any:
    if titles and isinstance(value, str) and value.strip() in titles:
        return titles[value.strip()]
    return value


def _codes_for_titles(sheet: str, rows: list[tuple[Any, ...]], codes: Mapping[str, Mapping[str, Any]],
                      header_row: int) -> list[tuple[Any, ...]]:
    """The sheet's rows with each title chosen from a drop-down turned back into the code it stands for."""
    if len(rows) < header_row:
        return rows
    columns = {i: codes[f"{sheet}\0{name}"] for i, name in enumerate(rows[header_row - 1])
               if isinstance(name, str) and f"{sheet}\0{name}" in codes}
    if not columns:
        return rows
    return [*rows[:header_row],
            *(tuple(_code_of(columns.get(i), v) for i, v in enumerate(row)) for row in rows[header_row:])]


def _formula_findings(path: Path, positions: Mapping[str, str]) -> list[Finding]:
    """An error for each formula cell saved without its value: openpyxl reads it as empty, and the program would
    silently lose what the formula computes."""
    from sedp_core.exchange.xlsx_formulas import uncached_formulas

    pointers = {cell: pointer for pointer, cell in positions.items()}
    return [Finding("input.formula-without-value", "error", pointers.get(cell, ""), messages_for(N_(
        "cell {cell} holds a formula whose value the workbook does not store (it was saved by a program that does "
        "not calculate); open the workbook in Excel or LibreOffice, save it, and read it again"), cell=cell),
        location=f"{path}:{cell}") for cell in uncached_formulas(path)]


def _program_values(rows: list[tuple[Any, ...]], source: str, sheet: str = PROGRAM_TABLE
                    ) -> tuple[dict[str, tuple[Any, str]], list[Finding]]:
    """Field name → (value, cell) from the program sheet (field names in column B, values in column C), and an
    error for each value that would be lost: in a row without a field name, right of the value column, or in
    the second row of a field given twice."""
    field_col, value_col, start = 1, 2, 3
    findings: list[Finding] = []
    names = [str(v).strip() if v is not None else "" for v in rows[1]] if len(rows) >= 2 else []
    if "field" in names and "value" in names:
        field_col, value_col = names.index("field"), names.index("value")
    elif any(names):  # the field-name or value column was deleted: no value can be read, not even the methodology
        lost = next(name for name in ("field", "value") if name not in names)
        problem = reader_finding("reader.missing-column", "error", f"{sheet}!A2", table=sheet,
                                 column=lost, row=2)
        raise InputError(problem.message(), location=f"{source}:{problem.location}",
                         code="input.not-a-program-workbook")
    locate = _locator(sheet)
    out: dict[str, tuple[Any, str]] = {}

    def dropped(number: int, index: int, value: Any) -> None:
        findings.append(reader_finding("reader.value-dropped", "error", locate(number, index),
                                       column=locate(number, index).rsplit("!", 1)[-1].rstrip("0123456789"),
                                       table=sheet, count=1, first_value=str(value), row=2))

    for number, row in enumerate(rows, start=1):
        if number < start:
            continue
        key = str(row[field_col]).strip() if len(row) > field_col and row[field_col] is not None else ""
        value = row[value_col] if len(row) > value_col else None
        extra = [(i, v) for i, v in enumerate(row) if i > max(field_col, value_col)
                 and v is not None and str(v).strip()]
        for index, v in extra:
            dropped(number, index, v)
        if not key:
            if value is not None and str(value).strip():
                dropped(number, value_col, value)
            continue
        if key in out:
            findings.append(reader_finding("reader.duplicate-field", "error", locate(number, field_col),
                                           column=key, first=out[key][1]))
            continue
        out[key] = (value, locate(number, value_col))
    return out, findings
