"""Surveys: an XLSForm (KoboToolbox, ODK) to collect the items of one list of the program, and the export back.

Which list is "the thing collected" (citizens' proposals, community problems, activities...) is a JSON Pointer to
a list of the program itself, such as `/proposals` or `/needs_assessment/problems`: given with `--field`, or
declared by the methodology (`Methodology.surveys`, see docs/data-exchange.md). The questions come from the
list's table in `tabular.py`, so any plugin's list works: texts, numbers, dates, yes/no, and choices from the
methodology's codelists, from `Literal` values, and (with a program) from the ids a field refers to.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sedp_core.errors import InputError
from sedp_core.exchange.excel_texts import choice_title, heading, say
from sedp_core.exchange.tabular import (
    ATOMS,
    BOOL,
    DATE,
    ENUM,
    FLOAT,
    IDENT,
    INT,
    JSON,
    STR,
    TEXT,
    Column,
    Layout,
    Table,
    build_layout,
    iter_columns,
)
from sedp_core.exchange.tabular_read import coerce, set_path
from sedp_core.findings import Finding
from sedp_core.i18n import N_, Term
from sedp_core.input.loader import read_text

if TYPE_CHECKING:
    from sedp_core.models import Program
    from sedp_core.registry.collect import Registry
    from sedp_core.registry.types import Methodology

__all__ = ["SurveyItems", "form_bytes", "items_yaml", "read_submissions", "survey_table"]

_TYPES = {TEXT: "text", STR: "text", IDENT: "text", INT: "integer", FLOAT: "decimal", DATE: "date"}
_META = re.compile(r"^(_|start$|end$|today$|deviceid$|meta|__version__|formhub|instanceID$)")


def survey_table(methodology: Methodology, pointer: str | None) -> tuple[Layout, Table]:
    """The table of the list at `pointer` (a list of the program itself), or of the methodology's declared survey."""
    layout = build_layout(methodology.model)
    roots = {"/" + "/".join(s.path): t for t in layout.tables.values() for s in t.slots
             if s.parent is None and s.path and t.model is not None}
    if pointer is None:
        declared = methodology.surveys
        if len(declared) != 1:
            raise InputError(N_("say which list the survey collects with --field (one of: {lists})"),
                             params={"lists": ", ".join(sorted(roots))}, code="survey.no-field")
        pointer = declared[0]
    pointer = "/" + pointer.strip().strip("/")
    if pointer not in roots:
        raise InputError(N_("{pointer} is not a list of the {methodology} program that a survey can collect "
                            "(one of: {lists})"),
                         params={"pointer": pointer, "methodology": methodology.key, "lists": ", ".join(sorted(roots))},
                         code="survey.not-a-list")
    return layout, roots[pointer]


