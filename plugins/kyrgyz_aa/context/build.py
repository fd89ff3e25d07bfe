"""The Kyrgyz documents' own template names, all under one context name `aa`.

Every table a template shows is flattened into rows here (one `{%tr for %}` loop per table, no nested loops);
every word comes from the version's data (labels, phrases, codelists). Numbers stay numbers where a template
filter formats them (`|num`, `|percent`, `|kg_th`, `|kg_date`); label/value lines are formatted here.
Each module builds the names of one part of the documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sedp_core import Methodology
from sedp_core.rendering.context import labels_for, program_text
from sedp_core.rendering.context_helpers import DocumentHelpers
from sedp_core.validation.memo import per_program
from sedp_kyrgyz_aa.context.alignment import alignment
from sedp_kyrgyz_aa.context.charts import baseline_chart, monitoring_chart, program_charts
from sedp_kyrgyz_aa.context.fmt import Fmt
from sedp_kyrgyz_aa.context.front import annex_heading, approved, general, preparation, resolution, title_page
from sedp_kyrgyz_aa.context.monitoring import monitoring_report
from sedp_kyrgyz_aa.context.needs import gathering, needs
from sedp_kyrgyz_aa.context.plan import action_plan, financing, results_framework, strategy, swot
from sedp_kyrgyz_aa.context.projects import passport_table, project_passports
from sedp_kyrgyz_aa.datafiles import load_version
from sedp_kyrgyz_aa.models import AaProgram
from sedp_kyrgyz_aa.names import initials
from sedp_kyrgyz_aa.numbering import numbering

__all__ = ["build_aa_context", "kind_labels"]

KIND_SEPARATOR = "__"
MAP_WIDTH_MM = 165.0
"""The text width of the program's portrait pages (the width of its tables)."""
MAP_MAX_HEIGHT_MM = 150.0
"""A map or photograph at most this high, so that its heading and caption share its page."""


def kind_labels(labels: dict[str, str], kind: str) -> dict[str, str]:
    """The labels for one municipality kind: "<key>__<kind>" replaces "<key>"; other variants are dropped."""
    return {key: labels.get(f"{key}{KIND_SEPARATOR}{kind}", text) for key, text in labels.items()
            if KIND_SEPARATOR not in key}


def build_aa_context(program: AaProgram, methodology: Methodology, language: str, item: Any,
                     core: Mapping[str, Any], helpers: DocumentHelpers) -> dict[str, Any]:
    """Every name the kg.aa templates use under `aa`, for one document language; `item` is the hearing whose
    minutes are rendered (documents per item), else None; `core` and `helpers` are the hook's core context and
    helpers."""
    # Only the hearing's minutes depend on the document (`item`): the rest is built once per program and
    # language, and shared by every document (`per_program`: validation of an approved program renders them
    # all too). `core` and `helpers` are the same for every document of the language but for the document's
    # own names, which nothing here reads.
    shared = per_program(program, ("kg.aa.context", language),
                         lambda: _program_context(program, methodology, language, core, helpers), on=(methodology,))
    if item is None:
        return shared
    data = load_version(methodology.version)
    labels = kind_labels(labels_for(methodology, language), program.municipality.kind)
    f = Fmt(data, language, program.municipality.kind)
    return {**shared, **preparation(program, data, labels, core["codes"], f, _tr(language), item)}


def _tr(language: str) -> Any:
    def tr(text: Any) -> str:
        return program_text(text, language)

    return tr


def _program_context(program: AaProgram, methodology: Methodology, language: str, core: Mapping[str, Any],
                     helpers: DocumentHelpers) -> dict[str, Any]:
    data = load_version(methodology.version)

    def tr(text: Any) -> str:
        return program_text(text, language)

    labels = kind_labels(labels_for(methodology, language), program.municipality.kind)
    codes = core["codes"]  # every codelist's titles as this methodology prints them, in the document's language
    f = Fmt(data, language, program.municipality.kind)
    nb = numbering(program)
    draft = not approved(program)
    return {
        # The proofing language of every run (build_templates.py tags each run with it): Russian documents are
        # Russian as written in Kyrgyzstan (ru-KG), not the Kyrgyz of the template's styles.
        "lang_tag": dict(data.meta.get("language_tags", {})).get(language, language),
        "draft": draft,
        **resolution(program, labels, f, tr),
        "annex_action_plan": annex_heading(program, 1, f, tr),
        "annex_passports": annex_heading(program, 2, f, tr),
        "passport_rows": passport_table(program, data, labels, f, tr, draft),
        # The program's map or photograph; without one, a draft's framed space for it (a loop table of one row).
        "map_picture": helpers.picture(program.municipality.picture, max_width_mm=MAP_WIDTH_MM,
                                       max_height_mm=MAP_MAX_HEIGHT_MM),
        "map_caption": tr(program.municipality.picture.caption) if program.municipality.picture else "",
        "map_slot": [""],
        "n_years": len(program.period.years),
        "project_passports": project_passports(program, data, labels, f, tr, nb),
        "rf_rows": results_framework(program, codes, f, tr, nb),
        "rf_years": [str(y) for y in program.period.years],
        "closing": {"head_title": labels["head_title"], "head": initials(tr(program.municipality.head))},
        **title_page(program, labels, f, tr),
        **general(program, labels, codes, f, tr),
        **preparation(program, data, labels, codes, f, tr, None),  # the last hearing's minutes
        **needs(program, labels, codes, f, tr, nb),
        **gathering(program, labels, codes, f, tr),
        **monitoring_report(program, labels, codes, f, tr, nb),
        # The labels with the wording for the municipality's kind ("<key>__town" replaces "<key>" for a town):
        # templates take kind-dependent words (the head, the kenesh) from here.
        "kl": labels,
        **strategy(program, labels, tr),
        **action_plan(program, labels, f, tr, nb),
        **financing(program, labels, core, f, tr, helpers),
        **program_charts(program, labels, codes, f, tr),
        "chart_achieved": monitoring_chart(program, labels, f, tr),
        "chart_baseline": baseline_chart(program, labels, f, tr),
        **alignment(program, methodology, core, f, nb),
        "abbreviation_rows": [{"abbr": a, "meaning": m}
                              for a, m in data.abbreviations_for(language, program.municipality.kind)],
        # The official title of the 2018 methodology was not found (`title_status` in methodology.yaml).
        "methodology_title": data.marked(tr(dict(methodology.title)), data.meta.get("title_status"),
                                         "methodology-title", f"sedp_kyrgyz_aa: data/{data.version}/methodology.yaml"),
        "risk_rows": [{"no": i, "risk": tr(r.risk), "mitigation": tr(r.mitigation)}
                      for i, r in enumerate(program.risks, 1)],
        **swot(program, tr),
    }
