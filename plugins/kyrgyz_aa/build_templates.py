"""Builds the Word templates of the Kyrgyz methodology: `python plugins/kyrgyz_aa/build_templates.py`.

One template per document serves every language: all words come from `labels` (data/<version>/labels.yaml)
and program values, so wording is edited in one data file for Kyrgyz, Russian (and English), and the layout of
the Kyrgyz and Russian documents cannot drift apart. Tables are flat row lists built by context.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from sedp_core.authoring.build import (
    add_annex,
    add_chart,
    add_grouped_table,
    add_heading,
    add_loop_table,
    add_matrix_table,
    add_page_break,
    add_paragraph,
    add_running_header,
    add_signature_block,
    add_toc,
    landscape_section,
    new_document,
    portrait_section,
    remove_borders,
    save_template,
)

OUT = Path(__file__).resolve().parent.parent.parent / "templates_docx" / "kyrgyz_aa"
VERSION = "2018"
L = "{{ labels.%s }}"
# Words that differ for a town (the kenesh, the head, settlements): the context's labels for the program's kind.
K = "{{ aa.kl.%s }}"
# The period lengths a template must lay out (methodology.yaml `horizon`).
MIN_YEARS, MAX_YEARS = 3, 6


def table(doc: Any, headers: Sequence[str], loop: str, cells: Sequence[str], widths_mm: Sequence[float],
          font_pt: float | None = None, keep_together: int | None = 6, **options: Any) -> Any:
    """`add_loop_table` with the column widths every table here gives; a table of at most 6 rows stays on one
    page (the action plan and the goal tree, a page or more of tall rows, pass `keep_together=None`)."""
    return add_loop_table(doc, headers, loop, cells, widths_mm=widths_mm, font_pt=font_pt,
                          keep_together=keep_together, **options)


def borderless(t: Any) -> None:
    """Drop the header row and every border: for signature blocks laid out as a table."""
    t._tbl.remove(t.rows[0]._tr)
    remove_borders(t)


def per_period(doc: Any, build: Any) -> None:
    """One table per possible number of years (the horizon's 3 to 6, methodology.yaml): the document shows the
    one of its program's period, so each year gets a column of its own with widths fitted to the count."""
    for years in range(MIN_YEARS, MAX_YEARS + 1):
        add_paragraph(doc, f"{{%p if aa.n_years == {years} %}}")
        build(years)
        add_paragraph(doc, "{%p endif %}")


def tag_language(doc: Any, expression: str = "aa.lang_tag") -> None:
    """Give every run of the body and the header the document's proofing language (rendered per document):
    the styles say Kyrgyz, and a Russian document must not be spell-checked as Kyrgyz."""
    parts = [doc.element.body, *(s.header._element for s in doc.sections)]
    for part in parts:
        for run in part.iter(qn("w:r")):
            rpr = run.get_or_add_rPr()
            for old in rpr.findall(qn("w:lang")):
                rpr.remove(old)
            rpr.append(rpr.makeelement(qn("w:lang"), {qn("w:val"): f"{{{{ {expression} }}}}"}))


def lab(*keys: str) -> list[str]:
    return [L % k for k in keys]


def label_value_table(doc: Any, loop: str) -> None:
    """A two-column table of label/value lines, without a header row of its own."""
    table(doc, lab("col_indicator_name", "col_value"), loop, ["{{ r.label }}", "{{ r.value }}"],
                   widths_mm=[70, 95])


def header(doc: Any) -> None:
    # Called while the document has one section: later sections link to this header and footer, so the
    # running header is written once; only the title page (first page of section 1) goes without it.
    add_running_header(doc, "{{ title }}")


def action_plan_table(doc: Any) -> None:
    """The action plan's landscape table (chapter 6 of the program and the annex document): goal → objective →
    task as group rows numbered as in chapter 5, each task's activities under it."""
    add_grouped_table(
        doc,
        lab("no", "col_activity", "col_indicator", "col_baseline", "col_target", "col_deadline",
            "col_responsible", "col_cost_th", "col_funding_source", "col_expected_result"),
        "r in aa.action_rows",
        ["{{ r.no }}", "{{ r.title }}", "{{ r.indicator|dash }}", "{{ r.baseline }}",
         "{{ r.target }}", "{{ r.deadline }}", "{{ r.responsible }}", "{{ r.cost|kg_th }}", "{{ r.sources }}",
         "{{ r.expected_result|dash }}"],
        # 8.5 pt: at 9 pt the longest Russian words of the samples ("(софинансирование)", "Зарегистрированные")
        # need more than the landscape page's 262 mm and broke mid-word.
        widths_mm=[9, 43, 35, 17, 21, 22, 31, 19.5, 33.5, 31], font_pt=8.5,
        align=["center", "left", "left", "right", "right", "left", "left", "right", "left", "left"],
        total=["", L % "total", "", "", "", "", "", "{{ aa.action_total|kg_th }}", "", ""],
    )


def program(path: Path) -> None:
    doc = new_document("ky")
    header(doc)
    # --- title page ---
    add_paragraph(doc, L % "republic", align="center", bold=True)
    add_paragraph(doc, "{{ aa.parents_line }}", align="center")
    add_paragraph(doc, "{{ aa.municipality.executive }}", align="center", bold=True)
    add_paragraph(doc, "{{ aa.stamp }}", align="right", bold=True, space_before=36)
    add_paragraph(doc, "{{ aa.stamp_line }}", align="right")
    # Empty (no rows) unless the program asks for the signature-block title page.
    borderless(table(doc, ["", ""], "r in aa.signature_rows", ["{{ r.left }}", "{{ r.right }}"], widths_mm=[82, 83],
                     align=["left", "left"], font_pt=12, keep_together=None))
    add_paragraph(doc, "{{ title }}", style="Title", align="center", space_before=120)
    # The place and year at the foot of the title page.
    add_paragraph(doc, "{{ aa.title_foot }}", align="center", bold=True, space_before=200)
    add_page_break(doc)
    add_toc(doc, L % "contents")
    # The contents title should not list itself in the contents: give it the Subtitle style, centred.
    doc.paragraphs[-2].style = doc.styles["Subtitle"]
    doc.paragraphs[-2].alignment = 1
    add_page_break(doc)
    # --- abbreviations, introduction ---
    add_heading(doc, L % "sec_abbreviations", 1)
    table(doc, lab("col_abbr", "col_meaning"), "r in aa.abbreviation_rows", ["{{ r.abbr }}", "{{ r.meaning }}"],
          widths_mm=[30, 135])
    add_heading(doc, L % "sec_intro", 1)
    add_paragraph(doc, "{{ program.introduction|t }}", align="justify")
    add_paragraph(doc, L % "intro_methodology")
    add_paragraph(doc, "{{ aa.methodology_title }}", bold=True)
    add_heading(doc, L % "sub_stages", 2)
    table(doc, lab("no", "col_stage"), "r in aa.stage_rows", ["{{ r.no }}", "{{ r.stage }}"],
                   widths_mm=[12, 153], align=["center", "left"])
    add_heading(doc, L % "sub_working_group", 2)
    add_paragraph(doc, "{{ aa.wg_decision }}", align="justify")
    table(doc, lab("no", "col_name", "col_position", "col_role"), "r in aa.member_rows",
                   ["{{ r.no }}", "{{ r.name }}", "{{ r.position }}", "{{ r.role }}"],
                   widths_mm=[10, 55, 65, 35], align=["center", "left", "left", "left"])
    add_heading(doc, L % "sub_hearings", 2)
    table(doc, lab("no", "col_date", "col_place", "col_participants", "col_women", "col_remarks"),
                   "r in aa.hearing_rows",
                   ["{{ r.no }}", "{{ r.date }}", "{{ r.place }}", "{{ r.participants|num }}", "{{ r.women|num }}",
                    "{{ r.remarks|num }}"],
                   widths_mm=[9, 22, 56, 29, 24, 25], align=["center", "left", "left", "right", "right", "right"])
    # --- 1. general characteristics ---
    add_heading(doc, L % "sec_general", 1)
    label_value_table(doc, "r in aa.general_rows")
    add_heading(doc, K % "sub_villages", 2)
    table(doc, [L % "no", K % "col_village", *lab("col_population", "col_households", "col_distance_centre")],
                   "r in aa.village_rows",
                   ["{{ r.no }}", "{{ r.name }}", "{{ r.population|num }}", "{{ r.households|num }}",
                    "{{ r.distance|num }}"],
                   widths_mm=[10, 60, 30, 30, 35], align=["center", "left", "right", "right", "right"],
                   total=["", L % "total", "{{ aa.village_total.population|num }}",
                          "{{ aa.village_total.households|num }}", ""])
    add_heading(doc, L % "sub_passport", 2)
    add_paragraph(doc, "{{ program.situation.summary|t }}", align="justify")
    add_grouped_table(doc, lab("no", "col_indicator_name", "col_unit", "col_value", "col_year", "col_source"),
                  "r in aa.passport_rows",
                  ["{{ r.no }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.value }}", "{{ r.year }}", "{{ r.source }}"],
                  widths_mm=[10, 58, 20, 24, 16, 37], align=["center", "left", "left", "right", "center", "left"])
    # The program's map or photograph under its heading, with its caption. Without one, a draft has a framed
    # space of a third of a page to paste it in Word, and an approved program prints neither frame nor heading.
    add_paragraph(doc, "{%p if aa.map_picture %}")
    add_heading(doc, L % "sub_map", 2)
    # the caption stays under its picture
    add_paragraph(doc, "{{ aa.map_picture }}", align="center", keep_with_next=True)
    add_paragraph(doc, "{%p if aa.map_caption %}")
    add_paragraph(doc, "{{ aa.map_caption }}", style="Caption", align="center")
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, "{%p elif aa.draft %}")
    add_heading(doc, L % "sub_map", 2)
    slot = table(doc, ["{{ labels.map_hint }}"], "r in aa.map_slot", ["{{ r }}"],
                 widths_mm=[165], align=["center"], keep_together=None)
    slot.rows[0].height = Mm(90)
    add_paragraph(doc, "{%p endif %}")
    # --- 2. SWOT ---
    add_heading(doc, L % "sec_swot", 1)
    table(doc, lab("swot_strengths", "swot_weaknesses"), "r in aa.swot_sw", ["{{ r.a }}", "{{ r.b }}"],
                   widths_mm=[82, 83])
    table(doc, lab("swot_opportunities", "swot_threats"), "r in aa.swot_ot", ["{{ r.a }}", "{{ r.b }}"],
                   widths_mm=[82, 83])
    # --- 3. needs assessment ---
    add_heading(doc, L % "sec_needs", 1)
    add_heading(doc, L % "sub_sessions", 2)
    table(doc, [L % "no", K % "col_village", *lab("col_date", "col_method", "col_women_short", "col_men",
                                                  "col_youth", "col_total_people")],
                   "r in aa.session_rows",
                   ["{{ r.no }}", "{{ r.village }}", "{{ r.date }}", "{{ r.method }}", "{{ r.women|num }}",
                    "{{ r.men|num }}", "{{ r.youth|num }}", "{{ r.total|num }}"],
                   widths_mm=[9.5, 25, 20, 27.5, 21, 21, 21, 20],
                   align=["center", "left", "left", "left", "right", "right", "right", "right"],
                   total=["", L % "total", "", "", "{{ aa.session_total.women|num }}", "{{ aa.session_total.men|num }}",
                          "{{ aa.session_total.youth|num }}", "{{ aa.session_total.total|num }}"])
    add_heading(doc, L % "sub_inclusion", 2)
    label_value_table(doc, "r in aa.inclusion.rows")
    add_heading(doc, L % "sub_problems", 2)
    # The lines that introduce the ranked problems stay with their table.
    add_paragraph(doc, L % "ranking_method" + " {{ aa.ranking_method }}", keep_with_next=True)
    add_paragraph(doc, "{{ aa.votes_rule }}", keep_with_next=True)
    table(doc, [*lab("col_rank", "col_problem"), K % "col_villages", *lab("col_votes", "col_answered_by")],
          "r in aa.problem_rows",
          ["{{ r.rank }}", "{{ r.title }}", "{{ r.villages }}", "{{ r.votes|num }}", "{{ r.answered_by }}"],
          widths_mm=[13, 50, 37, 20, 45], align=["center", "left", "left", "right", "left"])
    add_paragraph(doc, L % "jap_line" + " {{ aa.jap_line }}")
    # --- 4. vision, 5. goals ---
    add_heading(doc, L % "sec_vision", 1)
    add_paragraph(doc, "{{ program.vision|t }}", align="justify")
    add_paragraph(doc, "{{ aa.values_line }}")
    add_heading(doc, L % "sec_goals", 1)
    add_heading(doc, L % "sub_priorities", 2)
    table(doc, lab("no", "col_priority", "col_description"), "r in aa.priority_rows",
                   ["{{ r.no }}", "{{ r.title }}", "{{ r.description }}"], widths_mm=[10, 60, 95],
                   align=["center", "left", "left"])
    add_heading(doc, L % "sub_goal_tree", 2)
    table(doc, lab("no", "col_goal", "col_objective", "col_task"), "r in aa.goal_rows",
                   ["{{ r.no }}", "{{ r.goal }}", "{{ r.objective }}", "{{ r.task }}"], widths_mm=[14, 55, 48, 48],
                   align=["center", "left", "left", "left"], merge_down={1: "r.goal", 2: "r.goal or r.objective"},
                   keep_together=None)
    # --- 6. action plan, landscape ---
    landscape_section(doc)
    add_heading(doc, L % "sec_action_plan", 1)
    action_plan_table(doc)
    portrait_section(doc)
    # --- 7. financing ---
    add_heading(doc, L % "sec_financing", 1)
    add_heading(doc, L % "sub_by_source", 2)
    table(doc, lab("no", "col_funding_source", "col_kind", "col_amount_th", "col_share"), "r in aa.source_rows",
                   ["{{ r.no }}", "{{ r.name }}", "{{ r.kind }}", "{{ r.amount|kg_th }}", "{{ r.share|percent(1) }}"],
                   widths_mm=[10, 60, 40, 30, 25], align=["center", "left", "left", "right", "right"],
                   total=["", L % "total", "", "{{ aa.source_total|kg_th }}", ""])
    add_paragraph(doc, "{%p if program.financing.notes %}")
    add_paragraph(doc, "{{ program.financing.notes|t }}", align="justify")
    add_paragraph(doc, "{%p endif %}")
    add_heading(doc, L % "sub_matrix", 2)
    financing_matrix_table(doc)
    add_chart(doc, "aa.chart_by_year", L % "chart_by_year")
    add_heading(doc, L % "sub_by_sector", 2)
    table(doc, lab("no", "col_sector", "col_amount_th", "col_share"), "r in aa.sector_rows",
          ["{{ r.no }}", "{{ r.sector }}", "{{ r.amount|kg_th }}", "{{ r.share|percent(1) }}"],
          widths_mm=[10, 100, 30, 25], align=["center", "left", "right", "right"],
          total=["", L % "total", "{{ aa.sector_total|kg_th }}", ""])
    add_chart(doc, "aa.chart_by_sector", L % "chart_by_sector")
    label_value_table(doc, "r in aa.fin_summary")
    # --- 8. alignment ---
    add_heading(doc, L % "sec_alignment", 1)
    add_paragraph(doc, L % "align_intro")
    add_grouped_table(doc, lab("col_national", "col_program_part"), "r in aa.alignment_rows",
                  ["{{ r.entry }}", "{{ r.parts }}"], widths_mm=[75, 90], group_text="{{ r.entry }}")
    add_paragraph(doc, L % "coverage" + ":", keep_with_next=True)
    add_paragraph(doc, "{%p for line in aa.coverage_lines %}")
    add_paragraph(doc, "{{ line }}")
    add_paragraph(doc, "{%p endfor %}")
    # --- 9. risks, 10. monitoring ---
    add_heading(doc, L % "sec_risks", 1)
    table(doc, lab("no", "col_risk", "col_mitigation"), "r in aa.risk_rows",
                   ["{{ r.no }}", "{{ r.risk }}", "{{ r.mitigation }}"], widths_mm=[10, 75, 80],
                   align=["center", "left", "left"])
    add_heading(doc, L % "sec_monitoring", 1)
    add_paragraph(doc, "{{ program.monitoring.description|t }}", align="justify")
    add_paragraph(doc, L % "mon_responsible" + " {{ program.monitoring.responsible|t|dash }}")
    add_heading(doc, L % "sub_mon_steps", 2)
    table(doc, lab("col_what", "col_who", "col_when", "col_to_whom"), "s in program.monitoring.steps",
                   ["{{ s.what|t }}", "{{ s.who|t }}", "{{ s.when|t }}", "{{ s.to_whom|t|dash }}"],
                   widths_mm=[55, 35, 35, 40])
    add_heading(doc, L % "sub_results_framework", 2)
    per_period(doc, lambda n: results_framework_table(doc, n))
    add_chart(doc, "aa.chart_baseline", L % "chart_baseline")
    add_paragraph(doc, L % "evaluation" + " {{ program.monitoring.evaluation|t|dash }}")
    # The program's closing signature: the head who submits it.
    add_signature_block(doc, [("{{ aa.closing.head_title }}", "{{ aa.closing.head }}")])
    project_passports(doc)
    review_annex(doc)
    tag_language(doc)
    save_template(doc, path)


