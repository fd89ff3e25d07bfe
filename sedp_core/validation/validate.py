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

from sedp_core.errors import InputError
from sedp_core.findings import Finding, Report
from sedp_core.i18n import N_, Term, messages_for
from sedp_core.input.loader import LoadedData, load_file
from sedp_core.models import Program
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.registry.types import Methodology
from sedp_core.validation.context import ValidationContext
from sedp_core.validation.memo import memo_scope
from sedp_core.validation.partial import PartialProgram, build_partial, pointer_of
from sedp_core.validation.rule_runner import rules_not_run, run_rules
from sedp_core.validation.schema_messages import schema_messages

__all__ = ["ValidatedProgram", "load_program", "validate_data", "validate_file"]


@dataclass
class ValidatedProgram:
    """A program that was read and checked: the model (None when the schema failed), its methodology and report."""

    program: Program | None
    methodology: Methodology
    report: Report


def _pointer_for(loc: tuple[Any, ...], data: Any) -> str:
    """Turn a pydantic error location into a JSON Pointer into the data, skipping union-branch tags."""
    return pointer_of(loc, data)


def _schema_findings(exc: ValidationError, data: Any, loaded: LoadedData) -> list[Finding]:
    by_pointer: dict[str, list[dict[str, Any]]] = {}
    for err in exc.errors(include_url=False):
        by_pointer.setdefault(_pointer_for(err["loc"], data), []).append(err)
    findings = []
    for pointer, errs in by_pointer.items():
        findings.append(
            Finding(
                code=f"schema.{errs[0]['type']}",
                severity="error",
                path=pointer,
                messages=schema_messages(errs),  # in every catalog language, with the fix
                location=loaded.location(pointer),
                rule="schema",
                params={"input": _short(errs[0].get("input"))},
            )
        )
    return findings


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
                    messages=messages_for(N_("unknown field '{field}' is not part of the methodology and was left out"),
                                          field=key),
                    location=loaded.location(pointer),
                    rule="schema",
                    params={"field": key},
                )
            )
    return cleaned, findings


def methodology_of(data: Any, registry: Registry, source: str) -> Methodology:
    if not isinstance(data, dict):
        raise InputError(N_("the program must be a mapping of fields (YAML keys or a JSON object)"), params={},
                         location=source, code="input.not-a-mapping")
    ref = data.get("methodology")
    if not isinstance(ref, dict) or not isinstance(ref.get("id"), str):
        known = ", ".join(sorted({mid for mid, _ in registry.methodologies})) or Term(N_("none installed"))
        raise InputError(N_("the program does not say its methodology (methodology: {{id: ...}}; known: {known})"),
                         params={"known": known}, location=source, code="input.no-methodology")
    version = ref.get("version")
    try:
        return registry.methodology(ref["id"], None if version is None else str(version))
    except InputError as exc:
        raise InputError(exc.msgid, params=exc.params, location=source, code=exc.code) from None


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
    partial: PartialProgram | None = None
    try:
        program = model.model_validate(data)
    except ValidationError as exc:
        data, unknown = _without_unknown_fields(data, exc, loaded)
        report.findings.extend(unknown)
        try:
            program = model.model_validate(data)
        except ValidationError as exc2:
            report.findings.extend(_schema_findings(exc2, data, loaded))
            # The rules still check what passed the schema: every problem in one run.
            partial = build_partial(model, data, exc2.errors(include_url=False))
    rules = registry.validators_for(methodology.id)
    checked = program if program is not None else partial.program if partial is not None else None
    if checked is not None:
        checked._folder = Path(loaded.source).parent  # pictures are relative to it (`Program.folder`)
        left_out = partial.left_out if partial is not None else ()
        ctx = ValidationContext(methodology, registry.catalogs, registry.codelists, left_out=left_out)
        with memo_scope():  # the rules (and the rendering an approved program's rule does) share the walks
            report.findings.extend(run_rules(checked, ctx, rules, loaded.location, partial))
    else:
        report.findings.append(rules_not_run(rules, loaded.location))
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
                extra[lang] = template.format(**{**f.params, **{k: t.in_language(lang) for k, t in f.terms.items()}})
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
