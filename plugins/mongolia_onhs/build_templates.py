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

from sedp_core.authoring.build import (
    add_annex,
    add_chart,
    add_heading,
    add_loop_table,
    add_page_break,
    add_paragraph,
    add_running_header,
    add_signature_block,
    add_toc,
    landscape_section,
    new_document,
    portrait_section,
    save_template,
    set_column_widths,
)

OUT = Path(__file__).resolve().parents[2] / "templates_docx" / "mongolia_onhs"
L = "{{ labels.%s }}"
# Tables of at most this many rows (a few) stay on one page (see add_loop_table); longer lists flow across pages:
# moved whole, a table of a dozen two-line rows would leave most of the page before it empty. The allocation
# tables are never kept together for that reason.
SHORT = 6


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
    add_paragraph(doc, "{{ place_year_line }}", align="center")
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
        widths_mm=[10, 29, 28, 22, 23, 26, 27],
        total=["", lab("total"), "", "{{ bag_totals.population|num }}", "{{ bag_totals.households|num }}", "", ""],
        keep_together=SHORT,
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
        widths_mm=[10, 27, 48, 21, 20, 14, 25],
        keep_together=SHORT,
    )
    add_heading(doc, lab("h_swot"), 2)
    add_loop_table(doc, [lab("col_swot_part"), lab("col_swot_items")], "row in swot_rows",
                   ["{{ row.title }}", "{{ row.text }}"], widths_mm=[40, 125], keep_together=SHORT)

    add_heading(doc, lab("h_goals"), 1)
    add_paragraph(doc, lab("vision") + ": {{ program.vision|t }}", align="justify")
    add_loop_table(
        doc, [lab("col_no"), lab("col_goal"), lab("col_objective"), lab("col_task")], "row in goal_rows",
        ["{{ row.task_no or row.objective_no or row.goal_no }}",
         "{{ row.goal if row.first_of_goal else '' }}", "{{ row.objective if row.first_of_objective else '' }}",
         "{{ row.task|dash }}"],
        align=["center", "left", "left", "left"], widths_mm=[15, 50, 50, 50],
        merge_down={1: "row.first_of_goal", 2: "row.first_of_objective"},
    )
    add_heading(doc, lab("h_indicators"), 2)
    add_loop_table(
        doc, [lab("col_no"), lab("col_indicator"), lab("col_unit"), lab("col_baseline"), lab("col_target"),
              lab("col_responsible")],
        "row in indicator_rows",
        ["{{ row.no }}", "{{ row.name }}", "{{ row.unit }}",
         "{{ row.baseline|onhs_num }} ({{ row.baseline_year|dash }})", "{{ row.final_target|onhs_num }}",
         "{{ row.responsible|dash }}"],
        align=["left", "left", "left", "right", "right", "left"], widths_mm=[15, 55, 20, 25, 20, 30],
        keep_together=SHORT,
    )

    _new_section(doc, landscape=True)
    add_heading(doc, lab("h_proposals"), 1)
    add_paragraph(doc, "{{ proposals_line }}", align="justify")
    # The plan task is its number in chapter 3 (the name is there): a long task name made rows so tall that a
    # page held five proposals. The description goes under the title, in the same cell.
    add_loop_table(
        doc, [lab("col_no"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_proposer"),
              lab("col_channel"), lab("col_type"), lab("col_sector"), lab("col_cost_mnt"), lab("col_beneficiaries"),
              lab("col_plan_task"), lab("col_bag_rank")],
        "row in proposal_rows",
        ["{{ row.no }}", "{{ row.id }}", "{{ row.bag }}",
         "{{ row.title }}{% if row.description %}\n{{ row.description }}{% endif %}", "{{ row.proposer }}",
         "{{ row.channel }}", "{{ row.type }}", "{{ row.sector }}", "{{ row.cost|amount }}",
         "{{ row.beneficiaries|num }} / {{ row.households|num }}", "{{ row.task|dash }}", "{{ row.bag_rank|dash }}"],
        align=["center", "left", "left", "left", "left", "left", "left", "left", "right", "right", "center",
               "center"],
        widths_mm=[9, 20, 21, 42, 26, 22, 21, 22, 22, 20, 18, 19], font_pt=9,
        total=["", "", "", lab("total"), "", "", "", "", "{{ proposal_total_cost|amount }}", "", "", ""],
    )
    add_heading(doc, lab("h_attendance"), 2)
    add_loop_table(
        doc, [lab("col_no"), lab("col_bag"), lab("col_date"), lab("col_registered"), lab("col_attendance"),
              lab("col_share"), lab("col_quorum")],
        "row in meeting_rows",
        ["{{ row.no }}", "{{ row.bag }}", "{{ row.date_text }}", "{{ row.registered|num }}",
         "{{ row.attendance|num }}", "{{ row.share|percent(1) }}", "{{ row.quorate_text }}"],
        align=["center", "left", "left", "right", "right", "right", "center"],
        widths_mm=[10, 50, 70, 30, 28, 24, 30],
        keep_together=SHORT,
    )
    add_paragraph(doc, "{{ quorum_line }}", size=10)

    add_heading(doc, lab("h_ranking"), 1)
    add_paragraph(doc, lab("ranking_method"), align="justify")
    add_paragraph(doc, "{{ working_group_line }}", align="justify")
    add_loop_table(doc, [lab("col_no"), lab("col_criterion"), lab("col_weight")], "row in criteria_rows",
                   ["{{ row.no }}", "{{ row.name }}", "{{ row.weight|percent }}"],
                   align=["center", "left", "right"], widths_mm=[10, 120, 25], keep_together=SHORT)
    add_paragraph(doc, lab("scale") + ": {{ ranking_scale.min|num }}–{{ ranking_scale.max|num }}. "
                  + lab("tie_break") + ": {{ tie_break_text }}.")
    # Every proposal not funded says why on the same line (the points by criterion are in the working group's
    # document).
    add_loop_table(
        doc, [lab("col_rank"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_bag_rank"),
              lab("col_votes"), lab("col_score"), lab("col_cost_mnt"), lab("col_cumulative"),
              lab("col_funded"), lab("col_funded_reason")],
        "row in ranked_rows",
        ["{{ row.rank }}", "{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.bag_rank|dash }}",
         "{{ row.votes|num }}", "{{ row.score|num(2) }}", "{{ row.cost|amount }}",
         "{{ row.cumulative|amount }}", "{{ row.funded }}", "{{ row.reason|dash }}"],
        align=["center", "left", "left", "left", "center", "right", "right", "right", "right", "center", "left"],
        widths_mm=[16, 20, 22, 40, 19, 14, 20, 23, 23, 24, 41], font_pt=9,
    )
    add_heading(doc, lab("h_excluded"), 2)
    add_loop_table(
        doc, [lab("col_no"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_cost_mnt"),
              lab("col_reason"), lab("col_note")],
        "row in excluded_rows",
        ["{{ row.no }}", "{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.cost|amount }}",
         "{{ row.reason }}", "{{ row.note|dash }}"],
        align=["center", "left", "left", "left", "right", "left", "left"],
        widths_mm=[10, 20, 26, 70, 26, 45, 60],
        keep_together=SHORT,
    )
    add_paragraph(doc, lab("negative_list_intro"), size=10, keep_with_next=True)
    add_loop_table(doc, [lab("col_article"), lab("col_restriction")],
                   "row in negative_list_rows", ["{{ row.article }}", "{{ row.text }}"],
                   align=["center", "left"], widths_mm=[22, 220], keep_together=SHORT)

    add_heading(doc, lab("h_envelope"), 1)
    add_loop_table(
        doc, [lab("col_no"), lab("col_source"), lab("col_amount_mnt"), lab("col_share_envelope"), lab("col_reference")],
        "row in envelope_rows",
        ["{{ row.no }}", "{{ row.source }}", "{{ row.amount|amount }}", "{{ row.share|percent(1) }}",
         "{{ row.reference if row.note else row.reference|dash }}"
         "{% if row.note %}{% if row.reference %}\n{% endif %}{{ row.note }}{% endif %}"],
        align=["center", "left", "right", "right", "left"], widths_mm=[10, 85, 40, 35, 80],
        total=["", lab("total"), "{{ envelope_total|amount }}", "", ""],
        keep_together=SHORT,
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
        widths_mm=[10, 16, 26, 62, 38, 32, 26, 26, 26],
        total=["", "", "", lab("total"), "", "", "", "{{ funded_total|amount }}", ""],
    )
    add_heading(doc, lab("h_schedule"), 2)
    add_loop_table(
        doc, [lab("col_no"), lab("col_id"), lab("col_proposal"), lab("col_cost_mnt"), lab("col_months"),
              lab("col_implementer"), lab("col_procurement")],
        "row in schedule_rows",
        ["{{ row.no }}", "{{ row.id }}", "{{ row.title }}", "{{ row.cost|amount }}",
         "{{ row.months or labels.schedule_missing }}", "{{ row.responsible|dash }}", "{{ row.procurement|dash }}"],
        align=["center", "left", "left", "right", "left", "left", "left"],
        widths_mm=[10, 20, 70, 28, 35, 50, 49],
        keep_together=SHORT,
    )
    add_heading(doc, lab("h_by_sector"), 2)
    add_loop_table(
        doc, [lab("col_no"), lab("col_sector"), lab("col_count"), lab("col_amount_mnt"), lab("col_share_funded")],
        "row in sector_rows",
        ["{{ row.no }}", "{{ row.sector }}", "{{ row.count }}", "{{ row.amount|amount }}",
         "{{ row.share|percent(1) }}"],
        align=["center", "left", "center", "right", "right"], widths_mm=[10, 85, 25, 45, 35],
        total=["", lab("total"), "{{ funded_count }}", "{{ funded_total|amount }}", ""],
        keep_together=SHORT,
    )
    add_chart(doc, "chart_by_sector", lab("chart_by_sector"))

    _new_section(doc, landscape=False)
    add_heading(doc, lab("h_alignment"), 1)
    add_paragraph(doc, "{{ alignment_line }}", align="justify")
    add_loop_table(
        doc, [lab("col_code"), lab("col_level"), lab("col_v2050_entry"), lab("col_plan_parts")],
        "row in v2050_rows",
        ["{{ row.code }}", "{{ row.level }}", "{{ row.entry }}", "{{ row.parts }}"],
        align=["left", "left", "left", "left"], widths_mm=[20, 23, 61, 61],
        keep_together=SHORT,
    )

    add_heading(doc, lab("h_monitoring"), 1)
    add_paragraph(doc, "{{ program.monitoring.description|t }}", align="justify")
    add_loop_table(
        doc, [lab("col_no"), lab("col_what"), lab("col_who"), lab("col_when"), lab("col_to_whom")],
        "row in monitoring_rows",
        ["{{ row.no }}", "{{ row.what }}", "{{ row.who }}", "{{ row.when }}", "{{ row.to_whom|dash }}"],
        align=["center", "left", "left", "left", "left"], widths_mm=[10, 55, 40, 30, 30],
        keep_together=SHORT,
    )
    # How results are evaluated, when the program says (a paragraph only then), after the table the
    # description introduces.
    add_paragraph(doc, "{%p if program.monitoring.evaluation %}")
    add_paragraph(doc, "{{ program.monitoring.evaluation|t }}", align="justify")
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, lab("prepared_by") + ": {{ program.working_group.chair|t|dash }}", space_before=24)
    return doc


def minutes() -> Any:
    """The minutes of one bag ИНХ meeting (the core renders it once per meeting, `meeting` in the context)."""
    doc = new_document("mn")
    add_running_header(doc, "{{ municipality_name }} — {{ meeting.bag }}")
    add_paragraph(doc, "{{ unit_line }}", align="center", bold=True)
    add_paragraph(doc, "{{ meeting.bag }}", align="center", bold=True)
    add_paragraph(doc, lab("minutes_one_title"), align="center", bold=True, size=14, space_before=12)
    add_paragraph(doc, "{{ meeting_lines.number_line }}", align="center", space_before=6)
    add_paragraph(doc, "{{ meeting_lines.place_line }}", align="center")
    add_paragraph(doc, lab("minutes_agenda_h") + ": {{ minutes_agenda }}", align="justify", space_before=12)

    add_heading(doc, lab("h_m_attendance"), 1)
    add_paragraph(doc, "{{ meeting_lines.attendance_line }} "
                  "{{ labels.quorum_met if meeting.quorate else labels.quorum_not_met }}", align="justify")
    add_paragraph(doc, "{{ quorum_line }}", size=10)
    add_paragraph(doc, "{%p if meeting_lines.voting_line %}")
    add_paragraph(doc, "{{ meeting_lines.voting_line }}")
    add_paragraph(doc, "{%p endif %}")

    add_heading(doc, lab("h_m_votes"), 1)
    # A paragraph only when the list is empty: otherwise an empty line would stand between heading and table.
    add_paragraph(doc, "{%p if not meeting.proposals %}")
    add_paragraph(doc, "{{ labels.minutes_no_votes }}")
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, "{%p if not meeting.quorate %}")
    add_paragraph(doc, "{{ labels.minutes_votes_not_adopted }}", bold=True, keep_with_next=True)
    add_paragraph(doc, "{%p endif %}")
    # Ranked proposals first, then those discussed but not ranked, with what became of them.
    add_loop_table(
        doc, [lab("col_rank"), lab("col_id"), lab("col_proposal"), lab("col_proposer"), lab("col_votes"),
              lab("col_votes_share")],
        "v in meeting.votes",
        ["{{ v.rank|dash }}", "{{ v.id }}", "{{ v.title }}{% if v.outcome %}\n{{ v.outcome }}{% endif %}",
         "{{ v.proposer }}", "{{ v.votes|num }}", "{{ v.share|percent }}"],
        align=["center", "left", "left", "left", "right", "right"], widths_mm=[16, 20, 55, 30, 17, 27],
        keep_together=SHORT,
    )
    add_heading(doc, lab("h_m_decisions"), 1)
    add_paragraph(doc, "{%p if meeting_lines.outcome_line %}")
    add_paragraph(doc, "{{ meeting_lines.outcome_line }}", bold=True, align="justify", keep_with_next=True)
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, "{%p if not meeting.decisions %}")
    add_paragraph(doc, "{{ labels.minutes_no_decisions }}")
    add_paragraph(doc, "{%p endif %}")
    add_loop_table(doc, [lab("col_no"), lab("col_decision")], "d in meeting.decisions",
                   ["{{ d.no }}", "{{ d.text }}"], align=["center", "left"], widths_mm=[12, 153], keep_together=SHORT)

    add_signature_block(doc, [("{{ meeting.chair_position }}:", "/{{ meeting.chair }}/"),
                              ("{{ meeting.secretary_position }}:", "/{{ meeting.secretary }}/")])
    return doc