def financing_matrix_table(doc: Any) -> None:
    """Sources × years with a total column and the bold total row (the core's matrix table); the subtotal row
    of a kind of source with several sources (key "subtotal:<kind>") is bold too."""
    t = add_matrix_table(doc, "aa.sources_by_year", L % "col_funding_source", total_header=L % "total",
                         filter="kg_th", label_width_mm=58, total_width_mm=24, font_pt=9)
    # The row loop's one item row: its runs are bold where the row is a subtotal (docxtpl renders the attribute).
    item_row = t.rows[2]._tr
    for run in item_row.iter(qn("w:r")):
        rpr = run.get_or_add_rPr()
        rpr.insert(0, rpr.makeelement(qn("w:b"), {
            qn("w:val"): "{{ 'true' if r.key is string and r.key.startswith('subtotal:') else 'false' }}"}))


def results_framework_table(doc: Any, years: int) -> None:
    """Goal → objective → (task →) indicator → baseline → a target per year → source of data."""
    year_w = min(14.0, 60.0 / years)
    add_grouped_table(doc, [*lab("no", "col_indicator_name", "col_unit", "col_baseline"),
                        *[f"{{{{ aa.rf_years[{i}] }}}}" for i in range(years)], L % "col_data_source"],
                  "r in aa.rf_rows",
                  ["{{ r.no }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.baseline }}",
                   *[f"{{{{ r.targets[{i}] }}}}" for i in range(years)], "{{ r.source }}"],
                  widths_mm=[9, 165 - 9 - 16 - 21 - 31 - year_w * years, 16, 21, *[year_w] * years, 31],
                  align=["center", "left", "left", "right", *["right"] * years, "left"], font_pt=9)


