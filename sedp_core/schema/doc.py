"""`sedp schema doc`: a methodology's schema as Markdown, field by field, for reviewers who do not read Python.

In English by default; with a language (`sedp schema doc kg.aa --lang ru`) its words come from the core's catalog,
the fields' descriptions from the catalog (core fields) or the methodology's `field_descriptions`, codes and
catalog entries by their titles in that language, and the rules' messages in it. A text that has no translation
is left out there rather than shown in English (the objects' own descriptions, the rules' summaries, which are the
models' and rules' docstrings); field and object names stay as the schema names them.
"""

from __future__ import annotations

import gettext
from typing import Any

from sedp_core._version import __version__
from sedp_core.i18n import N_, SOURCE_LANGUAGE, translation
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.registry.types import Methodology
from sedp_core.schema.export import methodology_schema

__all__ = ["schema_markdown", "type_of"]

KINDS = {"string": N_("string"), "integer": N_("integer"), "number": N_("number"), "boolean": N_("boolean"),
         "object": N_("object"), "null": N_("null"), "any": N_("any"), "array": N_("array")}
"""JSON Schema's type names, as msgids (English keeps them as they are)."""
WORDS = (N_("yes"), N_("no"), N_("core"), N_("error"), N_("warning"), N_("info"), N_("confirmed"), N_("to confirm"),
         N_("sourced"))
"""Words of the tables that are values (required, added by, severity, status), as msgids."""


def type_of(prop: dict[str, Any], t: gettext.NullTranslations | None = None) -> str:
    """A short, readable type: 'list of Goal', 'text per language', 'integer or null'... (in `t`'s language)."""
    t = t or translation(SOURCE_LANGUAGE)
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        return t.gettext(" or ").join(type_of(p, t) for p in prop["anyOf"])
    kind = prop.get("type", "any")
    if kind == "array":
        return t.gettext("list of {item}").format(item=type_of(prop.get("items", {}), t))
    if kind == "object" and "patternProperties" in prop:
        return t.gettext("text per language")
    if "const" in prop:
        return repr(prop["const"])
    fmt = prop.get("format")
    word = t.gettext(KINDS[kind]) if kind in KINDS else kind
    return f"{word} ({fmt})" if fmt else word


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _opening(m: Methodology, registry: Registry, language: str, t: gettext.NullTranslations) -> str:
    """What the methodology is: its own description, or a clear default naming what is known of it."""
    own = m.description.get(language) or ("" if language != SOURCE_LANGUAGE else
                                          next(iter(m.description.values()), ""))
    if own.strip():
        return own.strip()
    title = m.title.get(language) or m.title.get("en") or next(iter(m.title.values()), m.id)
    plugin = registry.origins.get(m.key, "")
    said = (t.gettext("The program of the methodology {title} ({id}, version {version}), from the plugin {plugin}.")
            if plugin else t.gettext("The program of the methodology {title} ({id}, version {version})."))
    return (said.format(title=title, id=m.id, version=m.version, plugin=plugin) + " " + t.gettext(
        "The plugin gives no description of the methodology (`Methodology.description`): ask its authors which "
        "official text it follows."))


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


