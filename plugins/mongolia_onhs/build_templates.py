"""Builds the Word templates of the mn.onhs methodology into templates_docx/mongolia_onhs/.

Run: `.venv/bin/python plugins/mongolia_onhs/build_templates.py`. Every word of the documents comes from the
labels (data/labels.yaml) or the program, so one template serves Mongolian and English; every table is one
`{%tr for %}` loop over rows the plugin's context module prepares.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from sedp_core.authoring import (
    add_heading,
    add_loop_table,
    add_page_break,
    add_paragraph,
    add_running_header,
    add_toc,
    landscape_section,
    new_document,
    portrait_section,
    save_template,
    set_column_widths,
)

OUT = Path(__file__).resolve().parents[2] / "templates_docx" / "mongolia_onhs"
L = "{{ labels.%s }}"


def lab(key: str) -> str:
    return L % key


def _new_section(doc: Any, landscape: bool) -> None:
    """A landscape section for a wide table, or a portrait one after it."""
    if landscape:
        landscape_section(doc)
    else:
        portrait_section(doc)


def plan() -> Any:
    """The soum's LDF annual plan."""
    doc = new_document("mn")
    add_running_header(doc, "{{ municipality_name }} — {{ title }}")
    add_paragraph(doc, "{{ approval_text }}", align="right", size=10)
    for _ in range(5):
        add_paragraph(doc)
    add_paragraph(doc, "{{ unit_line|upper }}", align="center", bold=True, size=14)
    add_paragraph(doc, "{{ title }}", style="Title", align="center", space_before=24)
    add_paragraph(doc, "{{ methodology.title }}", align="center", size=11, space_before=12)
    for _ in range(8):
        add_paragraph(doc)
    add_paragraph(doc, "{{ municipality_name }}, {{ issue_year }}", align="center")
    add_page_break(doc)
    # Word fills the contents when the file opens; `sedp render --pdf` fills them in the PDF.
    add_toc(doc, lab("h_contents"))
    add_page_break(doc)

    add_heading(doc, lab("h_general"), 1)
    add_paragraph(doc, "{{ municipality_line }}", align="justify")
    add_heading(doc, lab("h_bags"), 2)
    add_loop_table(
        doc, [lab("col_no"), lab("col_bag"), lab("col_bag_type"), lab("col_population"), lab("col_households"),
              lab("col_governor"), lab("col_inh_chair")],
        "row in bag_rows",
        ["{{ row.no }}", "{{ row.name }}", "{{ row.type }}", "{{ row.population|num }}", "{{ row.households|num }}",
         "{{ row.governor|dash }}", "{{ row.inh_chair|dash }}"],
        align=["center", "left", "left", "right", "right", "left", "left"],
        widths_mm=[10, 35, 30, 20, 20, 25, 25],
        total=["", lab("total"), "", "{{ bag_totals.population|num }}", "{{ bag_totals.households|num }}", "", ""],
    )

    add_heading(doc, lab("h_situation"), 1)
    add_paragraph(doc, "{{ program.situation.summary|t }}", align="justify")
    add_heading(doc, lab("h_passport"), 2)
    add_loop_table(
        doc, [lab("col_no"), lab("col_group"), lab("col_indicator"), lab("col_unit"), lab("col_value"),
              lab("col_year"), lab("col_source")],
        "row in passport_rows",
        ["{{ row.no }}", "{{ row.group }}", "{{ row.name }}", "{{ row.unit }}", "{{ row.value|onhs_num }}",
         "{{ row.year|dash }}", "{{ row.source|dash }}"],
        align=["center", "left", "left", "left", "right", "center", "left"],
        widths_mm=[10, 28, 50, 18, 20, 14, 25],
    )
    add_heading(doc, lab("h_swot"), 2)
    add_loop_table(doc, [lab("col_swot_part"), lab("col_swot_items")], "row in swot_rows",
                   ["{{ row.title }}", "{{ row.text }}"], widths_mm=[40, 125])

    add_heading(doc, lab("h_goals"), 1)
    add_paragraph(doc, lab("vision") + ": {{ program.vision|t }}", align="justify")
    add_loop_table(
        doc, [lab("col_no"), lab("col_goal"), lab("col_objective"), lab("col_task")], "row in goal_rows",
        ["{{ row.task_no or row.objective_no or row.goal_no }}",
         "{{ row.goal if row.first_of_goal else '' }}", "{{ row.objective if row.first_of_objective else '' }}",
         "{{ row.task|dash }}"],
        align=["center", "left", "left", "left"], widths_mm=[15, 50, 50, 50],
    )
    add_heading(doc, lab("h_indicators"), 2)
    add_loop_table(
        doc, [lab("col_code"), lab("col_indicator"), lab("col_unit"), lab("col_baseline"), lab("col_target"),
              lab("col_responsible")],
        "row in indicator_rows",
        ["{{ row.code }}", "{{ row.name }}", "{{ row.unit }}",
         "{{ row.baseline|onhs_num }} ({{ row.baseline_year|dash }})", "{{ row.final_target|onhs_num }}",
         "{{ row.responsible|dash }}"],
        align=["left", "left", "left", "right", "right", "left"], widths_mm=[15, 55, 20, 25, 20, 30],
    )

    _new_section(doc, landscape=True)
    add_heading(doc, lab("h_proposals"), 1)
    add_paragraph(doc, "{{ proposals_line }}", align="justify")
    add_loop_table(
        doc, [lab("col_no"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_channel"),
              lab("col_type"), lab("col_sector"), lab("col_cost_mnt"), lab("col_beneficiaries"),
              lab("col_plan_task"), lab("col_bag_rank")],
        "row in proposal_rows",
        ["{{ row.no }}", "{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.channel }}", "{{ row.type }}",
         "{{ row.sector }}", "{{ row.cost|amount }}", "{{ row.beneficiaries|num }} / {{ row.households|num }}",
         "{{ row.task|dash }}", "{{ row.bag_rank|dash }}"],
        align=["center", "left", "left", "left", "left", "left", "left", "right", "right", "left", "center"],
        widths_mm=[8, 15, 22, 52, 24, 22, 24, 24, 20, 36, 10],
        total=["", "", "", lab("total"), "", "", "", "{{ proposal_total_cost|amount }}", "", "", ""],
    )

    add_heading(doc, lab("h_ranking"), 1)
    add_paragraph(doc, lab("ranking_method"), align="justify")
    add_paragraph(doc, "{{ working_group_line }}", align="justify")
    add_loop_table(doc, [lab("col_no"), lab("col_criterion"), lab("col_weight")], "row in criteria_rows",
                   ["{{ row.no }}", "{{ row.name }}", "{{ row.weight|percent }}"],
                   align=["center", "left", "right"], widths_mm=[10, 120, 25])
    add_paragraph(doc, lab("scale") + ": {{ ranking_scale.min|num }}–{{ ranking_scale.max|num }}. "
                  + lab("tie_break") + ": {{ tie_break_text }}.")
    add_paragraph(doc, lab("ranking_to_confirm"), size=10)
    add_loop_table(
        doc, [lab("col_rank"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_bag_rank"),
              lab("col_votes"), lab("col_points"), lab("col_score"), lab("col_cost_mnt"), lab("col_cumulative"),
              lab("col_funded")],
        "row in ranked_rows",
        ["{{ row.rank }}", "{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.bag_rank|dash }}",
         "{{ row.votes|num }}", "{{ row.scores_text }}", "{{ row.score|num(2) }}", "{{ row.cost|amount }}",
         "{{ row.cumulative|amount }}", "{{ row.funded }}"],
        align=["center", "left", "left", "left", "center", "right", "center", "right", "right", "right", "center"],
        widths_mm=[12, 16, 24, 56, 16, 14, 22, 16, 26, 26, 18],
    )
    add_heading(doc, lab("h_excluded"), 2)
    add_loop_table(
        doc, [lab("col_no"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_cost_mnt"),
              lab("col_reason"), lab("col_note")],
        "row in excluded_rows",
        ["{{ row.no }}", "{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.cost|amount }}",
         "{{ row.reason }}", "{{ row.note|dash }}"],
        align=["center", "left", "left", "left", "right", "left", "left"],
        widths_mm=[10, 16, 26, 70, 26, 45, 60],
    )
    add_paragraph(doc, lab("negative_list_intro"), size=10)
    add_loop_table(doc, [lab("col_article"), lab("col_restriction"), lab("col_wording_status")],
                   "row in negative_list_rows", ["{{ row.article }}", "{{ row.text }}", "{{ row.status }}"],
                   align=["center", "left", "left"], widths_mm=[22, 180, 40])

    add_heading(doc, lab("h_envelope"), 1)
    add_loop_table(
        doc, [lab("col_no"), lab("col_source"), lab("col_amount_mnt"), lab("col_share"), lab("col_reference")],
        "row in envelope_rows",
        ["{{ row.no }}", "{{ row.source }}", "{{ row.amount|amount }}", "{{ row.share|percent(1) }}",
         "{{ row.reference|dash }}"],
        align=["center", "left", "right", "right", "left"], widths_mm=[10, 90, 40, 20, 90],
        total=["", lab("total"), "{{ envelope_total|amount }}", "", ""],
    )
    add_heading(doc, lab("h_allocation"), 1)
    add_paragraph(doc, "{{ allocation_line }}", align="justify")
    add_loop_table(
        doc, [lab("col_no"), lab("col_rank"), lab("col_bag"), lab("col_proposal"), lab("col_location"),
              lab("col_sector"), lab("col_beneficiaries_persons"), lab("col_cost_mnt"), lab("col_cumulative")],
        "row in allocation_rows",
        ["{{ row.no }}", "{{ row.rank }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.location|dash }}",
         "{{ row.sector }}", "{{ row.beneficiaries|num }}", "{{ row.cost|amount }}", "{{ row.cumulative|amount }}"],
        align=["center", "center", "left", "left", "left", "left", "right", "right", "right"],
        widths_mm=[10, 12, 26, 64, 40, 32, 20, 26, 26],
        total=["", "", "", lab("total"), "", "", "", "{{ funded_total|amount }}", ""],
    )

    _new_section(doc, landscape=False)
    add_heading(doc, lab("h_alignment"), 1)
    add_paragraph(doc, "{{ alignment_line }}", align="justify")
    add_loop_table(
        doc, [lab("col_code"), lab("col_level"), lab("col_v2050_entry"), lab("col_wording_status"),
              lab("col_plan_parts")],
        "row in v2050_rows",
        ["{{ row.code }}", "{{ row.level }}", "{{ row.entry }}", "{{ row.status }}", "{{ row.parts }}"],
        align=["left", "left", "left", "left", "left"], widths_mm=[20, 22, 45, 25, 53],
    )
    add_paragraph(doc, lab("v2050_note"), size=10)

    add_heading(doc, lab("h_monitoring"), 1)
    add_paragraph(doc, "{{ program.monitoring.description|t }}", align="justify")
    add_loop_table(
        doc, [lab("col_no"), lab("col_what"), lab("col_who"), lab("col_when"), lab("col_to_whom")],
        "row in monitoring_rows",
        ["{{ row.no }}", "{{ row.what }}", "{{ row.who }}", "{{ row.when }}", "{{ row.to_whom|dash }}"],
        align=["center", "left", "left", "left", "left"], widths_mm=[10, 55, 40, 30, 30],
    )
    add_paragraph(doc, lab("prepared_by") + ": {{ program.working_group.chair|t|dash }}", space_before=24)
    return doc


def minutes() -> Any:
    """The minutes of every bag ИНХ meeting of the round, in one document (one row per meeting in each table)."""
    doc = new_document("mn")
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(15)
    add_running_header(doc, "{{ municipality_name }} — " + lab("minutes_title"))
    add_paragraph(doc, "{{ unit_line }}", align="center", bold=True)
    add_paragraph(doc, lab("minutes_title"), style="Title", align="center")
    add_paragraph(doc, "{{ minutes_subtitle }}", align="center")
    add_paragraph(doc, lab("minutes_intro"), align="justify", space_before=12)

    add_heading(doc, lab("h_attendance"), 1)
    add_loop_table(
        doc, [lab("col_no"), lab("col_bag"), lab("col_date"), lab("col_place"), lab("col_registered"),
              lab("col_attendance"), lab("col_share"), lab("col_quorum"), lab("col_chair"), lab("col_secretary")],
        "row in meeting_rows",
        ["{{ row.no }}", "{{ row.bag }}", "{{ row.date|date('medium') }}", "{{ row.place }}",
         "{{ row.registered|num }}", "{{ row.attendance|num }}", "{{ row.share|percent }}", "{{ row.quorate }}",
         "{{ row.chair }}", "{{ row.secretary }}"],
        align=["center", "left", "center", "left", "right", "right", "right", "center", "left", "left"],
        widths_mm=[10, 30, 30, 45, 20, 20, 16, 16, 37, 37],
    )
    add_paragraph(doc, "{{ quorum_line }}", size=10)

    add_heading(doc, lab("h_votes"), 1)
    add_loop_table(
        doc, [lab("col_bag"), lab("col_bag_rank"), lab("col_id"), lab("col_proposal"), lab("col_votes"),
              lab("col_votes_share")],
        "row in vote_rows",
        ["{{ row.bag }}", "{{ row.rank }}", "{{ row.id }}", "{{ row.title }}", "{{ row.votes|num }}",
         "{{ row.share|percent }}"],
        align=["left", "center", "left", "left", "right", "right"], widths_mm=[35, 18, 22, 130, 25, 30],
    )
    add_heading(doc, lab("h_decisions"), 1)
    add_loop_table(doc, [lab("col_bag"), lab("col_no"), lab("col_decision")], "row in decision_rows",
                   ["{{ row.bag }}", "{{ row.no }}", "{{ row.text }}"], align=["left", "center", "left"],
                   widths_mm=[35, 12, 213])
    add_heading(doc, lab("h_signatures"), 1)
    add_loop_table(
        doc, [lab("col_bag"), lab("col_date"), lab("col_chair"), lab("col_signature"), lab("col_secretary"),
              lab("col_signature")],
        "row in meeting_rows",
        ["{{ row.bag }}", "{{ row.date|date('medium') }}", "{{ row.chair }}", " ", "{{ row.secretary }}", " "],
        widths_mm=[35, 30, 55, 45, 55, 40],
    )
    return doc


def resolution() -> Any:
    """The soum ИТХ resolution approving the list, with the list and the envelope as its annex."""
    doc = new_document("mn")
    add_running_header(doc, "{{ resolution.header }} " + lab("res_kind"))
    add_paragraph(doc, "{{ labels.draft_mark if resolution.is_draft else '' }}", align="right", bold=True)
    add_paragraph(doc, "{{ resolution.header }}", align="center", bold=True, size=14, space_before=12)
    add_paragraph(doc, lab("res_kind"), align="center", bold=True, size=14)
    table = doc.add_table(rows=1, cols=3)  # no borders: the date / number / place line of a Mongolian act
    set_column_widths(table, [85, 45, 35])
    for cell, text, align in zip(table.rows[0].cells,
                                 ("{{ resolution.date_text }}", lab("res_number") + " {{ resolution.number }}",
                                  "{{ resolution.place }}"), ("left", "center", "right"), strict=True):
        p = cell.paragraphs[0]
        p.add_run(text)
        p.alignment = {"left": 0, "center": 1, "right": 2}[align]
    add_paragraph(doc)
    add_paragraph(doc, "{{ resolution.title }}", align="center", bold=True, space_before=12)
    add_paragraph(doc, "{{ resolution.preamble }}", align="justify", space_before=12)
    add_paragraph(doc, "{{ resolution.article_1 }}", align="justify")
    add_paragraph(doc, "{{ resolution.article_2 }}", align="justify")
    add_paragraph(doc, "{{ resolution.article_3 }}", align="justify")
    add_paragraph(doc, lab("res_signature") + "\t\t\t{{ resolution.chair }}", bold=True, space_before=36)
    add_page_break(doc)
    add_paragraph(doc, "{{ resolution.annex_mark }}", align="right", size=10)
    add_paragraph(doc, "{{ resolution.annex_title }}", align="center", bold=True, space_before=12)
    add_loop_table(
        doc, [lab("col_no"), lab("col_bag"), lab("col_proposal"), lab("col_location"), lab("col_type"),
              lab("col_cost_mnt")],
        "row in allocation_rows",
        ["{{ row.no }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.location|dash }}", "{{ row.type }}",
         "{{ row.cost|amount }}"],
        align=["center", "left", "left", "left", "left", "right"], widths_mm=[10, 25, 55, 28, 22, 25],
        total=["", lab("total"), "", "", "", "{{ funded_total|amount }}"],
    )
    add_paragraph(doc, lab("h_envelope"), bold=True)
    add_loop_table(
        doc, [lab("col_no"), lab("col_source"), lab("col_amount_mnt")], "row in envelope_rows",
        ["{{ row.no }}", "{{ row.source }}", "{{ row.amount|amount }}"],
        align=["center", "left", "right"], widths_mm=[10, 115, 40],
        total=["", lab("total"), "{{ envelope_total|amount }}"],
    )
    add_paragraph(doc, "{{ allocation_line }}", align="justify")
    return doc


def main() -> None:
    for name, build in (("ldf_plan", plan), ("inh_minutes", minutes), ("itk_resolution", resolution)):
        save_template(build(), OUT / f"{name}.docx")
        print(OUT / f"{name}.docx")


if __name__ == "__main__":
    main()