def project_passports(doc: Any) -> None:
    """An annex of the program: one page per investment project (activities above the data's cost)."""
    add_paragraph(doc, "{%p for pp in aa.project_passports %}")
    add_annex(doc, L % "pp_title", mark="{{ aa.annex_passports }}")
    table(doc, lab("col_indicator_name", "col_value"), "r in pp.lines", ["{{ r.label }}", "{{ r.value }}"],
          widths_mm=[60, 105], keep_together=None)
    add_paragraph(doc, L % "pp_financing", bold=True)
    table(doc, lab("col_funding_source", "col_year", "col_amount_th"), "r in pp.financing",
          ["{{ r.source }}", "{{ r.year }}", "{{ r.amount }}"], widths_mm=[95, 30, 40],
          align=["left", "center", "right"], total=[L % "total", "", "{{ pp.total }}"])
    add_paragraph(doc, "{%p endfor %}")


def review_annex(doc: Any) -> None:
    """The reviewer's annex, printed only when the program asks for it (`review_annexes`)."""
    add_paragraph(doc, "{%p if aa.review_rows %}")
    add_annex(doc, L % "review_annex_title")
    table(doc, lab("col_national", "not_covered"), "r in aa.review_rows", ["{{ r.catalog }}", "{{ r.entries }}"],
          widths_mm=[55, 110], keep_together=None)
    add_paragraph(doc, "{%p endif %}")


