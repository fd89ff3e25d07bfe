"""Validation: raw data → the methodology's model → rules → one `Report` with every problem found.

Schema problems (from the pydantic model, which is also the source of the JSON Schemas) and rule problems come in
the same report, each with a stable code, a JSON Pointer and the file location where known.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sedp_core.errors import InputError, SedpError
from sedp_core.findings import Finding, Report
from sedp_core.input.loader import LoadedData, escape_pointer, load_file
from sedp_core.models import Program
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.registry.types import Methodology
from sedp_core.validation.context import ValidationContext

__all__ = ["ValidatedProgram", "load_program", "validate_data", "validate_file"]


@dataclass
class ValidatedProgram:
    """A program that was read and checked: the model (None when the schema failed), its methodology and report."""

    program: Program | None
    methodology: Methodology
    report: Report


def _pointer_for(loc: tuple[Any, ...], data: Any) -> str:
    """Turn a pydantic error location into a JSON Pointer into the data, skipping union-branch tags."""
    pointer, current = "", data
    for part in loc:
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
        elif isinstance(part, str) and not _is_branch_tag(part) and (current is None or isinstance(current, dict)):
            current = None  # a missing field: named in the pointer although the data has nothing there
        else:
            continue
        pointer += f"/{escape_pointer(part)}"
    return pointer


def _is_branch_tag(part: str) -> bool:
    # pydantic names union branches in error locations ("str", "dict[constrained-str,str]"); they are not keys.
    return "[" in part or part in {"str", "int", "float", "bool", "list", "dict", "none", "date"}


def _schema_findings(exc: ValidationError, data: Any, loaded: LoadedData) -> list[Finding]:
    by_pointer: dict[str, list[dict[str, Any]]] = {}
    for err in exc.errors(include_url=False):
        by_pointer.setdefault(_pointer_for(err["loc"], data), []).append(err)
    findings = []
    for pointer, errs in by_pointer.items():
        # A union (text or per-language text) fails once per branch: one finding says it once.
        messages = list(dict.fromkeys(_message(e) for e in errs))
        findings.append(
            Finding(
                code=f"schema.{errs[0]['type']}",
                severity="error",
                path=pointer,
                messages={"en": " or ".join(messages)},
                location=loaded.location(pointer),
                rule="schema",
                params={"input": _short(errs[0].get("input"))},
            )
        )
    return findings


def _message(err: dict[str, Any]) -> str:
    if err["type"] == "missing":
        return "this field is required"
    if err["type"] == "finite_number":
        return "must be a finite number (infinity and NaN are not amounts or quantities)"
    msg = err["msg"]
    return msg[0].lower() + msg[1:] if msg else msg


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _without_unknown_fields(data: Any, exc: ValidationError, loaded: LoadedData) -> tuple[Any, list[Finding]]:
    """Unknown fields are reported as warnings and left out, so the rest of the program is still checked."""
    findings, cleaned = [], copy.deepcopy(data)
    for err in exc.errors(include_url=False):
        if err["type"] != "extra_forbidden":
            continue
        *parent_loc, key = err["loc"]
        parent = cleaned
        for part in parent_loc:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                parent = None
                break
        if isinstance(parent, dict) and key in parent:
            del parent[key]
            pointer = _pointer_for(err["loc"], data)
            findings.append(
                Finding(
                    code="schema.unknown-field",
                    severity="warning",
                    path=pointer,
                    messages={"en": f"unknown field {key!r} is not part of the methodology and was left out"},
                    location=loaded.location(pointer),
                    rule="schema",
                    params={"field": key},
                )
            )
    return cleaned, findings


def methodology_of(data: Any, registry: Registry, source: str) -> Methodology:
    if not isinstance(data, dict):
        raise InputError("the program must be a mapping of fields (YAML keys or a JSON object)", location=source,
                         code="input.not-a-mapping")
    ref = data.get("methodology")
    if not isinstance(ref, dict) or not isinstance(ref.get("id"), str):
        known = ", ".join(sorted({mid for mid, _ in registry.methodologies})) or "none installed"
        raise InputError(f"the program does not say its methodology (methodology: {{id: ...}}; known: {known})",
                         location=source, code="input.no-methodology")
    version = ref.get("version")
    try:
        return registry.methodology(ref["id"], None if version is None else str(version))
    except InputError as exc:
        raise InputError(exc.message, location=source, code=exc.code) from None


def validate_data(loaded: LoadedData, registry: Registry | None = None) -> ValidatedProgram:
    """Validate already-read data against its methodology's model and every applicable rule."""
    registry = registry or get_registry()
    methodology = methodology_of(loaded.data, registry, loaded.source)
    report = Report(source=loaded.source, language=_language(loaded.data), methodology=methodology.id,
                    methodology_version=methodology.version)
    report.findings.extend(loaded.findings)
    model = methodology.model
    data = loaded.data
    program: Program | None = None
    try:
        program = model.model_validate(data)
    except ValidationError as exc:
        data, unknown = _without_unknown_fields(data, exc, loaded)
        report.findings.extend(unknown)
        try:
            program = model.model_validate(data)
        except ValidationError as exc2:
            report.findings.extend(_schema_findings(exc2, data, loaded))
    if program is not None:
        program._folder = Path(loaded.source).parent  # pictures are relative to it (`Program.folder`)
        ctx = ValidationContext(methodology, registry.catalogs, registry.codelists)
        for rule in registry.validators_for(methodology.id):
            try:
                found = list(rule.function(program, ctx))
            except SedpError:
                raise
            except Exception as exc:  # a broken rule must not hide the others' findings
                found = [Finding("rule.crashed", "error", "", {"en": f"rule {rule.rule_id} failed: {exc!r}"})]
            report.findings.extend(
                dataclasses.replace(f, rule=rule.rule_id, location=f.location or loaded.location(f.path))
                for f in found
            )
    kind = _municipality_kind(loaded.data)
    report.findings = [_translate(f, methodology, report.language, kind) for f in report.findings]
    return ValidatedProgram(program if report.valid else None, methodology, report)


def _language(data: Any) -> str | None:
    langs = data.get("languages") if isinstance(data, dict) else None
    return langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else None


def _municipality_kind(data: Any) -> str | None:
    municipality = data.get("municipality") if isinstance(data, dict) else None
    kind = municipality.get("kind") if isinstance(municipality, dict) else None
    return kind if isinstance(kind, str) else None


def _translate(f: Finding, methodology: Methodology, language: str | None, kind: str | None = None) -> Finding:
    # "<code>__<kind>" holds the wording for one kind of municipality (a town's council, not a village's).
    templates = {**methodology.messages.get(f.code, {}),
                 **(methodology.messages.get(f"{f.code}__{kind}", {}) if kind else {})}
    extra = {}
    for lang, template in templates.items():
        if lang != "en" and (language is None or lang == language):
            try:
                extra[lang] = template.format(**f.params)
            except (KeyError, IndexError, ValueError):
                continue
    return dataclasses.replace(f, messages={**f.messages, **extra}) if extra else f


def validate_file(path: str | Path) -> ValidatedProgram:
    """Read and validate a program file. Raises `InputError` when the file cannot be used at all."""
    return validate_data(load_file(path))


def load_program(path: str | Path) -> tuple[Program, Methodology, Report]:
    """Read a program that must be valid; raises `InvalidProgram` (with the report) when it is not."""
    from sedp_core.errors import InvalidProgram

    result = validate_file(path)
    if result.program is None:
        raise InvalidProgram(result.report)
    return result.program, result.methodology, result.report