def results_notice() -> Any:
    """The results notice of one bag (once per bag, `notice` in the context): what was funded and why each other
    proposal was not, for the notice board and the citizens the APA's transparency indicators presume informed."""
    doc = new_document("mn")
    add_running_header(doc, "{{ municipality_name }} — {{ notice.bag }}")
    add_paragraph(doc, "{{ unit_line }}", align="center", bold=True)
    add_paragraph(doc, "{{ notice.bag }}", align="center", bold=True)
    add_paragraph(doc, lab("notice_kind"), align="center", bold=True, size=14, space_before=12)
    add_paragraph(doc, "{{ notice_lines.title }}", align="center", bold=True)
    add_paragraph(doc, "{{ notice_lines.summary }}", align="justify", space_before=12, keep_with_next=True)
    # No proposer's name: the notice goes on a public board.
    add_loop_table(
        doc, [lab("col_no"), lab("col_id"), lab("col_proposal"), lab("col_cost_mnt"), lab("col_decision_reason")],
        "row in notice.rows",
        ["{{ row.no }}", "{{ row.id }}", "{{ row.title }}", "{{ row.cost|amount }}", "{{ row.reason }}"],
        align=["center", "left", "left", "right", "left"],
        widths_mm=[9, 20, 62, 25, 49], font_pt=10,
    )
    add_paragraph(doc, "{{ notice_lines.basis }}", size=10)
    add_signature_block(doc, [(lab("notice_sign") + ":", "/{{ notice.governor|dash }}/")])
    return doc