def landscape(section: Any) -> None:
    """Turn the document's only section landscape (a one-table report), with the margins of
    `landscape_section`."""
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.top_margin, section.bottom_margin = Mm(30), Mm(15)


def action_plan(path: Path) -> None:
    """The action plan as an annex of its own: the same table as chapter 6, under the annex line of the program
    and the head's signature."""
    doc = new_document("ky")
    landscape(doc.sections[0])
    header(doc)
    add_annex(doc, L % "annex_title", mark="{{ aa.annex_action_plan }}", new_page=False)
    action_plan_table(doc)
    add_signature_block(doc, [(K % "head_title", "{{ aa.municipality.head }}")], widths_mm=(110, 60, 92),
                        keep_with_previous=False)
    tag_language(doc)
    save_template(doc, path)


def hearing_minutes(path: Path) -> None:
    doc = new_document("ky")
    header(doc)
    add_paragraph(doc, "{{ aa.municipality.executive }}", align="center", bold=True)
    add_paragraph(doc, L % "minutes_title", style="Title", align="center")
    add_paragraph(doc, "{{ title }}", align="center", bold=True)
    add_paragraph(doc, L % "col_date" + ": {{ aa.hearing.date }}")
    add_paragraph(doc, L % "col_place" + ": {{ aa.hearing.place }}")
    add_paragraph(doc, L % "minutes_present" + ": {{ aa.hearing.participants|num }} {{ labels.persons }}, "
                  + L % "col_women" + " {{ aa.hearing.women|num }}")
    add_paragraph(doc, L % "minutes_agenda", bold=True)
    add_heading(doc, L % "minutes_remarks", 2)
    table(doc, lab("no", "col_remarks", "col_response", "col_accepted"), "r in aa.remark_rows",
                   ["{{ r.no }}", "{{ r.text }}", "{{ r.response|dash }}", "{{ r.accepted|dash }}"],
                   widths_mm=[10, 70, 65, 20], align=["center", "left", "left", "center"])
    add_paragraph(doc, K % "minutes_decided", align="justify")
    add_signature_block(doc, [(L % "chair", "{{ aa.wg_chair }}"), (L % "secretary", "{{ aa.wg_secretary }}")])
    tag_language(doc)
    save_template(doc, path)


