"""JSON Schemas (Draft 2020-12) generated from the models, their drift check, and the reviewers' Markdown view.

Layout of `schemas/`: `core/program.schema.json` for the generic program, and
`<methodology>/<version>/program.schema.json` for each methodology version.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import __version__
from .models import Program
from .registry import Registry, get_registry
from .registry_types import Methodology

__all__ = ["check_schemas", "export_schemas", "methodology_schema", "schema_files", "schema_markdown"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _schema(model: type[Program], schema_id: str, title: str, description: str) -> dict[str, Any]:
    body = model.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    return {"$schema": DRAFT, "$id": schema_id, "title": title, "description": description, **{
        k: v for k, v in body.items() if k not in {"title", "description"}
    }}


def core_schema() -> dict[str, Any]:
    return _schema(
        Program,
        f"urn:sedp:schema:core:{__version__}",
        "sedp program (core)",
        "The generic socio-economic development program that every methodology extends.",
    )


def methodology_schema(m: Methodology) -> dict[str, Any]:
    title = m.title.get("en") or next(iter(m.title.values()), m.id)
    schema = _schema(
        m.program_model, f"urn:sedp:schema:{m.id}:{m.version}", f"{title} ({m.id} {m.version})",
        (m.description.get("en") or title) + f" Extends the sedp core program {__version__}.",
    )
    schema["x-sedp-methodology"] = {"id": m.id, "version": m.version, "catalogs": list(m.catalogs)}
    return schema


def schema_files(registry: Registry | None = None) -> dict[str, dict[str, Any]]:
    """Relative path → schema, for the core and every registered methodology version."""
    registry = registry or get_registry()
    files = {"core/program.schema.json": core_schema()}
    for m in registry.methodologies.values():
        files[f"{m.id}/{m.version}/program.schema.json"] = methodology_schema(m)
    return files


def _dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def export_schemas(out_dir: Path, registry: Registry | None = None) -> list[Path]:
    from .fileio import write_atomic

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


def _type_of(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        return " or ".join(_type_of(p) for p in prop["anyOf"])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(prop.get('items', {}))}"
    if kind == "object" and "patternProperties" in prop:
        return "text per language"
    if "enum" in prop:
        return " | ".join(repr(v) for v in prop["enum"])
    if "const" in prop:
        return repr(prop["const"])
    fmt = prop.get("format")
    return f"{kind} ({fmt})" if fmt else kind


def schema_markdown(m: Methodology, registry: Registry | None = None) -> str:
    """Every object and field of a methodology's program, for reviewers who do not read Python."""
    registry = registry or get_registry()
    schema = methodology_schema(m)
    uses: dict[str, str] = {}
    from .default_plugins.rules import CORE_CODELIST_USES

    for use in (*CORE_CODELIST_USES, *m.codelist_uses):
        uses.setdefault(use.pointer.rsplit("/", 1)[-1], use.codelist)
    lines = [f"# {schema['title']}", "", schema["description"], "", f"Schema id: `{schema['$id']}`", ""]
    sections = [("Program", schema), *sorted(schema.get("$defs", {}).items())]
    for name, body in sections:
        lines += [f"## {name}", "", (body.get("description") or "").strip(), ""]
        required = set(body.get("required", []))
        lines += ["| Field | Type | Required | Description |", "|---|---|---|---|"]
        for field_name, prop in body.get("properties", {}).items():
            desc = (prop.get("description") or "").replace("|", "\\|").replace("\n", " ")
            if field_name in uses:
                codelist = registry.codelists.get(uses[field_name])
                if codelist:
                    desc += f" Codes ({codelist.id}): " + ", ".join(f"`{c}`" for c in codelist.codes)
            needed = "yes" if field_name in required else "no"
            lines.append(f"| `{field_name}` | {_type_of(prop)} | {needed} | {desc} |")
        lines.append("")
    if m.catalogs:
        lines += ["## Catalogs for alignment", ""]
        for cid in m.catalogs:
            cat = registry.catalogs[cid]
            lines += [f"### {cid}: {cat.title.get('en', cid)} (version {cat.version})", "",
                      "| Code | Title | Status |", "|---|---|---|"]
            for e in cat.entries:
                title = e.title.get("en") or next(iter(e.title.values()), "")
                lines.append(f"| `{e.code}` | {title} | {e.status} |")
            lines.append("")
    return "\n".join(lines)
