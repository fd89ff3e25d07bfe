"""Builds the Word template of the bag development program (mn.bag-program):
templates_docx/mongolia_onhs/bag_program.docx.

Run: `.venv/bin/python plugins/mongolia_onhs/build_bag_templates.py`. Every word comes from
data/bag_program/labels.yaml (`labels.*`) or the program, so the one template serves Mongolian and English;
every table is one `{%tr for %}` loop over rows that bag/context.py prepares (`bp.*`), numbers
right-aligned, empty cells a dash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.shared import Mm

from sedp_core.authoring.build import (
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
)
from sedp_mongolia_onhs.build_templates import OUT, SHORT  # the plugin's template folder and short-table limit

L = "{{ labels.%s }}"


def lab(*keys: str) -> list[str]:
    return [L % k for k in keys]


def title_page(doc: Any) -> None:
    # The approval block sits top right, in a narrow column, as local acts print «... тогтоолын хавсралт».
    stamp = add_paragraph(doc, "{{ bp.approval.stamp }}", align="center", bold=True)
    stamp.paragraph_format.left_indent = Mm(85)
    block = add_paragraph(doc, "{{ bp.approval.line }}", align="center", size=11)
    block.paragraph_format.left_indent = Mm(85)
    for _ in range(6):
        add_paragraph(doc)
    add_paragraph(doc, "{{ bp.unit_line|upper }}", align="center", bold=True, size=14)
    add_paragraph(doc, L % "program_kind", style="Title", align="center", space_before=24)
    add_paragraph(doc, "({{ bp.period }})", align="center", bold=True, size=14)
    add_paragraph(doc, "{{ title }}", align="center", size=12, space_before=18)
    add_paragraph(doc, L % "phases_label" + ": {{ bp.phases_line }}", align="center", size=11, space_before=12)
    for _ in range(9):
        add_paragraph(doc)
    add_paragraph(doc, "{{ bp.names.soum }}, {{ bp.issue_year }}", align="center")
    add_page_break(doc)


def program(path: Path) -> None:
    doc = new_document("mn")
    add_running_header(doc, "{{ bp.unit_line }} — " + L % "program_kind")
    title_page(doc)
    add_toc(doc, L % "h_contents")
    add_page_break(doc)

    # --- 1. General information --------------------------------------------------------------------------
    add_heading(doc, L % "h_general", 1)
    add_paragraph(doc, "{{ bp.general_line }}", align="justify")
    add_heading(doc, L % "h_profile", 2)
    add_loop_table(doc, lab("col_label", "col_value"), "r in bp.profile_rows", ["{{ r.label }}", "{{ r.value }}"],
                   widths_mm=[70, 95], align=["left", "left"], keep_together=SHORT)
    add_heading(doc, L % "h_phases", 2)
    add_loop_table(doc, lab("col_no", "col_phase", "col_years", "col_focus", "col_activities_count"),
                   "r in bp.phase_rows",
                   ["{{ r.no }}", "{{ r.title }}", "{{ r.years }}", "{{ r.focus|dash }}", "{{ r.activities|num }}"],
                   widths_mm=[10, 40, 25, 65, 25], align=["center", "left", "center", "left", "right"],
                   keep_together=SHORT)

    # --- 2. Situation ------------------------------------------------------------------------------------
    add_heading(doc, L % "h_situation", 1)
    add_paragraph(doc, "{{ program.situation.summary|t|dash }}", align="justify")
    add_heading(doc, L % "h_passport", 2)
    add_loop_table(
        doc, lab("col_no", "col_group", "col_indicator", "col_unit", "col_value", "col_year", "col_data_source"),
        "r in passport_rows",
        ["{{ r.no }}", "{{ r.group|dash }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.value|onhs_num }}",
         "{{ r.year|dash }}", "{{ r.source|dash }}"],
        widths_mm=[10, 26, 50, 21, 20, 13, 25], align=["center", "left", "left", "left", "right", "center", "left"],
        keep_together=SHORT)
    add_heading(doc, L % "h_swot", 2)
    add_loop_table(doc, lab("col_swot_part", "col_swot_items"), "r in bp.swot_rows", ["{{ r.title }}", "{{ r.text }}"],
                   widths_mm=[40, 125], align=["left", "left"], keep_together=SHORT)

    # --- 3. Vision and values ------------------------------------------------------------------------------
    add_heading(doc, L % "h_vision", 1)
    add_paragraph(doc, L % "vision", bold=True)
    add_paragraph(doc, "{{ program.vision|t|dash }}", align="justify")
    add_paragraph(doc, L % "values_title", bold=True)
    add_paragraph(doc, "{%p for r in bp.value_rows %}")
    add_paragraph(doc, "{{ r.no }}. {{ r.text }}")
    add_paragraph(doc, "{%p endfor %}")

    # --- 4. Goals, objectives, tasks ------------------------------------------------------------------------
    add_heading(doc, L % "h_goals", 1)
    add_heading(doc, L % "h_goal_tree", 2)
    add_loop_table(doc, lab("col_goal", "col_objective", "col_task"), "r in bp.goal_rows",
                   ["{{ r.goal }}", "{{ r.objective }}", "{{ r.task }}"], widths_mm=[50, 55, 60],
                   align=["left", "left", "left"], merge_down={0: "r.goal", 1: "r.goal or r.objective"})

    # --- 4.2 indicators and 5. action plan: wide tables, landscape --------------------------------------------
    landscape_section(doc)
    add_heading(doc, L % "h_indicators", 2)
    add_loop_table(
        doc, lab("col_no", "col_for", "col_code", "col_indicator", "col_unit", "col_baseline", "col_baseline_year",
                 "col_phase_targets", "col_data_source", "col_frequency", "col_responsible"),
        "r in bp.indicator_rows",
        ["{{ r.no }}", "{{ r.owner }}", "{{ r.code }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.baseline }}",
         "{{ r.baseline_year }}", "{{ r.targets }}", "{{ r.source }}", "{{ r.frequency }}", "{{ r.responsible }}"],
        widths_mm=[10, 19, 12, 49, 21, 20, 16, 30, 35, 20, 30], font_pt=9,
        align=["center", "center", "left", "left", "left", "right", "center", "right", "left", "left", "left"])
    add_page_break(doc)
    add_heading(doc, L % "h_action_plan", 1)
    add_loop_table(
        doc, lab("col_no", "col_task_no", "col_activity", "col_period", "col_phase", "col_indicator", "col_unit",
                 "col_baseline", "col_own_phase_target", "col_cost", "col_funding", "col_responsible"),
        "r in bp.action_rows",
        ["{{ r.no }}", "{{ r.task }}", "{{ r.title }}", "{{ r.period }}", "{{ r.phase }}", "{{ r.indicator }}",
         "{{ r.unit }}", "{{ r.baseline }}", "{{ r.target }}", "{{ r.cost|amount }}", "{{ r.sources }}",
         "{{ r.responsible }}"],
        widths_mm=[10, 16, 38, 19, 13, 30, 21, 17, 18, 23, 31, 26], font_pt=9,
        align=["center", "center", "left", "center", "center", "left", "left", "right", "right", "right", "left",
               "left"],
        total=["", "", L % "total", "", "", "", "", "", "", "{{ bp.action_total|amount }}", "", ""])
    portrait_section(doc)

    # --- 6. Financing -----------------------------------------------------------------------------------------
    add_heading(doc, L % "h_financing", 1)
    add_paragraph(doc, L % "amounts_note", align="justify")
    add_heading(doc, L % "h_by_source", 2)
    add_loop_table(
        doc, lab("col_no", "col_source", "col_kind", "col_planned", "col_allocated", "col_share_total", "col_balance"),
        "r in bp.source_rows",
        ["{{ r.no }}", "{{ r.name }}", "{{ r.kind }}", "{{ r.planned|amount }}", "{{ r.amount|amount }}",
         "{{ r.share|percent(1) }}", "{{ r.balance|amount }}"],
        widths_mm=[10, 31, 24, 26, 26, 27, 21], font_pt=10,
        align=["center", "left", "left", "right", "right", "right", "right"],
        total=["", L % "total", "", "{{ bp.source_total.planned|amount }}", "{{ bp.source_total.amount|amount }}",
               "{{ bp.source_total.share|percent(1) }}", "{{ bp.source_total.balance|amount }}"], keep_together=SHORT)
    add_paragraph(doc, "{{ program.financing.notes|t }}", align="justify", size=10)
    add_heading(doc, L % "h_by_year", 2)
    add_loop_table(doc, lab("col_year", "col_phase", "col_amount", "col_share_total"), "r in bp.year_rows",
                   ["{{ r.year }}", "{{ r.phase }}", "{{ r.amount|amount }}", "{{ r.share|percent(1) }}"],
                   widths_mm=[30, 30, 65, 40], align=["center", "center", "right", "right"],
                   total=[L % "total", "", "{{ bp.year_total.amount|amount }}", "{{ bp.year_total.share|percent(1) }}"],
                   keep_together=SHORT)
    add_heading(doc, L % "h_by_phase", 2)
    add_loop_table(doc, lab("col_no", "col_phase", "col_years", "col_activities_count", "col_amount",
                            "col_share_total"),
                   "r in bp.phase_rows",
                   ["{{ r.no }}", "{{ r.title }}", "{{ r.years }}", "{{ r.activities|num }}", "{{ r.amount|amount }}",
                    "{{ r.share|percent(1) }}"],
                   widths_mm=[10, 40, 22, 25, 37, 31], align=["center", "left", "center", "right", "right", "right"],
                   total=["", L % "total", "", "", "{{ bp.phase_total.amount|amount }}",
                          "{{ bp.phase_total.share|percent(1) }}"], keep_together=SHORT)
    add_paragraph(doc, L % "phase_amounts_note", size=9)
    add_heading(doc, L % "h_by_year_source", 2)
    add_loop_table(doc, lab("col_year", "col_source", "col_amount"), "r in bp.year_source_rows",
                   ["{{ r.year }}", "{{ r.source }}", "{{ r.amount|amount }}"],
                   widths_mm=[25, 100, 40], align=["center", "left", "right"],
                   total=["", L % "total", "{{ bp.year_total.amount|amount }}"], keep_together=SHORT)

    # --- 7. Alignment -----------------------------------------------------------------------------------------
    add_heading(doc, L % "h_alignment", 1)
    add_paragraph(doc, L % "alignment_intro", align="justify")
    add_loop_table(
        doc, lab("col_catalog", "col_code", "col_level", "col_entry", "col_parts"),
        "r in bp.alignment_rows",
        ["{{ r.catalog }}", "{{ r.code }}", "{{ r.level }}", "{{ r.entry }}", "{{ r.parts }}"],
        widths_mm=[31, 20, 23, 45, 46], font_pt=9, align=["left"] * 5, keep_together=SHORT)
    add_paragraph(doc, "{%p for r in bp.coverage_rows %}")
    add_paragraph(doc, "{{ r.text }}", align="justify")
    add_paragraph(doc, "{%p endfor %}")

    # --- 8. Monitoring ----------------------------------------------------------------------------------------
    add_heading(doc, L % "h_monitoring", 1)
    add_paragraph(doc, "{{ program.monitoring.description|t|dash }}", align="justify")
    add_paragraph(doc, L % "mon_responsible" + " {{ program.monitoring.responsible|t|dash }}")
    add_heading(doc, L % "h_mon_steps", 2)
    add_loop_table(doc, lab("col_no", "col_what", "col_who", "col_when", "col_to_whom"), "r in bp.monitoring_rows",
                   ["{{ r.no }}", "{{ r.what }}", "{{ r.who }}", "{{ r.when }}", "{{ r.to_whom|dash }}"],
                   widths_mm=[10, 49, 35, 35, 36], align=["center", "left", "left", "left", "left"],
                   keep_together=SHORT)
    add_paragraph(doc, L % "evaluation" + " {{ program.monitoring.evaluation|t|dash }}", align="justify")
    save_template(doc, path)


def main() -> None:
    path = OUT / "bag_program.docx"
    program(path)
    print(path)


if __name__ == "__main__":
    main()