def kenesh_resolution(path: Path) -> None:
    doc = new_document("ky")
    header(doc)
    # A draft program gets the draft form (ДОЛБООР, blank number and date); an approved one the adopted
    # resolution: its session, date and number.
    add_paragraph(doc, "{%p if aa.resolution.draft %}")
    add_paragraph(doc, "{{ aa.resolution.stamp }}", align="right", bold=True)
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, "{{ aa.municipality.kenesh|upper }}", align="center", bold=True)
    add_paragraph(doc, "{%p if aa.resolution.session %}")
    add_paragraph(doc, "{{ aa.resolution.session }}", align="center")
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, L % "res_title", style="Title", align="center")
    add_paragraph(doc, "{{ aa.resolution.number_line }}", align="center")
    add_paragraph(doc, "{{ aa.resolution.subject }}", align="center", bold=True, space_before=12)
    add_paragraph(doc, "{{ aa.resolution.preamble }}", align="justify", space_before=12)
    add_paragraph(doc, "{{ aa.municipality.kenesh }} " + L % "res_decides", bold=True)
    add_paragraph(doc, L % "res_item_approve", align="justify")
    add_paragraph(doc, "«{{ title }}»", align="center", bold=True)
    add_paragraph(doc, K % "res_item_implement", align="justify")
    add_paragraph(doc, K % "res_item_publish", align="justify")
    add_paragraph(doc, "{{ aa.resolution.control }}", align="justify")
    add_signature_block(doc, [(K % "res_signature", "{{ aa.resolution.chair }}")])
    tag_language(doc)
    save_template(doc, path)


