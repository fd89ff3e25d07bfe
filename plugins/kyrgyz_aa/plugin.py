"""The Kyrgyz ayil aimak / town SEDP methodology (`kg.aa`) as a sedp plugin: the hook implementations only.

What the methodology says lives in data/<version>/ (one folder per version) and data/catalogs/; models, rules,
context, filters and formatting each have their own module, imported by the hooks that need them, so that loading
the plugin (every `sedp` command does) reads only the version's data and the catalogs.
"""

from __future__ import annotations

from typing import Any

from sedp_core import hookimpl
from sedp_kyrgyz_aa.catalogs import load_catalogs
from sedp_kyrgyz_aa.datafiles import load_version, versions
from sedp_kyrgyz_aa.methodology import METHODOLOGY_ID, build_codelists, build_methodology

# Versions whose data is complete enough to register; a folder data/<version>/ is added here once its wording,
# documents and templates exist (see docs/plugins/kyrgyz_aa.md for 2024).
REGISTERED_VERSIONS = ("2018",)


@hookimpl
def sedp_register_methodologies(register: Any) -> None:
    for version in REGISTERED_VERSIONS:
        register(build_methodology(load_version(version)))


@hookimpl
def sedp_register_codelists(register: Any) -> None:
    for version in REGISTERED_VERSIONS:
        for codelist in build_codelists(load_version(version)):
            register(codelist)


@hookimpl
def sedp_register_catalogs(register: Any) -> None:
    for catalog in load_catalogs():
        register(catalog)


@hookimpl
def sedp_register_validators(register: Any) -> None:
    from sedp_kyrgyz_aa.rules import RULES

    for rule_id, rule in RULES.items():
        register(rule_id, rule, methodologies=(METHODOLOGY_ID,))


@hookimpl
def sedp_register_template_filters(register: Any) -> None:
    from sedp_kyrgyz_aa.filters import kg_date, kg_th

    # Prefixed names: filters are shared by every plugin, so a generic name could clash.
    register("kg_th", kg_th)
    register("kg_date", kg_date)


@hookimpl
def sedp_document_context(program: Any, methodology: Any, document: Any, language: str,
                          item: Any, core_context: Any, helpers: Any) -> dict[str, Any] | None:
    if methodology.id != METHODOLOGY_ID:
        return None
    from sedp_kyrgyz_aa.context.build import build_aa_context
    from sedp_kyrgyz_aa.models import AaProgram

    if not isinstance(program, AaProgram):
        return None
    return {"aa": build_aa_context(program, methodology, language, item, core_context, helpers)}


@hookimpl
def sedp_compare_lists(program: Any, methodology: Any, helpers: Any) -> list[Any] | None:
    """`sedp compare`: the action plan first, its activities under the plan's own numbers (goal → task order)."""
    if methodology.id != METHODOLOGY_ID:
        return None
    from sedp_core.analysis.compare import ComparedList
    from sedp_kyrgyz_aa.models import AaProgram
    from sedp_kyrgyz_aa.numbering import numbering

    if not isinstance(program, AaProgram):
        return None
    numbers = numbering(program)
    return [ComparedList("activities", order=10,
                         name=lambda activity: f"{numbers.of(activity)} {helpers.text(activity.title)}".strip())]


__all__ = ["REGISTERED_VERSIONS", "versions"]