def schema_markdown(m: Methodology, registry: Registry | None = None, language: str = SOURCE_LANGUAGE) -> str:
    """Every object and field of a methodology's program: type, required, who added it, description, codes; then
    its catalogs and every rule it applies (code, severity, message); in `language` (see the module's doc)."""
    registry = registry or get_registry()
    t = translation(language)
    english = language == SOURCE_LANGUAGE
    schema = methodology_schema(m, registry)
    core = _core_descriptions(registry)
    defs = schema.get("$defs", {})
    title = m.title.get(language) or schema["title"]
    lines = [f"# {title}", "", _opening(m, registry, language, t), "",
             t.gettext("It extends the sedp core program {version}. Schema id: `{id}`").format(
                 version=__version__, id=schema["$id"]), "",
             t.gettext("*Added by* tells whether a field belongs to the sedp core or was added by the methodology's "
                       "plugin."), ""]
    program_doc = (m.model.__doc__ or "").strip().split("\n\n")[0]
    sections = [("Program", {**schema, "description": program_doc}), *sorted(defs.items())]
    yes, no, core_word = t.gettext("yes"), t.gettext("no"), t.gettext("core")
    for name, body in sections:
        # An object's description is its model's docstring, English only.
        about = " ".join((body.get("description") or "").split()) if english else ""
        lines += [f"## {name}", "", *([about, ""] if about else [])]
        required = set(body.get("required", []))
        lines += [t.gettext("| Field | Type | Required | Added by | Description |"), "|---|---|---|---|---|"]
        for field_name, prop in body.get("properties", {}).items():
            # A field a plugin redefines without a description keeps the core's; a field typed by an object
            # without one is described by that object.
            ref = _ref_name(prop)
            text = (prop.get("description") or core.get((name, field_name))
                    or (defs.get(ref, {}).get("description") if ref else "") or "")
            if not english:
                text = m.described(text, field_name, language)
            desc = _cell(" ".join(text.split()))
            codelist_id = prop.get("x-sedp-codelist")
            if codelist_id:
                codes = registry.codelists[codelist_id].codes
                desc += " " + t.gettext("Codes ({codelist}):").format(codelist=codelist_id) + " " + ", ".join(
                    f"`{c}` {titles.get(language, '')}".rstrip() for c, titles in codes.items())
            origin = prop.get("x-sedp-origin", "")
            origin = core_word if origin == "core" else origin
            if prop.get("x-sedp-changed-by"):
                origin += " " + t.gettext("(changed by {plugin})").format(plugin=prop["x-sedp-changed-by"])
            needed = yes if field_name in required else no
            lines.append(f"| `{field_name}` | {_cell(type_of(prop, t))} | {needed} | {origin} | {desc.strip()} |")
        lines.append("")
    if m.catalogs:
        lines += [t.gettext("## Catalogs for alignment"), ""]
        for cid in m.catalogs:
            cat = registry.catalogs[cid]
            lines += [f"### {cid}: {cat.title.get(language) or cat.title.get('en', cid)} "
                      + t.gettext("(version {version})").format(version=cat.version), "",
                      t.gettext("| Code | Title | Status |"), "|---|---|---|"]
            for e in cat.entries:
                entry = e.title.get(language) or ("" if not english else next(iter(e.title.values()), ""))
                lines.append(f"| `{e.code}` | {_cell(entry)} | {t.gettext(e.status) if e.status else ''} |")
            lines.append("")
    lines += _rules(m, registry, language, t)
    return "\n".join(lines)


def _rules(m: Methodology, registry: Registry, language: str, t: gettext.NullTranslations) -> list[str]:
    """Every rule the methodology applies, with the findings it can give and their translated messages: in
    English, the English message and one column per language of the methodology; in another language, its own."""
    from sedp_core.schema.rule_catalog import rule_findings

    english = language == SOURCE_LANGUAGE
    languages = [lang for lang in m.languages if lang != "en"] if english else [language]
    message = t.gettext("Message ({language})")
    lines = [t.gettext("## Rules"), "",
             t.gettext("Every rule a program of this methodology is checked against beyond its fields (`sedp "
                       "validate`): the sedp core's rules and the methodology's. A message shows run-time values "
                       "as `{name}`."), "",
             t.gettext("| Rule | Code | Severity |") + (" Message (en) |" if english else "")
             + "".join(f" {message.format(language=lang)} |" for lang in languages),
             "|---|---|---|" + ("---|" if english else "") + "---|" * len(languages)]

    def in_language(code: str, msgid: str, lang: str) -> str:
        own = m.messages.get(code, {}).get(lang, "")
        translated = translation(lang).gettext(msgid)  # the core's own rules speak through the catalog
        return own or (translated if translated != msgid else "")

    for rule in registry.validators_for(m.id):
        summary = _cell(" ".join((rule.function.__doc__ or "").strip().split("\n\n")[0].split())) if english else ""
        found = rule_findings(rule.function)
        if not found:
            lines.append(f"| `{rule.rule_id}` | | |" + (f" {summary} |" if english else "") + " |" * len(languages))
        for f in found:
            translated = "".join(f" {_cell(in_language(f.code, f.message, lang))} |" for lang in languages)
            severity = t.gettext(f.severity)
            lines.append(f"| `{rule.rule_id}` | `{f.code}` | {severity} |"
                         + (f" {_cell(f.message)} |" if english else "") + translated)
    lines.append("")
    return lines