def gathering_minutes(path: Path) -> None:
    doc = new_document("ky")
    header(doc)
    add_paragraph(doc, "{{ aa.municipality.executive }}", align="center", bold=True)
    add_paragraph(doc, L % "gm_title" + " № {{ aa.gathering.number }}", style="Title", align="center")
    add_paragraph(doc, L % "gm_subject", align="center", bold=True)
    add_paragraph(doc, L % "col_date" + ": {{ aa.gathering.date }}", space_before=12)
    add_paragraph(doc, K % "col_village" + ": {{ aa.gathering.village }}")
    add_paragraph(doc, L % "col_place" + ": {{ aa.gathering.place }}")
    add_paragraph(doc, L % "minutes_present" + ": {{ aa.gathering.present }}")
    add_paragraph(doc, L % "gm_chair" + ": {{ aa.gathering.chair|dash }}")
    add_paragraph(doc, L % "secretary" + ": {{ aa.gathering.secretary|dash }}")
    add_heading(doc, L % "gm_by_age", 2)
    table(doc, lab("col_age_group", "col_women_short", "col_men", "col_total_people"), "r in aa.gathering.age_rows",
          ["{{ r.group }}", "{{ r.women|num }}", "{{ r.men|num }}", "{{ r.total|num }}"],
          widths_mm=[65, 33, 33, 34], align=["left", "right", "right", "right"],
          total=[L % "total", "{{ aa.gathering.age_total.women|num }}", "{{ aa.gathering.age_total.men|num }}",
                 "{{ aa.gathering.age_total.total|num }}"])
    add_paragraph(doc, K % "gm_agenda", bold=True, align="justify")
    add_heading(doc, L % "gm_votes", 2)
    add_paragraph(doc, L % "ranking_method" + " {{ aa.ranking_method }}")
    add_paragraph(doc, "{{ aa.votes_rule }}")
    table(doc, [*lab("col_rank", "col_problem"), K % "col_villages", L % "col_votes"], "r in aa.problem_rows",
          ["{{ r.rank }}", "{{ r.title }}", "{{ r.villages }}", "{{ r.votes|num }}"],
          widths_mm=[15, 75, 50, 25], align=["center", "left", "left", "right"])
    # The decisions stay on the page of the signatures: minutes whose signatures stand alone on a page are
    # not accepted.
    add_paragraph(doc, L % "gm_decided", bold=True, keep_with_next=True)
    add_paragraph(doc, "{%p for r in aa.gathering.decision_rows %}")
    add_paragraph(doc, "{{ r.text }}", align="justify", keep_with_next=True)
    add_paragraph(doc, "{%p endfor %}")
    add_signature_block(doc, [(L % "gm_chair", "{{ aa.gathering.chair }}"),
                              (L % "secretary", "{{ aa.gathering.secretary }}")])
    tag_language(doc)
    save_template(doc, path)


