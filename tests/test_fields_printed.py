"""Every field a user fills is printed in some document, or declared by its methodology as not printed, with why.

Each text field of the methodology's sample (per-language texts and free strings; not ids, codes or references,
which other fields point at) gets a unique token; the sample's documents are rendered in every language, and a
field whose token appears in none of them must be named, with a reason, in `Methodology.not_printed`. A
declaration must name a field of the methodology's JSON Schema and must not name a field that is printed.
"""

from __future__ import annotations

import copy
import fnmatch
import re
from typing import Any

import pytest

from sedp_core.loader import LoadedData, escape_pointer, load_file
from sedp_core.models.program import CORE_NOT_PRINTED
from sedp_core.registry import get_registry
from sedp_core.render import planned_documents, render_to_bytes
from sedp_core.schema import methodology_schema
from sedp_core.validation import validate_data
from tests.conftest import docx_text

# Keys whose strings are ids, codes or references to other items: replacing them would break the program.
REFERENCES = {"id", "code", "task", "priority", "source", "kind", "catalog", "bag", "proposal", "indicator",
              "meeting", "status", "methodology", "version", "languages", "currency", "sector", "type", "channel",
              "frequency", "direction", "phase", "problem", "problems", "need", "area", "role", "sex", "age_group",
              "method", "level", "parent", "stage", "decision_kind", "financing_source", "item"}


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


def _schema_fields(schema: dict[str, Any]) -> set[str]:
    """Every field of a JSON Schema as a pointer pattern (``*`` for list items)."""
    found: set[str] = set()

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
                found.add(f"{pointer}/{name}")
                walk(sub, f"{pointer}/{name}", seen)
        if node.get("type") == "array":
            walk(node.get("items", {}), f"{pointer}/*", seen)

    walk(schema, "", ())
    return found


def _methodologies() -> list[Any]:
    return [m for m in get_registry().methodologies.values() if m.sample is not None]


@pytest.mark.parametrize("methodology", _methodologies(), ids=lambda m: m.key)
def test_every_text_field_a_user_fills_is_printed_or_declared(methodology: Any) -> None:
    loaded = load_file(methodology.sample)
    original = copy.deepcopy(loaded.data)  # as the sample is (approved: its documents in their final form)
    data, tokens = _tokens(copy.deepcopy(original))
    for _ in range(5):
        result = validate_data(LoadedData(data, loaded.source, {}))
        if result.program is not None:
            break
        for finding in result.report.errors:
            _restore(data, original, finding.path, tokens)
    assert result.program is not None, result.report.to_json()
    text = "\n".join(
        docx_text(render_to_bytes(result.program, result.methodology, job.document, job.language, item=job.item,
                                  item_no=job.item_no))
        for job in planned_documents(result.program, result.methodology)).lower()
    fields: dict[str, bool] = {}
    for token, pointer in tokens.items():
        # Case-insensitive: a document may print a name in capitals or as the start of a sentence.
        fields[_pattern(pointer)] = fields.get(_pattern(pointer), False) or token.lower() in text
    declared = {**CORE_NOT_PRINTED, **methodology.not_printed}

    def is_declared(field: str) -> bool:
        return any(fnmatch.fnmatchcase(field, pattern) or field.startswith(pattern + "/") for pattern in declared)

    unprinted = sorted(f for f, printed in fields.items() if not printed and not is_declared(f))
    assert unprinted == [], (f"{methodology.key}: fields printed in no document and not declared in "
                             f"Methodology.not_printed: {unprinted}")
    assert all(reason.strip() for reason in declared.values())
    schema_fields = _schema_fields(methodology_schema(methodology))
    assert [p for p in declared if p not in schema_fields] == [], "declared fields the schema does not have"
    assert [p for p in declared if fields.get(p)] == [], "declared as not printed, but printed"
