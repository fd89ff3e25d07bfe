"""Every field a user can fill is printed in some document, or declared by its methodology as not printed, with why.

The test walks every field of the methodology's JSON Schema (`methodology_schema`). Ids, codes and references
(keys in `REFERENCES`, enumerations, codelist fields, identifiers) are left out: other fields point at them or they
choose among the plugin's options. Every other field must be declared in `Methodology.not_printed` (or the core's
`CORE_NOT_PRINTED`), with a reason, or be exercised by the methodology's sample together with its fixture
`tests/fixtures/<methodology id>.all_fields.yaml` (pointer → value, set on a copy of the sample: values for the
fields the sample leaves empty; a picture's path is relative to `tests/fixtures`) and pass this check:

- a text field (a per-language text or a free string, also in lists) gets a unique token, the documents are
  rendered in every language, and the token must appear in one of them. A text other fields refer to (restored
  when the token makes the program invalid) and a text that looks like a number or a time counts as exercised
  when it has a value; its printing is not checked.
- a number, date or boolean counts as exercised when the sample or fixture gives it a value. Whether a document
  prints that value is not checked: numbers are formatted, summed and compared, so a distinctive value would not
  survive; a field given a value that no document uses passes this test.

A declaration must name a field of the schema, must have a reason, and must not name a text field that is printed.
"""

from __future__ import annotations

import copy
import fnmatch
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from sedp_core.input.loader import LoadedData, escape_pointer, load_file
from sedp_core.models.program import CORE_NOT_PRINTED
from sedp_core.registry.collect import get_registry
from sedp_core.rendering.render import planned_documents, render_to_bytes
from sedp_core.schema.export import methodology_schema
from sedp_core.validation.validate import validate_data
from tests.conftest import docx_text

FIXTURES = Path(__file__).parent / "fixtures"

# Keys whose strings are ids, codes or references to other items: replacing them would break the program.
REFERENCES = {"id", "code", "task", "priority", "source", "kind", "catalog", "bag", "proposal", "indicator",
              "meeting", "status", "methodology", "version", "languages", "currency", "sector", "type", "channel",
              "frequency", "direction", "phase", "problem", "problems", "need", "area", "role", "sex", "age_group",
              "method", "level", "parent", "stage", "decision_kind", "financing_source", "item"}
IDENTIFIER = "^[A-Za-z0-9][A-Za-z0-9._-]*$"
"""The pattern of `Identifier` fields."""


def _tokens(data: Any) -> tuple[Any, dict[str, str]]:
    """The data with every text replaced by a unique token, and token → the field's pointer."""
    tokens: dict[str, str] = {}

    def walk(value: Any, pointer: str, key: str | None) -> Any:
        if isinstance(value, dict):
            if value and all(isinstance(v, str) for v in value.values()) and all(len(k) in (2, 3) for k in value):
                token = f"Q{len(tokens):04d}Z"  # a text per language: one token in every language
                tokens[token] = pointer
                return dict.fromkeys(value, token)
            return {k: walk(v, f"{pointer}/{escape_pointer(k)}", k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, f"{pointer}/{i}", key) for i, v in enumerate(value)]
        if isinstance(value, str) and key not in REFERENCES and not re.fullmatch(r"[\d\-: .]+", value):
            token = f"Q{len(tokens):04d}Z"
            tokens[token] = pointer
            return token
        return value

    return walk(data, "", None), tokens


def _restore(data: Any, original: Any, pointer: str, tokens: dict[str, str]) -> None:
    """Put back the original value at `pointer` (a text another field refers to, such as a village name)."""
    parts = pointer.split("/")[1:]
    try:
        for part in parts[:-1]:
            key: Any = int(part) if isinstance(original, list) else part
            data, original = data[key], original[key]
        key = int(parts[-1]) if isinstance(original, list) else parts[-1]
        if isinstance(data[key], str):
            tokens.pop(data[key], None)
        data[key] = original[key]
    except (KeyError, IndexError, ValueError, TypeError):
        pass