def monitoring_report(path: Path) -> None:
    doc = new_document("ky")
    landscape(doc.sections[0])
    header(doc)
    add_paragraph(doc, "{{ aa.municipality.executive }}", align="center", bold=True)
    add_paragraph(doc, "{{ aa.mon_report.title }}", style="Title", align="center")
    add_paragraph(doc, "«{{ title }}»", align="center", bold=True)
    add_heading(doc, L % "sub_mr_indicators", 2)
    table(doc, lab("no", "col_indicator_name", "col_unit", "col_baseline", "col_target", "col_actual",
                   "col_achieved", "col_progress", "col_status", "col_comment"), "r in aa.mon_report.rows",
          ["{{ r.no }}", "{{ r.name }}", "{{ r.unit }}", "{{ r.baseline }}", "{{ r.target }}", "{{ r.actual }}",
           "{{ r.achieved }}", "{{ r.progress }}", "{{ r.status }}", "{{ r.comment }}"],
          widths_mm=[9, 50, 19, 20, 22, 25, 28, 27, 26, 36], font_pt=10,  # 19: "бирдиги" in bold whole
          align=["center", "left", "left", "right", "right", "right", "right", "right", "left", "left"])
    add_paragraph(doc, L % "mr_note", size=9)
    add_chart(doc, "aa.chart_achieved", L % "chart_achieved")
    add_heading(doc, L % "sub_mr_activities", 2)
    table(doc, lab("no", "col_activity", "col_planned_th", "col_spent_th", "col_spent_share", "col_status",
                   "col_comment"), "r in aa.mon_report.activity_rows",
          ["{{ r.no }}", "{{ r.title }}", "{{ r.planned }}", "{{ r.spent }}", "{{ r.share }}", "{{ r.status }}",
           "{{ r.comment }}"],
          widths_mm=[9, 90, 28, 28, 26, 30, 51], font_pt=10,
          align=["center", "left", "right", "right", "right", "left", "left"])
    add_heading(doc, L % "sub_mr_sources", 2)
    table(doc, lab("col_funding_source", "col_planned_th", "col_spent_th", "col_spent_share"),
          "r in aa.mon_report.source_rows", ["{{ r.name }}", "{{ r.planned }}", "{{ r.spent }}", "{{ r.share }}"],
          widths_mm=[120, 40, 40, 40], font_pt=10, align=["left", "right", "right", "right"])
    # The "fill in by hand" line belongs to a blank form only.
    add_paragraph(doc, "{%p if aa.mon_report.blank_note %}")
    add_paragraph(doc, "{{ aa.mon_report.blank_note }}", size=9)
    add_paragraph(doc, "{%p endif %}")
    add_signature_block(doc, [(L % "mr_prepared" + ": " + K % "head_title", "{{ aa.municipality.head }}")],
                        widths_mm=(110, 60, 92), date_line=L % "sign_date_line")
    tag_language(doc)
    save_template(doc, path)


BUILDERS: Sequence[tuple[str, Any]] = (
    (f"program_{VERSION}.docx", program),
    (f"action_plan_{VERSION}.docx", action_plan),
    (f"hearing_minutes_{VERSION}.docx", hearing_minutes),
    (f"gathering_minutes_{VERSION}.docx", gathering_minutes),
    (f"monitoring_report_{VERSION}.docx", monitoring_report),
    (f"kenesh_resolution_{VERSION}.docx", kenesh_resolution),
)


def main() -> None:
    for name, build in BUILDERS:
        build(OUT / name)
        print(OUT / name)


if __name__ == "__main__":
    main()