def working_group() -> Any:
    """The soum working group's consolidated ranking: lists received, criteria, full score table, ties and the
    allocation with a reason per line, so anyone can recompute it by hand."""
    doc = new_document("mn")
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(15)
    add_running_header(doc, "{{ municipality_name }} — " + lab("wg_title"))
    add_paragraph(doc, "{{ unit_line }}", align="center", bold=True)
    add_paragraph(doc, lab("wg_title"), style="Title", align="center")
    add_paragraph(doc, "{{ wg_subtitle }}", align="center")
    add_paragraph(doc, lab("wg_intro"), align="justify", space_before=12)
    add_paragraph(doc, "{{ working_group_line }}", align="justify")

    add_heading(doc, lab("h_wg_meetings"), 1)
    add_loop_table(
        doc, [lab("col_no"), lab("col_bag"), lab("col_date"), lab("col_registered"), lab("col_attendance"),
              lab("col_share"), lab("col_quorum"), lab("col_chair"), lab("col_ranked_count")],
        "row in meeting_rows",
        ["{{ row.no }}", "{{ row.bag }}", "{{ row.date_text }}", "{{ row.registered|num }}",
         "{{ row.attendance|num }}", "{{ row.share|percent(1) }}", "{{ row.quorate_text }}", "{{ row.chair }}",
         "{{ row.proposals }}"],
        align=["center", "left", "left", "right", "right", "right", "center", "left", "center"],
        widths_mm=[10, 42, 52, 28, 24, 18, 24, 38, 26],
        keep_together=SHORT,
    )
    add_paragraph(doc, "{{ quorum_line }}", size=10)

    add_heading(doc, lab("h_wg_criteria"), 1)
    add_loop_table(
        doc, [lab("col_code"), lab("col_criterion"), lab("col_weight_given"), lab("col_weight_share"),
              lab("col_levels")],
        "row in criteria_rows",
        ["{{ row.code }}", "{{ row.name }}", "{{ row.weight_raw }}", "{{ row.weight|percent }}", "{{ row.levels }}"],
        align=["center", "left", "right", "right", "left"], widths_mm=[14, 60, 24, 26, 136],
        keep_together=SHORT,
    )
    add_paragraph(doc, lab("scale") + ": {{ ranking_scale.min|num }}–{{ ranking_scale.max|num }}. "
                  + lab("wg_formula"), align="justify")
    add_paragraph(doc, lab("tie_break") + ": {{ tie_break_text }}.")

    add_heading(doc, lab("h_wg_scores"), 1)
    # The chart right under the heading, the table it draws from right under it: a chart after a long table was
    # pushed alone to the next page.
    add_chart(doc, "chart_scores", lab("chart_scores"))
    add_loop_table(
        doc, [lab("col_rank"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_bag_rank"),
              lab("col_breakdown"), lab("col_score")],
        "row in score_rows",
        ["{{ row.rank }}", "{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.bag_rank|dash }}",
         "{{ row.breakdown }}", "{{ row.score|num(2) }}"],
        align=["center", "left", "left", "left", "center", "left", "right"],
        widths_mm=[18, 20, 32, 76, 18, 72, 24], font_pt=10,
    )

    add_heading(doc, lab("h_wg_ties"), 1)
    add_paragraph(doc, "{{ labels.wg_ties_intro if tie_rows else labels.wg_no_ties }}")
    add_loop_table(
        doc, [lab("col_rank"), lab("col_above"), lab("col_id"), lab("col_score"), lab("col_tie_key"),
              lab("col_tie_values")],
        "row in tie_rows",
        ["{{ row.rank }}", "{{ row.above }}", "{{ row.id }}", "{{ row.score|num(2) }}", "{{ row.key }}",
         "{{ row.compare }}"],
        align=["center", "left", "left", "right", "left", "center"], widths_mm=[16, 30, 30, 24, 80, 60],
        keep_together=SHORT,
    )

    add_heading(doc, lab("h_wg_allocation"), 1)
    add_paragraph(doc, "{{ allocation_method_text }}", align="justify")
    add_paragraph(doc, "{{ wg_envelope_line }}", align="justify")
    add_loop_table(
        doc, [lab("col_rank"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_cost_mnt"),
              lab("col_decision_reason"), lab("col_cumulative"), lab("col_remaining")],
        "row in wg_decision_rows",
        ["{{ row.rank }}", "{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.cost|amount }}",
         "{{ row.decision }}", "{{ row.cumulative|amount }}", "{{ row.remaining|amount }}"],
        align=["center", "left", "left", "left", "right", "left", "right", "right"],
        widths_mm=[18, 20, 30, 62, 26, 55, 26, 26], font_pt=10,
        total=["", "", "", lab("total"), "", "", "{{ funded_total|amount }}", "{{ balance|amount }}"],
    )
    add_heading(doc, lab("h_wg_out"), 2)
    add_loop_table(
        doc, [lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_cost_mnt"), lab("col_decision_reason")],
        "row in wg_out_rows",
        ["{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.cost|amount }}", "{{ row.decision }}"],
        align=["left", "left", "left", "right", "left"], widths_mm=[20, 32, 98, 30, 80],
        keep_together=SHORT,
    )
    add_heading(doc, lab("h_wg_bags"), 2)
    add_loop_table(
        doc, [lab("col_bag"), lab("col_ranked_count"), lab("col_funded_count"), lab("col_amount_mnt"),
              lab("col_share")],
        "row in wg_bag_rows",
        ["{{ row.bag }}", "{{ row.ranked }}", "{{ row.funded }}", "{{ row.amount|amount }}",
         "{{ row.share|percent(1) }}"],
        align=["left", "center", "center", "right", "right"], widths_mm=[70, 30, 30, 45, 30],
        total=[lab("total"), "", "{{ funded_count }}", "{{ funded_total|amount }}", ""],
        keep_together=SHORT,
    )
    add_chart(doc, "chart_by_bag", lab("chart_by_bag"))
    add_heading(doc, lab("h_wg_firmness"), 2)
    add_paragraph(doc, lab("wg_firmness_intro"), align="justify", keep_with_next=True)
    add_loop_table(
        doc, [lab("col_rank"), lab("col_proposal"), lab("col_funded"), lab("col_firm_weight"), lab("col_firm_score")],
        "row in firmness.rows",
        ["{{ row.rank }}", "{{ row.title }}", "{{ row.funded }}", "{{ row.weight }}", "{{ row.score }}"],
        align=["center", "left", "center", "left", "center"], widths_mm=[18, 92, 26, 86, 40], font_pt=10,
        keep_together=SHORT,
    )
    add_paragraph(doc, "{{ firmness.sentence }}", align="justify", space_before=6)

    add_heading(doc, lab("h_wg_eligibility"), 1)
    add_paragraph(doc, lab("wg_eligibility_intro"), keep_with_next=True)
    add_loop_table(
        doc, [lab("col_no"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_eligible"),
              lab("col_basis")],
        "row in eligibility_rows",
        ["{{ row.no }}", "{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.decision }}", "{{ row.basis }}"],
        align=["center", "left", "left", "left", "center", "left"], widths_mm=[10, 20, 35, 75, 30, 92], font_pt=10,
    )

    add_heading(doc, lab("h_wg_signatures"), 1)
    add_signature_block(doc, [(lab("wg_chair") + ":", "/{{ program.working_group.chair|t|dash }}/")],
                        widths_mm=(80, 60, 120))
    add_loop_table(doc, [lab("col_no"), lab("col_name"), lab("col_signature")], "m in wg_members",
                   ["{{ m.no }}", "{{ m.name }}", " "], align=["center", "left", "left"], widths_mm=[12, 150, 60],
                   keep_together=SHORT)
    _equal_shares_appendix(doc)
    return doc


def _equal_shares_appendix(doc: Any) -> None:
    """The comparison with the Method of Equal Shares (docs/mes.md): after the signatures, on its own page, so that
    nobody signs it or takes it for the decision; only when the program asks for it."""
    add_paragraph(doc, "{%p if equal_shares.requested %}")
    add_page_break(doc)
    add_heading(doc, lab("h_mes"), 1)
    add_paragraph(doc, lab("mes_not_decision"), align="justify", bold=True)
    add_paragraph(doc, lab("mes_intro"), align="justify")
    add_paragraph(doc, "{{ equal_shares.voters_text }}", align="justify")
    add_paragraph(doc, "{%p if equal_shares.left_out_text %}")
    add_paragraph(doc, "{{ equal_shares.left_out_text }}", align="justify")
    add_paragraph(doc, "{%p endif %}")
    add_heading(doc, lab("h_mes_summary"), 2)
    add_loop_table(
        doc, [lab("col_mes_rule"), lab("col_funded_count"), lab("col_amount_mnt"), lab("col_remaining")],
        "row in equal_shares.summary_rows",
        ["{{ row.rule }}", "{{ row.count }}", "{{ row.amount|amount }}", "{{ row.remaining|amount }}"],
        align=["left", "center", "right", "right"], widths_mm=[120, 30, 50, 50], keep_together=SHORT,
    )
    add_paragraph(doc, "{{ equal_shares.difference_text }}", align="justify", space_before=6)
    add_heading(doc, lab("h_mes_proposals"), 2)
    add_loop_table(
        doc, [lab("col_rank"), lab("col_id"), lab("col_bag"), lab("col_proposal"), lab("col_bag_rank"),
              lab("col_cost_mnt"), lab("col_mes_procedure"), lab("col_mes_mes"), lab("col_mes_difference")],
        "row in equal_shares.rows",
        ["{{ row.rank }}", "{{ row.id }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.bag_rank|dash }}",
         "{{ row.cost|amount }}", "{{ row.procedure }}", "{{ row.mes }}", "{{ row.difference }}"],
        align=["center", "left", "left", "left", "center", "right", "center", "center", "left"],
        widths_mm=[16, 20, 30, 66, 18, 28, 24, 24, 34], font_pt=10,
    )
    add_heading(doc, lab("h_mes_bags"), 2)
    add_loop_table(
        doc, [lab("col_bag"), lab("col_mes_voters"), lab("col_mes_share"), lab("col_mes_procedure_mnt"),
              lab("col_mes_mes_mnt")],
        "row in equal_shares.bag_rows",
        ["{{ row.bag }}", "{{ row.voters|num }}", "{{ row.share|amount }}", "{{ row.procedure|amount }}",
         "{{ row.mes|amount }}"],
        align=["left", "center", "right", "right", "right"], widths_mm=[70, 40, 50, 50, 50],
        total=[lab("total"), "{{ equal_shares.totals.voters|num }}", "{{ equal_shares.totals.share|amount }}",
               "{{ equal_shares.totals.procedure|amount }}", "{{ equal_shares.totals.mes|amount }}"],
        keep_together=SHORT,
    )
    add_paragraph(doc, "{%p endif %}")


def apa_report() -> Any:
    """The soum's self-assessment under the Annual Performance Assessment (once per assessment, `apa`)."""
    doc = new_document("mn")
    add_running_header(doc, "{{ municipality_name }} — " + lab("apa_title"))
    add_paragraph(doc, "{{ unit_line }}", align="center", bold=True)
    add_paragraph(doc, lab("apa_title"), style="Title", align="center")
    add_paragraph(doc, lab("apa_kind"), align="center", bold=True)
    add_paragraph(doc, "{{ apa_lines.subtitle }}", align="center")
    add_paragraph(doc, lab("apa_intro"), align="justify", space_before=12)
    add_paragraph(doc, "{{ apa_lines.total }}", align="justify", bold=True)
    add_paragraph(doc, "{{ apa_lines.incentive }}", align="justify")

    add_heading(doc, lab("h_apa_summary"), 1)
    add_loop_table(
        doc, [lab("col_no"), lab("col_area"), lab("col_indicator_count"), lab("col_max_points"),
              lab("col_points_given"), lab("col_share")],
        "row in apa.area_rows",
        ["{{ row.no }}", "{{ row.area }}", "{{ row.indicators }}", "{{ row.max|onhs_num }}",
         "{{ row.points|onhs_num }}", "{{ row.share|percent(1) }}"],
        align=["center", "left", "center", "right", "right", "right"], widths_mm=[10, 64, 28, 22, 24, 17],
        total=["", lab("total"), "", "{{ apa.max|onhs_num }}", "{{ apa.points|onhs_num }}",
               "{{ apa.share|percent(1) }}"],
        keep_together=SHORT,
    )

    add_heading(doc, lab("h_apa_sign"), 1)
    add_signature_block(doc, [(lab("apa_assessed_by") + ":", "/{{ apa.assessed_by|dash }}/")],
                        widths_mm=(55, 55, 55), date_line=lab("apa_date") + ": {{ apa_lines.date }}")

    _new_section(doc, landscape=True)
    add_heading(doc, lab("h_apa_detail"), 1)
    add_loop_table(
        doc, [lab("col_area"), lab("col_code"), lab("col_indicator"), lab("col_evidence_required"),
              lab("col_max_points"), lab("col_points_given"), lab("col_evidence_given")],
        "row in apa.detail_rows",
        ["{{ row.area }}", "{{ row.code }}", "{{ row.indicator }}", "{{ row.required }}", "{{ row.max|onhs_num }}",
         "{{ row.points|onhs_num }}", "{{ row.evidence|dash }}"],
        align=["left", "center", "left", "left", "right", "right", "left"],
        widths_mm=[36, 14, 70, 52, 18, 20, 52], font_pt=10,
        total=["", "", lab("total"), "", "{{ apa.max|onhs_num }}", "{{ apa.points|onhs_num }}", ""],
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
    add_paragraph(doc, "{%p for a in resolution.articles %}")
    add_paragraph(doc, "{{ a.text }}", align="justify")
    add_paragraph(doc, "{%p endfor %}")
    add_paragraph(doc)
    add_signature_block(doc, [(lab("res_signature"), "{{ resolution.chair }}")], keep_with_previous=False)
    add_annex(doc, "{{ resolution.annex_title }}", mark="{{ resolution.annex_mark }}")
    add_loop_table(
        doc, [lab("col_no"), lab("col_bag"), lab("col_proposal"), lab("col_location"), lab("col_type"),
              lab("col_cost_legal")],
        "row in allocation_rows",
        ["{{ row.no }}", "{{ row.bag }}", "{{ row.title }}", "{{ row.location|dash }}", "{{ row.type }}",
         "{{ row.cost|amount }}"],
        align=["center", "left", "left", "left", "left", "right"], widths_mm=[10, 25, 52, 28, 23, 27],
        total=["", lab("total"), "", "", "", "{{ funded_total|amount }}"],
    )
    # The annex has no chapters: the envelope's title is its own, not the plan's numbered heading.
    add_paragraph(doc, lab("res_annex_envelope"), bold=True, space_before=12)
    add_loop_table(
        doc, [lab("col_no"), lab("col_source"), lab("col_amount_legal")], "row in envelope_rows",
        ["{{ row.no }}", "{{ row.source }}", "{{ row.amount|amount }}"],
        align=["center", "left", "right"], widths_mm=[10, 115, 40],
        total=["", lab("total"), "{{ envelope_total|amount }}"],
        keep_together=SHORT,
    )
    add_paragraph(doc, "{{ resolution.allocation_line }}", align="justify")
    return doc


def main() -> None:
    for name, build in (("ldf_plan", plan), ("inh_minutes", minutes), ("wg_ranking", working_group),
                        ("apa_report", apa_report), ("itk_resolution", resolution),
                        ("results_notice", results_notice)):
        save_template(build(), OUT / f"{name}.docx")
        print(OUT / f"{name}.docx")


if __name__ == "__main__":
    main()