def _pattern(pointer: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/*", pointer)


def _kind(node: dict[str, Any], schema: dict[str, Any]) -> str:
    """What a schema node holds: "text" (per language), "string", "number", "date", "bool", "reference", "object",
    or "list:<kind>" and "map:<kind>" for lists and maps of values."""
    if "$ref" in node:
        return _kind(schema["$defs"][node["$ref"].split("/")[-1]], schema)
    subs = [s for s in node.get("anyOf", node.get("oneOf", [])) if s.get("type") != "null"]
    if subs:
        if any(s.get("type") == "string" for s in subs) and any("patternProperties" in s for s in subs):
            return "text"  # `Text`: a string, or one per language
        return _kind(subs[0], schema)
    if "enum" in node or "const" in node or node.get("x-sedp-codelist") or node.get("pattern") == IDENTIFIER:
        return "reference"
    kind = node.get("type")
    if kind == "string":
        return "date" if node.get("format") in ("date", "date-time") else "string"
    if kind in ("integer", "number"):
        return "number"
    if kind == "boolean":
        return "bool"
    if kind == "array":
        item = _kind(node.get("items", {}), schema)
        return item if item in ("object", "reference") else f"list:{item}"
    if kind == "object" and "properties" not in node and isinstance(node.get("additionalProperties"), dict):
        return f"map:{_kind(node['additionalProperties'], schema)}"
    return "object"


def _schema_fields(schema: dict[str, Any]) -> dict[str, str]:
    """Every field of a JSON Schema as a pointer pattern (``*`` for list items) → its kind (`_kind`)."""
    found: dict[str, str] = {}

    def walk(node: dict[str, Any], pointer: str, seen: tuple[str, ...]) -> None:
        if "$ref" in node:
            name = node["$ref"].split("/")[-1]
            if name not in seen:
                walk(schema["$defs"][name], pointer, (*seen, name))
            return
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key, []):
                walk(sub, pointer, seen)
        if "properties" in node:
            for name, sub in node["properties"].items():
                kind = _kind(sub, schema)
                # A key of REFERENCES holds ids and codes when its value is a plain string (a text per language
                # under such a key, as a baseline's source, is a text).
                found.setdefault(f"{pointer}/{name}", "reference" if name in REFERENCES and kind in (
                    "string", "list:string") else kind)
                walk(sub, f"{pointer}/{name}", seen)
        if node.get("type") == "array":
            walk(node.get("items", {}), f"{pointer}/*", seen)

    walk(schema, "", ())
    return found


def _given(data: Any) -> set[str]:
    """The pointer patterns that have a value in `data` (not null, not an empty list, map or text)."""
    found: set[str] = set()

    def walk(value: Any, pointer: str) -> None:
        if value is None or value == "" or value == [] or value == {}:
            return
        found.add(_pattern(pointer))
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{pointer}/{escape_pointer(k)}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{pointer}/{i}")

    walk(data, "")
    return found


def _fill(data: Any, fixture: Path) -> Any:
    """The sample with the fixture's values set (pointer → value; a pointer ending in ``/-`` appends)."""
    for pointer, value in (YAML(typ="safe").load(fixture.read_text(encoding="utf-8")) or {}).items():
        *parents, last = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
        target = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target.setdefault(part, {})
        if isinstance(target, list):
            if last == "-":
                target.append(value)
            else:
                target[int(last)] = value
        else:
            target[last] = value
    return data


def _methodologies() -> list[Any]:
    return [m for m in get_registry().methodologies.values() if m.sample is not None]


@pytest.mark.parametrize("methodology", _methodologies(), ids=lambda m: m.key)
def test_every_field_a_user_fills_is_printed_or_declared(methodology: Any) -> None:
    loaded = load_file(methodology.sample)
    original = copy.deepcopy(loaded.data)  # as the sample is (approved: its documents in their final form)
    fixture = FIXTURES / f"{methodology.id}.all_fields.yaml"
    if fixture.exists():
        original = _fill(original, fixture)
    data, tokens = _tokens(copy.deepcopy(original))
    for _ in range(5):
        # Read as if from tests/fixtures: the pictures a fixture names are relative to that folder.
        result = validate_data(LoadedData(data, str(FIXTURES / Path(loaded.source).name), {}))
        if result.program is not None:
            break
        for finding in result.report.errors:
            _restore(data, original, finding.path, tokens)
    assert result.program is not None, result.report.to_json()
    text = "\n".join(
        docx_text(render_to_bytes(result.program, result.methodology, job.document, job.language, item=job.item,
                                  item_no=job.item_no))
        for job in planned_documents(result.program, result.methodology)).lower()
    schema_fields = _schema_fields(methodology_schema(methodology))
    # Case-insensitive: a document may print a name in capitals or as the start of a sentence.
    printed = {_pattern(pointer) for token, pointer in tokens.items() if token.lower() in text}
    printed |= {p[:-2] for p in printed if p.endswith("/*")}  # a list of texts: an item printed
    tokened = {_pattern(pointer) for pointer in tokens.values()}
    tokened |= {p[:-2] for p in tokened if p.endswith("/*")}
    given = _given(original)
    declared = {**CORE_NOT_PRINTED, **methodology.not_printed}

    def is_declared(field: str) -> bool:
        return any(fnmatch.fnmatchcase(field, pattern) or field.startswith(pattern + "/") for pattern in declared)

    def exercised(field: str, kind: str) -> bool:
        if kind in ("text", "list:text", "string", "list:string"):
            return field in printed or (field in given and field not in tokened)
        return field in given

    unprinted = sorted(f for f, kind in schema_fields.items() if kind not in ("object", "reference")
                       and not exercised(f, kind) and not is_declared(f))
    assert unprinted == [], (
        f"{methodology.key}: fields a user can fill that no document shows (text: its token printed nowhere; "
        f"other: no value in the sample or {fixture.name}), not declared in Methodology.not_printed: {unprinted}")
    assert [p for p, reason in declared.items() if not reason.strip()] == [], "declared without a reason"
    assert [p for p in declared if p not in schema_fields] == [], "declared fields the schema does not have"
    assert sorted(p for p in declared if p in printed) == [], (
        f"declared as not printed, but printed: {sorted(p for p in declared if p in printed)}")
