"""`sedp schema doc`: a methodology's schema as Markdown, field by field, for reviewers who do not read Python."""

from __future__ import annotations

from typing import Any

from sedp_core._version import __version__
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.registry.types import Methodology
from sedp_core.schema.export import methodology_schema

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


def _opening(m: Methodology, registry: Registry) -> str:
    """What the methodology is: its own description, or a clear default naming what is known of it."""
    own = m.description.get("en") or next(iter(m.description.values()), "")
    if own.strip():
        return own.strip()
    title = m.title.get("en") or next(iter(m.title.values()), m.id)
    plugin = registry.origins.get(m.key, "")
    return (f"The program of the methodology {title} ({m.id}, version {m.version})"
            + (f", from the plugin {plugin}" if plugin else "") + ". The plugin gives no description of the "
            "methodology (`Methodology.description`): ask its authors which official text it follows.")


def _core_descriptions(registry: Registry) -> dict[tuple[str, str], str]:
    """(section, field) → the core's description, for fields a plugin redefines without one."""
    from sedp_core.schema.export import core_schema

    core = core_schema(registry)
    out = {("Program", k): v.get("description", "") for k, v in core.get("properties", {}).items()}
    for name, body in core.get("$defs", {}).items():
        out.update({(name, k): v.get("description", "") for k, v in body.get("properties", {}).items()})
    return out


def _ref_name(prop: dict[str, Any]) -> str | None:
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    for option in prop.get("anyOf", []):
        if "$ref" in option:
            return str(option["$ref"]).rsplit("/", 1)[-1]
    return None


def schema_markdown(m: Methodology, registry: Registry | None = None) -> str:
    """Every object and field of a methodology's program: type, required, who added it, description, codes; then
    its catalogs and every rule it applies (code, severity, message)."""
    registry = registry or get_registry()
    schema = methodology_schema(m, registry)
    core = _core_descriptions(registry)
    defs = schema.get("$defs", {})
    lines = [f"# {schema['title']}", "", _opening(m, registry), "",
             f"It extends the sedp core program {__version__}. Schema id: `{schema['$id']}`", "",
             "*Added by* tells whether a field belongs to the sedp core or was added by the methodology's plugin.", ""]
    program_doc = (m.model.__doc__ or "").strip().split("\n\n")[0]
    sections = [("Program", {**schema, "description": program_doc}), *sorted(defs.items())]
    for name, body in sections:
        lines += [f"## {name}", "", " ".join((body.get("description") or "").split()), ""]
        required = set(body.get("required", []))
        lines += ["| Field | Type | Required | Added by | Description |", "|---|---|---|---|---|"]
        for field_name, prop in body.get("properties", {}).items():
            # A field a plugin redefines without a description keeps the core's; a field typed by an object
            # without one is described by that object.
            ref = _ref_name(prop)
            text = (prop.get("description") or core.get((name, field_name))
                    or (defs.get(ref, {}).get("description") if ref else "") or "")
            desc = _cell(" ".join(text.split()))
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
    lines += _rules(m, registry)
    return "\n".join(lines)


def _rules(m: Methodology, registry: Registry) -> list[str]:
    """Every rule the methodology applies, with the findings it can give and their translated messages."""
    from sedp_core.schema.rule_catalog import rule_findings

    languages = [lang for lang in m.languages if lang != "en"]
    lines = ["## Rules", "",
             "Every rule a program of this methodology is checked against beyond its fields (`sedp validate`): the "
             "sedp core's rules and the methodology's. A message shows run-time values as `{name}`.", "",
             "| Rule | Code | Severity | Message (en) |" + "".join(f" Message ({lang}) |" for lang in languages),
             "|---|---|---|---|" + "---|" * len(languages)]
    for rule in registry.validators_for(m.id):
        summary = _cell(" ".join((rule.function.__doc__ or "").strip().split("\n\n")[0].split()))
        found = rule_findings(rule.function)
        if not found:
            lines.append(f"| `{rule.rule_id}` | | | {summary} |" + " |" * len(languages))
        for f in found:
            translated = "".join(f" {_cell(m.messages.get(f.code, {}).get(lang, ''))} |" for lang in languages)
            lines.append(f"| `{rule.rule_id}` | `{f.code}` | {f.severity} | {_cell(f.message)} |{translated}")
    lines.append("")
    return lines