def _language_name(code: str) -> str:
    """XLSForm language column name, e.g. `Russian (ru)`."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        name = code
    return f"{name} ({code})"


_CHOICE_WORDS = {"yes": "true", "no": "false"}  # the form's yes/no list, titled by the workbook's words
_IDS_IN_TEXT = re.compile(r"\s*\((?:rule|see) [^)]*\)|,? (?:a code )?(?:from |of )?(?:the methodology's )?"
                          r"(?:codelist )?'[a-z]+\.[^']*'(?: \([^)]*\))?|,? from codelist '[^']*'(?: \([^)]*\))?")


def _hint(col: Column, language: str, methodology: Methodology, several: bool) -> str | None:
    """A question's hint in `language` (`Methodology.described`), without the rule and codelist ids a respondent
    cannot use; the way to give several values."""
    text = _IDS_IN_TEXT.sub("", methodology.described(col.description, col.key, language)).strip()
    if several:
        how = say(N_("Several values in one cell, separated by ';'."), language)
        text = f"{text} {how}".strip()
    return text or None


def _name(col: Column) -> str:
    return col.key.replace(".", "__")


def _questions(layout: Layout, table: Table, methodology: Methodology, registry: Registry,
               program: Program | None, only: list[str] | None, choice_titles: dict[str, dict[str, Any]]
               ) -> list[tuple[Column, str, list[str] | None, str]]:
    """(column, XLSForm type, choice codes or None, list name) for each question; `choice_titles` receives the
    names of referenced items (list name → code → text)."""
    from sedp_core.validation.core_rules import CORE_CODELIST_USES
    from sedp_core.validation.walk import match_pointer

    uses = [(u.pointer, u.codelist) for u in (*CORE_CODELIST_USES, *methodology.codelist_uses)
            if u.codelist in registry.codelists]
    patterns = {c.key: p for t, c, p in iter_columns(layout) if t.name == table.name}
    out = []
    for col in table.columns:
        if col.key == table.key or col.kind == JSON or (only is not None and col.key not in only):
            continue  # ids are given on import; structured values are not asked in a form
        codes: list[str] | None = None
        list_name = col.key.replace(".", "_")
        item_patterns = [f"{p}/*" for p in patterns[col.key]] if col.kind == ATOMS else patterns[col.key]
        codelist = next((c for p in item_patterns for ptr, c in uses if match_pointer(p, ptr)), None)
        if codelist:
            codes, list_name = list(registry.codelists[codelist].codes), codelist.replace(".", "_")
        elif col.kind == ENUM or (col.kind == ATOMS and col.item_kind == ENUM):
            codes = list(col.choices)
        elif col.kind == BOOL:
            codes, list_name = ["yes", "no"], "yes_no"
        elif program is not None and (target := layout.reference_target(col)) is not None:
            from sedp_core.exchange.tabular import table_rows

            rows = table_rows(layout, program.model_dump(mode="python"))[target.name]
            codes = [str(r.values[target.key]) for r in rows if r.values.get(target.key) is not None]
            list_name = target.name
            names = {str(r.values[target.key]): r.values.get("name") or r.values.get("title")
                     for r in rows if r.values.get(target.key) is not None}
            choice_titles[list_name] = {k: v for k, v in names.items() if v}
        if codes is not None:
            kind = "select_multiple" if col.kind == ATOMS else "select_one"
            out.append((col, f"{kind} {list_name}", codes, list_name))
        elif col.kind == ATOMS:
            out.append((col, "text", None, ""))
        elif col.kind in _TYPES:
            out.append((col, _TYPES[col.kind], None, ""))
    return out


def form_bytes(methodology: Methodology, pointer: str | None = None, languages: list[str] | None = None,
               program: Program | None = None, registry: Registry | None = None,
               questions: list[str] | None = None) -> bytes:
    """An XLSForm workbook (survey, choices, settings) that collects items of the list at `pointer`; `questions`
    limits it to those fields (`title`, `cost.amount`), in the model's order."""
    from openpyxl import Workbook

    from sedp_core.models import pick_text
    from sedp_core.registry.collect import get_registry

    registry = registry or get_registry()
    layout, table = survey_table(methodology, pointer)
    langs = languages or list(program.languages if program else methodology.languages)
    lang_columns = [_language_name(code) for code in langs]
    labels = methodology.labels
    if questions is not None:
        unknown = sorted(set(questions) - {c.key for c in table.columns})
        if unknown:
            raise InputError(N_("not fields of {list}: {unknown} (fields: {fields})"),
                             params={"list": "/".join(table.slots[0].path), "unknown": ", ".join(unknown),
                                     "fields": ", ".join(c.key for c in table.columns)}, code="survey.unknown-question")
    choice_titles: dict[str, dict[str, Any]] = {}
    asked = _questions(layout, table, methodology, registry, program, questions, choice_titles)

    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", *[f"label::{n}" for n in lang_columns], *[f"hint::{n}" for n in lang_columns],
                   "required"])
    survey.append(["start", "start"] + [None] * (2 * len(langs) + 1))
    survey.append(["end", "end"] + [None] * (2 * len(langs) + 1))
    choices_rows: dict[str, list[list[Any]]] = {}
    for col, kind, codes, list_name in asked:
        several = kind == "text" and col.kind == ATOMS
        survey.append([kind, _name(col), *[heading(col.key, lang, labels) for lang in langs],
                       *[_hint(col, lang, methodology, several) for lang in langs], "yes" if col.required else None])
        if codes is not None and list_name not in choices_rows:
            codelist = registry.codelists.get(list_name) or next(
                (c for cid, c in registry.codelists.items() if cid.replace(".", "_") == list_name), None)
            rows = []
            for code in codes:
                titles = codelist.codes.get(code, {}) if codelist else {}
                named = choice_titles.get(list_name, {}).get(code)
                rows.append([list_name, code, *[
                    f"{code} {pick_text(named, lang, langs)}" if named else pick_text(dict(titles), lang, ("en",))
                    or choice_title(_CHOICE_WORDS.get(code, code), lang, labels) for lang in langs]])
            choices_rows[list_name] = rows
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", *[f"label::{n}" for n in lang_columns]])
    for rows in choices_rows.values():
        for row in rows:
            choices.append(row)
    settings = wb.create_sheet("settings")
    title = pick_text(dict(methodology.title), langs[0], ("en",))
    field_name = "_".join(table.slots[0].path)
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([f"{title}: {heading(field_name, langs[0], labels)}",
                     re.sub(r"[^A-Za-z0-9_]", "_", f"sedp_{methodology.id}_{field_name}"), methodology.version,
                     lang_columns[0]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class SurveyItems:
    """Items read from a survey export, and every problem found, each with its row and column."""

    items: list[dict[str, Any]]
    findings: list[Finding]


def _grid(path: Path) -> tuple[list[str], list[tuple[str, list[Any]]]]:
    """Headers and (location prefix, values) rows of a CSV or XLSX export."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook
        from openpyxl.utils import get_column_letter

        from sedp_core.exchange.excel import check_workbook_file

        check_workbook_file(path)
        from sedp_core.exchange.xlsx_formulas import uncached_formulas

        formulas = uncached_formulas(path, limit=5)
        if formulas:
            raise InputError(N_("cells {cells} hold formulas whose values the export does not store; export the "
                                "submissions again from the server"), params={"cells": ", ".join(formulas)},
                             location=str(path), code="input.formula-without-value")
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
            ws = wb.worksheets[0]
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            title = ws.title
            wb.close()
        except Exception as exc:
            raise InputError(N_("the export cannot be read: {reason}"),
                             params={"reason": f"{type(exc).__name__}: {exc}"}, location=str(path),
                             code="input.unreadable") from None
        if not rows:
            raise InputError(N_("the export is empty"), params={}, location=str(path), code="input.empty")
        headers = [str(h or "") for h in rows[0]]
        return headers, [(f"{title}!{get_column_letter(1)}{i}", r) for i, r in enumerate(rows[1:], start=2)
                         if any(v not in (None, "") for v in r)]
    text = read_text(path, Term(N_("a CSV export")))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        rows = list(reader)
    except csv.Error as exc:  # a cell over the csv module's limit (131,072 characters), a stray NUL...
        raise InputError(N_("line {line} cannot be read as CSV: {reason}; a survey answer is never this long: is this "
                            "the export of the form?"), params={"line": reader.line_num, "reason": str(exc)},
                         location=str(path), code="survey.bad-csv") from None
    if not rows:
        raise InputError(N_("the export is empty"), params={}, location=str(path), code="input.empty")
    return rows[0], [(f"row {i}", r) for i, r in enumerate(rows[1:], start=2) if any(v.strip() for v in r)]


def read_submissions(path: Path, methodology: Methodology, pointer: str | None = None, id_prefix: str = "S",
                     language: str | None = None, taken: Collection[str] = ()) -> SurveyItems:
    """Items of the list at `pointer` from a KoboToolbox/ODK export (CSV or XLSX, "XML values and headers").

    Question names may carry group paths (`group/cost__amount`); meta columns (`_id`, `start`...) are skipped.
    Texts become single texts, or `{language: text}` with `language`. Each item is checked against the list's
    model; problems come as findings with the row and column, and the item is still returned. An item without an
    id gets the next `<id_prefix>NNN` that neither `taken` (the ids of the program merged into) nor the export
    holds; ids the export gives are kept.
    """
    from pydantic import TypeAdapter, ValidationError

    from sedp_core.validation.schema_messages import schema_messages

    path = Path(path)
    _, table = survey_table(methodology, pointer)
    if table.model is None:  # survey_table only returns lists of models; kept for the type checker
        raise InputError(N_("{pointer} is not a list of items"), params={"pointer": pointer}, code="survey.not-a-list")
    from sedp_core.exchange.survey_merge import match_headers

    headers, rows = _grid(path)
    by_name = {_name(c): c for c in table.columns}
    columns, findings = match_headers([str(h) for h in headers], table, methodology, str(path), by_name,
                                      _META.match)
    if not any(columns):
        # Text that is not an export of this form (random bytes that happen to decode, another file) would
        # otherwise be read as zero items with a warning per "column".
        known = ", ".join(sorted(by_name)[:8]) + (", ..." if len(by_name) > 8 else "")
        raise InputError(N_("no column of the file is a question of this survey (questions: {known}); export the "
                            "submissions of the form `sedp survey form` made, with XML values and headers"),
                         params={"known": known}, location=str(path), code="survey.no-questions")
    adapter = TypeAdapter(table.model)
    items = []
    # The ids the export gives are kept: a given id is never also given to another item.
    used = set(taken) | {str(v).strip() for _, values in rows for col, v in zip(columns, values, strict=False)
                         if col is not None and col.key == table.key and v not in (None, "")}
    numbers = iter(range(1, 10**9))
    for where, values in rows:
        item: dict[str, Any] = {}
        row_where = f"{path}:{where}"
        for col, value in zip(columns, values, strict=False):
            if col is None or value is None or (isinstance(value, str) and not value.strip()):
                continue
            if col.kind == ATOMS:
                parts = [p for p in re.split(r"[;,\s]+", str(value).strip()) if p]
                set_path(item, col.path, [coerce(col.item_kind or STR, p, lambda _m: None) for p in parts])
            elif col.kind == BOOL:
                set_path(item, col.path, coerce(BOOL, value, lambda _m: None))
            else:
                value = coerce(col.kind, value, lambda _m: None)
                if col.kind == TEXT and language:
                    value = {language: value}
                set_path(item, col.path, value)
        if table.key and table.key not in item:
            item[table.key] = next(i for k in numbers if (i := f"{id_prefix}{k:03d}") not in used)
        try:
            adapter.validate_python(item)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                field = ".".join(str(p) for p in err["loc"])
                told = schema_messages([err])
                findings.append(Finding(f"schema.{err['type']}", "error", "", {
                    lang: f"{field.replace('.', '__')}: {text}" for lang, text in told.items()},
                    location=row_where, rule="survey"))
        items.append(item)
    return SurveyItems(items, findings)


def items_yaml(items: list[Mapping[str, Any]], pointer: str) -> str:
    """The items as YAML, under a comment that says where in the program they belong."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    out.write(f"# Items collected by survey for {pointer}: review them, then add them to that list of the program.\n")
    yaml.dump([dict(i) for i in items], out)
    return out.getvalue()
