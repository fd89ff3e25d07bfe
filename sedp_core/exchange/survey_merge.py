"""Survey exports back into the program: which column is which question, and the items merged into a program file.

A KoboToolbox export may carry group paths in its headers (`group_a/cost__amount`), or the questions' labels
instead of their names (the "Labels" export format, whose values are labels too, so it cannot be read back
safely: the officer is told exactly how to export again). A Decidim-style export flattens nested objects into
`category/id`, `scope/name` columns: those are the id of a category, not of the item, and are kept apart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sedp_core.errors import InputError
from sedp_core.exchange.excel_texts import heading
from sedp_core.findings import Finding
from sedp_core.i18n import N_, Term, messages_for

if TYPE_CHECKING:
    from sedp_core.exchange.tabular import Column, Table
    from sedp_core.registry.types import Methodology

__all__ = ["MergeResult", "ids_of", "match_headers", "merge_into_program"]

RE_EXPORT = N_("in KoboToolbox open the form, DATA > Downloads, set 'Value and header format' to 'XML values and "
             "headers' (not 'Labels'), then EXPORT and download the new file; ODK Central's CSV export already "
             "uses the names")


def match_headers(headers: Sequence[str], table: Table, methodology: Methodology, source: str,
                  names: Mapping[str, Column], is_meta: Any) -> tuple[list[Column | None], list[Finding]]:
    """The question each header answers (None for a column that is none), and a warning for each column left."""
    exact = {str(h).strip() for h in headers}
    columns: list[Column | None] = []
    findings: list[Finding] = []
    for header in headers:
        full = str(header).strip()
        name = full.rsplit("/", 1)[-1].strip()
        col = names.get(full)
        if col is None and "/" in full:
            col = names.get(name)
            if col is not None and (name in exact or col.key == table.key):
                # `category/id` is a category's id (Decidim), never the item's own id; and a question answered
                # by a column of its own name is not answered again by a nested one.
                findings.append(Finding("survey.nested-column", "warning", "", messages_for(N_(
                    "column '{column}' belongs to '{parent}', not to the item: kept apart, not read as its "
                    "'{question}'"), column=full, parent=full.rsplit("/", 1)[0], question=name),
                    location=f"{source}:{full}", params={"column": full}))
                col = None
                columns.append(None)
                continue
        if col is None and full and not is_meta(name):
            shown = full if len(full) <= 60 else full[:57] + "..."
            findings.append(Finding("survey.unknown-column", "warning", "", messages_for(
                N_("column '{column}' is not a question of this survey; ignored"), column=shown),
                location=f"{source}:{shown}", params={"column": shown}))
        columns.append(col)
    labelled = _label_headers([h for h, c in zip(headers, columns, strict=True) if c is None], table, methodology)
    if labelled and len(labelled) >= sum(1 for c in columns if c is not None):
        shown = ", ".join(f"'{h}'" for h in labelled[:4]) + (", ..." if len(labelled) > 4 else "")
        raise InputError(N_("the export has the questions' labels as headers ({shown}), and its answers are labels "
                            "too, which cannot be read back safely: {advice}"),
                         params={"shown": shown, "advice": Term(RE_EXPORT)}, location=source,
                         code="survey.label-headers")
    return columns, findings


def _label_headers(headers: Sequence[str], table: Table, methodology: Methodology) -> list[str]:
    """The headers that are a question's label (in any of the methodology's languages), groups' labels cut off."""
    labels = {heading(c.key, lang, methodology.labels).strip().casefold()
              for c in table.columns for lang in (*methodology.languages, "en")}
    found = []
    for header in headers:
        text = str(header).strip()
        if text.casefold() in labels or text.rsplit("/", 1)[-1].strip().casefold() in labels:
            found.append(text)
    return found


@dataclass
class MergeResult:
    """What merging did: the ids added, the ids replaced (their place in the list kept), the ids refused."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def existing_ids(program_file: Path, pointer: str, key: str | None) -> set[str]:
    """The ids the list at `pointer` of a program file holds already (so new ids are not given twice)."""
    data, _ = _load(program_file)
    return ids_of(_list_at(data, pointer, program_file, create=False), key)


def ids_of(items: Any, key: str | None) -> set[str]:
    """The ids of a list's items (none when the list has no key)."""
    return {str(i.get(key)) for i in items or [] if key and isinstance(i, Mapping) and i.get(key) is not None}


def merge_into_program(program_file: Path, pointer: str, items: list[dict[str, Any]], key: str | None,
                       replace: bool) -> tuple[bytes, MergeResult]:
    """The program file's new text with `items` added to its list at `pointer`, ids kept: an item whose id the list
    has already replaces it when `replace`, else it is refused (nothing is overwritten unasked). YAML comments and
    layout are kept (ruamel's round trip)."""
    data, dump = _load(program_file)
    target = _list_at(data, pointer, program_file, create=True)
    where = {str(item.get(key)): i for i, item in enumerate(target) if key and isinstance(item, Mapping)}
    result = MergeResult()
    for item in items:
        ident = str(item.get(key)) if key and item.get(key) is not None else None
        if ident is not None and ident in where:
            if replace:
                target[where[ident]] = item
                result.replaced.append(ident)
            else:
                result.refused.append(ident)
            continue
        target.append(item)
        if ident is not None:
            where[ident] = len(target) - 1
            result.added.append(ident)
    return dump(data), result


def _load(path: Path) -> tuple[Any, Any]:
    from sedp_core.input.loader import read_text

    text = read_text(path, Term(N_("a program file")))
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text), lambda d: (json.dumps(d, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        except json.JSONDecodeError as exc:
            raise InputError(N_("the program cannot be read as JSON: {reason}"), params={"reason": str(exc)},
                             location=str(path), code="input.json-syntax") from None
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(N_("survey items can be merged into a YAML or JSON program file or an .xlsx workbook"),
                         params={}, location=str(path), code="survey.merge-format")
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise InputError(N_("the program cannot be read as YAML: {reason}"), params={"reason": str(exc)},
                         location=str(path), code="input.yaml-syntax") from None

    def dump(value: Any) -> bytes:
        out = io.StringIO()
        yaml.dump(value, out)
        return out.getvalue().encode("utf-8")

    return data, dump


def _list_at(data: Any, pointer: str, path: Path, create: bool) -> Any:
    if not isinstance(data, dict):
        raise InputError(N_("the program must be a mapping of fields (YAML keys or a JSON object)"), params={},
                         location=str(path), code="input.not-a-mapping")
    parts = [p for p in pointer.strip("/").split("/") if p]
    current: Any = data
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if not isinstance(current, dict):
            raise InputError(N_("{pointer} is not a list of the program"), params={"pointer": pointer},
                             location=str(path), code="survey.not-a-list")
        if part not in current or current[part] is None:
            if not create:
                return None
            current[part] = [] if last else {}
        current = current[part]
    if not isinstance(current, list):
        raise InputError(N_("{pointer} is not a list of the program"), params={"pointer": pointer},
                         location=str(path), code="survey.not-a-list")
    return current
