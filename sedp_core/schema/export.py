"""JSON Schemas (Draft 2020-12) generated from the models, their drift check, and the reviewers' Markdown view.

Layout of `schemas/`: `core/program.schema.json` for the generic program, and
`<methodology>/<version>/program.schema.json` for each methodology version.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sedp_core._version import __version__
from sedp_core.models import Program
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.registry.types import Methodology
from sedp_core.schema.annotations import annotate_codelists, annotate_origins

__all__ = ["check_schemas", "core_schema", "export_schemas", "methodology_schema", "schema_files"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _schema(model: type[Program], schema_id: str, title: str, description: str) -> dict[str, Any]:
    body = model.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    return {"$schema": DRAFT, "$id": schema_id, "title": title, "description": description, **{
        k: v for k, v in body.items() if k not in {"title", "description"}
    }}


def core_schema(registry: Registry | None = None) -> dict[str, Any]:
    from sedp_core.validation.core_rules import CORE_CODELIST_USES

    registry = registry or get_registry()
    schema = _schema(
        Program,
        f"urn:sedp:schema:core:{__version__}",
        "sedp program (core)",
        "The generic socio-economic development program that every methodology extends.",
    )
    annotate_origins(schema, Program, "core")
    annotate_codelists(schema, CORE_CODELIST_USES, registry.codelists)
    return schema


def methodology_schema(m: Methodology, registry: Registry | None = None) -> dict[str, Any]:
    """The JSON Schema of a methodology version, annotated with field origins and codelists."""
    from sedp_core.validation.core_rules import CORE_CODELIST_USES

    registry = registry or get_registry()
    title = m.title.get("en") or next(iter(m.title.values()), m.id)
    schema = _schema(
        m.model, f"urn:sedp:schema:{m.id}:{m.version}", f"{title} ({m.id} {m.version})",
        (m.description.get("en") or title).strip().rstrip(".") + f". Extends the sedp core program {__version__}.",
    )
    schema["x-sedp-methodology"] = {"id": m.id, "version": m.version, "catalogs": list(m.catalogs),
                                    "plugin": registry.origins.get(m.key, "")}
    annotate_origins(schema, m.model, registry.origins.get(m.key, "plugin"))
    annotate_codelists(schema, (*CORE_CODELIST_USES, *m.codelist_uses), registry.codelists)
    return schema


def schema_files(registry: Registry | None = None) -> dict[str, dict[str, Any]]:
    """Relative path → schema, for the core and every registered methodology version."""
    registry = registry or get_registry()
    files = {"core/program.schema.json": core_schema(registry)}
    for m in registry.methodologies.values():
        files[f"{m.id}/{m.version}/program.schema.json"] = methodology_schema(m, registry)
    return files


def _dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def export_schemas(out_dir: Path, registry: Registry | None = None) -> list[Path]:
    from sedp_core.rendering.fileio import write_atomic

    written = []
    for rel, schema in schema_files(registry).items():
        path = out_dir / rel
        write_atomic(path, _dump(schema).encode("utf-8"))
        written.append(path)
    return written


def check_schemas(out_dir: Path, registry: Registry | None = None) -> list[str]:
    """Describe every difference between the committed schemas and the models (empty when in step)."""
    problems = []
    expected = schema_files(registry)
    for rel, schema in expected.items():
        path = out_dir / rel
        if not path.is_file():
            problems.append(f"{rel}: missing")
        elif path.read_text(encoding="utf-8") != _dump(schema):
            problems.append(f"{rel}: differs from the models")
    if out_dir.is_dir():
        for path in sorted(out_dir.rglob("*.schema.json")):
            rel = path.relative_to(out_dir).as_posix()
            if rel not in expected:
                problems.append(f"{rel}: no longer generated (a methodology was removed?)")
    return problems
