"""`sedp schema doc`: a methodology's schema as Markdown, field by field, for reviewers who do not read Python."""

from __future__ import annotations

from typing import Any

from .registry import Registry, get_registry
from .registry_types import Methodology
from .schema import methodology_schema

__all__ = ["schema_markdown", "type_of"]


def type_of(prop: dict[str, Any]) -> str:
    """A short, readable type: 'list of Goal', 'text per language', 'integer or null'..."""
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        return " or ".join(type_of(p) for p in prop["anyOf"])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {type_of(prop.get('items', {}))}"
    if kind == "object" and "patternProperties" in prop:
        return "text per language"
    if "const" in prop:
        return repr(prop["const"])
    fmt = prop.get("format")
    return f"{kind} ({fmt})" if fmt else kind


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def schema_markdown(m: Methodology, registry: Registry | None = None) -> str:
    """Every object and field of a methodology's program: type, required, who added it, description, codes."""
    registry = registry or get_registry()
    schema = methodology_schema(m, registry)
    lines = [f"# {schema['title']}", "", schema["description"], "", f"Schema id: `{schema['$id']}`", "",
             "*Added by* tells whether a field belongs to the sedp core or was added by the methodology's plugin.", ""]
    sections = [("Program", schema), *sorted(schema.get("$defs", {}).items())]
    for name, body in sections:
        lines += [f"## {name}", "", (body.get("description") or "").strip(), ""]
        required = set(body.get("required", []))
        lines += ["| Field | Type | Required | Added by | Description |", "|---|---|---|---|---|"]
        for field_name, prop in body.get("properties", {}).items():
            desc = _cell(prop.get("description") or "")
            codelist_id = prop.get("x-sedp-codelist")
            if codelist_id:
                codes = registry.codelists[codelist_id].codes
                desc += f" Codes ({codelist_id}): " + ", ".join(
                    f"`{c}` {t.get('en', '')}".rstrip() for c, t in codes.items())
            origin = prop.get("x-sedp-origin", "")
            if prop.get("x-sedp-changed-by"):
                origin += f" (changed by {prop['x-sedp-changed-by']})"
            needed = "yes" if field_name in required else "no"
            lines.append(f"| `{field_name}` | {_cell(type_of(prop))} | {needed} | {origin} | {desc} |")
        lines.append("")
    if m.catalogs:
        lines += ["## Catalogs for alignment", ""]
        for cid in m.catalogs:
            cat = registry.catalogs[cid]
            lines += [f"### {cid}: {cat.title.get('en', cid)} (version {cat.version})", "",
                      "| Code | Title | Status |", "|---|---|---|"]
            for e in cat.entries:
                title = e.title.get("en") or next(iter(e.title.values()), "")
                lines.append(f"| `{e.code}` | {_cell(title)} | {e.status} |")
            lines.append("")
    return "\n".join(lines)
